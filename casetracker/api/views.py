from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from casetracker import search, selectors
from casetracker.api import filters, serializers as s
from casetracker.api.pagination import OrderBy, RejectUnknownParams


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [RejectUnknownParams, filters.df.rest_framework.DjangoFilterBackend, OrderBy]
    ordering = ["-id"]


class CaseViewSet(ReadViewSet):
    """AI litigation cases; the detail view carries the dated timeline with every event's sources."""

    filterset_class = filters.CaseFilter
    ordering_fields = ["id", "case_name", "date_filed", "court", "docket_number", "last_activity"]
    ordering = ["case_name"]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.case_detail_qs() if self.action == "retrieve" else selectors.case_list()

    def get_serializer_class(self):
        return s.CaseDetailSerializer if self.action == "retrieve" else s.CaseSerializer


class DocumentViewSet(mixins.CreateModelMixin, ReadViewSet):
    """Documents as read; POST one (url, text or file) to ingest it."""

    filterset_class = filters.DocumentFilter
    ordering_fields = ["id", "published_at", "created_at", "title"]
    ordering = ["-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return selectors.document_list()

    def get_serializer_class(self):
        if self.action == "create":
            return s.IngestRequestSerializer
        return s.DocumentDetailSerializer if self.action == "retrieve" else s.DocumentSerializer

    @extend_schema(request=s.IngestRequestSerializer, responses={201: s.IngestResultSerializer,
                                                                 202: s.IngestResultSerializer})
    def create(self, request, *args, **kwargs):
        from ingest import services

        form = s.IngestRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data.get("url"):
            raw_input, outcome = services.raw_input_for_source(data["url"])
        else:
            upload = data.get("file")
            raw = upload.read() if upload else data["text"].encode("utf-8")
            if len(raw) > settings.INGEST_MAX_BYTES:
                raise ValidationError({"file": f"larger than {settings.INGEST_MAX_BYTES} bytes"})
            name = upload.name if upload else "posted.txt"
            raw_input, outcome = services.raw_input_for_bytes(raw=raw, source="api", filename=name,
                                                              content_type=getattr(upload, "content_type", "") or "")
        if outcome is None:
            from ingest.tasks import ingest_inputs

            result = ingest_inputs.delay([raw_input.pk])
            if not settings.CELERY_TASK_ALWAYS_EAGER:
                body = {"raw_input_id": raw_input.pk, "status": "queued", "document_id": None, "error": "",
                        "stage": "", "source": raw_input.source, "retryable": False}
                return Response(body, status=status.HTTP_202_ACCEPTED)
            outcome = services.Outcome(**result.get()[0])
        code = {"new": 201, "duplicate": 200}.get(outcome.status, 422)
        return Response(asdict(outcome), status=code)


class PartyViewSet(ReadViewSet):
    filterset_class = filters.PartyFilter
    ordering_fields = ["id", "name", "kind"]
    ordering = ["name"]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.party_list()

    serializer_class = s.PartySerializer


class QuoteViewSet(ReadViewSet):
    filterset_class = filters.QuoteFilter
    ordering_fields = ["id"]
    serializer_class = s.QuoteSerializer

    def get_queryset(self):
        return selectors.quote_list()


class AllegationViewSet(ReadViewSet):
    """Distillation allegations: accuser, accused, teacher, student and status, each with its source sentence."""

    filterset_class = filters.AllegationFilter
    ordering_fields = ["id", "status"]
    serializer_class = s.AllegationSerializer

    def get_queryset(self):
        return selectors.allegation_list()


class ClaimViewSet(ReadViewSet):
    filterset_class = filters.ClaimFilter
    ordering_fields = ["id", "kind"]
    serializer_class = s.ClaimSerializer

    def get_queryset(self):
        return selectors.claim_list()


class EventViewSet(ReadViewSet):
    filterset_class = filters.EventFilter
    ordering_fields = ["id", "date"]
    serializer_class = s.EventSerializer

    def get_queryset(self):
        return selectors.event_list()


class SearchView(APIView):
    """Ranked full-text search over cases, parties, documents, quotes and allegations."""

    TYPES = {"case", "party", "document", "quote", "allegation"}

    @extend_schema(parameters=[
        OpenApiParameter("q", str, required=True, description="web-search syntax: \"phrase\", OR, -word"),
        OpenApiParameter("type", str, description="comma-separated: case,party,document,quote,allegation"),
    ], responses=s.SearchHitSerializer(many=True))
    def get(self, request):
        unknown = set(request.query_params) - {"q", "type", "format", "limit"}
        if unknown:
            raise ValidationError({"detail": f"unknown query parameter(s): {', '.join(sorted(unknown))}"})
        types = {t for t in request.query_params.get("type", "").split(",") if t} or None
        if types and types - self.TYPES:
            raise ValidationError({"type": f"unknown type(s): {', '.join(sorted(types - self.TYPES))}"})
        try:
            limit = min(max(int(request.query_params.get("limit", 10)), 1), 100)
        except ValueError:
            raise ValidationError({"limit": "a whole number"})
        results = search.search(request.query_params.get("q", ""), types=types, limit=limit)
        hits = [search.hit_dict(h, request) for h in results.hits]
        return Response({"query": results.query, "count": len(hits), "error": results.error, "results": hits})
