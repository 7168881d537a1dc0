"""Plain dataclasses that the NLP layer returns (no Django, no spaCy objects).

Every fact carries at least one ``Evidence``: character offsets into the
document text that was passed to ``extract`` plus the sentence bounds, so the
write side can store exactly where the fact came from.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional

PARTY_KINDS = ("person", "company", "model", "court", "agency", "other")
ROLES = ("plaintiff", "defendant", "other")
ALLEGATION_STATUSES = ("alleged", "admitted", "denied", "ruled")
CLAIM_KINDS = ("cause_of_action", "allegation", "admission", "denial", "ruling")
EVENT_KINDS = ("filing", "hearing", "testimony", "ruling", "settlement", "report", "other")
DATE_PRECISIONS = ("day", "month", "year")
# case records (issue 14): the procedural steps a case goes through, in order, and how it can end
STAGES = ("filed", "motion_to_dismiss", "discovery", "class_certification", "summary_judgment", "trial", "judgment",
          "appeal")
STATUSES = ("open", "settled", "dismissed", "dismissed_with_prejudice", "dismissed_without_prejudice",
            "voluntarily_dismissed", "judgment_plaintiff", "judgment_defendant", "on_appeal")
ENDINGS = frozenset(STATUSES) - {"open", "on_appeal"}  # statuses that end a case at first instance
CAUSES = ("copyright_infringement", "dmca_1202", "trademark", "breach_of_contract", "unfair_competition",
          "trade_secrets", "privacy", "defamation", "right_of_publicity", "antitrust", "negligence",
          "product_liability", "wrongful_death", "unjust_enrichment", "fraud", "consumer_protection", "patent",
          "securities", "discrimination", "other")
AI_AREAS = ("text", "image", "video", "music", "code", "voice", "other")
JURISDICTIONS = ("us-federal", "us-state", "uk", "eu", "in", "ca", "cn", "de", "fr", "jp", "au", "kr", "br", "other")
RELATIONS = ("consolidated_into", "member_of", "appeal_of", "refiled_as", "companion_of")
# single-valued and multi-valued facts a document states about one case (CaseFieldX.field)
CASE_FIELDS = ("court", "jurisdiction", "docket_number", "judge", "caption_full", "class_action", "cause_of_action",
               "ai_area")


@dataclass
class Evidence:
    start: int  # char offset of the fact's text in Document.text
    end: int
    sent_start: int  # char offsets of the sentence that holds it
    sent_end: int


@dataclass
class PartyX:
    name: str  # canonical name ("Elon Musk"), from the gazetteer when known
    kind: str  # one of PARTY_KINDS
    role: str = "other"  # one of ROLES, for this document
    gazetteer_id: Optional[str] = None  # the gazetteer entity id, e.g. "openai"
    owner: Optional[str] = None  # for models/products: the company that makes it ("Grok" -> "xAI")
    surface_forms: list[str] = field(default_factory=list)  # as written ("Musk", "the billionaire")
    evidence: list[Evidence] = field(default_factory=list)
    is_litigant: bool = True  # False for entities found but not actors (judges, outlets)


@dataclass
class QuoteX:
    text: str  # without the quotation marks
    speaker: Optional[str]  # canonical party name, or None when the text names none
    cue: Optional[str] = None  # the verb ("said", "wrote", "replied")
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class AllegationX:
    """A distillation allegation: accuser says accused distilled teacher into student."""

    accused: str
    accuser: Optional[str] = None
    teacher: Optional[str] = None
    student: Optional[str] = None
    status: str = "alleged"  # one of ALLEGATION_STATUSES
    evidence: list[Evidence] = field(default_factory=list)
    # the canonical fact is (accuser, accused, teacher company); the models the text names are attributes
    teacher_company: Optional[str] = None  # the company distilled from ("Anthropic" for teacher "Claude")
    teacher_models: list[str] = field(default_factory=list)  # every model named as the teacher
    student_models: list[str] = field(default_factory=list)  # every model of the accused named as the student


@dataclass
class CaseFieldX:
    """One fact a document states about a case: its court, a docket number, its judge, a cause of action, ...

    ``value`` is normalised: a court is its CourtListener id ("cand", or ours for courts outside the US such as
    "ewhc"), a cause one of CAUSES, class_action "true"/"false", a judge a person's full name."""

    field: str  # one of CASE_FIELDS
    value: str
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CounselX:
    """A lawyer or law firm acting for one side of a case (never a party)."""

    side: str  # plaintiff | defendant | other
    firm: Optional[str] = None
    lawyer: Optional[str] = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class RelationX:
    """This case's relation to another one the text names: a member of a consolidated or "In re" case, an
    appeal of a trial-court case, a refiled or companion suit."""

    kind: str  # one of RELATIONS, read "this case <kind> other"
    other: str  # the other case's caption (or docket number) as the text gives it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CaseX:
    caption: str  # "Musk v. OpenAI"
    inferred: bool = False  # True when built from words ("his lawsuit against OpenAI")
    plaintiffs: list[str] = field(default_factory=list)
    defendants: list[str] = field(default_factory=list)
    docket_numbers: list[str] = field(default_factory=list)
    court: Optional[str] = None  # normalised ("N.D. Cal.")
    judge: Optional[str] = None
    evidence: list[Evidence] = field(default_factory=list)
    fields: list[CaseFieldX] = field(default_factory=list)  # what this document states about this case
    counsel: list[CounselX] = field(default_factory=list)
    relations: list[RelationX] = field(default_factory=list)
    is_ai_litigation: Optional[bool] = None  # this suit, when the document says (None: as the document)


