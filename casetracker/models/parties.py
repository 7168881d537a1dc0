from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse


class Party(models.Model):
    """A person, company, AI model/product, court or agency: one row per real entity."""

    class Kind(models.TextChoices):
        PERSON = "person"
        COMPANY = "company"
        MODEL = "model"
        COURT = "court"
        AGENCY = "agency"
        OTHER = "other"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=320, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    gazetteer_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    owner = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="products", help_text="for models/products: who makes it")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="merged_parties",
                                    help_text="set by a staff merge; names that resolve here go to the target")
    created_at = models.DateTimeField(auto_now_add=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        indexes = [
            GinIndex(fields=["search_vector"], name="party_search_gin"),
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="party_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("party-detail", args=[self.slug])

    def resolved(self) -> "Party":
        party, seen = self, set()
        while party.merged_into_id and party.pk not in seen:
            seen.add(party.pk)
            party = party.merged_into
        return party


class Alias(models.Model):
    """Another name for a party: "Musk" and "the billionaire" for Elon Musk."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, db_index=True)
    source = models.CharField(max_length=20, default="extracted",
                              choices=[("gazetteer", "gazetteer"), ("extracted", "extracted"), ("manual", "manual")])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.UniqueConstraint(fields=["party", "normalized"], name="alias_unique_per_party")]
        indexes = [GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="alias_name_trgm")]

    def __str__(self):
        return f"{self.name} → {self.party}"
