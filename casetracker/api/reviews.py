"""``POST /api/v1/reviews/``: editors (a token of an account with the editor role) confirm, correct or reject a
fact or a case field, as on the pages (casetracker.review). Every fact's review state is in its own endpoint
(``review``, ``reviewed_at``; a case's fields under ``review`` in its detail)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from casetracker import review
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


class ReviewView(APIView):
    """Confirm, correct or reject a fact or a case field (editors). The decision lasts: re-extraction and new
    documents honour it, and the case's history records it."""

    permission_classes = [IsEditor]
    schema = ShapedSchema()

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
