"""Editors in the loop (the write side): confirm, correct or reject a fact or a case field, keep the decision so
re-extraction and new documents honour it, record every change in the history, revert one.

A decision is a ``Correction`` keyed by what identifies the fact where it is written (``key_of``):

- a quote, allegation, claim or mention: its fingerprint as extracted (a corrected quote keeps the fingerprint
  it was extracted with, so the next extraction of the same sentence finds the correction);
- a party's role in a case (``caseparty``): the case, the party and the role as extracted;
- an event (``event``): each of its sources, by case, kind, the date the source gives and the document, and each
  dated step it was told as (case, kind, date: a new document reporting it meets the decision);
- a case field (``casefield``): the case and the field; the value is an editor's ``CaseFact``, which outranks
  every source (statements.AUTHORITY) and has no document, so re-extraction never removes it.

Extraction applies decisions as it writes (``apply`` in services._record, ``caseparty_decision`` in
linking._case_parties_add, ``event_decision`` in linking.attach_event); an editor's decision applies at once to
the rows there are. Each changed field is a ``Revision`` (casetracker.history).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from django.db.models import Q
from django.utils import timezone

from casetracker import history, writes
from casetracker.models import (
    Allegation, Case, CaseFact, CaseParty, Claim, Correction, Event, Mention, Party, Quote, Review,
)
from casetracker.text import fingerprint

ACTIONS = ("confirm", "correct", "reject")
PARTY, DATE = "party", "date"


class ReviewError(ValueError):
    """Bad input to a review: said plainly to the editor (a 400 / 422), nothing is changed."""


@dataclass(frozen=True)
class FactKind:
    name: str
    model: type
    label: str
    fields: dict  # editable field -> PARTY, DATE or a tuple of allowed values
    party_kinds: tuple = ()


KINDS = {
    "quote": FactKind("quote", Quote, "quote", {"speaker": PARTY}),
    "allegation": FactKind("allegation", Allegation, "distillation allegation", {
        "accuser": PARTY, "accused": PARTY, "teacher": PARTY, "student": PARTY,
        "status": tuple(Allegation.Status.values)}),
    "claim": FactKind("claim", Claim, "claim", {"subject": PARTY, "object": PARTY, "kind": tuple(Claim.Kind.values)}),
    "mention": FactKind("mention", Mention, "mention", {"party": PARTY, "role": ("plaintiff", "defendant", "other")}),
    "event": FactKind("event", Event, "event", {
        "date": DATE, "kind": tuple(Event.Kind.values), "stage": ("", *Case.Stage.values),
        "status": ("", *Case.Status.values)}),
    "caseparty": FactKind("caseparty", CaseParty, "party's role", {"party": PARTY, "role": tuple(CaseParty.Role.values)}),
}
# the case fields an editor confirms or corrects: name -> (label, CaseFact field)
CASE_FIELDS = {"case_name": ("Caption", "caption"), "court": ("Court", "court"),
               "docket_number": ("Docket number", "docket_number"), "judge": ("Judge", "judge"),
               "date_filed": ("Filed", "date_filed"), "date_terminated": ("Terminated", "date_terminated"),
               "stage": ("Stage", "stage"), "status": ("Status", "status")}
CASE_FIELD_CHOICES = {"stage": tuple(Case.Stage.values), "status": tuple(Case.Status.values)}


# --------------------------------------------------------------------------- keys
def caseparty_key(case_id, party_id, role) -> str:
    return fingerprint("caseparty", case_id, party_id, role)


def event_key(case_id, kind, when, document_id) -> str:
    return fingerprint("event", "source", case_id, kind, when.isoformat() if when else "", document_id)


def event_step_key(case_id, kind, when) -> str:
    """A dated step of a case as its sources told it (kind and date), whichever document tells it: a new document
    reporting the step an editor corrected meets the decision too (attach_event merges sources by kind and date)."""
    return fingerprint("event", "step", case_id, kind, when.isoformat())


def casefield_key(case_id, field) -> str:
    return fingerprint("casefield", case_id, field)


def keys_of(kind: str, fact) -> list[str]:
    """The correction keys of a fact row (an event has one per source)."""
    if kind == "caseparty":
        return [caseparty_key(fact.case_id, fact.party_id, fact.role)]
    if kind == "event":
        sources = list(fact.sources.all())
        steps = {event_step_key(fact.case_id, fact.kind, s.date) for s in sources if s.date}
        return [event_key(fact.case_id, fact.kind, s.date, s.document_id) for s in sources] + sorted(steps)
    return [fact.fingerprint]


# --------------------------------------------------------------------------- values
def display(kind: str, field: str, value) -> str:
    """A stored value as a page shows it."""
    if value in (None, ""):
        return ""
    if KINDS.get(kind) and KINDS[kind].fields.get(field) == PARTY or kind == "caseparty" and field == "party":
        party = value if isinstance(value, Party) else Party.objects.filter(pk=value).first()
        return party.name if party else f"party {value}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("_", " ")


def _raw(value):
    if isinstance(value, Party):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value


def party_named(text: str, *, create: bool = False) -> Party:
    """The party an editor chose: by slug, id ("#12"), exact name or a name it is known by (an alias); merges
    followed. With ``create``, a name no party is known by becomes a new party (``party.created`` is then True):
    an editor corrects a speaker, a role or an accuser to someone extraction never named."""
    from casetracker.services import party_find

    text = " ".join((text or "").split())[:300]
    if not text:
        raise ReviewError("name a party")
    party = Party.objects.filter(slug=text).first()
    if party is None and text.startswith("#") and text[1:].isdigit():
        party = Party.objects.filter(pk=int(text[1:])).first()
        if party is None:
            raise ReviewError(f"no party has the id {text[:20]}")
    if party is None:
        party = Party.objects.filter(name__iexact=text).order_by("merged_into", "id").first()
    if party is None:
        party = party_find(name=text)
    if party is None and create:
        return _party_new(text)
    if party is None:
        raise ReviewError(f"no party is called {text!r}: merge or create it first, or pick one from the list")
    return party.resolved()


def _party_new(name: str) -> Party:
    """A party an editor names for the first time (its kind from the gazetteer when it knows the name)."""
    from casetracker.services import party_get_or_create

    if not (name[:1].isupper() or name[:1].isdigit()) or not any(ch.isalpha() for ch in name):
        raise ReviewError(f"{name[:60]!r} is no party's name: a new party's name starts with a capital letter "
                          "(or pick one from the list)")
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in name):
        raise ReviewError("a party's name cannot hold control characters")
    started = timezone.now()
    party = party_get_or_create(name=name).resolved()
    party.created = party.created_at >= started  # not when the gazetteer knew the name as a party's we have
    return party


def parse_date(text: str) -> tuple[Optional[date], str]:
    """"2024-02-29", "2024-02" or "2024" -> (date, precision); "" -> (None, "")."""
    text = (text or "").strip()
    if not text:
        return None, ""
    try:
        if len(text) == 4:
            return date(int(text), 1, 1), "year"
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1), "month"
        return date.fromisoformat(text), "day"
    except ValueError:
        raise ReviewError(f"{text[:40]!r} is no date: write 2024-02-29, 2024-02 or 2024") from None


def clean_values(kind: str, given: dict) -> dict:
    """The editor's new values, checked: parties resolved, choices and dates validated. Unknown fields are an
    error (nothing is ignored)."""
    spec = KINDS[kind].fields
    out = {}
    for field, text in given.items():
        if field not in spec:
            raise ReviewError(f"a {KINDS[kind].label} has no field {field[:40]!r}; fields: {', '.join(spec)}")
        text = "" if text is None else str(text).strip()
        rule = spec[field]
        if rule == PARTY:
            if not text and field in ("speaker", "accuser", "teacher", "student", "subject", "object"):
                out[field] = None  # "no speaker named"
            else:
                out[field] = party_named(text, create=True)
        elif rule == DATE:
            out[field], out["precision"] = parse_date(text)
        else:
            if text not in rule:
                raise ReviewError(f"{field}: {text[:40]!r} is not one of {', '.join(v for v in rule if v)}")
            out[field] = text
    return out


# --------------------------------------------------------------------------- deciding
def rows_of(kind: str, fact) -> list:
    """The rows one decision covers: every copy of an extracted fact (its fingerprint, in any document), or the
    row itself."""
    if kind in ("quote", "allegation", "claim", "mention"):
        return list(KINDS[kind].model.objects.filter(fingerprint=fact.fingerprint))
    return [fact]


@writes.atomic
def fact_review(*, kind: str, fact, action: str, values: Optional[dict] = None, user=None, reason: str = "") -> None:
    """An editor confirms, corrects (``values``: field -> text as typed) or rejects a fact; the decision is kept
    (Correction) and each changed field is recorded (Revision)."""
    if kind not in KINDS:
        raise ReviewError(f"unknown kind of fact {kind[:40]!r}")
    if action not in ACTIONS:
        raise ReviewError(f"the action is one of {', '.join(ACTIONS)}")
    new = clean_values(kind, values or {}) if action == "correct" else {}
    if action == "correct" and not new:
        raise ReviewError("say what to correct")
    now = timezone.now()
    keys = keys_of(kind, fact)
    previous = Correction.objects.filter(fact_type=kind, fingerprint__in=keys, document__isnull=True).first()
    merged = dict(previous.values) if previous and previous.action == "correct" and action == "correct" else {}
    merged.update({f: _raw(v) for f, v in new.items()})
    before_state = fact.review
    revisions = []
    for row in rows_of(kind, fact):
        changed = _apply_row(kind, row, action, new, now)
        if row.pk == fact.pk:
            revisions = [(f, old, value) for f, old, value in changed]
    for key in keys:
        Correction.objects.update_or_create(fact_type=kind, fingerprint=key, document=None, defaults={
            "action": action, "values": merged if action == "correct" else {}, "note": reason[:2000], "user": user,
            "created_by": getattr(user, "username", "")[:150]})
    case_id = case_of(kind, fact)
    subject = history.subject_of(kind, fact)
    key = keys[0] if keys else ""
    for party in {v.pk: v for v in new.values() if getattr(v, "created", False)}.values():
        history.record(case_id=case_id, fact_type="party", fact_id=party.pk, key="", subject=party.name,
                       field="created", before="", after=party.name, after_raw=party.pk, action=action, user=user,
                       reason=reason or f"named as a {KINDS[kind].label}'s party by an editor")
    if action in ("confirm", "reject") or before_state != fact.review:
        history.record(case_id=case_id, fact_type=kind, fact_id=fact.pk, key=key, subject=subject, field="review",
                       before=before_state or "unchecked", after=fact.review, before_raw=before_state,
                       after_raw=fact.review, action=action, user=user, reason=reason)
    for field, old, value in revisions:
        history.record(case_id=case_id, fact_type=kind, fact_id=fact.pk, key=key, subject=subject, field=field,
                       before=display(kind, field, old), after=display(kind, field, value), before_raw=_raw(old),
                       after_raw=_raw(value), action=action, user=user, reason=reason)
    _after(kind, fact, case_id)


def _apply_row(kind: str, row, action: str, new: dict, now) -> list[tuple]:
    """Apply a decision to one row; returns [(field, old, new)] of what changed."""
    changed = []
    if kind == "caseparty":
        return _caseparty_apply(row, action, new, now)
    if action == "reject":
        row.rejected, row.review = True, Review.REJECTED
    else:
        row.rejected = False
        row.review = Review.CORRECTED if action == "correct" or row.review == Review.CORRECTED else Review.CONFIRMED
        for field, value in new.items():
            old = getattr(row, field)
            if _raw(old) != _raw(value):
                changed.append((field, old, value))
                setattr(row, field, value)
    row.reviewed_at = now
    row.save()
    return changed


def _caseparty_apply(cp: CaseParty, action: str, new: dict, now) -> list[tuple]:
    """A party's role: rejected, it goes (the Correction keeps it from coming back); corrected, the row takes the
    new party and/or role (joining the row that has them already)."""
    if action == "reject":
        cp.review = Review.REJECTED
        cp.delete()
        return []
    party, role = new.get("party", cp.party), new.get("role", cp.role)
    changed = [(f, getattr(cp, f), v) for f, v in (("party", party), ("role", role)) if _raw(getattr(cp, f)) != _raw(v)]
    review = Review.CORRECTED if changed or cp.review == Review.CORRECTED else Review.CONFIRMED
    other = CaseParty.objects.filter(case_id=cp.case_id, party=party, role=role).exclude(pk=cp.pk).first()
    if other is not None:
        other.evidence.add(*cp.evidence.all())
        other.named = other.named or cp.named
        other.review, other.reviewed_at = review, now
        other.save()
        cp.delete()
        cp.pk = other.pk
    else:
        cp.party, cp.role, cp.review, cp.reviewed_at = party, role, review, now
        cp.save()
    cp.review, cp.reviewed_at = review, now
    writes.pending().mark("cases", [cp.case_id])  # its search vector holds its parties' names (no other case's)
    return changed


def case_of(kind: str, fact) -> Optional[int]:
    if kind in ("caseparty", "event", "allegation", "claim"):
        if getattr(fact, "case_id", None):
            return fact.case_id
    document_id = getattr(fact, "document_id", None)
    if document_id:
        from casetracker.models import CaseDocument

        return CaseDocument.objects.filter(document_id=document_id).order_by("-confidence", "id") \
            .values_list("case_id", flat=True).first()
    return None


def _after(kind: str, fact, case_id: Optional[int]) -> None:
    """What a decision makes stale: search vectors, the case's fields (a rejected or re-dated step), the review
    queue's rows. A decision that is its own transaction rewrites the rows it changes itself (``_queue_after``);
    one nested in a larger write marks the cases of the fact's copies stale, as other writers do."""
    from casetracker import review_queue
    from casetracker.models import CaseDocument

    pending = writes.pending()
    copies = rows_of(kind, fact)
    if pending.nested:
        documents = {getattr(r, "document_id", None) for r in copies} - {None}
        review_queue.mark_stale({case_id, *CaseDocument.objects.filter(document_id__in=sorted(documents))
                                .values_list("case_id", flat=True)})
    if kind == "quote":
        pending.mark("quotes", [r.pk for r in copies])
    elif kind == "allegation":
        pending.mark("allegations", [r.pk for r in copies])
    elif kind == "mention":
        pending.mark("documents", [r.document_id for r in copies])
    if kind in ("event", "caseparty", "claim") and case_id:
        from casetracker import statements

        case = Case.objects.filter(pk=case_id).first()
        if case is not None:
            with history.acting(source="editor"):
                statements.case_resolve(case)
    if not pending.nested:
        _queue_after(kind, copies, case_id)


