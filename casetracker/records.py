"""A case record as a researcher reads it (reads only): each field with the sources that state it, the stage
history, the case's family and its counsel. Everything here reads the relations ``selectors.case_detail_qs``
prefetched, so the case page and the API detail cost the same queries whatever the number of sources."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from casetracker.courts import court_display
from casetracker.models import Case, CaseRelation, Counsel
from ingest.nlp import types as nlp

JURISDICTIONS = {"us-federal": "US federal", "us-state": "US state", "uk": "UK", "eu": "EU", "in": "India",
                 "ca": "Canada", "cn": "China", "de": "Germany", "fr": "France", "jp": "Japan", "au": "Australia",
                 "kr": "South Korea", "br": "Brazil", "other": "other"}
CAUSES = {"dmca_1202": "DMCA § 1202", "trade_secrets": "trade secrets", "right_of_publicity": "right of publicity"}
# statuses that end a case at first instance: an event that shows one dates its termination
TERMINAL = nlp.ENDINGS
# read "<other case> <label> this case" for a relation that points at this case
INBOUND = {"consolidated_into": "consolidated into this case", "member_of": "member of this case",
           "appeal_of": "appeal of this case", "refiled_as": "refiled as this case",
           "companion_of": "companion of this case"}


def label(kind: str, value) -> str:
    """A stored value as a page shows it."""
    if value in (None, ""):
        return ""
    if kind == "court":
        return court_display(value)
    if kind == "jurisdiction":
        return JURISDICTIONS.get(value, value)
    if kind == "status":
        return str(dict(Case.Status.choices).get(value, value)).lower()
    if kind == "stage":
        return str(dict(Case.Stage.choices).get(value, value)).lower()
    if kind in ("class_action", "is_ai_litigation"):
        return {"true": "yes", "false": "no", True: "yes", False: "no"}.get(value, str(value))
    if isinstance(value, date):
        return value.isoformat()
    if kind in ("date_filed", "date_terminated"):
        return str(value)[:10]  # a docket's date-time: its day
    if kind == "cause_of_action":
        return CAUSES.get(value, str(value).replace("_", " "))
    return str(value).replace("_", " ") if kind == "ai_area" else str(value)


@dataclass
class FieldSource:
    """One source's statement of a field: the value it gives, its sentence, where to read it, how sure we are."""

    value: str  # as shown
    raw: str  # as stored
    sentence: str = ""
    url: str = ""  # the sentence on its document's page (or the document)
    document: object = None
    confidence: Optional[float] = None
    origin: str = ""

    @property
    def name(self) -> str:
        from casetracker.templatetags.sources import publisher_of

        d = self.document
        return (publisher_of(d) or d.title or "source") if d is not None else "source"

    @property
    def date(self):
        return getattr(self.document, "published_at", None)


@dataclass
class FieldRow:
    name: str  # the API's field name
    label: str
    value: str  # the case's own value, as shown ("" when none)
    sources: list[FieldSource] = field(default_factory=list)
    multi: bool = False  # several values are several facts (causes), not a conflict

    @property
    def values(self) -> dict[str, list[FieldSource]]:
        out: dict[str, list[FieldSource]] = {}
        for s in self.sources:
            out.setdefault(s.value, []).append(s)
        return out

    @property
    def conflicting(self) -> bool:
        return not self.multi and len(self.values) > 1


def _fact_source(kind: str, fact) -> FieldSource:
    ev = fact.evidence
    document = ev.document if ev is not None else fact.document
    url = ev.get_absolute_url() if ev is not None else (document.get_absolute_url() if document else "")
    return FieldSource(value=label(kind, fact.value), raw=fact.value, sentence=ev.sentence if ev else "",
                       url=url, document=document, confidence=fact.confidence, origin=fact.origin)


def _event_sources(kind: str, event, value) -> list[FieldSource]:
    return [FieldSource(value=label(kind, value), raw=str(value), sentence=s.evidence.sentence,
                        url=s.evidence.get_absolute_url(), document=s.evidence.document, origin="event")
            for s in event.sources.all()]


# (API name, label, CaseFact.field or None, multi-valued)
FIELDS = [("case_name_full", "Full caption", "caption_full", False), ("court", "Court", "court", False),
          ("jurisdiction", "Jurisdiction", "jurisdiction", False),
          ("docket_number", "Docket number", "docket_number", True), ("judge", "Judge", "judge", False),
          ("date_filed", "Filed", "date_filed", False), ("date_terminated", "Terminated", "date_terminated", False),
          ("status", "Status", None, False), ("stage", "Stage", None, False),
          ("class_action", "Class action", "class_action", False),
          ("causes", "Causes of action", "cause_of_action", True), ("ai_areas", "AI areas", "ai_area", True),
          ("is_ai_litigation", "AI litigation", "is_ai_litigation", False)]


