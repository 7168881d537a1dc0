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
class CaseX:
    caption: str  # "Musk v. OpenAI"
    inferred: bool = False  # True when built from words ("his lawsuit against OpenAI")
    plaintiffs: list[str] = field(default_factory=list)
    defendants: list[str] = field(default_factory=list)
    docket_numbers: list[str] = field(default_factory=list)
    court: Optional[str] = None  # normalised ("N.D. Cal.")
    judge: Optional[str] = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ClaimX:
    kind: str  # one of CLAIM_KINDS
    label: str  # "breach of contract", "copyright infringement", ...
    subject: Optional[str] = None  # who claims
    object: Optional[str] = None  # against whom
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class EventX:
    kind: str  # one of EVENT_KINDS
    what: str  # a short description (usually the sentence, trimmed)
    date: Optional[str] = None  # ISO "2026-04-30"; None when the text gives none
    precision: Optional[str] = None  # one of DATE_PRECISIONS, None with no date
    evidence: list[Evidence] = field(default_factory=list)


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
