"""API of following, for a member's token: /api/v1/alerts/ (follow a case, a party or a search), /api/v1/webhooks/
(endpoints, the secret shown once, the delivery log, a test event, resending) and /api/v1/usage/ (where the
caller stands against the published throttles)."""
from __future__ import annotations

import json

from django.conf import settings
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from casetracker import following, webhooks
from casetracker.accounts import is_member
from casetracker.api.pagination import CURSOR_FORMAT, RejectUnknownParams, check_params
from casetracker.api.schema import ShapedSchema
from casetracker.authentication import HasRole
from casetracker.models import Alert, Case, Party, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from casetracker.throttling import AnonThrottle, UserThrottle


class IsMember(HasRole):
    message = "Following needs a member account (sign up at /accounts/signup/, or an admin adds you to 'member')."
    role = staticmethod(is_member)


# --------------------------------------------------------------------------- alerts
class AlertSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", queryset=Case.objects.all(), required=False,
                                        allow_null=True, help_text="follow this case (its slug) and its family")
    party = serializers.SlugRelatedField(slug_field="slug", queryset=Party.objects.all(), required=False,
                                         allow_null=True, help_text="follow this party (its slug)")
    role = serializers.ChoiceField(choices=Alert.Role.choices, required=False, allow_blank=True,
                                   help_text="with party: only in this role (empty: any)")
    query = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                  help_text="follow a search: a search URL or its query string, e.g. q=distillation&court=cand")
    target = serializers.CharField(read_only=True, help_text="what is followed, in words")
    absolute_url = serializers.SerializerMethodField(help_text="the page of what is followed")

    class Meta:
        model = Alert
        fields = ["id", "case", "party", "role", "query", "frequency", "note", "email", "webhook", "paused", "target",
                  "absolute_url", "created_at", "last_checked_at", "last_fired_at"]
        read_only_fields = ["created_at", "last_checked_at", "last_fired_at"]

    def get_absolute_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate(self, data):
        if self.instance is not None:
            for name in ("case", "party", "query"):
                if name in data and data[name] != (getattr(self.instance, name) or ("" if name == "query" else None)):
                    raise ValidationError({name: "what an alert follows cannot change: create another alert"})
            party = self.instance.party
        else:
            given = [name for name in ("case", "party", "query") if data.get(name)]
            if len(given) != 1:
                raise ValidationError({"detail": "give exactly one of case, party or query"})
            party = data.get("party")
        if data.get("role") and party is None:
            raise ValidationError({"role": "a role goes with a party"})
        if data.get("query") and self.instance is None:
            try:
                data["query"] = following.normalise_query(data["query"])
            except ValueError as e:
                raise ValidationError({"query": str(e)}) from e
        return data

    def create(self, data):
        return following.alert_create(user=self.context["request"].user, **data)

    def update(self, alert, data):
        return following.alert_update(alert=alert, **{k: v for k, v in data.items()
                                                      if k not in ("case", "party", "query")})


class AlertViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin,
                   mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your alerts: follow a case (and its family), a party (in a role or any) or a search, at a frequency
    (realtime, daily or weekly), with a note; each alert goes by email and/or to your webhook endpoints."""

    serializer_class = AlertSerializer
    permission_classes = [IsMember]
    filter_backends = [RejectUnknownParams]
    schema = ShapedSchema()

    queryset = Alert.objects.none()  # the schema's view of it; a request sees its own user's alerts

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Alert.objects.none()
        return Alert.objects.filter(user=self.request.user).select_related("case", "party").order_by("-id")


# --------------------------------------------------------------------------- webhooks
class WebhookEndpointSerializer(serializers.ModelSerializer):
    secret = serializers.SerializerMethodField(
        help_text='the signing secret ("whsec_..."): in the answer to the POST that creates the endpoint only')

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "description", "enabled", "disabled_at", "disabled_reason", "consecutive_failures",
                  "created_at", "secret"]
        read_only_fields = ["disabled_at", "disabled_reason", "consecutive_failures", "created_at"]

    def get_secret(self, obj) -> str | None:
        return obj.secret if self.context.get("show_secret") else None

    def validate_url(self, value):
        problem = webhooks.url_problem(value)
        if problem:
            raise ValidationError(problem)
        return value


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["at", "status_code", "error", "duration_ms"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)
    payload = serializers.SerializerMethodField()

    class Meta:
        model = WebhookDelivery
        fields = ["id", "msg_id", "event_type", "status", "attempts", "next_attempt_at", "last_status_code",
                  "last_error", "created_at", "delivered_at", "attempt_log", "payload"]

    def get_payload(self, obj) -> dict:
        return json.loads(obj.payload)


class WebhookViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin,
                     mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your webhook endpoints. Deliveries are signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp,
    webhook-signature: v1,base64 HMAC-SHA256 of id.timestamp.body under the endpoint's secret), retried with
    backoff for about two days; eight failures in a row disable an endpoint (enabled=true again replays what it
    missed)."""

    serializer_class = WebhookEndpointSerializer
    permission_classes = [IsMember]
    filter_backends = [RejectUnknownParams]
    schema = ShapedSchema()

    queryset = WebhookEndpoint.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookEndpoint.objects.none()
        return WebhookEndpoint.objects.filter(user=self.request.user).order_by("-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = webhooks.endpoint_create(user=self.request.user, url=data["url"],
                                                       description=data.get("description", ""))
        serializer.context["show_secret"] = True
        if data.get("enabled") is False:
            webhooks.endpoint_disable(endpoint=serializer.instance)
            serializer.instance.refresh_from_db()

    def perform_update(self, serializer):
        endpoint = serializer.instance
        data = dict(serializer.validated_data)
        enabled = data.pop("enabled", None)
        for name, value in data.items():
            setattr(endpoint, name, value)
        if data:
            endpoint.save(update_fields=list(data))
        if enabled is True and not endpoint.enabled:
            webhooks.endpoint_enable(endpoint=endpoint)
        elif enabled is False and endpoint.enabled:
            webhooks.endpoint_disable(endpoint=endpoint)
        endpoint.refresh_from_db()

    @extend_schema(
        responses=inline_serializer("PaginatedWebhookDeliveryList", {
            "next": serializers.URLField(allow_null=True), "previous": serializers.URLField(allow_null=True),
            "results": WebhookDeliverySerializer(many=True)}),
        parameters=[OpenApiParameter("cursor", {"type": "string", "format": CURSOR_FORMAT},
                                     description="the next/previous link's cursor"),
                    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 200},
                                     description="deliveries per page (default 20)")],
        description="The endpoint's delivery log, newest first: each delivery's status and attempts with their "
                    "status codes.")
    @action(detail=True, methods=["get"], serializer_class=WebhookDeliverySerializer)
    def deliveries(self, request, pk=None):
        check_params(request, {"cursor", "page_size", "format"})
        endpoint = self.get_object()
        page = self.paginate_queryset(endpoint.deliveries.prefetch_related("attempt_log").order_by("-id"))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer},
                   description="Send a test event to the endpoint now (it shows in the delivery log).")
    @action(detail=True, methods=["post"], serializer_class=WebhookDeliverySerializer)
    def test(self, request, pk=None):
        delivery = webhooks.send_test(endpoint=self.get_object())
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer},
                   description="Try a delivery again from the start of its schedule (the same webhook-id).")
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_id>[0-9]+)/resend",
            serializer_class=WebhookDeliverySerializer)
    def resend(self, request, pk=None, delivery_id=None):
        from django.shortcuts import get_object_or_404

        endpoint = self.get_object()
        delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, endpoint=endpoint)
        try:
            with transaction.atomic():
                webhooks.resend(delivery=delivery)
        except ValueError as e:
            raise ValidationError({"detail": str(e)}) from e
        delivery.refresh_from_db()
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


# --------------------------------------------------------------------------- usage
_THROTTLE = inline_serializer("Throttle", many=True, fields={
    "scope": serializers.CharField(), "rate": serializers.CharField(allow_null=True),
    "limit": serializers.IntegerField(allow_null=True), "window_seconds": serializers.IntegerField(allow_null=True),
    "used": serializers.IntegerField(), "remaining": serializers.IntegerField(allow_null=True),
    "reset_seconds": serializers.IntegerField(allow_null=True)})


class UsageView(APIView):
    """Your request counts against the published throttles (this request included)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=inline_serializer("Usage", {
        "user": serializers.CharField(), "throttles": _THROTTLE,
        "published": serializers.DictField(child=serializers.CharField(allow_null=True))}))
    def get(self, request):
        import math

        check_params(request, {"format"})
        throttle = UserThrottle()
        rate = throttle.get_rate()
        entry = {"scope": throttle.scope, "rate": rate, "limit": None, "window_seconds": None, "used": 0,
                 "remaining": None, "reset_seconds": None}
        if rate:
            limit, window = throttle.parse_rate(rate)
            now = throttle.timer()
            history = [t for t in throttle.cache.get(throttle.get_cache_key(request, self), []) if t > now - window]
            entry.update(limit=limit, window_seconds=window, used=len(history), remaining=max(0, limit - len(history)),
                         reset_seconds=math.ceil(window - (now - history[-1])) if history else 0)
        return Response({"user": request.user.get_username(), "throttles": [entry],
                         "published": {AnonThrottle.scope: settings.API_THROTTLE_RATES.get(AnonThrottle.scope),
                                       UserThrottle.scope: settings.API_THROTTLE_RATES.get(UserThrottle.scope)}})
