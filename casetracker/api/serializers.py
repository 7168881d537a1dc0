from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from casetracker import records, selectors
from casetracker.courts import court_display
from ingest.readers.base import http_url
from casetracker.models import (
    Allegation, Case, CaseDocket, CaseParty, CaseRelation, Claim, Counsel, Document, Event, EventSource, Evidence,
    LawFirm, Party, Quote,
)


class DynamicFieldsMixin:
    """`fields=a,b` keeps only those fields, `omit=c` drops some (CourtListener's convention); an unknown name is
    a 400 listing the fields there are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # nested serializers are built without the request: they keep every field
            return
        keep, omit = shaping_params(request, list(self.fields))
        for name in list(self.fields):
            if keep and name not in keep or name in omit:
                self.fields.pop(name)


def shaping_params(request, names: list[str]) -> tuple[set[str], set[str]]:
    out = []
    for param in ("fields", "omit"):
        values = request.query_params.getlist(param)
        if len(values) > 1:
            raise ValidationError({param: "give this parameter once, names separated by commas"})
        if values and not values[0].strip(", "):
            raise ValidationError({param: "empty: give field names or leave the parameter out"})
        given = {f.strip() for f in (values[0] if values else "").split(",") if f.strip()}
        unknown = sorted(given - set(names))
        if unknown:
            raise ValidationError({param: f"unknown field(s): {', '.join(unknown)}; fields: {', '.join(names)}"})
        out.append(given)
    return out[0], out[1]


class OptionalUrlField(serializers.URLField):
    """A document's original URL, or null when it has none (never an empty string posing as a URI)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return http_url(value) or None  # a stored javascript: or data: URL is never handed to a client as a link


class AbsoluteUrlMixin(serializers.Serializer):
    absolute_url = serializers.SerializerMethodField()

    def get_absolute_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class PartyBriefSerializer(AbsoluteUrlMixin, serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "name", "slug", "kind", "absolute_url"]


class EvidenceSerializer(AbsoluteUrlMixin, serializers.ModelSerializer):
    """The sentence a fact came from; ``absolute_url`` is that sentence on its document's page."""

    document_title = serializers.CharField(source="document.title", read_only=True)
    publisher = serializers.CharField(source="document.publisher", read_only=True)
    published_at = serializers.DateTimeField(source="document.published_at", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = ["id", "document", "document_title", "publisher", "published_at", "start", "end", "page",
                  "sentence", "absolute_url"]


class PartySerializer(DynamicFieldsMixin, AbsoluteUrlMixin, serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()
    owner = PartyBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Party
        fields = ["id", "name", "slug", "kind", "gazetteer_id", "owner", "aliases", "absolute_url"]

    def get_aliases(self, obj) -> list[str]:
        return [a.name for a in obj.aliases.all()]


class CasePartySerializer(serializers.ModelSerializer):
    party = PartyBriefSerializer(read_only=True)

    class Meta:
        model = CaseParty
        fields = ["party", "role", "review", "reviewed_at"]


class DocumentBriefSerializer(AbsoluteUrlMixin, serializers.ModelSerializer):
    url = OptionalUrlField(help_text="the original (http or https), null when there is none")

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "publisher", "published_at", "url", "absolute_url"]


class DocumentSerializer(DynamicFieldsMixin, AbsoluteUrlMixin, serializers.ModelSerializer):
    story_size = serializers.IntegerField(read_only=True, help_text="documents in its story cluster (itself included)")
    url = OptionalUrlField(help_text="the original (http or https), null when there is none")

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "publisher", "author", "published_at", "url", "sha256", "is_ai_litigation",
                  "story", "story_size", "extractor_version", "created_at", "absolute_url"]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + ["text", "pages"]


class EventSourceSerializer(serializers.ModelSerializer):
    document = DocumentBriefSerializer(read_only=True)
    evidence = EvidenceSerializer(read_only=True)

    class Meta:
        model = EventSource
        fields = ["document", "evidence", "date", "precision", "extractor_version"]


class EventSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    sources = EventSourceSerializer(many=True, read_only=True)
    source_count = serializers.SerializerMethodField()
    absolute_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "case", "kind", "title", "date", "precision", "source_count", "sources", "absolute_url", "review", "reviewed_at"]

    def get_source_count(self, obj) -> int:
        return len({s.document_id for s in obj.sources.all()})

    def get_absolute_url(self, obj) -> str | None:
        """The event on its case's timeline; an event of no case: its first source sentence."""
        if obj.case_id:
            url = f"{obj.case.get_absolute_url()}#event-{obj.pk}"
        else:
            sources = sorted(obj.sources.all(), key=lambda s: s.pk)
            if not sources:
                return None
            url = sources[0].evidence.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CaseDocketSerializer(serializers.ModelSerializer):
    court_name = serializers.SerializerMethodField()

    class Meta:
        model = CaseDocket
        fields = ["number", "core", "court", "court_name"]

    def get_court_name(self, obj) -> str:
        return court_display(obj.court)


