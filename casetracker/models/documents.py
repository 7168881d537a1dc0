"""What came in: raw inputs as received, the documents read from them, and evidence spans."""
from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse


class RawInput(models.Model):
    """One input exactly as received, stored before any parsing so a failure loses nothing."""

    class Status(models.TextChoices):
        PENDING = "pending"
        DONE = "done"
        DUPLICATE = "duplicate"
        FAILED = "failed"

    source = models.CharField(max_length=2000, help_text="file path, URL or 'api'")
    url = models.URLField(max_length=2000, blank=True)
    filename = models.CharField(max_length=500, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    raw = models.BinaryField(null=True, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    raw_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    stage = models.CharField(max_length=20, blank=True, help_text="the stage that failed")
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="raw_inputs")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.source} ({self.status})"


class StoryCluster(models.Model):
    """Near-duplicate documents (syndicated rewrites of one story)."""

    label = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.label or f"story {self.pk}"


class Document(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news"
        FILING = "filing"
        DOCKET = "docket"
        OPINION = "opinion"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NEWS, db_index=True)
    url = models.URLField(max_length=2000, blank=True, db_index=True, help_text="normalised URL")
    title = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=300, blank=True, db_index=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=200, blank=True)
    pages = models.JSONField(default=list, blank=True, help_text="char offset where each PDF page starts")
    meta = models.JSONField(default=dict, blank=True)
    is_ai_litigation = models.BooleanField(default=False)
    story = models.ForeignKey(StoryCluster, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="documents")
    minhash = models.JSONField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [GinIndex(fields=["search_vector"], name="document_search_gin")]

    def __str__(self):
        return self.title or f"document {self.pk}"

    def get_absolute_url(self):
        return reverse("document-detail", args=[self.pk])

    @property
    def display_date(self):
        return self.published_at or self.created_at

    def page_of(self, offset: int) -> int | None:
        """The 1-based PDF page that holds a character offset, or None for non-paged text."""
        page = None
        for number, start in enumerate(self.pages or [], 1):
            if start <= offset:
                page = number
        return page


class Evidence(models.Model):
    """The exact text a fact came from: a span in a document and its sentence."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sent_start = models.PositiveIntegerField()
    sent_end = models.PositiveIntegerField()
    sentence = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["document_id", "start"]
        indexes = [models.Index(fields=["document", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="evidence_span_ordered"),
        ]

    def __str__(self):
        return f"{self.document_id}:{self.start}-{self.end}"

    @property
    def quote(self) -> str:
        return self.document.text[self.start:self.end]

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#ev-{self.pk}"


class StoryBand(models.Model):
    """One LSH band of a document's MinHash signature: documents sharing a band are story candidates."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "value"])]


class Feed(models.Model):
    """An RSS/Atom feed that celery beat polls."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title or self.url


class FeedItem(models.Model):
    """A feed entry seen once: never fetched again."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    url = models.URLField(max_length=2000)
    guid = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    raw_input = models.ForeignKey(RawInput, null=True, blank=True, on_delete=models.SET_NULL)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "url"], name="feeditem_unique_url")]
