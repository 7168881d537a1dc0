"""``POST /api/v1/reviews/``: editors (a token of an account with the editor role) confirm, correct or reject a
fact or a case field, as on the pages (casetracker.review). Every fact's review state is in its own endpoint
(``review``, ``reviewed_at``; a case's fields under ``review`` in its detail)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from casetracker import review, review_queue
from casetracker.api.pagination import check_params
from casetracker.accounts import is_editor
from casetracker.api.schema import ShapedSchema
from casetracker.authentication import HasRole
from casetracker.models import Case

KIND_CHOICES = [*review.KINDS, "casefield"]


class IsEditor(HasRole):
    message = "Reviewing needs an editor account (an admin makes one: manage.py createeditor)."
    role = staticmethod(is_editor)


class ReviewRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES, help_text="the kind of fact, or casefield")
    id = serializers.IntegerField(required=False, min_value=1, help_text="the fact's id (not for a case field)")
    case = serializers.SlugField(required=False, max_length=520, help_text="a case field's case (its slug)")
    field = serializers.CharField(required=False, max_length=30, help_text="a case field's name")
    action = serializers.ChoiceField(choices=review.ACTIONS)
    values = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=500), required=False,
                                   help_text='a correction: field -> value ("speaker": "xAI", "date": "2024-02-29", '
                                             '"value": "settled" for a case field)')
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def validate(self, attrs):
        if attrs["kind"] == "casefield":
            if not attrs.get("case") or not attrs.get("field"):
                raise ValidationError("a case field needs case and field")
        elif not attrs.get("id"):
            raise ValidationError("a fact needs its id")
        return attrs


ReviewAnswer = inline_serializer("ReviewAnswer", {
    "kind": serializers.CharField(), "id": serializers.CharField(), "review": serializers.CharField(),
    "reviewed_at": serializers.DateTimeField(allow_null=True),
    "values": serializers.DictField(child=serializers.CharField(allow_blank=True))})


QUEUE_ITEM = {
    "kind": serializers.CharField(), "id": serializers.CharField(help_text="the fact's id, or the case field's name"),
    "case": serializers.CharField(help_text="the case's slug"), "case_name": serializers.CharField(),
    "what": serializers.CharField(), "value": serializers.CharField(), "certainty": serializers.FloatField(),
    "priority": serializers.FloatField(), "review": serializers.CharField(),
    "reviewed_at": serializers.DateTimeField(allow_null=True), "sentence": serializers.CharField(),
    "n_sources": serializers.IntegerField(), "absolute_url": serializers.CharField()}
QueuePage = inline_serializer("ReviewQueuePage", {
    "count": serializers.IntegerField(help_text="how many facts match, counted up to 10,001"),
    "count_is_lower_bound": serializers.BooleanField(), "next": serializers.CharField(allow_null=True),
    "results": inline_serializer("ReviewQueueItem", QUEUE_ITEM, many=True)})
QUEUE_PARAMS = ("case", "kind", "state", "below", "after", "page_size", "format")


class ReviewView(APIView):
    """The review queue (GET: the facts to check, the most visible and least certain first, a page at a time); confirm,
    correct or reject a fact or a case field (POST). Editors only. A decision lasts: re-extraction and new
    documents honour it, and the case's history records it."""

    permission_classes = [IsEditor]
    schema = ShapedSchema()

    @extend_schema(parameters=[
        OpenApiParameter("case", str, description="a case's slug"),
        OpenApiParameter("kind", str, enum=[k for k, _ in review_queue.KINDS]),
        OpenApiParameter("state", str, enum=[s for s, _ in review_queue.STATES], description="default unchecked"),
        OpenApiParameter("below", {"type": "number", "minimum": 0, "maximum": 1}, description="certainty below"),
        OpenApiParameter("after", str, description="the cursor of the previous page's next link"),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 200}, description="default 50"),
    ], responses={200: QueuePage})
    def get(self, request):
        from casetracker.review_views import _queue_filters

        check_params(request, set(QUEUE_PARAMS))
        for name, value in request.query_params.items():
            if "\x00" in value:
                raise ValidationError({name: "NUL bytes are not allowed"})
        filters, errors = _queue_filters(request.query_params)
        if errors:
            raise ValidationError({"detail": "; ".join(errors)})
        raw_size = request.query_params.get("page_size", "50")
        if not (raw_size.isascii() and raw_size.isdigit()) or not 1 <= int(raw_size) <= 200:
            raise ValidationError({"page_size": "a whole number from 1 to 200"})
        size = int(raw_size)
        items, total = review_queue.queue(**filters, limit=size)
        following = None
        if len(items) == size:
            query = request.query_params.copy()
            query["after"] = items[-1].cursor
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"count": total, "count_is_lower_bound": total > review_queue.COUNT_CAP, "next": following,
                         "results": [{
            "kind": i.kind, "id": i.id, "case": i.case.slug, "case_name": i.case.case_name, "what": i.what,
            "value": i.value, "certainty": round(i.certainty, 4), "priority": round(i.priority, 4), "review": i.review,
            "reviewed_at": i.reviewed_at, "sentence": i.sentence or "", "n_sources": i.n_sources or 0,
            "absolute_url": request.build_absolute_uri(f"{i.case.get_absolute_url()}#{i.anchor}")} for i in items]})

    @extend_schema(request=ReviewRequestSerializer, responses={200: ReviewAnswer}, examples=[OpenApiExample(
        "a quote's speaker", value={"kind": "quote", "id": 12, "action": "correct", "values": {"speaker": "xAI"},
                                    "reason": "the company's statement"})])
    def post(self, request):
        given = ReviewRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            if data["kind"] == "casefield":
                case = Case.objects.filter(slug=data["case"]).first()
                if case is None:
                    raise NotFound("no such case")
                values = data.get("values") or {}
                case = review.case_field_review(case=case, name=data["field"], action=data["action"],
                                                value=values.get("value", values.get(data["field"], "")),
                                                user=request.user, reason=data.get("reason", ""))
                decision = review.case_field_states(case).get(data["field"])
                return Response({"kind": "casefield", "id": data["field"], "review": review.state_of(decision),
                                 "reviewed_at": getattr(decision, "updated_at", None),
                                 "values": {"value": review.case_field_value(case, data["field"])}})
            model = review.KINDS[data["kind"]].model
            fact = model.objects.filter(pk=data["id"]).first()
            if fact is None:
                raise NotFound(f"no {data['kind']} {data['id']}")
            review.fact_review(kind=data["kind"], fact=fact, action=data["action"], values=data.get("values") or {},
                               user=request.user, reason=data.get("reason", ""))
        except review.ReviewError as e:
            raise ValidationError({"detail": str(e)})
        row = model.objects.filter(pk=fact.pk).first()
        shown = {}
        if row is not None:
            from casetracker.templatetags.review import fact_fields

            shown = {name: str(value) for name, _label, value, _t in fact_fields(data["kind"], row)}
        return Response({"kind": data["kind"], "id": str(fact.pk), "review": row.review if row else "rejected",
                         "reviewed_at": row.reviewed_at if row else None, "values": shown}, status=status.HTTP_200_OK)
