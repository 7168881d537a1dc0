"""Provenance, corroboration and conflicts: what a careful legal researcher asks of every fact.

- every fact lists each source sentence that supports it (document, publisher, date);
- corroboration counts independent sources: syndicated copies in one story cluster count once;
- when sources disagree on a fact of a case (who sued whom, a date, admitted vs denied) the case shows
  both sides with their sources; a court document outranks a news report.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rapidfuzz import fuzz

from casetracker.models import Allegation, Case, Document, Evidence, Quote

AUTHORITY = {"docket": 3, "opinion": 3, "filing": 2, "news": 1}


@dataclass
class Source:
    evidence: Evidence

    @property
    def document(self) -> Document:
        return self.evidence.document

    @property
    def authority(self) -> int:
        return AUTHORITY.get(self.document.kind, 1)


def independent_count(documents: Iterable[Document]) -> int:
    """Distinct stories: documents of one story cluster (syndicated rewrites) count once."""
    return len({("story", d.story_id) if d.story_id else ("doc", d.pk) for d in documents})


@dataclass
class FactGroup:
    """One fact as several documents report it."""

    label: str
    facts: list = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    value: Optional[str] = None  # the value shown (from the most authoritative source)
    values: dict = field(default_factory=dict)  # value -> sources that give it

    @property
    def source_count(self) -> int:
        return len({s.document.pk for s in self.sources})

    @property
    def independent(self) -> int:
        return independent_count({s.document.pk: s.document for s in self.sources}.values())

    @property
    def conflicting(self) -> bool:
        return len(self.values) > 1


def _pick(values: dict[str, list[Source]]) -> Optional[str]:
    """The value of the most authoritative source, then the best supported."""
    if not values:
        return None
    return max(values, key=lambda v: (max(s.authority for s in values[v]), len(values[v])))


STATUS_CONFLICTS = [{"admitted", "denied"}, {"ruled", "denied"}]


def allegation_groups(allegations: Iterable[Allegation]) -> list[FactGroup]:
    """Allegations grouped by who accuses whom of distilling what; status values with their sources."""
    groups: dict[tuple, FactGroup] = {}
    for a in allegations:
        key = (a.accuser_id, a.accused_id, a.teacher_id, a.student_id)
        teacher = f" from {a.teacher.name}" if a.teacher_id else ""
        student = f" into {a.student.name}" if a.student_id else ""
        accuser = f"{a.accuser.name}: " if a.accuser_id else ""
        g = groups.setdefault(key, FactGroup(label=f"{accuser}{a.accused.name} distilled{teacher}{student}"))
        g.facts.append(a)
        source = Source(a.evidence)
        g.sources.append(source)
        g.values.setdefault(a.status, []).append(source)
    for g in groups.values():
        g.value = _pick(g.values)
    return sorted(groups.values(), key=lambda g: (-g.independent, g.label))


def quote_groups(quotes: Iterable[Quote]) -> list[FactGroup]:
    groups: dict[str, FactGroup] = {}
    for q in quotes:
        g = groups.setdefault(q.fingerprint, FactGroup(label=q.text))
        g.facts.append(q)
        g.sources.append(Source(q.evidence))
    return list(groups.values())


@dataclass
class Side:
    value: str
    sources: list[Source]

    @property
    def authority(self) -> int:
        return max((s.authority for s in self.sources), default=0)


@dataclass
class Conflict:
    kind: str  # "role", "date", "status"
    subject: str
    sides: list[Side]

    @property
    def preferred(self) -> Optional[Side]:
        """The side a court document supports, when only one side has one."""
        top = max(s.authority for s in self.sides)
        best = [s for s in self.sides if s.authority == top]
        return best[0] if len(best) == 1 and top >= AUTHORITY["filing"] else None


def case_conflicts(case: Case, allegations: Optional[Iterable[Allegation]] = None) -> list[Conflict]:
    """Where a case's sources disagree. Reads the case's prefetched parties, events and documents
    (``selectors.case_detail_qs``) and the case's allegations when given (``selectors.case_facts``), so a case
    page costs the same queries whatever the number of its sources."""
    conflicts: list[Conflict] = []
    # who sued whom: a party put on both sides
    roles: dict[int, dict[str, list[Source]]] = defaultdict(lambda: defaultdict(list))
    names = {}
    for cp in case.case_parties.all():
        names[cp.party_id] = cp.party.name
        roles[cp.party_id][cp.role] += [Source(ev) for ev in cp.evidence.all()]
    for pid, by_role in roles.items():
        if {"plaintiff", "defendant"} <= set(by_role):
            conflicts.append(Conflict("role", f"Is {names[pid]} plaintiff or defendant?",
                                      [Side(r, by_role[r]) for r in ("plaintiff", "defendant")]))
    # dates: the same step of the case given different dates by different sources
    events = [e for e in case.events.all() if not e.rejected and e.date is not None]
    for i, a in enumerate(events):
        for b in events[i + 1:]:
            if a.kind == b.kind and a.date != b.date and a.kind != "other" and \
                    fuzz.token_set_ratio(a.title, b.title) >= 85 and \
                    {s.document_id for s in a.sources.all()}.isdisjoint({s.document_id for s in b.sources.all()}):
                conflicts.append(Conflict("date", f"When: {a.title}", [
                    Side(a.date.isoformat(), [Source(s.evidence) for s in a.sources.all()]),
                    Side(b.date.isoformat(), [Source(s.evidence) for s in b.sources.all()])]))
    # allegation status: admitted by one source, denied by another
    doc_ids = {cd.document_id for cd in case.case_documents.all()}
    if allegations is None:
        allegations = Allegation.objects.filter(rejected=False, document_id__in=doc_ids).select_related(
            "accuser", "accused", "teacher", "student", "evidence__document")
    for g in allegation_groups(a for a in allegations if a.document_id in doc_ids):
        statuses = set(g.values)
        if any(pair <= statuses for pair in STATUS_CONFLICTS):
            conflicts.append(Conflict("status", g.label, [Side(v, g.values[v]) for v in sorted(statuses)]))
    return conflicts
