"""What sources state about a case (CaseFact, counsel, family links) and the case's fields resolved from them.

A document's statements about a case are stored as they are made (``CaseFact``: court, docket number, judge,
cause of action, ...; ``Counsel``; ``CaseRelation``; dated ``Event`` rows with the procedural ``stage`` and
``status`` they show). ``case_resolve`` then sets the case's own fields from all its sources:

- a field that does not change over a case's life (court, judge, docket number, class action) takes the value with
  the most weight: each document counts once per value, weighted by its authority (a CourtListener docket over a
  court document over a news report) and the extraction's confidence; disagreeing values stay as conflicts;
- date filed is the day a docket or the best-dated "filed" step gives, else the year of its district court number
  ("1:23-cv-00135": 2023); stage and status come from the dated steps
  (the latest one reached; an appeal after a judgment; a case in an appellate court is at least at the appeal),
  date terminated from the step that ended the case, last activity from the latest dated event;
- causes of action and AI areas are the union of what the sources type.
"""
from __future__ import annotations

import contextlib
import logging
import re
from collections import defaultdict
from contextvars import ContextVar
from datetime import date
from typing import Iterable, Optional

from django.db.models import Max, Q

from casetracker import changes, writes
from casetracker.models import (
    Case, CaseDocket, CaseDocument, CaseFact, CaseRelation, Claim, Counsel, Document, Event, EventSource,
    LawFirm,
)
from casetracker.text import caption_key, normalize_name
from ingest.nlp import courts, types as nlp

AUTHORITY = {CaseFact.Origin.EDITOR: 10.0, CaseFact.Origin.DOCKET: 5.0, CaseFact.Origin.COURT: 2.0,
             CaseFact.Origin.NEWS: 1.0}
STAGE_ORDER = {stage: n for n, stage in enumerate(nlp.STAGES)}
TERMINAL = nlp.ENDINGS
SPECIFIC = {"dismissed_with_prejudice", "dismissed_without_prejudice", "voluntarily_dismissed"}  # than "dismissed"
_RESOLVING: set[int] = set()  # cases whose resolution is under way (an appeal and its case below resolve each other)
_COURT_DISMISSALS = {"dismissed", "dismissed_with_prejudice", "dismissed_without_prejudice"}
SINGLE = ("court", "jurisdiction", "judge", "class_action", "caption_full")


def origin_of(document: Optional[Document]) -> str:
    kind = getattr(document, "kind", "news")
    return {"docket": CaseFact.Origin.DOCKET, "filing": CaseFact.Origin.COURT,
            "opinion": CaseFact.Origin.COURT}.get(kind, CaseFact.Origin.NEWS)


# --------------------------------------------------------------------------- what a document states
def facts_record(*, case: Case, document: Document, cx: nlp.CaseX, make_evidence, version: str) -> None:
    """Store what one document states about one case: its fields, docket numbers, counsel."""
    items = [f for f in cx.fields if f.field in nlp.CASE_FIELDS and f.value]
    evidence = make_evidence([f.evidence[0] for f in items if f.evidence]) if items else []
    it = iter(evidence)
    origin = origin_of(document)
    rows = []
    for f in items:
        ev = next(it) if f.evidence else None
        rows.append(CaseFact(case=case, field=f.field, value=str(f.value)[:1000], document=document, evidence=ev,
                             confidence=f.confidence, origin=origin, extractor_version=version))
    CaseFact.objects.bulk_create(rows)
    dockets_sync(case)
    counsel = [c for c in cx.counsel if c.firm or c.lawyer]
    if counsel:
        cev = make_evidence([c.evidence[0] for c in counsel if c.evidence])
        it = iter(cev)
        Counsel.objects.bulk_create([Counsel(
            case=case, side=c.side if c.side in Counsel.Side.values else Counsel.Side.OTHER,
            firm=law_firm(c.firm) if c.firm else None, lawyer=(c.lawyer or "")[:200], document=document,
            evidence=next(it) if c.evidence else None, extractor_version=version) for c in counsel])


def docket_key(number: str) -> str:
    """A docket number's identity: CourtListener's core ("3:23-cv-03417-VC" -> "2303417"), or for a number of
    another shape (a UK claim number "IL-2023-000007") the number itself, squashed."""
    return (courts.docket_core(number) or re.sub(r"[^a-z0-9]+", "", (number or "").lower()))[:100]