@dataclass
class ClaimX:
    kind: str  # one of CLAIM_KINDS
    label: str  # "breach of contract", "copyright infringement", ...
    subject: Optional[str] = None  # who claims
    object: Optional[str] = None  # against whom
    evidence: list[Evidence] = field(default_factory=list)
    cause: Optional[str] = None  # for causes of action: one of CAUSES
    case: Optional[int] = None  # index in Extraction.cases of the case it belongs to (None: the document's)


@dataclass
class EventX:
    kind: str  # one of EVENT_KINDS
    what: str  # a short description (usually the sentence, trimmed)
    date: Optional[str] = None  # ISO "2026-04-30"; None when the text gives none
    precision: Optional[str] = None  # one of DATE_PRECISIONS, None with no date
    evidence: list[Evidence] = field(default_factory=list)
    stage: Optional[str] = None  # the procedural step it shows, one of STAGES ("filed": the suit was filed)
    status: Optional[str] = None  # how the case stands after it, one of STATUSES ("settled", "dismissed", ...)
    case: Optional[int] = None  # index in Extraction.cases of the case it belongs to (None: the document's)


@dataclass
class Extraction:
    parties: list[PartyX] = field(default_factory=list)
    quotes: list[QuoteX] = field(default_factory=list)
    allegations: list[AllegationX] = field(default_factory=list)
    cases: list[CaseX] = field(default_factory=list)
    claims: list[ClaimX] = field(default_factory=list)
    events: list[EventX] = field(default_factory=list)
    docket_numbers: list[str] = field(default_factory=list)
    court: Optional[str] = None
    # the presiding judge a text that names no case states (case_fields.document_judge): the case linking finds
    # by the text's parties gets it, when it finds one
    judges: list[CaseFieldX] = field(default_factory=list)
    is_ai_litigation: bool = False
    extractor_version: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def to_eval(self, doc: str) -> dict:
        """One line of the format ../shared/eval/score.py reads."""
        return {
            "doc": doc,
            "case_captions": [c.caption for c in self.cases],
            "court": self.court,
            "docket_numbers": list(self.docket_numbers),
            "parties": [{"name": p.name, "role": p.role} for p in self.parties if p.is_litigant],
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in self.quotes],
            "distillation_allegations": [
                {"accuser": a.accuser, "accused": a.accused, "teacher": a.teacher,
                 "student": a.student, "status": a.status}
                for a in self.allegations
            ],
            # the scorer compares days: a month- or year-precise date is no day
            "events": [{"date": e.date if e.precision == "day" else None, "what": e.what} for e in self.events],
            "is_ai_litigation": self.is_ai_litigation,
        }