def _queue_after(kind: str, copies: list, case_id: Optional[int]) -> None:
    """The review queue after a decision (its own transaction): only the rows it changes are written — the decided
    fact's row (in each case that lists it), and for a decision on a case's own facts the case's field, role and
    event rows whose values or priority moved (a case field resolved again, the header's recency). Nothing is
    marked stale, so the next read rebuilds nothing for it (bench/bench_review.py, "decision")."""
    from casetracker import review_queue

    writes.pending().queue_synced = True
    if kind in review_queue.FACT_KINDS:
        review_queue.sync_fact(kind, copies)
    if kind in ("event", "caseparty", "claim") and case_id:
        review_queue.sync_case(case_id)


# --------------------------------------------------------------------------- case fields
def case_field_value(case: Case, name: str) -> str:
    """A case field's value as stored, as an editor's CaseFact would state it."""
    value = getattr(case, name)
    if name == "date_filed" and value:
        return value.isoformat()[:{"year": 4, "month": 7}.get(case.date_filed_precision, 10)]
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None or name == "status" and value == Case.Status.UNKNOWN else str(value)


def clean_case_value(name: str, text: str) -> str:
    text = (text or "").strip()
    if name not in CASE_FIELDS:
        raise ReviewError(f"a case has no field {name[:40]!r} an editor sets; fields: {', '.join(CASE_FIELDS)}")
    if name in CASE_FIELD_CHOICES:
        if text not in CASE_FIELD_CHOICES[name]:
            raise ReviewError(f"{name}: {text[:40]!r} is not one of {', '.join(CASE_FIELD_CHOICES[name])}")
    elif name in ("date_filed", "date_terminated"):
        when, precision = parse_date(text)
        text = when.isoformat()[:{"year": 4, "month": 7}.get(precision, 10)] if when else ""
    elif name == "court" and text:
        from ingest.nlp import courts

        if text not in courts._db() and text not in courts._ours():
            cid = courts.court_id(text)
            if not cid:
                raise ReviewError(f"no court is known as {text[:60]!r}: give its CourtListener id (\"cand\") "
                                  "or its name (\"N.D. Cal.\")")
            text = cid
    if name in ("case_name", "court", "docket_number") and not text:
        raise ReviewError(f"{CASE_FIELDS[name][0].lower()}: give a value")
    if len(text) > 500:
        raise ReviewError("that value is too long (500 characters at most)")
    return text


