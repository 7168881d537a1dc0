from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        DISMISSED = "dismissed"
        SETTLED = "settled"
        DECIDED = "decided"
        UNKNOWN = "unknown"

    case_name = models.CharField(max_length=500, help_text='caption, e.g. "Musk v. OpenAI"')
    slug = models.SlugField(max_length=520, unique=True)
    caption_inferred = models.BooleanField(default=False, help_text="built from words, not printed")
    court = models.CharField(max_length=200, blank=True, db_index=True)
    docket_number = models.CharField(max_length=100, blank=True, db_index=True)
    judge = models.CharField(max_length=200, blank=True)
    date_filed = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNKNOWN, db_index=True)
    parties = models.ManyToManyField("Party", through="CaseParty", related_name="cases")
    documents = models.ManyToManyField("Document", through="CaseDocument", related_name="cases")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["case_name", "id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="case_search_gin"),
            GinIndex(OpClass(Upper("case_name"), name="gin_trgm_ops"), name="case_name_trgm"),
        ]

    def __str__(self):
        return self.case_name

    def get_absolute_url(self):
        return reverse("case-detail", args=[self.slug])


class CaseParty(models.Model):
    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff"
        DEFENDANT = "defendant"
        OTHER = "other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="case_roles")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OTHER)
    evidence = models.ManyToManyField("Evidence", blank=True, related_name="case_parties")

    class Meta:
        ordering = ["role", "party__name"]
        constraints = [models.UniqueConstraint(fields=["case", "party", "role"], name="caseparty_unique")]

    def __str__(self):
        return f"{self.party} ({self.role}) in {self.case}"


class CaseDocument(models.Model):
    """Why a document belongs to a case: linking is explainable."""

    class Reason(models.TextChoices):
        DOCKET = "docket", "docket number"
        CAPTION = "caption", "caption"
        PARTIES = "parties", "opposing parties"
        MANUAL = "manual", "manual"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_documents")
    document = models.ForeignKey("Document", on_delete=models.CASCADE, related_name="case_links")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    confidence = models.FloatField(default=1.0)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-confidence"]
        constraints = [models.UniqueConstraint(fields=["case", "document"], name="casedocument_unique")]