def dockets_sync(case: Case, facts: Optional[list[CaseFact]] = None) -> None:
    """The case's docket numbers are those its sources state (one row per core), in the case's court. ``facts``:
    the case's unrejected statements when the caller has them already (case_resolve), else they are read."""
    if facts is None:
        facts = list(CaseFact.objects.filter(case=case, field__in=("docket_number", "court"), rejected=False))
    stated: dict[str, str] = {}
    numbers = [f for f in facts if f.field == "docket_number"]
    numbers = [f for f in numbers if f.origin == CaseFact.Origin.EDITOR] or numbers  # an editor's number is the one
    for value in (f.value for f in sorted(numbers, key=lambda f: f.pk)):
        core = docket_key(value)
        if core and len(value) > len(stated.get(core, "")):
            stated[core] = value[:100]
    courts_stated = sorted((f for f in facts if f.field == "court"), key=lambda f: (-f.confidence, f.pk))
    court = case.court or (courts_stated[0].value if courts_stated else "")
    have = {d.core: d for d in case.dockets.all()}
    CaseDocket.objects.filter(case=case).exclude(core__in=list(stated)).delete()
    for core, number in stated.items():
        row = have.get(core)
        if row is None:
            CaseDocket.objects.create(case=case, core=core, number=number, court=court[:200])
        elif (row.number, row.court) != (number, court[:200]):
            row.number, row.court = number, court[:200]
            row.save(update_fields=["number", "court"])


def law_firm(name: str) -> LawFirm:
    from casetracker.services import _unique_slug

    key = normalize_name(name)[:300] or name.lower()[:300]
    firm = LawFirm.objects.filter(normalized=key).first()
    if firm is None:
        firm, _ = LawFirm.objects.get_or_create(normalized=key, defaults={
            "name": name[:300], "slug": _unique_slug(LawFirm, name)})
    return firm


def relations_record(*, document: Document, named: list[tuple[nlp.CaseX, Case]], make_evidence) -> None:
    """A document's family links: the other case is one the document names, or a known case of that caption
    or docket number."""
    for cx, case in named:
        for rx in cx.relations:
            if rx.kind not in CaseRelation.Kind.values:
                continue
            other = _case_named(rx.other, named, exclude=case)
            if other is None or other.pk == case.pk:
                continue
            ev = make_evidence(rx.evidence[:1])[0] if rx.evidence else None
            _, created = CaseRelation.objects.get_or_create(from_case=case, to_case=other, kind=rx.kind,
                                                            defaults={"document": document, "evidence": ev})
            if created and rx.kind == CaseRelation.Kind.APPEAL_OF:
                case_resolve(case)  # an appellate record that upheld the decision below ends as that case did
                if not other.jurisdiction:
                    case_resolve(other)  # and the case below is in the appeal's jurisdiction (_family_jurisdiction)
            elif created and rx.kind in (CaseRelation.Kind.MEMBER_OF, CaseRelation.Kind.CONSOLIDATED_INTO):
                case_resolve(other)  # the litigation may take its judge from its member (_members_judge)


def _family_jurisdiction(case: Case) -> str:
    """The jurisdiction of a case no source places: its appeal's or its case below's ("the Second Circuit affirmed":
    the suit below is a US federal one). Not from the Supreme Court, which hears state cases too."""
    kin = Case.objects.filter(Q(relations_out__to_case=case, relations_out__kind=CaseRelation.Kind.APPEAL_OF)
                              | Q(relations_in__from_case=case, relations_in__kind=CaseRelation.Kind.APPEAL_OF))
    return next(iter(kin.exclude(jurisdiction="").exclude(court="scotus").values_list("jurisdiction", flat=True)
                     .order_by("pk")), "")


def _case_named(name: str, named: list[tuple[nlp.CaseX, Case]], exclude: Case) -> Optional[Case]:
    key = caption_key(name)
    for cx, case in named:
        if case.pk != exclude.pk and (caption_key(cx.caption) == key or name in (cx.docket_numbers or [])):
            return case
    core = docket_key(name)
    if core and any(ch.isdigit() for ch in name):
        hit = CaseDocket.objects.filter(core=core).exclude(case=exclude).select_related("case").first()
        if hit:
            return hit.case
    key = caption_key(name)
    return Case.objects.filter(caption_key=key).exclude(pk=exclude.pk).order_by("id").first() if key else None


# --------------------------------------------------------------------------- resolving a case's fields
def _votes(facts: list[CaseFact]) -> dict[str, float]:
    """value -> weight: each document counts once per value, by its authority and the best confidence."""
    best: dict[tuple, float] = {}
    for f in facts:
        key = (f.value, f.document_id or ("fact", f.pk))
        best[key] = max(best.get(key, 0.0), AUTHORITY.get(f.origin, 1.0) * max(f.confidence, 0.05))
    votes: dict[str, float] = defaultdict(float)
    for (value, _), weight in best.items():
        votes[value] += weight
    return votes


