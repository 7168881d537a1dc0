"""One FilterSet per resource, shared by the API and the web lists (``views.case_list`` uses ``CaseFilter``).

CourtListener's lookups: ``field`` (exact), ``field__in=a,b``, ``field__gt``/``__gte``/``__lt``/``__lte`` on ids
and dates. Every value is validated: a malformed value is a 400 naming the parameter, never ignored and never a
database error (NUL bytes, out-of-range integers, timezone offsets PostgreSQL cannot store, see UtcDateTimeField).
"""
from __future__ import annotations

from datetime import datetime, timezone

import django_filters as df
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema_field

from casetracker.models import Allegation, Case, CaseDocket, CaseParty, Claim, Document, Event, Party, Quote
from casetracker.statements import docket_key

BIGINT_MAX = 2**63 - 1
RANGE = ["exact", "in", "gt", "gte", "lt", "lte"]


# ------------------------------------------------------------------------------------------- strict fields
class StrictBooleanField(forms.Field):
    """true/false (also 1/0, yes/no); anything else is an error instead of being read as "no filter"."""

    TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("must be true or false")

    def validate(self, value):
        pass


class BooleanFilter(df.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": BIGINT_MAX})
class IntegerFilter(df.NumberFilter):
    """Whole numbers within PostgreSQL's bigint (``1.5``, ``abc`` and ``1e99`` are a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class UtcDateTimeField(df.fields.IsoDateTimeField):
    """ISO 8601 / RFC 3339 date-times. Any offset RFC 3339 allows (up to ±23:59) is accepted and turned into UTC,
    since PostgreSQL stores offsets only up to ±15:59; a moment beyond year 1..9999 becomes that bound."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        try:
            return parsed.astimezone(timezone.utc)
        except OverflowError:
            bound = datetime.min if parsed.year == 1 else datetime.max
            return bound.replace(tzinfo=timezone.utc)


class DateTimeFilter(df.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class StrictForm(forms.Form):
    """A typed parameter given with an empty value (``?date_filed__lte=``, ``?is_ai_litigation=``, ``?id__in=``) is
    a 400, not "no filter"; only free text may be empty."""

    def clean(self):
        for name, field in self.fields.items():
            text = isinstance(field, forms.CharField) and not isinstance(field, df.fields.BaseCSVField)
            if not text and name in self.data and self.data.get(name) == "":
                self.add_error(name, "empty value: give a value or leave the parameter out")
        return super().clean()


class StrictFilterSet(df.FilterSet):
    FILTER_DEFAULTS = {
        **df.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        models.AutoField: {"filter_class": IntegerFilter},
        models.BigAutoField: {"filter_class": IntegerFilter},
        models.DateTimeField: {"filter_class": DateTimeFilter},
    }

    class Meta:  # text filters are Django CharFields: a NUL byte is a 400 ("Null characters are not allowed")
        form = StrictForm


def _by_slug_or_id(field: str, value: str) -> Q:
    """A party (or case) given by slug or by numeric id."""
    return Q(**{f"{field}__pk": int(value)}) if value.isdigit() and len(value) < 19 else Q(**{f"{field}__slug": value})


class SlugOrIdFilter(df.CharFilter):
    """``?party=openai`` or ``?party=12``."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(_by_slug_or_id(self.field_name, value))


# ------------------------------------------------------------------------------------------------- filters
class CaseFilter(StrictFilterSet):
    """Cases, with CourtListener's names: ``court`` (a court id such as ``cand``), ``docket_number`` (any of the
    case's docket numbers, by its core: "3:23-cv-03417-VC" finds "23-cv-03417"), ``date_filed__gte`` ...

    ``party`` (slug or id) with ``party_role`` finds cases where that party has that role
    (``?party=openai&party_role=defendant``); ``has_allegations`` means distillation allegations *linked to the
    case* (Allegation.case), the ones the case page lists as the case's own."""

    case_name = df.CharFilter(lookup_expr="icontains")
    court = df.CharFilter(method="filter_court", help_text="a CourtListener court id (cand, nysd, ...) or ours")
    docket_number = df.CharFilter(method="filter_docket_number",
                                  help_text="a docket number in any form; matched on its core")
    stage = df.ChoiceFilter(choices=Case.Stage.choices)
    jurisdiction = df.CharFilter(lookup_expr="iexact", help_text="us-federal, us-state, uk, eu, in, ...")
    cause = df.CharFilter(method="filter_cause", help_text="a cause of action (copyright_infringement, ...)")
    ai_area = df.CharFilter(method="filter_ai_area", help_text="an AI area (text, image, music, code, ...)")
    party = df.CharFilter(method="filter_party", help_text="a party's slug or id")
    party_role = df.ChoiceFilter(choices=CaseParty.Role.choices, method="filter_party",
                                 help_text="with party: its role in the case; alone: cases with a party in that role")
    has_allegations = BooleanFilter(method="filter_has_allegations",
                                    help_text="has distillation allegations linked to the case")

    class Meta(StrictFilterSet.Meta):
        model = Case
        fields = {"id": RANGE, "date_filed": RANGE, "date_terminated": RANGE, "last_activity": RANGE,
                  "status": ["exact"], "caption_inferred": ["exact"], "is_ai_litigation": ["exact"],
                  "class_action": ["exact"]}

    def filter_court(self, queryset, name, value):
        dockets = CaseDocket.objects.filter(case=OuterRef("pk"), court__iexact=value)
        return queryset.filter(Q(court__iexact=value) | Exists(dockets))

    def filter_docket_number(self, queryset, name, value):
        core = docket_key(value)
        dockets = CaseDocket.objects.filter(case=OuterRef("pk")).filter(
            Q(number__iexact=value.strip()) | Q(core__iexact=core))
        return queryset.filter(Q(docket_number__iexact=value.strip()) | Q(docket_number_core__iexact=core)
                               | Exists(dockets))

    def filter_cause(self, queryset, name, value):
        return queryset.filter(causes__contains=[value])

    def filter_ai_area(self, queryset, name, value):
        return queryset.filter(ai_areas__contains=[value])

    def filter_party(self, queryset, name, value):
        return queryset  # applied together in filter_queryset: party and role must hold on the same CaseParty

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        party, role = self.form.cleaned_data.get("party"), self.form.cleaned_data.get("party_role")
        if party or role:
            roles = CaseParty.objects.filter(case=OuterRef("pk"))
            if party:
                roles = roles.filter(_by_slug_or_id("party", party))
            if role:
                roles = roles.filter(role=role)
            queryset = queryset.filter(Exists(roles))
        return queryset

    def filter_has_allegations(self, queryset, name, value):
        linked = Exists(Allegation.objects.filter(case=OuterRef("pk"), rejected=False))
        return queryset.filter(linked if value else ~linked)


class DocumentFilter(StrictFilterSet):
    publisher = df.CharFilter(lookup_expr="iexact")
    case = SlugOrIdFilter(field_name="case_links__case", distinct=True, help_text="a case's slug or id")
    story = IntegerFilter(field_name="story_id")

    class Meta(StrictFilterSet.Meta):
        model = Document
        fields = {"id": RANGE, "published_at": RANGE, "kind": ["exact"], "is_ai_litigation": ["exact"],
                  "sha256": ["exact"]}


class PartyFilter(StrictFilterSet):
    name = df.CharFilter(lookup_expr="icontains")
    case = SlugOrIdFilter(field_name="case_roles__case", distinct=True, help_text="a case's slug or id")

    class Meta(StrictFilterSet.Meta):
        model = Party
        fields = {"id": RANGE, "kind": ["exact"], "gazetteer_id": ["exact"]}


class QuoteFilter(StrictFilterSet):
    speaker = SlugOrIdFilter(field_name="speaker", help_text="the speaker's slug or id")
    case = SlugOrIdFilter(field_name="document__case_links__case", distinct=True, help_text="a case's slug or id")
    text = df.CharFilter(lookup_expr="icontains")
    document = IntegerFilter(field_name="document_id")

    class Meta(StrictFilterSet.Meta):
        model = Quote
        fields = {"id": RANGE}


class AllegationFilter(StrictFilterSet):
    accuser = SlugOrIdFilter(field_name="accuser", help_text="a party's slug or id")
    accused = SlugOrIdFilter(field_name="accused", help_text="a party's slug or id")
    teacher = SlugOrIdFilter(field_name="teacher", help_text="a party's slug or id")
    student = SlugOrIdFilter(field_name="student", help_text="a party's slug or id")
    party = df.CharFilter(method="filter_party", help_text="a party's slug or id in any of the four roles")
    case = SlugOrIdFilter(field_name="case", help_text="a case's slug or id")
    document = IntegerFilter(field_name="document_id")

    class Meta(StrictFilterSet.Meta):
        model = Allegation
        fields = {"id": RANGE, "status": ["exact"]}

    def filter_party(self, queryset, name, value):
        return queryset.filter(_by_slug_or_id("accuser", value) | _by_slug_or_id("accused", value)
                               | _by_slug_or_id("teacher", value) | _by_slug_or_id("student", value))


class ClaimFilter(StrictFilterSet):
    case = SlugOrIdFilter(field_name="case", help_text="a case's slug or id")
    document = IntegerFilter(field_name="document_id")
    party = df.CharFilter(method="filter_party", help_text="a party's slug or id, as subject or object")

    class Meta(StrictFilterSet.Meta):
        model = Claim
        fields = {"id": RANGE, "kind": ["exact"]}

    def filter_party(self, queryset, name, value):
        return queryset.filter(_by_slug_or_id("subject", value) | _by_slug_or_id("object", value))


class EventFilter(StrictFilterSet):
    case = SlugOrIdFilter(field_name="case", help_text="a case's slug or id")

    class Meta(StrictFilterSet.Meta):
        model = Event
        fields = {"id": RANGE, "date": RANGE, "kind": ["exact"], "precision": ["exact"]}
