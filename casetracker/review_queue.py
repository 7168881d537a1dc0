"""The review queue (reads only): every fact an editor can check, the most visible and least certain first.

- certainty: for a case field, how strongly its sources back the value shown (each agreeing source's confidence
  combined, ``1 - Π(1 - c)``, times the share of the weight that agrees: disagreeing sources lower it; a step read
  in a court paper or docket counts 0.8, in a news report 0.5); for an extracted fact, its corroboration, ``1 -
  0.5^n`` over the n documents that state it (a party a caption names counts 0.9);
- visibility: the kind of fact (a case header field before a party's role, an event, an allegation, a quote), the
  case's followers and sources, and how recent the fact's newest source is;
- priority = visibility × (1 − certainty).

The queue is stored (models.ReviewItem, one row per fact with its priority): ``refresh`` rebuilds a case's rows from
its facts, the writers mark the cases they change stale (``mark_stale``, in their transaction), and ``queue`` first
rebuilds the stale ones, then reads one page through an index, after a cursor (keyset pagination: the priority and
id of the page's last row), so a page costs the same few queries at 100,000 facts as at 100 (bench/bench_review.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from casetracker import records, review, selectors
from casetracker.models import Alert, Case, CaseDocument, Mention, ReviewItem, ReviewStale

KIND_WEIGHT = {"casefield": 3.0, "caseparty": 2.5, "event": 2.0, "allegation": 1.5, "claim": 1.2, "quote": 1.0,
               "mention": 0.8}
HEADER = {"case_name": 4.0, "status": 4.0, "stage": 3.5}  # what a reader sees first
KINDS = [("casefield", "case fields"), ("caseparty", "parties' roles"), ("event", "events"),
         ("allegation", "allegations"), ("claim", "claims"), ("quote", "quotes"),
         ("mention", "a party's role in a document")]
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
    row_id: int = 0  # its stored row (models.ReviewItem): the keyset cursor's tie-breaker

    @property
    def cursor(self) -> str:
        return cursor_of(self)

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
        evs = sorted(cp.evidence.all(), key=lambda e: (e.document_id, e.start, e.pk))  # (document, start) ties:
        n = len(evs)  # the stored row and a rebuild must show the same first source
        ev = evs[0] if evs else None
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


def _fact_items(case: Case, facts: dict, followers: int) -> list[tuple[Item, list]]:
    """(item, the copies of the fact it stands for) of the extracted facts: allegations, quotes, claims, and the
    mentions that give a party a side in a document."""
    weight = 1.0 + math.log1p(followers) + 0.5 * math.log1p(getattr(case, "n_documents", 0) or 0)
    items = []
    for group in _grouped(facts["allegations"]):
        a = group[0]
        docs = {f.document_id for f in group}
        newest = max((f.document.published_at for f in group if f.document.published_at), default=None)
        who = f"{a.accuser.name if a.accuser else 'someone'} accuses {a.accused.name}"
        detail = f" of distilling {a.teacher.name}" if a.teacher else " of distillation"
        items.append((Item(
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
            anchor=f"allegation-{a.pk}"), group))
    for group in _grouped(facts["quotes"]):
        q = group[0]
        docs = {f.document_id for f in group}
        newest = max((f.document.published_at for f in group if f.document.published_at), default=None)
        items.append((Item(
            kind="quote", id=str(q.pk), case=case, what="Quote",
            value=f"“{q.text[:200]}” — {q.speaker.name if q.speaker else 'speaker not named'}",
            certainty=1.0 if q.review else corroboration(len(docs)),
            visibility=KIND_WEIGHT["quote"] * weight * _recency(newest), review=q.review, reviewed_at=q.reviewed_at,
            sentence=q.evidence.sentence, source_url=q.evidence.get_absolute_url(), n_sources=len(docs),
            fields=[("speaker", "Speaker", q.speaker.name if q.speaker else "", "party")], anchor=f"quote-{q.pk}"),
            group))
    for group in _grouped(facts.get("claims", [])):
        c = group[0]
        docs = {f.document_id for f in group}
        newest = max((f.document.published_at for f in group if f.document.published_at), default=None)
        sides = " against ".join(p.name for p in (c.subject, c.object) if p) or "no party named"
        items.append((Item(
            kind="claim", id=str(c.pk), case=case, what=f"Claim ({c.get_kind_display()})",
            value=f"{c.label[:200]} — {sides}", certainty=1.0 if c.review else corroboration(len(docs)),
            visibility=KIND_WEIGHT["claim"] * weight * _recency(newest), review=c.review, reviewed_at=c.reviewed_at,
            sentence=c.evidence.sentence, source_url=c.evidence.get_absolute_url(), n_sources=len(docs), fields=[
                ("kind", "Kind", c.kind, review.KINDS["claim"].fields["kind"]),
                ("subject", "By", c.subject.name if c.subject else "", "party"),
                ("object", "Against", c.object.name if c.object else "", "party")], anchor=f"claim-{c.pk}"), group))
    for group in _grouped(facts.get("mentions", [])):
        m = group[0]
        items.append((Item(
            kind="mention", id=str(m.pk), case=case, what=f"Named as {m.role} in a document",
            value=f"{m.party.name} (“{m.surface[:80]}”)", certainty=1.0 if m.review else 0.5,
            visibility=KIND_WEIGHT["mention"] * weight * _recency(m.document.published_at), review=m.review,
            reviewed_at=m.reviewed_at, sentence=m.evidence.sentence, source_url=m.evidence.get_absolute_url(),
            n_sources=1, fields=[("party", "Party", m.party.name, "party"),
                                 ("role", "Role", m.role, review.KINDS["mention"].fields["role"])],
            anchor=""), group))
    return items


def _home_cases(doc_ids) -> dict[int, int]:
    """document id -> the case its facts are reviewed under (its best-linked case: review.case_of's choice)."""
    rows = CaseDocument.objects.filter(document_id__in=list(doc_ids)).order_by("document_id", "-confidence", "id") \
        .distinct("document_id").values_list("document_id", "case_id")
    return dict(rows)


def case_items(case: Case, followers: int) -> list[Item]:
    """Every fact of a case an editor can check, whatever its state; a quote or allegation several cases share is
    the item of the case its document belongs to best (so it is in the queue once)."""
    return _case_items(case, followers) + _owned_fact_items(case, followers)


FACT_KINDS = {"quote": "quotes", "allegation": "allegations", "claim": "claims", "mention": "mentions"}
CASE_KINDS = ("casefield", "caseparty", "event")  # the items _case_items makes


def _owned_fact_items(case: Case, followers: int, only: Optional[tuple[str, str]] = None) -> list[Item]:
    """The items of the extracted facts this case owns; ``only`` = (kind, fingerprint): that fact's copies alone
    (the same groups, certainty and owner as the whole case's, computed from the copies of that one fact)."""
    facts = selectors.case_facts(case)
    doc_ids = [cd.document_id for cd in case.case_documents.all()]
    facts = {"quotes": facts["quotes"], "allegations": facts["allegations"], "claims": facts["claims"],
             "mentions": Mention.objects.filter(document_id__in=doc_ids, rejected=False, role__in=SIDES)
             .select_related("party", "evidence__document", "document").defer(*selectors._light("document"))
             .order_by("document_id", "evidence__start", "id")}
    if only is not None:
        kind, fingerprint = only
        facts = {name: (qs.filter(fingerprint=fingerprint) if name == FACT_KINDS[kind] else qs.none())
                 for name, qs in facts.items()}
    facts = {name: list(qs) for name, qs in facts.items()}
    home = _home_cases({f.document_id for group in facts.values() for f in group})
    items = []
    for item, group in _fact_items(case, facts, followers):
        first = group[0]
        owner = first.case_id if getattr(first, "case_id", None) else home.get(first.document_id, case.pk)
        if owner == case.pk:
            items.append(item)
    return items


SIDES = ("plaintiff", "defendant")  # a mention in the queue: a document putting a party on a side


ITEM_DATA = ("what", "value", "sentence", "source_url", "n_sources", "fields", "anchor")


def refresh(case_ids) -> int:
    """Rebuild the stored queue rows of these cases (and clear their stale marks); returns how many rows."""
    ids = sorted(set(case_ids))
    written = 0
    followers = dict(Alert.objects.filter(case_id__in=ids, paused=False).values("case").annotate(n=Count("id"))
                     .values_list("case", "n"))
    for start in range(0, len(ids), 50):
        chunk = ids[start:start + 50]
        started = timezone.now()
        with transaction.atomic():
            rows = []
            for case in cases_qs().filter(pk__in=chunk):
                rows += [_row(case, i) for i in case_items(case, followers.get(case.pk, 0))]
            ReviewItem.objects.filter(case_id__in=chunk).delete()
            ReviewItem.objects.bulk_create(rows, batch_size=1000)
            ReviewStale.objects.filter(case_id__in=chunk, marked_at__lte=started).delete()
        written += len(rows)
    return written


def _row(case: Case, i: Item) -> ReviewItem:
    return ReviewItem(kind=i.kind, key=i.id, case=case, priority=i.priority, certainty=i.certainty,
                      visibility=i.visibility, review=i.review or "", reviewed_at=i.reviewed_at,
                      listed=case.is_ai_litigation, data=_stored({name: getattr(i, name) for name in ITEM_DATA}))


def _stored(data: dict) -> dict:
    """Data as the JSON column gives it back (tuples as lists), so a stored row and a fresh one compare equal."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


SYNCED = ("priority", "certainty", "visibility", "review", "reviewed_at", "listed", "data")


def _sync(case: Case, items: list[Item], stored) -> int:
    """Make the stored rows ``stored`` (a queryset of this case's rows) what ``items`` say: a row that changed is
    updated in place (its id, hence the keyset cursors of the pages, stays), a new fact's row is inserted, a row
    whose fact is gone is deleted, a row that did not change is not written. Returns how many rows were written."""
    fresh = {(i.kind, i.id): _row(case, i) for i in items}
    old = {(r.kind, r.key): r for r in stored}
    changed = []
    for key, row in fresh.items():
        was = old.get(key)
        if was is not None and any(getattr(was, f) != getattr(row, f) for f in SYNCED):
            for f in SYNCED:
                setattr(was, f, getattr(row, f))
            changed.append(was)
    gone = [r.pk for key, r in old.items() if key not in fresh]
    new = [row for key, row in fresh.items() if key not in old]
    if gone:
        ReviewItem.objects.filter(pk__in=gone).delete()
    if changed:
        ReviewItem.objects.bulk_update(changed, SYNCED)
    if new:
        ReviewItem.objects.bulk_create(new)
    return len(gone) + len(changed) + len(new)


def cases_qs():
    """Cases with what their queue items read, each relation in one query (a case page's ``case_detail_qs`` less
    what the queue never shows: family, counsel, followed dockets, the documents' rows)."""
    from django.db.models import Prefetch

    detail = {p.prefetch_to: p for p in selectors.case_detail_qs()._prefetch_related_lookups
              if isinstance(p, Prefetch)}
    return selectors._case_activity(Case.objects.all()).prefetch_related(
        detail["dockets"], detail["case_parties"], detail["events"], detail["facts"], "case_documents")


def sync_case(case_id: int) -> int:
    """After an editor's decision on a case's own facts (a case field, a party's role, an event; a claim, whose
    causes of action the case's fields follow): its case fields', roles' and events' rows again, written only where
    they changed (a decision changes its fact's row; the case's fields it resolves again, and the recency of its
    header when the last activity moves). The extracted facts' rows (quotes, allegations, ...) do not depend on
    these and are not read. Returns how many rows were written."""
    case = cases_qs().filter(pk=case_id).first()
    if case is None:
        return 0
    followers = Alert.objects.filter(case_id=case_id, paused=False).count()
    written = _sync(case, _case_items(case, followers), ReviewItem.objects.filter(case=case, kind__in=CASE_KINDS))
    return written + ReviewItem.objects.filter(case=case).exclude(listed=case.is_ai_litigation).update(
        listed=case.is_ai_litigation)


def sync_fact(kind: str, copies: list) -> int:
    """After an editor's decision on an extracted fact (``copies``: its rows, one per document that states it): the
    rows that stand for it, in the cases that hold one or own it now, computed again from its copies alone and
    written where they changed. Returns how many rows were written."""
    keys = [str(c.pk) for c in copies]
    fingerprints = {c.fingerprint for c in copies}
    # a fact is listed only in a case of its documents or its own case: its rows are found through the
    # (case, kind, key) index, never by a scan of every row
    linked = set(CaseDocument.objects.filter(document_id__in=sorted({c.document_id for c in copies}))
                 .values_list("case_id", flat=True)) | {c.case_id for c in copies if getattr(c, "case_id", None)}
    case_ids = set(ReviewItem.objects.filter(case_id__in=sorted(linked), kind=kind, key__in=keys)
                   .values_list("case_id", flat=True))
    case_ids |= {c.case_id for c in copies if getattr(c, "case_id", None)}
    case_ids |= set(_home_cases({c.document_id for c in copies}).values())
    written = 0
    for case in selectors._case_activity(Case.objects.filter(pk__in=sorted(case_ids))).prefetch_related(
            "case_documents"):
        followers = Alert.objects.filter(case_id=case.pk, paused=False).count()
        items = [i for fp in sorted(fingerprints) for i in _owned_fact_items(case, followers, only=(kind, fp))]
        written += _sync(case, items, ReviewItem.objects.filter(case=case, kind=kind, key__in=keys))
    return written


def refresh_stale(limit: Optional[int] = None) -> int:
    """Rebuild the cases the writers marked stale (up to ``limit``, the longest waiting first)."""
    ids = list(ReviewStale.objects.order_by("marked_at").values_list("case_id", flat=True)[:limit])
    return refresh(ids) if ids else 0


def rebuild() -> int:
    """Every case's rows again (their visibility decays with age: beat runs this daily)."""
    return refresh(Case.objects.values_list("pk", flat=True))


def mark_stale(case_ids) -> None:
    """These cases' facts changed: their queue rows are rebuilt before the queue is read next (or by beat)."""
    ids = sorted({pk for pk in case_ids if pk})
    if ids:
        now = timezone.now()  # a newer mark than a rebuild running meanwhile: that rebuild keeps it
        ReviewStale.objects.bulk_create([ReviewStale(case_id=pk, marked_at=now) for pk in ids], update_conflicts=True,
                                        unique_fields=["case_id"], update_fields=["marked_at"])


def _item(row: ReviewItem) -> Item:
    return Item(kind=row.kind, id=row.key, case=row.case, certainty=row.certainty, visibility=row.visibility,
                review=row.review, reviewed_at=row.reviewed_at, **{k: row.data.get(k) for k in ITEM_DATA})


def cursor_of(item: Item) -> str:
    """The keyset cursor after an item: its priority (exact, as repr prints it) and its row id."""
    return f"{item.priority!r}_{item.row_id}"


def parse_cursor(text: str) -> Optional[tuple[float, int]]:
    try:
        priority, row_id = text.rsplit("_", 1)
        value = float(priority)
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return value, int(row_id)
    except ValueError:
        return None


def queue(*, case: Optional[Case] = None, kind: str = "", state: str = "unchecked", below: Optional[float] = None,
          limit: int = 500, after: Optional[tuple[float, int]] = None) -> tuple[list[Item], int]:
    """The facts to check, highest priority first: (items up to ``limit`` after the cursor ``after``, how many
    there are in all, counted up to COUNT_CAP + 1). Each item's ``row_id`` and ``cursor`` say where the next page
    starts."""
    refresh_stale(limit=READ_REFRESH)
    rows = ReviewItem.objects.select_related("case")
    rows = rows.filter(case=case) if case is not None else rows.filter(listed=True)
    if kind:
        rows = rows.filter(kind=kind)
    if state == "unchecked":
        rows = rows.filter(review="")
    elif state == "checked":
        rows = rows.exclude(review="")
    if below is not None:
        rows = rows.filter(certainty__lt=below)
    total = rows.order_by()[:COUNT_CAP + 1].count()  # a count that reads at most COUNT_CAP + 1 index entries
    if after is not None:  # a row comparison, which the (priority DESC, id DESC) indexes answer directly
        rows = rows.extra(where=["(casetracker_reviewitem.priority, casetracker_reviewitem.id) < (%s, %s)"],
                          params=[after[0], after[1]])
    items = []
    for row in rows.order_by("-priority", "-id")[:limit]:
        it = _item(row)
        it.row_id = row.pk
        items.append(it)
    return items, total


COUNT_CAP = 10_000  # beyond it the queue says "10,000 or more"
READ_REFRESH = 200  # stale cases a read rebuilds first (after a large ingest beat rebuilds the rest, a minute apart)


def item(kind: str, pk: str, case: Case) -> Optional[Item]:
    """One item of the queue as it stands now (after a decision), whatever its state: its case's rows are rebuilt
    first when stale (the other cases a decision touched wait for the next read)."""
    if ReviewStale.objects.filter(case_id=case.pk).exists():
        refresh([case.pk])
    rows = ReviewItem.objects.select_related("case").filter(kind=kind, key=str(pk))
    row = rows.filter(case=case).first() or (rows.first() if kind != "casefield" else None)
    if row is None:
        return None
    it = _item(row)
    it.row_id = row.pk
    return it


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