class CaseSerializer(DynamicFieldsMixin, AbsoluteUrlMixin, serializers.ModelSerializer):
    parties = CasePartySerializer(source="case_parties", many=True, read_only=True)
    dockets = CaseDocketSerializer(many=True, read_only=True)
    court_name = serializers.SerializerMethodField(help_text='the court as cited ("N.D. Cal.")')
    document_count = serializers.IntegerField(source="n_documents", read_only=True)
    last_activity = serializers.DateField(read_only=True, allow_null=True,
                                          help_text="the date of the case's latest dated event")
    latest_source = serializers.DateTimeField(read_only=True, allow_null=True,
                                              help_text="when its newest source was published")

    class Meta:
        model = Case
        fields = ["id", "case_name", "case_name_full", "slug", "caption_inferred", "court", "court_name",
                  "jurisdiction", "docket_number", "docket_number_core", "dockets", "judge", "date_filed",
                  "date_filed_precision", "date_terminated", "status", "stage", "class_action", "causes", "ai_areas", "is_ai_litigation",
                  "parties", "document_count", "last_activity", "latest_source", "updated_at", "absolute_url"]

    def get_court_name(self, obj) -> str:
        return court_display(obj.court)


class CaseDocumentSerializer(serializers.Serializer):
    document = DocumentBriefSerializer(read_only=True)
    reason = serializers.CharField()
    confidence = serializers.FloatField()
    detail = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    document = serializers.IntegerField(source="document.pk")
    publisher = serializers.CharField(source="document.publisher")
    kind = serializers.CharField(source="document.kind")
    published_at = serializers.DateTimeField(source="document.published_at", allow_null=True)
    sentence = serializers.CharField(source="evidence.sentence")
    absolute_url = serializers.CharField(source="evidence.get_absolute_url")


class SideSerializer(serializers.Serializer):
    value = serializers.CharField()
    sources = SourceSerializer(many=True)


class ConflictSerializer(serializers.Serializer):
    kind = serializers.CharField()
    subject = serializers.CharField()
    sides = SideSerializer(many=True)
    preferred = serializers.SerializerMethodField()

    def get_preferred(self, obj) -> str | None:
        return obj.preferred.value if obj.preferred else None


class FactGroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    source_count = serializers.IntegerField()
    independent = serializers.IntegerField(help_text="syndicated copies of one story count once")
    conflicting = serializers.BooleanField()
    sources = SourceSerializer(many=True)


class CaseBriefSerializer(AbsoluteUrlMixin, serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "case_name", "slug", "court", "docket_number", "absolute_url"]


class FieldSourceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="the value this source states (stored form)")
    sentence = serializers.CharField(allow_blank=True)
    document = serializers.IntegerField(allow_null=True)
    publisher = serializers.CharField(allow_blank=True)
    absolute_url = serializers.CharField(allow_blank=True, help_text="the sentence on its document's page")
    confidence = serializers.FloatField(allow_null=True)
    origin = serializers.CharField(allow_blank=True, help_text="news, court, docket, editor; event: a dated event")


class StageStepSerializer(serializers.Serializer):
    stage = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    precision = serializers.CharField(allow_blank=True)
    event = serializers.IntegerField(source="event.pk")
    title = serializers.CharField(source="event.title")
    sources = EventSourceSerializer(many=True)


class RelationSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["out", "in"],
                                        help_text='out: "this case <kind> case"; in: "case <kind> this case"')
    kind = serializers.ChoiceField(choices=CaseRelation.Kind.choices)
    case = CaseBriefSerializer()
    confidence = serializers.FloatField(source="relation.confidence")
    source = EvidenceSerializer(source="relation.evidence", allow_null=True)


class LawFirmSerializer(serializers.ModelSerializer):
    class Meta:
        model = LawFirm
        fields = ["id", "name", "slug"]


class CounselSerializer(serializers.ModelSerializer):
    firm = LawFirmSerializer(allow_null=True, read_only=True)
    source = EvidenceSerializer(source="evidence", allow_null=True, read_only=True)

    class Meta:
        model = Counsel
        fields = ["side", "lawyer", "firm", "document", "source"]


