"""CourtListener dockets a user follows, and the docket-alert webhook events received for them."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class FollowedDocket(models.Model):
    """A CourtListener docket kept current: what was fetched so far (``data``, the merged API answers), what the
    last sync saw (the docket's ``date_modified``, the newest entry's), and how the last attempt went. A failed
    attempt keeps its error and is tried again by the next sync."""

    class Status(models.TextChoices):
        PENDING = "pending"
        OK = "ok"
        FAILED = "failed"

    courtlistener_id = models.PositiveBigIntegerField(unique=True, help_text="CourtListener's docket id")
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_dockets",
                             help_text="the case the docket is attached to (or was followed from)")
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="followed_dockets", help_text="the docket as a source of the case")
    active = models.BooleanField(default=True, help_text="refreshed by each sync")
    followed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    data = models.JSONField(default=dict, blank=True,
                            help_text='{"docket": {...}, "entries": {id: {...}}, "parties": [...], "attorneys": [...]}')
    docket_modified = models.CharField(max_length=40, blank=True, help_text="the docket's date_modified last synced")
    entries_modified = models.CharField(max_length=40, blank=True, help_text="the newest entry date_modified seen")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    error = models.TextField(blank=True)
    error_kind = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["courtlistener_id"]

    def __str__(self):
        return f"CourtListener docket {self.courtlistener_id} ({self.status})"

    @property
    def docket(self) -> dict:
        """The docket's fields as CourtListener gave them (``docket_info`` when a selector annotated only those)."""
        info = getattr(self, "docket_info", None)
        if info is None and "data" not in self.get_deferred_fields():
            info = (self.data or {}).get("docket") if isinstance(self.data, dict) else None
        return info if isinstance(info, dict) else {}

    @property
    def url(self) -> str:
        from ingest.courtlistener.client import site_url

        return site_url(self.docket.get("absolute_url") or "") or \
            f"https://www.courtlistener.com/docket/{self.courtlistener_id}/"


class WebhookEvent(models.Model):
    """A webhook delivery from CourtListener, taken once: its Idempotency-Key is unique."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        DONE = "done"
        FAILED = "failed"

    idempotency_key = models.CharField(max_length=200, unique=True)
    event_type = models.IntegerField(null=True, blank=True, help_text="1: docket alert")
    payload = models.JSONField(default=dict)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    detail = models.TextField(blank=True, help_text="what the event changed, or its error")
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"webhook {self.idempotency_key} ({self.status})"