def _outranking(facts: list[CaseFact]) -> list[CaseFact]:
    """The statements that decide a field: an editor's, else a CourtListener docket's (the court's own record is the
    case's value whatever the number of news reports that disagree: they stay as conflicts), else all of them."""
    for origin in (CaseFact.Origin.EDITOR, CaseFact.Origin.DOCKET):
        ranked = [f for f in facts if f.origin == origin]
        if origin == CaseFact.Origin.DOCKET:  # the docket's own fields before words read in its entries
            ranked = [f for f in ranked if f.extractor_version == "docket"] or ranked
        if ranked:
            return ranked
    return facts


def _top(facts: list[CaseFact]) -> str:
    votes = _votes(_outranking(facts))
    return max(votes, key=lambda v: (votes[v], len(v), v)) if votes else ""


def _as_of(event: Event, published: dict[int, date], placed: Optional[set[int]] = None) -> Optional[date]:
    """When a step happened: its date, else the earliest date a source reporting it was published (an undated
    step is told as done by then). A report without a publication date (``placed``: those with one) is dated only
    by the latest step it tells, a lower bound that does not say by when this step was done: it counts only when
    no source of the step has a publication date (a dated report of the SEC's agreement to drop its suit, merged
    with an undated report's words on it, is not as old as the undated report's other steps)."""
    if event.date:
        return event.date
    sources = [s.document_id for s in event.sources.all() if s.document_id in published]
    if placed is not None and any(d in placed for d in sources):
        sources = [d for d in sources if d in placed]
    dates = [published[d] for d in sources]
    return min(dates) if dates else None


def _placed(event: Event, placed: set[int]) -> bool:
    """A step that a date places in the case's life: its own, or the publication date of a report that tells it (a
    report without one is dated only by the latest step it tells: a lower bound, ``document_dates``)."""
    return bool(event.date) or any(s.document_id in placed for s in event.sources.all())


def document_dates(doc_ids: set[int]) -> tuple[dict[int, date], set[int]]:
    """Each document's date: when it was published, else the latest date its events give (a report is at least
    as late as the latest step it tells); and the documents whose date is their publication's."""
    out = {pk: (at.date() if hasattr(at, "date") else at) for pk, at in
           Document.objects.filter(pk__in=doc_ids, published_at__isnull=False).values_list("pk", "published_at")}
    placed = set(out)
    rest = set(doc_ids) - set(out)
    if rest:
        for pk, latest in (EventSource.objects.filter(document_id__in=rest, event__date__isnull=False)
                           .values("document_id").annotate(latest=Max("event__date"))
                           .values_list("document_id", "latest")):
            out[pk] = latest
    return out, placed


def _members_judge(case: Case) -> str:
    """The judge of a consolidated ("In re") case no source names for it: the one its member cases' sources name
    (the members of one litigation are before one judge: "Judge Breyer denied both motions" in a report on O'Nan v.
    Databricks, a member of In re Mosaic LLM Litigation); "" where none does."""
    members = CaseRelation.objects.filter(to_case=case, kind__in=(CaseRelation.Kind.MEMBER_OF,
                                                                   CaseRelation.Kind.CONSOLIDATED_INTO))
    facts = list(CaseFact.objects.filter(case_id__in=members.values("from_case_id"), field="judge", rejected=False))
    return _top(facts)


