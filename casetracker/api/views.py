from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes, schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from casetracker import exports, search, selectors
from casetracker.authentication import CanIngest
from casetracker.api import filters, serializers as s
from casetracker.api.ingest import IngestStatusSerializer
from casetracker.api.renderers import CSVRenderer
from casetracker.api.pagination import OrderBy, RejectUnknownParams, check_params
from casetracker.api.schema import ShapedSchema


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Read endpoints: strict query parameters, one FilterSet, ``order_by`` and cursor pagination; querysets come
    from the selectors with their joins, so a page costs the same number of queries whatever its size."""

    filter_backends = [RejectUnknownParams, DjangoFilterBackend, OrderBy]
    ordering = ["-id"]
    schema = ShapedSchema()

    def filter_queryset(self, queryset):
        if self.detail:  # a detail URL takes only fields/omit: no filters, nothing unknown or repeated
            return RejectUnknownParams().filter_queryset(self.request, queryset, self)
        return super().filter_queryset(queryset)


class ExportViewSet(ReadViewSet):
    """A list that also answers ``format=csv``: every row its filters select, in its order, streamed (not a page).
    ``export`` names the columns (casetracker.exports.RESOURCES)."""

    export = ""
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]

    def _csv(self) -> bool:
        return getattr(getattr(self.request, "accepted_renderer", None), "format", "") == "csv"

    def list(self, request, *args, **kwargs):
        if self._csv():
            self.get_serializer()  # fields=/omit= are checked as for JSON (an unknown name is a 400)
            return exports.export(self.export, self.filter_queryset(self.get_queryset()), "csv")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        if self._csv():  # one row, the list's columns
            obj = self.get_object()
            self.get_serializer()
            return exports.export(self.export, self.get_queryset().filter(pk=obj.pk), "csv")
        return super().retrieve(request, *args, **kwargs)

    def handle_exception(self, exc):
        """Errors are JSON whatever the format asked for (the contract documents them so)."""
        response = super().handle_exception(exc)
        if self._csv():
            self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return response


class CaseViewSet(ExportViewSet):
    """AI litigation cases; the detail view carries the dated timeline with every event's sources, the stage
    history, the case's family, its counsel and each field's sources. ``format=csv`` exports the filtered list;
    ``dail/`` exports it with the columns of the Database of AI Litigation."""

    export = "cases"
    filterset_class = filters.CaseFilter
    ordering_fields = ["id", "case_name", "date_filed", "court", "docket_number", "last_activity"]
    ordering = ["case_name"]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.case_detail_qs() if self.action == "retrieve" else selectors.case_list()

    def get_serializer_class(self):
        if self.action == "dail":  # a CSV of fixed columns: no fields=/omit=
            return s.CaseBriefSerializer
        return s.CaseDetailSerializer if self.action == "retrieve" else s.CaseSerializer

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR},
                   description="The filtered cases as a CSV with the Database of AI Litigation's columns: "
                               + ", ".join(exports.DAIL_COLUMNS) + ".")
    @action(detail=False, methods=["get"], url_path="dail", renderer_classes=[CSVRenderer], pagination_class=None)
    def dail(self, request):
        check_params(request, {*filters.CaseFilter.base_filters, "order_by", "format"})
        return exports.dail(self.filter_queryset(self.get_queryset()))


class DocumentViewSet(mixins.CreateModelMixin, ReadViewSet):
    """Documents as read; POST one (url, text or file) to ingest it."""

    filterset_class = filters.DocumentFilter
    ordering_fields = ["id", "published_at", "created_at", "title"]
    ordering = ["-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_classes = [CanIngest]  # ingesting needs casetracker.add_rawinput (casetracker.authentication)

    def get_queryset(self):
        return selectors.document_list(text=self.action == "retrieve")

    def get_serializer_class(self):
        if self.action == "create" or self.request is not None and self.request.method == "POST":  # OPTIONS too
            return s.IngestRequestSerializer
        return s.DocumentDetailSerializer if self.action == "retrieve" else s.DocumentSerializer

    @extend_schema(
        request=s.IngestRequestSerializer, responses={202: IngestStatusSerializer},
        description="Queue one input (exactly one of `url`, `text` or `file`) for ingest and answer 202 at once: "
                    "the work runs on a Celery worker, never in this request. Poll the `url` of the answer (also "
                    "in the Location header) until its status is done, duplicate or failed.")
    def create(self, request, *args, **kwargs):
        from ingest import queue

        form = s.IngestRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data.get("url"):
            raw_input = queue.ingest_submit(url=data["url"])
        else:
            upload = data.get("file")
            if upload is not None and upload.size > settings.INGEST_MAX_BYTES:
                raise ValidationError({"file": f"larger than {settings.INGEST_MAX_BYTES} bytes"})
            raw = upload.read() if upload else data["text"].encode("utf-8")
            if len(raw) > settings.INGEST_MAX_BYTES:
                raise ValidationError({"file" if upload else "text": f"larger than {settings.INGEST_MAX_BYTES} bytes"})
            raw_input = queue.ingest_submit(raw=raw, filename=upload.name if upload else "posted.txt",
                                            content_type=getattr(upload, "content_type", "") or "")
        raw_input = queue.ingest_status_qs().get(pk=raw_input.pk)  # as it stands now (eager tasks in tests)
        body = IngestStatusSerializer(raw_input, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class PartyViewSet(ExportViewSet):
    export = "parties"
    filterset_class = filters.PartyFilter
    ordering_fields = ["id", "name", "kind"]
    ordering = ["name"]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.party_list()

    serializer_class = s.PartySerializer


class QuoteViewSet(ExportViewSet):
    export = "quotes"
    filterset_class = filters.QuoteFilter
    ordering_fields = ["id"]
    serializer_class = s.QuoteSerializer

    def get_queryset(self):
        return selectors.quote_list()


class AllegationViewSet(ExportViewSet):
    """Distillation allegations: accuser, accused, teacher, student and status, each with its source sentence."""

    export = "allegations"

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
    """Ranked full-text search over cases, parties, documents, quotes and allegations, with facets.

    The same engine, parameters and order as the search page (``absolute_url`` of the result leads there)."""

    TYPES = list(search.TYPES)
    FILTERS = ("court", "status", "party", "publisher")
    MAX_PAGE = 1000
    MAX_PAGE_SIZE = 100

    @extend_schema(parameters=[
        OpenApiParameter("q", str, required=True, description="web-search syntax: \"phrase\", OR, -word"),
        OpenApiParameter("type", {"type": "array", "items": {"type": "string", "enum": TYPES}}, style="form",
                         explode=False, description="comma-separated result types (default: all)"),
        OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                         description="1-based page number"),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                         description=f"results per page (default {search.PAGE_SIZE})"),
        OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                         description="alias of page_size"),
        OpenApiParameter("sort", str, enum=["rank", "date"], description="best match (default) or newest"),
        OpenApiParameter("facets", bool, description="include facet counts (default true)"),
        OpenApiParameter("year", {"type": "integer", "minimum": 1900, "maximum": 2100},
                         description="filter by the year of the document"),
        *[OpenApiParameter(name, str, description=f"filter by {name} (party: a party slug)") for name in FILTERS],
    ], responses=s.SearchResponseSerializer)
    def get(self, request):
        params = request.query_params
        check_params(request, {"q", "type", "format", "limit", "page", "page_size", "sort", "facets", "year",
                               *self.FILTERS})
        given = {name: params[name] for name in params}
        for name, value in given.items():
            if "\x00" in value:
                raise ValidationError({name: "NUL bytes are not allowed"})
        if given.get("q") is None:
            raise ValidationError({"q": "required: the words to search for"})
        if given.get("type") == "":
            raise ValidationError({"type": "empty: give types or leave the parameter out"})
        types = {t for t in (given.get("type") or "").split(",") if t} or None
        if types and types - set(self.TYPES):
            raise ValidationError({"type": f"unknown type(s): {', '.join(sorted(types - set(self.TYPES)))}; "
                                           f"types: {', '.join(self.TYPES)}"})
        size = _whole(given, "page_size", 1, self.MAX_PAGE_SIZE) or _whole(given, "limit", 1,
                                                                                self.MAX_PAGE_SIZE)
        page = _whole(given, "page", 1, self.MAX_PAGE) or 1
        _whole(given, "year", 1900, 2100)
        sort = given.get("sort", "rank")
        if sort not in ("rank", "date"):
            raise ValidationError({"sort": "rank or date"})
        facets = given.get("facets", "true").lower()
        if facets not in ("true", "false", "1", "0"):
            raise ValidationError({"facets": "true or false"})
        with_facets = facets in ("true", "1")
        results = search.search(given["q"], types=types, page=page, page_size=size or search.PAGE_SIZE, sort=sort,
                                filters=search.Filters.from_params(params), facets=with_facets)
        hits = [search.hit_dict(h, request) for h in results.hits]
        return Response({
            "query": results.query, "error": results.error, "count": len(hits), "total": results.total,
            "total_is_lower_bound": results.capped, "page": results.page, "num_pages": results.num_pages,
            "type_counts": {k: v[0] for k, v in results.type_counts.items()},
            "corrections": [{"typed": m.owner_of or m.text, "names": m.names} for m in results.corrections],
            "facets": {name: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                              for v in values] for name, values in results.facets.items()},
            "absolute_url": request.build_absolute_uri("/search/?" + request.GET.urlencode()),
            "results": hits})


def _whole(given: dict, name: str, low: int, high: int) -> int | None:
    raw = given.get(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ValidationError({name: f"a whole number from {low} to {high}"})
    return int(raw)


@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([permissions.AllowAny])
@schema(None)
def not_found(request, *args, **kwargs):
    raise NotFound("no such API endpoint; see /api/v1/")
