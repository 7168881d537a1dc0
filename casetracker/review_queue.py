"""The review queue (reads only): every fact an editor can check, the most visible and least certain first.

- certainty: for a case field, how strongly its sources back the value shown (each agreeing source's confidence
  combined, ``1 - Π(1 - c)``, times the share of the weight that agrees: disagreeing sources lower it; a step read
  in a court paper or docket counts 0.8, in a news report 0.5); for an extracted fact, its corroboration, ``1 -
  0.5^n`` over the n documents that state it (a party a caption names counts 0.9);
- visibility: the kind of fact (a case header field before a party's role, an event, an allegation, a quote), the
  case's followers and sources, and how recent the fact's newest source is;
- priority = visibility × (1 − certainty).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from django.db.models import Count
from django.utils import timezone

from casetracker import records, review, selectors
from casetracker.models import Alert, Case

KIND_WEIGHT = {"casefield": 3.0, "caseparty": 2.5, "event": 2.0, "allegation": 1.5, "quote": 1.0}
HEADER = {"case_name": 4.0, "status": 4.0, "stage": 3.5}  # what a reader sees first
KINDS = [("casefield", "case fields"), ("caseparty", "parties' roles"), ("event", "events"),
         ("allegation", "allegations"), ("quote", "quotes")]
STATES = [("unchecked", "unchecked"), ("checked", "checked"), ("all", "all")]
EVENT_SOURCE_CONFIDENCE = {"docket": 0.8, "filing": 0.8, "opinion": 0.8}  # else 0.5 (news)


@dataclass
class Item:
    kind: str  # casefield, caseparty, event, allegation, quote
    id: str  # the fact's id, or the case field's name
    case: Case
    what: str  # "Court", "Quote", ...
    value: str  # as shown
    certainty: float
    visibility: float
    review: str = ""  # "", confirmed, corrected, rejected
    reviewed_at: Optional[object] = None
    sentence: str = ""
    source_url: str = ""
    n_sources: int = 0
    fields: list = field(default_factory=list)  # editable: [(name, label, value as typed, choices or "party"/"date")]
    anchor: str = ""

    @property
    def priority(self) -> float:
        return self.visibility * (1.0 - self.certainty)

    @property
    def dom_id(self) -> str:
        return f"q-{self.kind}-{self.id}"

    @property
    def action_url(self) -> str:
        if self.kind == "casefield":
            return f"/review/case/{self.case.slug}/{self.id}/"
        return f"/review/{self.kind}/{self.id}/"


def noisy_or(confidences) -> float:
    p = 1.0
    for c in confidences:
        p *= 1.0 - max(0.0, min(1.0, c))
    return 1.0 - p


def corroboration(n: int) -> float:
    return 1.0 - 0.5 ** max(0, n)


def _recency(when) -> float:
    if when is None:
        return 0.5
    when = when.date() if hasattr(when, "date") else when
    years = max(0.0, (timezone.now().date() - when).days / 365.0)
    return 1.0 / (1.0 + years)


def field_certainty(row: records.FieldRow) -> float:
    shown = row.value
    agree, total = [], 0.0
    for s in row.sources:
        c = s.confidence if s.confidence is not None else EVENT_SOURCE_CONFIDENCE.get(
            getattr(s.document, "kind", ""), 0.5)
        total += c
        if s.value == shown or row.multi and s.value in shown:
            agree.append(c)
    if not agree:
        return 0.0
    return noisy_or(agree) * (sum(agree) / total if total else 1.0)


def _case_items(case: Case, followers: int) -> list[Item]:
    weight = 1.0 + math.log1p(followers) + 0.5 * math.log1p(getattr(case, "n_documents", 0) or 0)
    recency = _recency(case.last_activity or getattr(case, "latest_source", None))
    states = review.case_field_states(case)
    rows = {row.name: row for row in records.field_rows(case)}
    items = []
    for name, (title, _fact_field) in review.CASE_FIELDS.items():
        row = rows.get(name) or records.FieldRow(name=name, label=title, value=case.case_name)
        value = case.case_name if name == "case_name" else row.value
        if not value and name not in states:
            continue  # nothing stated: no fact to check
        decision = states.get(name)
        certainty = 1.0 if decision else (0.5 if name == "case_name" and case.caption_inferred
                                          else 0.9 if name == "case_name" else field_certainty(row))
        choices = review.CASE_FIELD_CHOICES.get(name)
        kind = "date" if name in ("date_filed", "date_terminated") else choices or "text"
        top = next((s for s in row.sources if s.sentence), None)
        items.append(Item(
            kind="casefield", id=name, case=case, what=title, value=value, certainty=certainty,
            visibility=KIND_WEIGHT["casefield"] * HEADER.get(name, 1.0) / 3.0 * weight * recency,
            review=review.state_of(decision), reviewed_at=getattr(decision, "updated_at", None),
            sentence=top.sentence if top else "", source_url=top.url if top else "", n_sources=len(row.sources),
            fields=[(name, title, review.case_field_value(case, name), kind)], anchor=f"field-{name}"))
    for cp in case.case_parties.all():
        n = len(cp.evidence.all())
        ev = next(iter(cp.evidence.all()), None)
        items.append(Item(
            kind="caseparty", id=str(cp.pk), case=case, what=f"{cp.role.capitalize()}", value=cp.party.name,
            certainty=1.0 if cp.review else max(0.9 if cp.named else 0.0, corroboration(n)),
            visibility=KIND_WEIGHT["caseparty"] * weight * recency, review=cp.review, reviewed_at=cp.reviewed_at,
            sentence=ev.sentence if ev else "", source_url=ev.get_absolute_url() if ev else "", n_sources=n,
            fields=[("party", "Party", cp.party.name, "party"), ("role", "Role", cp.role, review.KINDS["caseparty"].fields["role"])],
            anchor=f"caseparty-{cp.pk}"))
    for e in case.events.all():
        sources = list(e.sources.all())
        newest = max((s.document.published_at for s in sources if s.document.published_at), default=None)
        ev = sources[0].evidence if sources else None
        when = e.date.isoformat()[:{"year": 4, "month": 7}.get(e.precision, 10)] if e.date else ""
        items.append(Item(
            kind="event", id=str(e.pk), case=case, what=f"Event ({e.kind})", value=f"{when or 'undated'}: {e.title}",
            certainty=1.0 if e.review else corroboration(len({s.document_id for s in sources})),
            visibility=KIND_WEIGHT["event"] * weight * _recency(newest or e.date), review=e.review,
            reviewed_at=e.reviewed_at, sentence=ev.sentence if ev else "", source_url=ev.get_absolute_url() if ev else "",
            n_sources=len(sources), fields=[
                ("date", "Date", when, "date"), ("kind", "Kind", e.kind, review.KINDS["event"].fields["kind"]),
                ("stage", "Stage", e.stage, review.KINDS["event"].fields["stage"]),
                ("status", "Status", e.status, review.KINDS["event"].fields["status"])], anchor=f"event-{e.pk}"))
    return items


def _grouped(facts) -> list[list]:
    groups: dict[str, list] = {}
    for f in facts:
        groups.setdefault(f.fingerprint, []).append(f)
    return list(groups.values())


def _fact_items(case: Case, facts: dict, followers: int) -> list[Item]:
    weight = 1.0 + math.log1p(followers) + 0.5 * math.log1p(getattr(case, "n_documents", 0) or 0)
    items = []
    for group in _grouped(facts["allegations"]):
        a = group[0]
        docs = {f.document_id for f in group}
        newest = max((f.document.published_at for f in group if f.document.published_at), default=None)
        who = f"{a.accuser.name if a.accuser else 'someone'} accuses {a.accused.name}"
        detail = f" of distilling {a.teacher.name}" if a.teacher else " of distillation"
        items.append(Item(
            kind="allegation", id=str(a.pk), case=case, what="Allegation", value=f"{who}{detail} ({a.status})",
            certainty=1.0 if a.review else corroboration(len(docs)),
            visibility=KIND_WEIGHT["allegation"] * weight * _recency(newest), review=a.review,
            reviewed_at=a.reviewed_at, sentence=a.evidence.sentence, source_url=a.evidence.get_absolute_url(),
            n_sources=len(docs), fields=[
                ("accuser", "Accuser", a.accuser.name if a.accuser else "", "party"),
                ("accused", "Accused", a.accused.name, "party"),
                ("teacher", "Teacher", a.teacher.name if a.teacher else "", "party"),
                ("student", "Student", a.student.name if a.student else "", "party"),
                ("status", "Status", a.status, review.KINDS["allegation"].fields["status"])],
            anchor=f"allegation-{a.pk}"))
    for group in _grouped(facts["quotes"]):
        q = group[0]
        docs = {f.document_id for f in group}
        newest = max((f.document.published_at for f in group if f.document.published_at), default=None)
        items.append(Item(
            kind="quote", id=str(q.pk), case=case, what="Quote",
            value=f"“{q.text[:200]}” — {q.speaker.name if q.speaker else 'speaker not named'}",
            certainty=1.0 if q.review else corroboration(len(docs)),
            visibility=KIND_WEIGHT["quote"] * weight * _recency(newest), review=q.review, reviewed_at=q.reviewed_at,
            sentence=q.evidence.sentence, source_url=q.evidence.get_absolute_url(), n_sources=len(docs),
            fields=[("speaker", "Speaker", q.speaker.name if q.speaker else "", "party")], anchor=f"quote-{q.pk}"))
    return items


def queue(*, case: Optional[Case] = None, kind: str = "", state: str = "unchecked",
          below: Optional[float] = None, limit: int = 500) -> tuple[list[Item], int]:
    """The facts to check, highest priority first: (items up to ``limit``, how many there are)."""
    cases = selectors.case_detail_qs().filter(is_ai_litigation=True) if case is None else \
        selectors.case_detail_qs().filter(pk=case.pk)
    followers = dict(Alert.objects.filter(case__isnull=False, paused=False).values("case")
                     .annotate(n=Count("id")).values_list("case", "n"))
    items: list[Item] = []
    seen_facts: set = set()
    for c in cases.order_by("-last_activity", "id"):
        n = followers.get(c.pk, 0)
        if kind in ("", "casefield", "caseparty", "event"):
            items += [i for i in _case_items(c, n) if not kind or i.kind == kind]
        if kind in ("", "allegation", "quote"):
            facts = selectors.case_facts(c)
            for item in _fact_items(c, facts, n):
                if (kind and item.kind != kind) or (item.kind, item.id) in seen_facts:
                    continue
                seen_facts.add((item.kind, item.id))
                items.append(item)
    if state == "unchecked":
        items = [i for i in items if not i.review]
    elif state == "checked":
        items = [i for i in items if i.review]
    if below is not None:
        items = [i for i in items if i.certainty < below]
    items.sort(key=lambda i: (-i.priority, -i.visibility, i.case.case_name, i.kind, i.id))
    return items[:limit], len(items)


def item(kind: str, pk: str, case: Case) -> Optional[Item]:
    """One item of the queue as it stands now (after a decision), whatever its state."""
    items, _ = queue(case=case, kind=kind, state="all")
    return next((i for i in items if i.id == str(pk)), None)


def mark_fields(case: Case, rows: list) -> dict:
    """The case page's review marks: each field row gets ``decision`` (an editor's, or None), ``certainty`` and
    ``unconfirmed`` (unchecked and below settings.REVIEW_CONFIDENCE_THRESHOLD); the caption's decision too."""
    from django.conf import settings

    states = review.case_field_states(case)
    for row in rows:
        row.decision = states.get(row.name)
        row.reviewable = row.name in review.CASE_FIELDS
        row.certainty = 1.0 if row.decision else field_certainty(row)
        row.unconfirmed = bool(row.value) and row.reviewable and row.decision is None and \
            row.certainty < settings.REVIEW_CONFIDENCE_THRESHOLD
    caption = states.get("case_name")
    from casetracker.records import FieldRow

    caption_row = FieldRow(name="case_name", label="Caption", value=case.case_name)
    caption_row.decision = caption
    return {"caption_row": caption_row, "caption_unconfirmed": caption is None and case.caption_inferred}