@writes.atomic
def case_resolve(case: Case) -> Case:
    """Set the case's fields from its sources (see the module's docstring); saves what changed."""
    facts = list(CaseFact.objects.filter(case=case, rejected=False))
    by_field: dict[str, list[CaseFact]] = defaultdict(list)
    for f in facts:
        by_field[f.field].append(f)
    values: dict = {}
    values["court"] = _top(by_field["court"])
    # a court's jurisdiction, else what sources state ("a federal judge"), else none ("other" is a named country
    # casetracker does not list, never "unknown")
    values["jurisdiction"] = courts.jurisdiction(values["court"]) if values["court"] else (
        _top(by_field["jurisdiction"]) or _family_jurisdiction(case))
    values["judge"] = _top(by_field["judge"]) or _members_judge(case)
    full = _top(by_field["caption_full"])
    values["case_name_full"] = full[:1000]
    ca = _top(by_field["class_action"])
    values["class_action"] = {"true": True, "false": False}.get(ca)
    causes = {f.value for f in by_field["cause_of_action"]}
    causes |= set(Claim.objects.filter(case=case, rejected=False).exclude(cause="").values_list("cause", flat=True))
    values["causes"] = sorted(c for c in causes if c in nlp.CAUSES)
    values["ai_areas"] = sorted({f.value for f in by_field["ai_area"] if f.value in nlp.AI_AREAS})
    dockets_sync(case, facts)
    dockets = list(case.dockets.all())
    values["docket_number"] = values["docket_number_core"] = ""
    if dockets:
        counts = defaultdict(int)
        for f in _outranking(by_field["docket_number"]):
            counts[docket_key(f.value)] += 1
        primary = max(dockets, key=lambda d: (counts.get(d.core, 0), -d.pk))
        values["docket_number"] = max((d.number for d in dockets if d.core == primary.core), key=len)[:100]
        values["docket_number_core"] = primary.core
    events = list(Event.objects.filter(case=case, rejected=False).prefetch_related("sources"))
    doc_ids = {s.document_id for e in events for s in e.sources.all()}
    published, placed = document_dates(doc_ids)
    values.update(_from_steps(events, published, placed, by_field))
    ended_as = values.pop("ended_as")
    if values["date_filed"] is None:  # no source dates the filing: the year its district court number gives
        year = docket_year(d.number for d in dockets)
        if year:
            values["date_filed"], values["date_filed_precision"] = date(year, 1, 1), "year"
    appellate = courts.level(values["court"]) == "appellate"
    # an appeal linked to its case below is the appeal's own record whatever its court (one whose court no source
    # names; a court that sits at both levels, the Full Court of the Federal Court of Australia hearing an appeal
    # from one of its judges: "Commissioner of Patents v Thaler ... Appeal from: Thaler v Commissioner of Patents")
    appeal_of = CaseRelation.objects.filter(from_case=case, kind=CaseRelation.Kind.APPEAL_OF).exists()
    if appellate or appeal_of:  # a case before an appellate court has reached the appeal;
        own = appeal_of or bool(dockets) or _appellate_paper(case)  # (a printed number: the appeal's docket)
        if own or any(e.stage == "appeal" for e in events):
            # an appellate record is at its appeal stage, pending or decided (its decision is no trial court's
            # judgment; the case below keeps its own); a suit only news reports tell on appeal is the trial case at its
            # appeal stage (not a court only a news report names, "the Tenth Circuit's World Wide ...")
            values["stage"] = "appeal"
        values["status"] = _appellate_status(case, events, values["status"])
        if own and values["status"] == "on_appeal":  # an appellate record is never on appeal: its appeal (a petition
            values["status"] = "open"  # for certiorari docketed, an appeal argued) is pending before its court
    elif values["status"] == "on_appeal":  # an appeal of it that its court decided: the suit is no longer on appeal
        values["status"] = _after_appeal(case, ended_as) or values["status"]
    ai_docs = list(Document.objects.filter(case_links__case=case).exclude(
        case_links__reason=CaseDocument.Reason.PARTIES).values_list("is_ai_litigation", flat=True))
    stated = [f.value == "true" for f in by_field["is_ai_litigation"]]
    votes = stated or ai_docs
    values["is_ai_litigation"] = (sum(votes) * 2 >= len(votes)) if votes else case.is_ai_litigation
    _editor_values(values, by_field)
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    if changed:
        from casetracker import history

        history.case_fields(case, {n: getattr(case, n) for n in changed}, {n: values[n] for n in changed})
    for name in ("status", "stage"):
        if name in changed:
            changes.case_moved(case, name, getattr(case, name), values[name], _step_of(events, name, values[name]))
    if changed:
        for name in changed:
            setattr(case, name, values[name])
        case.save(update_fields=changed + ["updated_at"])
        from casetracker.linking import case_changed

        case_changed(case, caption="case_name" in changed)
        if "status" in changed:  # an appeal that upheld this case's decision ends as this case did, and the case
            # below an appeal that was decided is no longer on appeal
            for other in Case.objects.filter(Q(relations_out__to_case=case, relations_out__kind=CaseRelation.Kind.APPEAL_OF)
                                             | Q(relations_in__from_case=case,
                                                 relations_in__kind=CaseRelation.Kind.APPEAL_OF)).distinct():
                if other.pk not in _RESOLVING:
                    _RESOLVING.add(case.pk)
                    try:
                        case_resolve(other)
                    finally:
                        _RESOLVING.discard(case.pk)
    return case


