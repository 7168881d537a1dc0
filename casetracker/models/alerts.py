"""Following: what changed (an outbox written with the change), who follows what (alerts), what was sent, and the
webhook endpoints members register with their deliveries and every attempt."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Change(models.Model):
    """One thing that changed, written in the transaction that changed it (so it exists exactly when the change
    does: nothing is lost when a worker dies before telling anyone). ``key`` names the change, so the same news
    (an event retold by a second source, a re-extraction) is one row. Text is copied when it is recorded: an alert
    says what changed then, with the sentence and a link to its source."""

    class Kind(models.TextChoices):
        EVENT = "event", "new event"
        DOCUMENT = "document", "new source"
        STATUS = "status", "status changed"
        STAGE = "stage", "stage changed"
        PARTY_ROLE = "party_role", "new case for a party"
        ALLEGATION = "allegation", "new allegation"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    party = models.ForeignKey("Party", null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    role = models.CharField(max_length=10, blank=True, help_text="the party's role: plaintiff, defendant, accuser, accused")
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence = models.ForeignKey("Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.CharField(max_length=1000)
    sentence = models.TextField(blank=True)
    source_url = models.URLField(max_length=2000, blank=True, help_text="the source's own http(s) URL")
    created_at = models.DateTimeField(default=timezone.now, db_index=True,
                                      help_text="when it was recorded, just before its transaction commits")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["party", "role"], name="change_party_role")]

    def __str__(self):
        return self.summary


class Alert(models.Model):
    """A member follows a case (and its family), a party (in a role, or any) or a search."""

    class Frequency(models.TextChoices):
        REALTIME = "realtime", "real time"
        DAILY = "daily", "daily digest"
        WEEKLY = "weekly", "weekly digest"

    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff", "as plaintiff"
        DEFENDANT = "defendant", "as defendant"
        ACCUSER = "accuser", "as accuser (distillation)"
        ACCUSED = "accused", "as accused (distillation)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts")
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts")
    party = models.ForeignKey("Party", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts")
    role = models.CharField(max_length=10, choices=Role.choices, blank=True)
    query = models.CharField(max_length=2000, blank=True, help_text="a search URL's query string")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.REALTIME)
    note = models.CharField(max_length=1000, blank=True, help_text="why you follow it (shown in each alert)")
    email = models.BooleanField(default=True, help_text="send it by email")
    webhook = models.BooleanField(default=True, help_text="send it to your webhook endpoints")
    paused = models.BooleanField(default=False)
    since = models.DateTimeField(help_text="changes from this moment on are sent (creation or resumption)")
    seen = models.JSONField(default=list, blank=True, help_text="a search's results at its last run")
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_fired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["frequency", "paused"], name="alert_frequency")]
        constraints = [models.CheckConstraint(
            condition=(models.Q(case__isnull=False, party__isnull=True, query="")
                       | models.Q(case__isnull=True, party__isnull=False, query="")
                       | (models.Q(case__isnull=True, party__isnull=True) & ~models.Q(query=""))),
            name="alert_follows_one_thing")]

    def __str__(self):
        return self.target


    @property
    def target(self) -> str:
        if self.case_id:
            return self.case.case_name
        if self.party_id:
            return f"{self.party.name} {self.get_role_display()}" if self.role else self.party.name
        from casetracker.following import query_label

        return f"search: {query_label(self.query)}"

    def get_absolute_url(self) -> str:
        if self.case_id:
            return self.case.get_absolute_url()
        if self.party_id:
            return self.party.get_absolute_url()
        return "/search/?" + self.query


class AlertSent(models.Model):
    """What went out for an alert: a change (``change-<id>``) or a search result (``document-<id>``,
    ``case-<id>``). Unique per alert: the same news never goes out twice."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="sent")
    key = models.CharField(max_length=100)
    change = models.ForeignKey(Change, null=True, blank=True, on_delete=models.CASCADE, related_name="sent")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "key"], name="alertsent_unique")]


class WebhookEndpoint(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(max_length=2000)
    description = models.CharField(max_length=300, blank=True)
    secret = models.CharField(max_length=100, help_text='"whsec_" and the base64 of the signing key')
    enabled = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One message to one endpoint, retried until it is delivered or its schedule runs out. ``msg_id`` is the
    webhook-id header, the same on every attempt: the receiver's idempotency key."""

    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    msg_id = models.CharField(max_length=60, unique=True)
    event_type = models.CharField(max_length=40)
    payload = models.TextField(help_text="the JSON body exactly as signed")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0, help_text="attempts in the current retry schedule")
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=1000, blank=True)
    response = models.CharField(max_length=1000, blank=True, help_text="the start of the response body")
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
