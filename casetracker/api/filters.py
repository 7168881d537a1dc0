import django_filters as df

from casetracker.models import Allegation, Case, Claim, Document, Event, Party, Quote


class CaseFilter(df.FilterSet):
    case_name = df.CharFilter(lookup_expr="icontains")
    court = df.CharFilter(lookup_expr="iexact")
    docket_number = df.CharFilter(lookup_expr="iexact")
    party = df.CharFilter(field_name="case_parties__party__slug", distinct=True)
    date_filed = df.DateFromToRangeFilter()
    date_filed__gte = df.DateFilter(field_name="date_filed", lookup_expr="gte")
    date_filed__lte = df.DateFilter(field_name="date_filed", lookup_expr="lte")
    has_allegations = df.BooleanFilter(method="filter_has_allegations")

    class Meta:
        model = Case
        fields = ["status", "caption_inferred"]

    def filter_has_allegations(self, queryset, name, value):
        return queryset.filter(allegations__isnull=not value).distinct()


class DocumentFilter(df.FilterSet):
    publisher = df.CharFilter(lookup_expr="iexact")
    published_at__gte = df.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_at__lte = df.IsoDateTimeFilter(field_name="published_at", lookup_expr="lte")
    case = df.CharFilter(field_name="case_links__case__slug", distinct=True)

    class Meta:
        model = Document
        fields = ["kind", "is_ai_litigation", "story", "sha256"]


class PartyFilter(df.FilterSet):
    name = df.CharFilter(lookup_expr="icontains")
    case = df.CharFilter(field_name="case_roles__case__slug", distinct=True)

    class Meta:
        model = Party
        fields = ["kind", "gazetteer_id"]


class QuoteFilter(df.FilterSet):
    speaker = df.CharFilter(field_name="speaker__slug")
    case = df.CharFilter(field_name="document__case_links__case__slug", distinct=True)
    text = df.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Quote
        fields = ["document"]


class AllegationFilter(df.FilterSet):
    accuser = df.CharFilter(field_name="accuser__slug")
    accused = df.CharFilter(field_name="accused__slug")
    teacher = df.CharFilter(field_name="teacher__slug")
    student = df.CharFilter(field_name="student__slug")
    case = df.CharFilter(field_name="case__slug")

    class Meta:
        model = Allegation
        fields = ["status", "document"]


class ClaimFilter(df.FilterSet):
    case = df.CharFilter(field_name="case__slug")

    class Meta:
        model = Claim
        fields = ["kind", "document"]


class EventFilter(df.FilterSet):
    case = df.CharFilter(field_name="case__slug")
    date__gte = df.DateFilter(field_name="date", lookup_expr="gte")
    date__lte = df.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["kind", "precision"]