def _appellate_status(case: Case, events: list[Event], status: str) -> str:
    """An appellate record's status is its court's disposition, the last appellate step that decided it: sent back
    ("vacated ... and remanded for further proceedings": the suit goes on, open), an end it states, or the decision
    below upheld ("affirmed": the status the case below ended with). The lower courts' steps a decision retells
    ("The state trial court dismissed the complaint") are not this record's."""
    last = _last_decision(events)
    if last is None:
        return status
    if last.status != "affirmed":
        return last.status
    for below in Case.objects.filter(relations_in__from_case=case, relations_in__kind=CaseRelation.Kind.APPEAL_OF):
        ended = below.status if below.status in TERMINAL else _ended_as(below)
        if ended:
            return ended
    return status


def _last_decision(events: Iterable[Event]) -> Optional[Event]:
    """The last appellate step that decided an appeal (sent it back, ended it or upheld the decision below)."""
    return max((e for e in events if e.stage == "appeal" and e.status in TERMINAL | {"affirmed", "open"}),
               key=lambda e: (e.date or date.min, e.pk), default=None)


def _after_appeal(case: Case, ended_as: Optional[str]) -> Optional[str]:
    """A case whose appeal (an appellate record of it) was decided is no longer on appeal: it stands as it ended when
    the decision below was upheld ("The dismissal was affirmed"), goes on when sent back, else takes the end the
    appellate court gave. None while no appeal of it was decided."""
    for appeal in Case.objects.filter(relations_out__to_case=case, relations_out__kind=CaseRelation.Kind.APPEAL_OF):
        decided = _last_decision(Event.objects.filter(case=appeal, rejected=False, stage="appeal"))
        if decided is not None:
            return ended_as if decided.status == "affirmed" else decided.status
    return None


def _ended_as(case: Case) -> Optional[str]:
    """How a case ended at first instance, before any appeal of it (None when its steps show no end)."""
    events = list(Event.objects.filter(case=case, rejected=False).prefetch_related("sources"))
    published, placed = document_dates({s.document_id for e in events for s in e.sources.all()})
    return _from_steps(events, published, placed, defaultdict(list))["ended_as"]


def _appellate_paper(case: Case) -> bool:
    """A court's own paper is among the case's sources (an opinion, a filing, a docket): with a printed docket number
    or a link to the case below, what makes a record the appellate court's own rather than a suit that reports tell on
    appeal (tests/data/cases/README.md: an appeal is its own record only when the document is the appellate paper or
    prints its docket number or caption)."""
    return Document.objects.filter(case_links__case=case, kind__in=(
        Document.Kind.OPINION, Document.Kind.FILING, Document.Kind.DOCKET)).exists()


# fields an editor's CaseFact sets outright (issue 15; court, judge and docket go through _outranking)
EDITOR_FIELDS = {"caption": "case_name", "status": "status", "stage": "stage", "date_filed": "date_filed",
                 "date_terminated": "date_terminated"}


def _editor_values(values: dict, by_field) -> None:
    """An editor's value of a field is the case's, whatever the sources say (casetracker.review)."""
    for fact_field, name in EDITOR_FIELDS.items():
        edited = [f for f in by_field.get(fact_field, ()) if f.origin == CaseFact.Origin.EDITOR]
        if not edited:
            continue
        value = edited[-1].value
        if name in ("date_filed", "date_terminated"):
            precision = {4: "year", 7: "month"}.get(len(value), "day")
            value = date.fromisoformat(value + {"year": "-01-01", "month": "-01"}.get(precision, "")) if value else None
            if name == "date_filed":
                values["date_filed_precision"] = precision if value else ""
        elif name == "case_name":
            values["caption_inferred"] = False
        values[name] = value


def _step_of(events: list[Event], field: str, value: str) -> Optional[Event]:
    """The latest step that shows a case's stage or status (an appeal for "on appeal")."""
    if field == "status" and value == "on_appeal":
        field, value = "stage", "appeal"
    steps = [e for e in events if getattr(e, field) == value]
    return max(steps, key=lambda e: (e.date or date.min, e.pk), default=None)


