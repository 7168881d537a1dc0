from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

from .facts import Reviewed


class Case(models.Model):
    """One lawsuit: one court, one docket. Its fields are resolved from the sources that state them
    (CaseFact rows for court, docket, judge, ...; dated Events for dates, stage and status)."""

    class Status(models.TextChoices):
        OPEN = "open"
        SETTLED = "settled"
        DISMISSED = "dismissed"
        DISMISSED_WITH_PREJUDICE = "dismissed_with_prejudice", "dismissed with prejudice"
        DISMISSED_WITHOUT_PREJUDICE = "dismissed_without_prejudice", "dismissed without prejudice"
        VOLUNTARILY_DISMISSED = "voluntarily_dismissed", "voluntarily dismissed"
        JUDGMENT_PLAINTIFF = "judgment_plaintiff", "judgment for plaintiff"
        JUDGMENT_DEFENDANT = "judgment_defendant", "judgment for defendant"
        ON_APPEAL = "on_appeal", "on appeal"
        UNKNOWN = "unknown"

    class Stage(models.TextChoices):
        FILED = "filed"
        MOTION_TO_DISMISS = "motion_to_dismiss", "motion to dismiss"
        DISCOVERY = "discovery"
        CLASS_CERTIFICATION = "class_certification", "class certification"
        SUMMARY_JUDGMENT = "summary_judgment", "summary judgment"
        TRIAL = "trial"
        JUDGMENT = "judgment"
        APPEAL = "appeal"

    case_name = models.CharField(max_length=500, help_text='caption, e.g. "Musk v. OpenAI"')
    case_name_full = models.CharField(max_length=1000, blank=True, help_text="the full caption as printed")
    slug = models.SlugField(max_length=520, unique=True)
    caption_inferred = models.BooleanField(default=False, help_text="built from words, not printed")
    caption_key = models.CharField(max_length=500, blank=True, db_index=True,
                                   help_text='the caption\'s sides normalised: "new york times v microsoft"')
    court = models.CharField(max_length=200, blank=True, db_index=True,
                             help_text='CourtListener court id ("cand"), ours outside the US ("ewhc")')
    jurisdiction = models.CharField(max_length=20, blank=True, db_index=True)
    docket_number = models.CharField(max_length=100, blank=True, db_index=True)
    docket_number_core = models.CharField(max_length=100, blank=True, db_index=True,
                                          help_text='"3:23-cv-03417-VC" -> "23-cv-03417" (CourtListener\'s core)')
    judge = models.CharField(max_length=200, blank=True)
    date_filed = models.DateField(null=True, blank=True, db_index=True)
    date_filed_precision = models.CharField(max_length=5, blank=True,
                                            help_text='"day", "month" or "year": how much of date_filed a source gave')
    date_terminated = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.UNKNOWN, db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True, db_index=True)
    class_action = models.BooleanField(null=True, blank=True)
    causes = ArrayField(models.CharField(max_length=30), default=list, blank=True,
                        help_text="typed causes of action")
    ai_areas = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    is_ai_litigation = models.BooleanField(default=True, db_index=True)
    last_activity = models.DateField(null=True, blank=True, db_index=True,
                                     help_text="the date of the case's latest dated event")
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

    def save(self, *args, **kwargs):
        from casetracker.text import caption_key

        self.caption_key = caption_key(self.case_name)
        fields = kwargs.get("update_fields")
        if fields is not None and "case_name" in fields and "caption_key" not in fields:
            kwargs["update_fields"] = [*fields, "caption_key"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("case-detail", args=[self.slug])


class CaseParty(Reviewed):
    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff"
        DEFENDANT = "defendant"
        OTHER = "other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="case_roles")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OTHER)
    named = models.BooleanField(default=False, help_text="a side of the case as a caption, a suit in words or a docket "
                                "names it (the case's identity), not only a role a source about the case gives")
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


class CaseDocket(models.Model):
    """A docket number of a case with its court: the key that says two sources speak of one suit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dockets")
    number = models.CharField(max_length=100)
    core = models.CharField(max_length=100, db_index=True)
    court = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "core", "court"], name="casedocket_unique")]

    def __str__(self):
        return f"{self.number} ({self.court or 'court unknown'})"


class CaseFact(models.Model):
    """One source's statement of a case field (court, docket number, judge, cause of action, ...), with the
    sentence it came from and a confidence. The case's own field is resolved from these; disagreeing values
    are its conflicts."""

    class Origin(models.TextChoices):
        NEWS = "news"
        COURT = "court", "court document"
        DOCKET = "docket", "CourtListener docket"
        EDITOR = "editor"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="facts")
    field = models.CharField(max_length=30, db_index=True)
    value = models.CharField(max_length=1000)
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="case_facts")
    evidence = models.ForeignKey("Evidence", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="case_facts")
    confidence = models.FloatField(default=1.0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.NEWS)
    extractor_version = models.CharField(max_length=40, blank=True)
    rejected = models.BooleanField(default=False)

    class Meta:
        ordering = ["field", "-confidence", "id"]
        indexes = [models.Index(fields=["case", "field"], name="casefact_case_field")]

    def __str__(self):
        return f"{self.case}: {self.field} = {self.value}"


class CaseRelation(models.Model):
    """A case family link, read "from_case <kind> to_case": a member of a consolidated or "In re" case, an
    appeal of its trial-court case, a refiled or companion suit."""

    class Kind(models.TextChoices):
        CONSOLIDATED_INTO = "consolidated_into", "consolidated into"
        MEMBER_OF = "member_of", "member of"
        APPEAL_OF = "appeal_of", "appeal of"
        REFILED_AS = "refiled_as", "refiled as"
        COMPANION_OF = "companion_of", "companion of"

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relations_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="case_relations")
    evidence = models.ForeignKey("Evidence", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="case_relations")
    confidence = models.FloatField(default=1.0)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case", "kind"], name="caserelation_unique"),
            models.CheckConstraint(condition=~models.Q(from_case=models.F("to_case")), name="caserelation_not_self"),
        ]

    def __str__(self):
        return f"{self.from_case} {self.get_kind_display()} {self.to_case}"


class LawFirm(models.Model):
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=320, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Counsel(models.Model):
    """A lawyer and/or law firm acting for one side of a case, as a source states it (never a party)."""

    Side = CaseParty.Role  # the side a lawyer acts for is a party's role: one set of choices

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="counsel")
    side = models.CharField(max_length=10, choices=Side.choices, default=Side.OTHER)
    firm = models.ForeignKey(LawFirm, null=True, blank=True, on_delete=models.CASCADE, related_name="counsel")
    lawyer = models.CharField(max_length=200, blank=True)
    document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="counsel")
    evidence = models.ForeignKey("Evidence", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="counsel")
    extractor_version = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["side", "firm__name", "lawyer", "id"]

    def __str__(self):
        return f"{self.lawyer or self.firm} for the {self.side} in {self.case}"