@writes.atomic
def case_field_review(*, case: Case, name: str, action: str, value: str = "", user=None, reason: str = "") -> Case:
    """An editor confirms a case field's value (it is locked: no source outranks it) or corrects it; reject
    withdraws the editor's value (the sources decide again)."""
    from casetracker import statements

    if action not in ACTIONS:
        raise ReviewError(f"the action is one of {', '.join(ACTIONS)}")
    if name not in CASE_FIELDS:
        raise ReviewError(f"a case has no field {name[:40]!r} an editor sets; fields: {', '.join(CASE_FIELDS)}")
    fact_field = CASE_FIELDS[name][1]
    key = casefield_key(case.pk, name)
    previous = CaseFact.objects.filter(case=case, field=fact_field, origin=CaseFact.Origin.EDITOR).first()
    before_raw = previous.value if previous else None
    before_shown = case_field_value(case, name)
    if action == "reject":
        CaseFact.objects.filter(case=case, field=fact_field, origin=CaseFact.Origin.EDITOR).delete()
        Correction.objects.filter(fact_type="casefield", fingerprint=key).delete()
        after_raw = None
    else:
        after_raw = case_field_value(case, name) if action == "confirm" else clean_case_value(name, value)
        if name == "case_name" and not after_raw:
            raise ReviewError("a case needs a caption")
        CaseFact.objects.filter(case=case, field=fact_field, origin=CaseFact.Origin.EDITOR).delete()
        CaseFact.objects.create(case=case, field=fact_field, value=after_raw, origin=CaseFact.Origin.EDITOR,
                                confidence=1.0, extractor_version="editor")
        Correction.objects.update_or_create(fact_type="casefield", fingerprint=key, document=None, defaults={
            "action": action, "values": {"value": after_raw}, "note": reason[:2000], "user": user,
            "created_by": getattr(user, "username", "")[:150]})
    with history.acting(source="editor", user=user, reason=reason, action=action, quiet=name):
        case = statements.case_resolve(case)
    from casetracker import review_queue

    if writes.pending().nested:
        review_queue.mark_stale([case.pk])
    else:  # only the case's rows that changed (its fields, and the header's recency), nothing marked stale
        writes.pending().queue_synced = True
        review_queue.sync_case(case.pk)
    history.record(case_id=case.pk, fact_type="casefield", fact_id=None, key=key, subject=case.case_name,
                   field=name, before=before_shown, after=case_field_value(case, name), before_raw=before_raw,
                   after_raw=after_raw, action=action, user=user, reason=reason)
    return case