def _from_steps(events: list[Event], published: dict, placed: set[int], by_field) -> dict:
    """Date filed, stage, status, date terminated and last activity from the case's steps (its events that show
    a procedural stage or a status), each step as of its date, else as of the date of the document reporting it
    (``published``: see document_dates).

    - date filed: a docket's, else the best-dated "filed" step (day before month before year);
    - stage: the step reached last (ties: the furthest); a "filed" step never outranks a later stage, and a case
      on record has at least been filed, so "filed" is the stage when no other step is known;
    - status: the status of the latest step that shows one (ties: the one that ends the case, a settlement over the
      dismissal it brings, "agreed to drop the lawsuit after reaching an undisclosed settlement", then the more
      specific dismissal); an appeal taken (not one that sends the case back, "remanded": open)
      after it puts the case on appeal, until an appellate step decides it (one that upheld the decision below,
      "affirmed", leaves the status that decision gave); a case with no sign of an end is open;
    - date terminated: a docket's, else the date (or as-of date) of the step that ended the case;
    - last activity: the latest dated event.
    """
    out: dict = {}
    filed_fact = [f for f in by_field["date_filed"] if f.origin == CaseFact.Origin.DOCKET]
    filed = [e for e in events if e.stage == "filed" and e.date]
    precision_rank = {"day": 0, "month": 1, "year": 2, "": 3}
    out["date_filed"], out["date_filed_precision"] = None, ""
    if filed_fact:
        out["date_filed"], out["date_filed_precision"] = date.fromisoformat(_top(filed_fact)[:10]), "day"
    elif filed:
        out["date_filed"], out["date_filed_precision"] = _filed_date(filed, precision_rank)
    steps = [(e, _as_of(e, published, placed)) for e in events if e.stage or e.status]
    steps = [(e, when) for e, when in steps if not _retold(e, when, steps)]
    staged = [(e, when) for e, when in steps if e.stage and e.stage != "filed"]
    out["stage"] = "filed"
    if staged:
        last = max(staged, key=lambda t: (t[1] or date.min, STAGE_ORDER.get(t[0].stage, 0)))
        if last[0].stage == "motion_to_dismiss" and last[0].status in _COURT_DISMISSALS:
            # a dismissal names no step of its own (its stage is the motion's, implied): a case dismissed after it
            # reached a further step does not go back ("the dismissal of the case with prejudice" as a terminating
            # sanction, after the summary judgment motion)
            last = max((t for t in staged if (t[1] or date.min) <= (last[1] or date.min) and t[0].stage != "appeal"),
                       key=lambda t: STAGE_ORDER.get(t[0].stage, 0))
        out["stage"] = last[0].stage
        # a step that no date places (neither its own nor a dated report's) and that is further along came after
        # the dated ones: a case does not go back (the appeal argued in an undated transcript, after a dated ruling
        # on the motion to dismiss)
        # ... unless the dated step ended the case before any trial: a summary judgment that decided it was its
        # judgment, and only an appeal comes after it (a verdict is followed by the court's judgment)
        further = [e.stage for e, _ in staged if not _placed(e, placed)
                   and STAGE_ORDER.get(e.stage, 0) > STAGE_ORDER.get(out["stage"], 0)
                   and (last[0].status not in TERMINAL or last[0].stage == "trial" or e.stage == "appeal")]
        if further:
            out["stage"] = max(further, key=lambda st: STAGE_ORDER.get(st, 0))
    # an appellate step that itself shows how the case ended ("the Second Circuit agreed with the dismissal") or that
    # upheld the decision below ("affirmed": the case stands as that decision left it) decided the appeals before it
    ended = TERMINAL | {"affirmed"}
    decided = max((w or date.min for e, w in steps if e.stage == "appeal" and e.status in ended), default=None)
    statused = [(e, when) for e, when in steps if e.status and e.status != "affirmed" and not (
        e.status == "on_appeal" and decided is not None and (when or date.min) <= decided)]
    status, terminated, when = "open", None, None
    if statused:
        rank = lambda t: (t[0].status in TERMINAL, t[0].status == "settled", t[0].status in SPECIFIC)  # noqa: E731
        last, when = max(statused, key=lambda t: (t[1] or date.min, *rank(t)))
        # (not an end a report of the later step tells too: that report puts the end before the step it dates, "Since
        # the lawsuit was filed, UMG and WMG have each settled ... On April 15, 2026, Judge Hellerstein denied a motion
        # to dismiss")
        told_later = {s.document_id for s in last.sources.all()} if last.date else set()
        unplaced_ends = [t for t in statused if t[0].status in TERMINAL and not _placed(t[0], placed)
                         and not {s.document_id for s in t[0].sources.all()} & told_later]
        if last.status not in TERMINAL and unplaced_ends:  # an end no date places came after the open case's steps
            last, when = max(unplaced_ends, key=lambda t: (t[1] or date.min, *rank(t)))
        status = last.status
        if status in TERMINAL:
            terminated = when
    # an appeal after the judgment puts the suit on appeal (the trial court's case ended, the suit goes on)
    appeals = [w for e, w in steps if e.stage == "appeal" and e.status not in ended | {"open"}
               and (decided is None or (w or date.min) > decided)]  # (an appeal that remands leaves it open)
    out["ended_as"] = status if status in TERMINAL else None  # how the case ended before any appeal
    if appeals and (when is None or max((a for a in appeals if a), default=date.max) >= when):
        status = "on_appeal"
    out["status"] = status
    if status in _COURT_DISMISSALS and out["stage"] == "judgment" and not any(
            e.stage in ("trial", "summary_judgment") for e, _ in steps) and any(
            e.stage == "motion_to_dismiss" for e, _ in steps):  # a ruling for the defendant ('sided with OpenAI')
        out["stage"] = "motion_to_dismiss"  # that dismissed the case before any trial granted the motion to dismiss
    terminated_fact = [f for f in by_field["date_terminated"] if f.origin == CaseFact.Origin.DOCKET]
    out["date_terminated"] = (date.fromisoformat(_top(terminated_fact)[:10]) if terminated_fact else terminated)
    dates = [e.date for e in events if e.date]
    out["last_activity"] = max(dates) if dates else None
    return out


