"""Extracted facts. Every fact points at its Evidence; none exists without one.

Quotes, claims, allegations and mentions are per document (one row per source
sentence); read-side selectors group them across documents by ``fingerprint``
to count corroboration. Events are shared across documents (EventSource).
A ``Correction`` keyed by fingerprint keeps an editor's decision (confirm, correct, reject) across
re-extraction; each fact row carries its review state (``review``, ``reviewed_at``) for readers and the API.
"""
from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.conf import settings
from django.db import models


class Review(models.TextChoices):
    """A fact's review state: what an editor decided about it (unchecked until one did)."""

    UNCHECKED = "", "unchecked"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    REJECTED = "rejected"


class Reviewed(models.Model):
    """The review state of a fact: set by casetracker.review when an editor decides, and again on re-extraction
    from the ``Correction`` that keeps the decision."""

    review = models.CharField(max_length=10, choices=Review.choices, blank=True, default="")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class ExtractedFact(Reviewed):
    document = models.ForeignKey("Document", on_delete=models.CASCADE, related_name="%(class)ss")
    evidence = models.ForeignKey("Evidence", on_delete=models.CASCADE, related_name="%(class)ss")
    fingerprint = models.CharField(max_length=64, db_index=True,
                                   help_text="identity across documents and re-extractions")
    extractor_version = models.CharField(max_length=40, blank=True)
    rejected = models.BooleanField(default=False, help_text="a staff user rejected this fact")

    class Meta(Reviewed.Meta):
        abstract = True


class Mention(ExtractedFact):
    party = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="mentions")
    surface = models.CharField(max_length=300)
    role = models.CharField(max_length=10, default="other")

    class Meta:
        ordering = ["document_id", "evidence__start"]


class Quote(ExtractedFact):
    speaker = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    text = models.TextField()
    cue = models.CharField(max_length=50, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["document_id", "evidence__start"]
        indexes = [GinIndex(fields=["search_vector"], name="quote_search_gin")]

    def __str__(self):
        return f"“{self.text[:60]}” — {self.speaker or 'unattributed'}"


class Claim(ExtractedFact):
    class Kind(models.TextChoices):
        CAUSE_OF_ACTION = "cause_of_action", "cause of action"
        ALLEGATION = "allegation"
        ADMISSION = "admission"
        DENIAL = "denial"
        RULING = "ruling"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=200)
    cause = models.CharField(max_length=30, blank=True, db_index=True, help_text="a cause of action's type")
    subject = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_made")
    object = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="claims_received")
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")

    class Meta:
        ordering = ["document_id", "evidence__start"]

    def __str__(self):
        return self.label


class Allegation(ExtractedFact):
    """A distillation allegation: accuser says accused trained student on teacher's outputs."""

    class Status(models.TextChoices):
        ALLEGED = "alleged"
        ADMITTED = "admitted"
        DENIED = "denied"
        RULED = "ruled"

    accuser = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="allegations_made")
    accused = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="allegations_received")
    teacher = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="allegations_as_teacher")
    student = models.ForeignKey("Party", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="allegations_as_student")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALLEGED, db_index=True)
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="allegations")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["document_id", "evidence__start"]
        indexes = [GinIndex(fields=["search_vector"], name="allegation_search_gin")]

    def __str__(self):
        teacher = f" ({self.teacher})" if self.teacher_id else ""
        return f"{self.accused} distilled{teacher}: {self.status}"


class Event(Reviewed):
    """A dated step on a case timeline, shared by every document that reports it."""

    class Kind(models.TextChoices):
        FILING = "filing"
        HEARING = "hearing"
        TESTIMONY = "testimony"
        RULING = "ruling"
        SETTLEMENT = "settlement"
        REPORT = "report"
        OTHER = "other"

    class Precision(models.TextChoices):
        DAY = "day"
        MONTH = "month"
        YEAR = "year"

    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    title = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True, db_index=True)
    precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True)
    rejected = models.BooleanField(default=False)
    stage = models.CharField(max_length=20, blank=True, db_index=True, help_text="the procedural step it shows")
    status = models.CharField(max_length=30, blank=True, help_text="how the case stands after it")
    documents = models.ManyToManyField("Document", through="EventSource", related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("date").asc(nulls_last=True), "id"]

    def __str__(self):
        return self.title


class EventSource(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    document = models.ForeignKey("Document", on_delete=models.CASCADE, related_name="event_sources")
    evidence = models.ForeignKey("Evidence", on_delete=models.CASCADE, related_name="event_sources")
    date = models.DateField(null=True, blank=True, help_text="the date this source gives")
    precision = models.CharField(max_length=5, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    url = models.URLField(max_length=2000, blank=True, help_text="where the source tells it: a docket entry's page")

    class Meta:
        ordering = ["document__published_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "evidence"], name="eventsource_unique")]


class Correction(models.Model):
    """An editor's decision on a fact, kept by the fact's key so re-extraction and new documents honour it: a
    rejected fact stays rejected, a corrected one gets its corrected values (``values``: field -> value, a party
    by its id, a date as ISO text), a confirmed one stays checked. The key is the fact's fingerprint as extracted
    (quotes, allegations, claims, mentions), or what identifies it where it is written (casetracker.review.KEYS:
    a party's role in a case, an event's source, a case field)."""

    class Action(models.TextChoices):
        CONFIRM = "confirm"
        CORRECT = "correct"
        REJECT = "reject"

    fact_type = models.CharField(max_length=20)  # "quote", "allegation", "claim", "mention", "event", "caseparty", "casefield"
    fingerprint = models.CharField(max_length=64)
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.CASCADE,
                                 help_text="only in this document; empty: everywhere")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.REJECT)
    values = models.JSONField(default=dict, blank=True, help_text="a correction's new values: field -> value")
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fact_type", "fingerprint", "document"], name="correction_unique",
                                    nulls_distinct=False)]