def case_field_states(case: Case) -> dict[str, Correction]:
    """field name -> the editor's decision on it (one query)."""
    keys = {casefield_key(case.pk, name): name for name in CASE_FIELDS}
    return {keys[c.fingerprint]: c for c in Correction.objects.filter(fact_type="casefield", fingerprint__in=list(keys))}


# --------------------------------------------------------------------------- honoured by extraction
class Decisions:
    """The decisions that bear on the facts one document's extraction writes, read in one query."""

    def __init__(self, kind_keys: list[tuple[str, str]], document_id: Optional[int] = None):
        self.by_key: dict[tuple[str, str], Correction] = {}
        keys = {k for _, k in kind_keys}
        if keys:
            qs = Correction.objects.filter(fingerprint__in=list(keys))
            qs = qs.filter(Q(document__isnull=True) | Q(document_id=document_id)) if document_id else qs.filter(
                document__isnull=True)
            for c in qs:
                self.by_key[(c.fact_type, c.fingerprint)] = c

    def get(self, kind: str, key: str) -> Optional[Correction]:
        return self.by_key.get((kind, key))


def apply(kind: str, fields: dict, correction: Optional[Correction]) -> dict:
    """An extracted fact's fields with the decision on it applied: rejected, corrected values, review state."""
    out = dict(fields)
    if correction is None:
        return {**out, "rejected": False}
    if correction.action == Correction.Action.REJECT:
        return {**out, "rejected": True, "review": Review.REJECTED, "reviewed_at": correction.updated_at}
    spec = KINDS[kind].fields
    for field, raw in (correction.values or {}).items():
        if field not in spec and field != "precision":
            continue
        if spec.get(field) == PARTY:
            party = Party.objects.filter(pk=raw).first() if raw else None
            out[field] = party.resolved() if party else None
        elif spec.get(field) == DATE:
            out[field] = date.fromisoformat(raw) if raw else None
        else:
            out[field] = raw
    review = Review.CORRECTED if correction.action == Correction.Action.CORRECT else Review.CONFIRMED
    return {**out, "rejected": False, "review": review, "reviewed_at": correction.updated_at}


