"""The change history of facts and case fields (the audit), and the old addresses of merged cases.

``Revision`` is what an editor or a re-extraction changed, field by field, with who (a user, or the extractor
version), when, the value before and after and the editor's reason; an editor can revert one. It sits beside
``Change`` (models/alerts.py), the outbox of news for followers: a revision is the record of every edit, a change
is what is worth telling someone.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Revision(models.Model):
    class Source(models.TextChoices):
        EDITOR = "editor"
        EXTRACTION = "extraction", "re-extraction"
        SYSTEM = "system", "ingestion"

    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions")
    fact_type = models.CharField(max_length=20, help_text='"casefield", "quote", "allegation", "event", ...')
    fact_id = models.BigIntegerField(null=True, blank=True, help_text="the row changed (none for a case field)")
    key = models.CharField(max_length=64, blank=True, help_text="the fact's correction key")
    subject = models.CharField(max_length=500, help_text="what changed, as a reader names it")
    field = models.CharField(max_length=30)
    before = models.TextField(blank=True, help_text="as shown")
    after = models.TextField(blank=True, help_text="as shown")
    before_raw = models.JSONField(null=True, blank=True, help_text="as stored (what a revert restores)")
    after_raw = models.JSONField(null=True, blank=True)
    action = models.CharField(max_length=10, blank=True, help_text="an editor's decision: confirm, correct, reject")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="revisions")
    username = models.CharField(max_length=150, blank=True, help_text="kept when the account is gone")
    extractor_version = models.CharField(max_length=40, blank=True)
    reason = models.TextField(blank=True)
    reverts = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverted_by")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="revision_case_time"),
                   models.Index(fields=["fact_type", "fact_id"], name="revision_fact")]

    def __str__(self):
        return f"{self.subject}: {self.field} {self.before!r} → {self.after!r}"

    @property
    def who(self) -> str:
        if self.source == self.Source.EDITOR:
            return self.username or "an editor"
        return f"extractor {self.extractor_version}" if self.extractor_version else self.get_source_display()


class CaseRedirect(models.Model):
    """The address of a case merged into another: its page keeps working and leads to the case it joined."""

    slug = models.SlugField(max_length=520, unique=True)
    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)