# a district court's number with its case type: "1:23-cv-00135-GBW", "4:20-cv-05640-YGR", "23 Civ. 5670" (not an
# appeal's "No. 24-7700", docketed when the appeal was taken)
_DISTRICT_NUMBER = re.compile(r"(?<![\w])(?:\d{1,2}:)?(\d\d)(?:-|\s+)(?:cv|civ|cr)\b"
                              r"|(?<![\w/:-])(\d\d)-\d{3,6}-[A-Z]{2,4}(?![\w-])", re.I)  # "19-12551-FDS" (D. Mass.)
# a suit numbered within its year, the year printed in full after a slash: India's "CS(COMM) 389/2024"
_SUIT_OF_YEAR = re.compile(r"^[A-Z][A-Za-z.]*(?:\s?\([A-Z.]+\))?\s*(?:No\.\s*)?\d{1,6}/((?:19|20)\d\d)$")


def docket_year(numbers: Iterable[str]) -> Optional[int]:
    """The year a case was filed as its district court numbers tell it (the two digits after the office: "1:23-cv-"
    is a 2023 case, "19-12551-FDS" a 2019 one) or a suit numbered within its year ("CS(COMM) 389/2024"), the
    earliest of them (a case transferred to another district is numbered again there); None without such a number."""
    years = []
    for number in numbers:
        m = _DISTRICT_NUMBER.search(number or "")
        if m:
            yy = int(m.group(1) or m.group(2))
            years.append(2000 + yy if yy <= date.today().year % 100 else 1900 + yy)
        m = _SUIT_OF_YEAR.match((number or "").strip())
        if m:
            years.append(int(m.group(1)))
    return min(years) if years else None


def _retold(event: Event, when: Optional[date], steps: list) -> bool:
    """A step told without a date of its own (as of its report's date) that is behind a step dated on or before
    that date tells the case's past, not where it stands ("The lawsuit had previously survived a motion to dismiss"
    in a report after the summary judgment of June 25, 2025; "the judge allowed the case to proceed" after a dated
    judgment): an earlier stage than a dated step's (open, or a plain dismissal), or "open" after a dated step that
    ended the case."""
    if event.date or when is None:
        return False
    dated = [e for e, _ in steps if e.date and e.date <= when]
    if event.stage and event.stage != "filed" and any(
            STAGE_ORDER.get(e.stage, -1) > STAGE_ORDER.get(event.stage, -1) for e in dated):
        return event.status in (None, "", "open", "dismissed")  # (a headline's "Judge dismisses authors' suit"
        # the day after the summary judgment that ended it)
    return event.status == "open" and not event.stage and any(e.status in TERMINAL for e in dated)


def _prefix(when: date, precision: str) -> str:
    """A date as far as it is known: "2024-08-19", "2024-08" or "2024"."""
    return when.isoformat()[:{"month": 7, "year": 4}.get(precision, 10)]