def caseparty_decisions(keys: list[tuple]) -> dict[tuple, Correction]:
    """(case id, party id, role) -> the editor's decision on that extracted role, for those there are (one query)."""
    by_key = {caseparty_key(*k): k for k in keys}
    if not by_key:
        return {}
    return {by_key[c.fingerprint]: c for c in Correction.objects.filter(
        fact_type="caseparty", fingerprint__in=list(by_key), document__isnull=True)}


def caseparty_decided(correction: Correction, party: Party, role: str) -> tuple[Optional[Party], str]:
    """(party, role) an extracted role in a case becomes; (None, role) when an editor rejected it."""
    if correction.action == Correction.Action.REJECT:
        return None, role
    values = correction.values or {}
    if values.get("party"):
        chosen = Party.objects.filter(pk=values["party"]).first()
        party = chosen.resolved() if chosen else party
    return party, values.get("role", role)


def event_decision(case_id, kind, when, precision, document_id, stage, status) -> tuple[dict, Optional[Correction]]:
    """An event source's fields with the editor's decision on it applied."""
    fields = {"kind": kind, "date": when, "precision": precision, "stage": stage, "status": status}
    keys = [event_key(case_id, kind, when, document_id)] + ([event_step_key(case_id, kind, when)] if when else [])
    found = {c.fingerprint: c for c in Correction.objects.filter(fact_type="event", fingerprint__in=keys,
                                                                 document__isnull=True)}
    correction = next((found[k] for k in keys if k in found), None)  # this source's own decision first
    if correction is None:
        return fields, None
    applied = apply("event", fields, correction)
    return {k: applied[k] for k in fields}, correction