class CaseDetailSerializer(CaseSerializer):
    timeline = serializers.SerializerMethodField()
    stage_history = serializers.SerializerMethodField()
    family = serializers.SerializerMethodField()
    counsel = CounselSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField(help_text="each field's sources: field name -> statements")
    documents = CaseDocumentSerializer(source="case_documents", many=True, read_only=True)
    role_conflicts = serializers.SerializerMethodField()
    conflicts = serializers.SerializerMethodField()
    allegations = serializers.SerializerMethodField()
    review = serializers.SerializerMethodField(help_text="each case field's review state: field name -> {state "
                                               "(confirmed, corrected or empty: unchecked), reviewed_at, certainty, "
                                               "unconfirmed}")

    class Meta(CaseSerializer.Meta):
        fields = CaseSerializer.Meta.fields + ["timeline", "stage_history", "family", "counsel", "sources",
                                               "documents", "role_conflicts", "conflicts", "allegations", "review"]

    @extend_schema_field(serializers.DictField(child=inline_serializer("FieldReview", {
        "state": serializers.CharField(), "reviewed_at": serializers.DateTimeField(allow_null=True),
        "certainty": serializers.FloatField(), "unconfirmed": serializers.BooleanField()})))
    def get_review(self, obj):
        from casetracker import records, review, review_queue

        rows = records.field_rows(obj)
        marks = review_queue.mark_fields(obj, rows)
        rows = [marks["caption_row"], *[r for r in rows if r.reviewable]]
        out = {}
        for row in rows:
            decision = row.decision
            certainty = getattr(row, "certainty", 1.0 if decision else (0.5 if obj.caption_inferred else 0.9))
            unconfirmed = getattr(row, "unconfirmed", marks["caption_unconfirmed"])
            out[row.name] = {"state": review.state_of(decision), "reviewed_at": getattr(decision, "updated_at", None),
                             "certainty": round(certainty, 3), "unconfirmed": unconfirmed}
        return out

    @extend_schema_field(StageStepSerializer(many=True))
    def get_stage_history(self, obj):
        return StageStepSerializer(records.stage_history(obj), many=True, context=self._plain()).data

    @extend_schema_field(RelationSerializer(many=True))
    def get_family(self, obj):
        return RelationSerializer(records.family(obj), many=True, context=self.context).data

    @extend_schema_field(serializers.DictField(child=FieldSourceSerializer(many=True)))
    def get_sources(self, obj):
        return {name: FieldSourceSerializer(rows, many=True).data for name, rows in records.field_sources(obj).items()}

    def _plain(self):
        return {**self.context, "request": None}

    @extend_schema_field(ConflictSerializer(many=True))
    def get_conflicts(self, obj):
        from casetracker import provenance

        return ConflictSerializer(provenance.case_conflicts(obj), many=True).data

    @extend_schema_field(FactGroupSerializer(many=True))
    def get_allegations(self, obj):
        from casetracker import provenance

        facts = selectors.case_facts(obj)["allegations"]
        return FactGroupSerializer(provenance.allegation_groups(facts), many=True).data

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, obj):
        events = [e for group in selectors.timeline(obj) for e in group.events]
        return EventSerializer(events, many=True, context={**self.context, "request": None}).data

    def get_role_conflicts(self, obj) -> list[str]:
        return [p.name for p in selectors.role_conflicts(obj)]


class SentenceUrlMixin(serializers.Serializer):
    """``absolute_url`` of an extracted fact: its sentence, marked on its document's page (``#ev-<evidence id>``)."""

    absolute_url = serializers.SerializerMethodField()

    def get_absolute_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.evidence.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class QuoteSerializer(DynamicFieldsMixin, SentenceUrlMixin, serializers.ModelSerializer):
    speaker = PartyBriefSerializer(read_only=True, allow_null=True)
    evidence = EvidenceSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "text", "speaker", "cue", "document", "evidence", "extractor_version", "absolute_url", "review", "reviewed_at"]


class AllegationSerializer(DynamicFieldsMixin, SentenceUrlMixin, serializers.ModelSerializer):
    accuser = PartyBriefSerializer(read_only=True, allow_null=True)
    accused = PartyBriefSerializer(read_only=True)
    teacher = PartyBriefSerializer(read_only=True, allow_null=True)
    student = PartyBriefSerializer(read_only=True, allow_null=True)
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    evidence = EvidenceSerializer(read_only=True)

    class Meta:
        model = Allegation
        fields = ["id", "accuser", "accused", "teacher", "student", "status", "case", "document", "evidence",
                  "extractor_version", "absolute_url", "review", "reviewed_at"]


class ClaimSerializer(DynamicFieldsMixin, SentenceUrlMixin, serializers.ModelSerializer):
    subject = PartyBriefSerializer(read_only=True, allow_null=True)
    object = PartyBriefSerializer(read_only=True, allow_null=True)
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    evidence = EvidenceSerializer(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "kind", "label", "subject", "object", "case", "document", "evidence", "extractor_version",
                  "absolute_url", "review", "reviewed_at"]


class IngestRequestSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, max_length=2000)
    text = serializers.CharField(required=False, trim_whitespace=False)
    file = serializers.FileField(required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    def validate(self, attrs):
        given = [k for k in ("url", "text", "file") if attrs.get(k)]
        if len(given) != 1:
            raise serializers.ValidationError("give exactly one of url, text or file")
        return attrs


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    snippet = serializers.CharField(allow_blank=True, help_text="plain text around the matching words")
    snippet_html = serializers.CharField(allow_blank=True, help_text="escaped text, matching words in <mark>")
    rank = serializers.FloatField()
    sources = serializers.IntegerField(help_text="documents reporting this quote or allegation")
    date = serializers.DateTimeField(allow_null=True)
    absolute_url = serializers.CharField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    error = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    total = serializers.IntegerField()
    total_is_lower_bound = serializers.BooleanField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    type_counts = serializers.DictField(child=serializers.IntegerField())
    corrections = serializers.ListField(child=serializers.DictField())
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    absolute_url = serializers.CharField()
    results = SearchHitSerializer(many=True)