def _own_value(case: Case, name: str) -> str:
    if name == "court":
        return label("court", case.court)
    if name == "jurisdiction":
        return label("jurisdiction", case.jurisdiction)
    if name == "docket_number":
        dockets = [d.number for d in case.dockets.all()]
        return ", ".join(dockets) or case.docket_number
    if name in ("date_filed", "date_terminated"):
        value = getattr(case, name)
        precision = case.date_filed_precision if name == "date_filed" else "day"
        return value.isoformat()[:{"year": 4, "month": 7}.get(precision, 10)] if value else ""
    if name == "status":
        return "" if case.status == Case.Status.UNKNOWN else label("status", case.status)
    if name == "stage":
        return label("stage", case.stage)
    if name in ("class_action", "is_ai_litigation"):
        return label("class_action", getattr(case, name))
    if name == "causes":
        return ", ".join(label("cause_of_action", c) for c in case.causes)
    if name == "ai_areas":
        return ", ".join(label("ai_area", a) for a in case.ai_areas)
    return getattr(case, name) or ""


def field_rows(case: Case) -> list[FieldRow]:
    """Each field of the case with its value and every source that states it: CaseFact rows for court, docket,
    judge, ...; the dated events that show a filing, a stage or a status for the dates, stage and status."""
    facts: dict[str, list] = {}
    for f in case.facts.all():
        facts.setdefault(f.field, []).append(f)
    events = [e for e in case.events.all() if not e.rejected]
    rows = []
    for name, title, fact_field, multi in FIELDS:
        row = FieldRow(name=name, label=title, value=_own_value(case, name), multi=multi)
        if fact_field:
            row.sources = [_fact_source(fact_field, f) for f in facts.get(fact_field, [])]
        if name == "date_filed":  # a docket's date, and the dated events that show the filing
            row.sources += [s for e in events if e.stage == "filed" and e.date for s in _event_sources(name, e, e.date)]
        elif name == "date_terminated":
            row.sources += [s for e in events if e.status in TERMINAL and e.date
                            for s in _event_sources(name, e, e.date)]
        elif name == "status":
            row.sources = [s for e in events if e.status for s in _event_sources("status", e, e.status)]
            row.multi = True  # a status changes over time: the history, not a disagreement
        elif name == "stage":
            row.sources = [s for e in events if e.stage for s in _event_sources("stage", e, e.stage)]
            row.multi = True
        rows.append(row)
    return rows


def field_sources(case: Case) -> dict[str, list[dict]]:
    """The API's ``sources``: field name -> [{value, sentence, document, absolute_url, confidence, origin}]."""
    out = {}
    for row in field_rows(case):
        out[row.name] = [{"value": s.raw, "sentence": s.sentence, "document": getattr(s.document, "pk", None),
                          "publisher": getattr(s.document, "publisher", "") or "", "absolute_url": s.url,
                          "confidence": s.confidence, "origin": s.origin} for s in row.sources]
    return out


@dataclass
class StageStep:
    stage: str
    label: str
    date: Optional[date]
    precision: str
    event: object
    sources: list


def stage_history(case: Case) -> list[StageStep]:
    """Events that show a procedural step, oldest first (undated last), each with its source sentences."""
    events = [e for e in case.events.all() if e.stage and not e.rejected]
    events.sort(key=lambda e: (e.date is None, e.date or date.min, e.pk))
    return [StageStep(stage=e.stage, label=label("stage", e.stage), date=e.date, precision=e.precision,
                      event=e, sources=list(e.sources.all())) for e in events]


@dataclass
class FamilyLink:
    direction: str  # "out": this case <kind> other; "in": other <kind> this case
    kind: str
    label: str  # how it reads
    case: Case  # the other case
    relation: CaseRelation


def family(case: Case) -> list[FamilyLink]:
    """The case's relations both ways, e.g. "consolidated into In re OpenAI" and "Tremblay v. OpenAI: member of
    this case"."""
    outs = list(case.relations_out.all())
    links = [FamilyLink("out", r.kind, r.get_kind_display(), r.to_case, r) for r in outs]
    told = {(r.kind, r.to_case_id) for r in outs if r.kind in SYMMETRIC}
    links += [FamilyLink("in", r.kind, INBOUND.get(r.kind, r.get_kind_display()), r.from_case, r)
              for r in case.relations_in.all() if (r.kind, r.from_case_id) not in told]  # (a companion linked both
    return links  # ways is one companion)


SYMMETRIC = {"companion_of"}


def counsel_by_side(case: Case) -> dict[str, list[Counsel]]:
    out: dict[str, list[Counsel]] = {"plaintiff": [], "defendant": [], "other": []}
    for c in case.counsel.all():
        out.setdefault(c.side, []).append(c)
    return {side: rows for side, rows in out.items() if rows}