def state_of(correction: Optional[Correction]) -> str:
    """The review state a decision gives a fact."""
    if correction is None:
        return Review.UNCHECKED
    return {"confirm": Review.CONFIRMED, "correct": Review.CORRECTED, "reject": Review.REJECTED}[correction.action]


# --------------------------------------------------------------------------- reverting
@writes.atomic
def revert(*, revision, user=None, reason: str = "") -> None:
    """Undo one change: the field gets its value before it, as an editor's decision (recorded, pointing at the
    change it reverts). A decision that was the first on its fact is withdrawn (the sources decide again)."""
    pending = writes.pending()
    pending.history_reverts = revision
    try:
        _revert(revision, user, reason or f"revert of change {revision.pk}")
    finally:
        pending.history_reverts = None


def _revert(revision, user, reason: str) -> None:
    if revision.fact_type == "casefield":
        case = Case.objects.filter(pk=revision.case_id).first()
        if case is None or revision.field not in CASE_FIELDS:
            raise ReviewError("this change cannot be reverted: its case or field is gone")
        before = revision.before_raw
        if revision.source == "editor" and before is None:
            case_field_review(case=case, name=revision.field, action="reject", user=user, reason=reason)
        else:
            value = before if isinstance(before, str) else ("" if before is None else str(before))
            if revision.field == "date_filed" and revision.source != "editor" and value:
                value = value[:10]
            case_field_review(case=case, name=revision.field, action="correct", value=value, user=user, reason=reason)
        return
    kind = revision.fact_type
    if kind not in KINDS or revision.source != "editor" or revision.fact_id is None:
        raise ReviewError("only an editor's decision on a fact or a case field can be reverted")
    fact = KINDS[kind].model.objects.filter(pk=revision.fact_id).first()
    if fact is None:
        raise ReviewError("this fact is no longer there (re-extraction or a merge replaced it)")
    if revision.field == "review":
        _withdraw(kind, fact, revision.before_raw or "", user, reason)
        return
    before = revision.before_raw
    if KINDS[kind].fields.get(revision.field) == PARTY:
        party = Party.objects.filter(pk=before).first() if before else None
        text = f"#{party.pk}" if party else ""
    else:
        text = "" if before is None else str(before)
    fact_review(kind=kind, fact=fact, action="correct", values={revision.field: text}, user=user, reason=reason)


def _withdraw(kind: str, fact, state: str, user, reason: str) -> None:
    """Back to a review state from before a decision: unchecked (the decision is withdrawn) or confirmed."""
    if state:
        fact_review(kind=kind, fact=fact, action="confirm", user=user, reason=reason)
        return
    keys = keys_of(kind, fact)
    Correction.objects.filter(fact_type=kind, fingerprint__in=keys).delete()
    before = fact.review
    for row in rows_of(kind, fact):
        row.review, row.reviewed_at, row.rejected = Review.UNCHECKED, None, False
        row.save(update_fields=["review", "reviewed_at", "rejected"])
    history.record(case_id=case_of(kind, fact), fact_type=kind, fact_id=fact.pk, key=keys[0] if keys else "",
                   subject=history.subject_of(kind, fact), field="review", before=before, after="unchecked",
                   before_raw=before, after_raw="", action="withdraw", user=user, reason=reason)
    _after(kind, fact, case_of(kind, fact))