def _filed_date(filed: list[Event], precision_rank: dict) -> tuple[date, str]:
    """The filing date the most sources agree with. Each source of a filed step tells a date (its own: a step
    told as "August 2024" and as "August 19, 2024" is one event); a document counts for every date its own is
    consistent with (a month supports the days of that month, a year its months and days), so "August 2024" told
    by three reports and "August 19, 2024" told by one give the day, while one report dating another suit's
    filing loses to the dates that agree. A source that tells the filing without a date of its own (it retold a
    dated event) supports no date. Ties: the most precise, then the earliest."""
    told: dict[tuple, set] = defaultdict(set)
    for e in filed:
        dated = [s for s in e.sources.all() if s.date]
        for s in dated:
            told[(s.date, s.precision or "day")].add(s.document_id or ("event", e.pk))
        if not dated:  # no source dates it itself (an event dated by an editor or a docket): the event's date
            told[(e.date, e.precision or "day")].add(("event", e.pk))
    prefixes = {key: _prefix(*key) for key in told}

    def support(key):
        mine = prefixes[key]
        return len(set().union(*(docs for other, docs in told.items()
                                 if mine.startswith(prefixes[other]) or prefixes[other].startswith(mine))))
    best = min(told, key=lambda k: (-support(k), precision_rank.get(k[1], 3), k[0]))
    # the year the most sources support, then the month and the day within it that the most of the sources telling
    # that much support: "2024" (three reports), "October 2024" (one) and "December 11, 2024" (one, another suit's
    # day) give October 2024, where the year alone would outvote both; "June 2024" (a report that printed no year
    # but 2024's), "June 2025" and "July 2025" give June 2025 (ties: the year of the best supported date, the
    # earliest month or day)

    def groups(known: str, size: int) -> dict[str, set]:
        out: dict[str, set] = defaultdict(set)
        for k in told:
            if len(prefixes[k]) >= size and prefixes[k].startswith(known):
                out[prefixes[k][:size]] |= told[k]
        return out
    years = groups("", 4)
    most = max(len(v) for v in years.values())
    known = prefixes[best][:4] if len(years[prefixes[best][:4]]) == most else \
        min(y for y, v in years.items() if len(v) == most)
    for size in (7, 10):
        finer = groups(known, size)
        if not finer:
            break
        known = min(finer, key=lambda g: (-len(finer[g]), g))
    return min((k for k in told if prefixes[k] == known), key=lambda k: (precision_rank.get(k[1], 3), k[0]))


def cases_resolve(cases: Iterable[Case], later: bool = False) -> None:
    """Resolve each case once. ``later``: inside ``resolving_later`` (an ingest batch), only note them: each is
    resolved once when the batch ends, however many of its documents touched it."""
    deferred = _DEFERRED.get() if later else None
    for case in {c.pk: c for c in cases}.values():
        if deferred is not None:
            deferred.setdefault(case.pk, None)
            continue
        case.refresh_from_db()
        case_resolve(case)


# the cases whose resolution waits for the end of the batch (resolving_later), in the order they were touched
_DEFERRED: ContextVar[Optional[dict]] = ContextVar("casetracker_resolve_later", default=None)
log = logging.getLogger(__name__)


@contextlib.contextmanager
def resolving_later():
    """Within the block (one batch of ingested documents, each written in a transaction of its own), the cases a
    linked document touched are not resolved after each document (case_resolve reads every statement, event and
    source of a case: a case a batch tells many times would be read again for each) but once each, in the order
    they were first touched, when the block ends, in one transaction; also when the block ends with an error (the
    documents written before it are committed). Linking hardly reads what case_resolve sets: the courts it
    compares are the ones sources state (stated_courts), whatever the case's resolved court; only a docket row's
    court (dockets_sync: the case's resolved court, else the surest stated one) may wait for the batch's end.
    A block inside another is part of the outer one."""
    if _DEFERRED.get() is not None:
        yield
        return
    deferred: dict[int, None] = {}
    token = _DEFERRED.set(deferred)
    try:
        yield
    except BaseException:
        _DEFERRED.reset(token)
        try:
            resolve_deferred(list(deferred))
        except Exception:  # noqa: BLE001 - the batch's own error is the one to raise
            log.exception("resolving the cases of a failed batch failed")
        raise
    _DEFERRED.reset(token)
    resolve_deferred(list(deferred))


@writes.atomic
def resolve_deferred(case_ids: list[int]) -> None:
    """Resolve these cases (those still there: a merge may have joined one to another), in this order, under the
    linking lock (no worker links a document to them meanwhile)."""
    if not case_ids:
        return
    from django.db import connection

    from casetracker.linking import LINK_LOCK

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LINK_LOCK])
    cases = Case.objects.in_bulk(case_ids)
    for pk in case_ids:
        if pk in cases:
            case_resolve(cases[pk])
