"""Documents → cases, and events → shared timeline events.

Links are explainable: each CaseDocument stores why (docket number, caption,
opposing parties) and a confidence. A document that names no case and no
pair of opposing parties of a known case stays unlinked.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Optional

from django.db.models import Count, Q

from casetracker import changes, review, statements, writes
from casetracker.models import (
    Allegation, Case, CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Claim, Document, Event, EventSource,
    Mention, Party,
)
from casetracker.text import caption_key, fingerprint, normalize_name, short_name
from ingest.nlp import courts
from ingest.nlp import types as nlp

LINK_LOCK = 0x6361736574  # "caset": the advisory lock key for linking
CONFIDENCE = {"docket": 1.0, "caption": 0.9, "caption_inferred": 0.75, "parties": 0.6}


def _docket_key(number: str) -> str:
    return re.sub(r"\s+", "", number or "").lower()


@lru_cache(maxsize=1 << 16)  # pure, and asked of the same pairs of names for every case a party is in
def _names_match(a: str, b: str) -> bool:
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = set(na.split()), set(nb.split())
    small = wa if len(wa) <= len(wb) else wb
    return (wa <= wb or wb <= wa) and any(len(w) > 2 for w in small)


def _party_for(name: str, extraction: nlp.Extraction) -> Optional[nlp.PartyX]:
    """The extracted party a caption side or suit names: one of that very name first ("Palantir", not the
    headline's "Palantir Gets Partial Win"), else the closest one whose name holds it or it holds."""
    exact = normalize_name(name)
    for px in extraction.parties:
        if normalize_name(px.name) == exact or any(normalize_name(s) == exact for s in px.surface_forms if s[:1].isupper()):
            return px
    close = [px for px in extraction.parties
             if _names_match(name, px.name) or any(_names_match(name, s) for s in px.surface_forms if s[:1].isupper())]
    best = min(close, key=lambda px: abs(len(px.name.split()) - len(name.split())), default=None)
    from ingest.nlp import reviews  # (here: the web process does not load the parser's modules)

    if best is not None and exact.startswith(normalize_name(best.name) + " ") and reviews.names_office(name):
        # "UK Information Commissioner" where the tagger cut the name to "UK Information": the side names the
        # office in full (its last word an office's, patterns/reviews.jsonl regulator_head), not a longer headline
        return replace(best, name=name, gazetteer_id=None, surface_forms=[name])
    return best


def _side_party(side_names: list[str], caption_side: str, extraction: nlp.Extraction, resolve):
    names = side_names or ([caption_side] if caption_side else [])
    for name in names:
        px = _party_for(name, extraction)
        if px is not None:
            return resolve(px.name, px.kind)
        if name:
            return resolve(name, "company")
    return None


def _side_all(side_names: list[str], lead, extraction: nlp.Extraction, resolve) -> list:
    """Every party a side of a suit names, its lead first (the others only where the text names them as parties)."""
    out = [lead] if lead is not None else []
    for name in side_names[1:]:
        px = _party_for(name, extraction)
        party = resolve(px.name, px.kind) if px is not None else None
        if party is not None and party not in out:
            out.append(party)
    return out


def _split_caption(caption: str) -> tuple[str, str]:
    parts = re.split(r"\s+v(?:s)?\.?\s+", caption or "", maxsplit=1, flags=re.I)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (caption, "")


def _courts_of(cx: nlp.CaseX) -> set[str]:
    """The courts a document states for a case (a story may name a wrong court first: "Dow Jones v.
    Perplexity" read as in California and in New York is the New York case)."""
    return {f.value for f in cx.fields if f.field == "court" and f.value}


def stated_courts(case: Case) -> set[str]:
    """The courts sources state for a case (its resolved court is resolved when the document is linked)."""
    return set(CaseFact.objects.filter(case=case, field="court").exclude(value="").values_list("value", flat=True)) | (
        {case.court} if case.court else set())


def _same_court(case: Case, courts) -> bool:
    """Suits in two courts are never one record: a case whose court is known, or stated by a source, differs
    from another court."""
    courts = {courts} if isinstance(courts, str) else set(courts or ()) - {""}
    if not courts:
        return True
    known = stated_courts(case)
    return not known or bool(known & courts)


def _case_by_docket(numbers: list[str], courts) -> Optional[Case]:
    """The case a printed docket number names: same core ("3:23-cv-03417-VC" is "23-cv-03417"), same court
    (or a court unknown on either side)."""
    courts = {courts} if isinstance(courts, str) else set(courts or ()) - {""}
    cores = {statements.docket_key(n) for n in numbers} - {""}
    if not cores:
        return None
    for cd in CaseDocket.objects.filter(core__in=cores).select_related("case").order_by("id"):
        if (not courts or not cd.court or cd.court in courts) and _same_court(cd.case, courts):
            return cd.case
    return None


def _case_by_caption(caption: str, court: str) -> Optional[Case]:
    """A case of the same caption, its sides normalised ("The New York Times v. Microsoft" is "New York Times
    Company v. Microsoft Corporation"), in the same court when both are known."""
    key = caption_key(caption)
    if not key:
        return None
    return next((c for c in Case.objects.filter(caption_key=key).order_by("id") if _same_court(c, court)), None)


def _case_for_sides(plaintiffs: list, defendants: list, courts=()) -> Optional[Case]:
    """The case whose named sides (what its captions, suits and dockets name, not every role a source about it
    gave) hold one of these plaintiffs and one of these defendants, by name ("Thomson Reuters" is "Thomson
    Reuters Enterprise Centre GmbH"), in either order (sources may disagree on who sued), in the same court
    when both courts are known: "xAI and X Corp sued Apple" is X Corp v. Apple. A case of the lead pair first."""
    plaintiffs, defendants = [p for p in plaintiffs if p], [d for d in defendants if d]
    if not plaintiffs or not defendants:
        return None
    words = {max(normalize_name(p.name).split() or [""], key=len) for p in (*plaintiffs, *defendants)} - {""}
    if not words:
        return None
    query = Q()
    for w in words:
        query |= Q(party__name__icontains=w)
    sides: dict[int, list[tuple]] = {}
    for case_id, name, pk, role in CaseParty.objects.filter(
            query, named=True, role__in=[CaseParty.Role.PLAINTIFF, CaseParty.Role.DEFENDANT]
    ).values_list("case_id", "party__name", "party_id", "role"):
        sides.setdefault(case_id, []).append((name, pk, role))

    def holds(named: list[tuple], role: str, parties: list) -> set:
        return {pk for name, pk, r in named if r == role and any(p.pk == pk or _names_match(p.name, name) for p in parties)}

    def opposed(a: set, b: set) -> bool:  # two different parties, one on each side
        return any(x != y for x in a for y in b)

    P, D = CaseParty.Role.PLAINTIFF, CaseParty.Role.DEFENDANT
    ranked = []
    for case_id, named in sides.items():
        if opposed(holds(named, P, plaintiffs), holds(named, D, defendants)):
            lead = holds(named, P, plaintiffs[:1]) and holds(named, D, defendants[:1])
        elif opposed(holds(named, P, defendants), holds(named, D, plaintiffs)):
            lead = holds(named, P, defendants[:1]) and holds(named, D, plaintiffs[:1])
        else:
            continue
        ranked.append((0 if lead else 1, case_id))
    appeals = set(CaseRelation.objects.filter(from_case_id__in=[c for _, c in ranked], kind=CaseRelation.Kind.APPEAL_OF)
                  .values_list("from_case_id", flat=True))  # the suit itself before its appeal (a source that names
    ranked = [(lead, case_id in appeals, case_id) for lead, case_id in ranked]  # no court tells of the suit)
    for *_, case_id in sorted(ranked):
        case = Case.objects.get(pk=case_id)
        if _same_court(case, courts):
            return case
    return None


def _case_for_pair(plaintiff, defendant, court: str = "") -> Optional[Case]:
    """A case with these two parties on opposing named sides, in either order, in the same court."""
    return _case_for_sides([plaintiff], [defendant], court) if plaintiff and defendant else None


def _caption_side(side: str, party) -> str:
    """A composed caption's side: the party's short name, or the other name of that company the text gave the
    side (its legal name where it does business under the party's: "Woulard v. Uncharted Labs", not Udio)."""
    if party.kind != "person" and side:
        from ingest.nlp import gazetteer

        entry = gazetteer.lookup(side)
        if entry is not None and entry.name == party.name and side != entry.caption:
            return side
    return short_name(party.name, party.kind)


def _case_create(caption: str, inferred: bool, plaintiff, defendant) -> Case:
    from casetracker.services import _unique_slug

    if plaintiff and defendant and inferred:
        left, right = _split_caption(caption)
        caption = f"{_caption_side(left, plaintiff)} v. {_caption_side(right, defendant)}"
    from django.db import IntegrityError, transaction

    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: a concurrent worker may take the slug first
                case = Case.objects.create(case_name=caption[:500], caption_inferred=inferred,
                                           slug=_unique_slug(Case, caption))
            case_changed(case)
            return case
        except IntegrityError:
            continue
    raise IntegrityError(f"could not create case {caption!r}")


def _case_update(case: Case, cx: nlp.CaseX) -> None:
    """A printed caption replaces one built from words; the other fields are resolved from all sources
    (statements.case_resolve)."""
    changed = []
    if case.caption_inferred and not cx.inferred:
        case.case_name, case.caption_inferred, changed = cx.caption[:500], False, changed + ["case_name", "caption_inferred"]
    if changed:
        case.save(update_fields=changed)
        case_changed(case, caption="case_name" in changed)


def case_changed(case: Case, caption: bool = False) -> None:
    """The case's vector (caption, parties, court) is stale; with a new ``caption``, so are those of its
    documents (they hold its caption)."""
    writes.pending().mark("cases", case.pk)
    if caption:
        writes.pending().mark("documents", CaseDocument.objects.filter(case=case).values_list("document_id", flat=True))


def _link(case: Case, document: Document, reason: str, detail: str = "", evidence=None) -> None:
    confidence = CONFIDENCE[reason]
    link, created = CaseDocument.objects.get_or_create(
        case=case, document=document,
        defaults={"reason": reason.split("_")[0], "confidence": confidence, "detail": detail[:500]})
    if created:
        writes.pending().mark("documents", document.pk)  # its vector holds its cases' captions
        changes.document_linked(case, document, evidence)
    if not created and link.confidence < confidence:
        link.reason, link.confidence, link.detail = reason.split("_")[0], confidence, detail[:500]
        link.save(update_fields=["reason", "confidence", "detail"])


@writes.atomic
def link_document(*, document: Document, extraction: nlp.Extraction, resolve: Callable,
                  make_evidence: Callable) -> list[Case]:
    """Attach a freshly extracted document to its cases; record roles, events and fact-to-case links.

    ``resolve(name, kind)`` gives a name's Party; ``make_evidence(spans)`` stores Evidence rows for a list of
    spans of the document (one statement) and returns them in order. Workers link one document at a time (a transaction-scoped advisory lock, released at commit), so two
    workers never both create the same case.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LINK_LOCK])
    linked: list[Case] = []
    new_cases: list[Case] = []
    named: list[tuple[nlp.CaseX, Case]] = []
    below = _cases_below(extraction.cases)
    for n, cx in enumerate(extraction.cases):
        left, right = _split_caption(cx.caption)
        plaintiff = _side_party(cx.plaintiffs, left, extraction, resolve)
        defendant = _side_party(cx.defendants, right, extraction, resolve)
        dockets = [d for d in cx.docket_numbers or [] if d]
        dockets += [f.value for f in cx.fields if f.field == "docket_number" and f.value not in dockets]
        court = _courts_of(cx)
        case = _case_by_docket(dockets, court)
        reason = "docket" if case else ("caption_inferred" if cx.inferred else "caption")
        side_pl = _side_all(cx.plaintiffs, plaintiff, extraction, resolve)
        side_df = _side_all(cx.defendants, defendant, extraction, resolve)
        if case is None and plaintiff and defendant:
            case = _case_for_sides(side_pl, side_df, court)
        if case is None:
            case = _case_by_caption(cx.caption, court)
        if case is not None and reason != "docket" and not _may_join(case, cx, n, below, named):
            case = None
        if case is None:
            case = _case_create(cx.caption, cx.inferred, plaintiff, defendant)
            new_cases.append(case)
        _case_update(case, cx)
        statements.facts_record(case=case, document=document, cx=_with_legacy_fields(cx), make_evidence=make_evidence,
                             version=extraction.extractor_version)
        ev = make_evidence(cx.evidence[:1])[0] if cx.evidence else None
        _case_parties_add([(case, party, role, ev) for party, role in (  # its lead sides name the case; the
            (plaintiff, CaseParty.Role.PLAINTIFF), (defendant, CaseParty.Role.DEFENDANT)) if party], named=True)
        # others a story lists only help find it (one misread list must not make another suit this one)
        _link(case, document, reason, detail=cx.caption, evidence=ev)
        linked.append(case)
        named.append((cx, case))
    for d in extraction.docket_numbers:
        case = _case_by_docket([d], "")
        if case and case not in linked:
            _link(case, document, "docket", detail=d)
            linked.append(case)
    if not linked and extraction.is_ai_litigation:
        linked = link_by_parties(document) or link_by_subject(document)
        if len(linked) == 1 and extraction.judges:  # "Judge Alvin K. Hellerstein ... denied a motion to dismiss
            # a claim brought by major record labels against Uncharted Labs": the one case both sides name
            statements.facts_record(case=linked[0], document=document, make_evidence=make_evidence,
                                    cx=nlp.CaseX(caption=linked[0].case_name, fields=list(extraction.judges)),
                                    version=extraction.extractor_version)
    if linked:
        _record_roles(document, extraction, linked, named, resolve, make_evidence)
    _record_events(document, extraction, linked[0] if linked else None, make_evidence, named)
    if linked:
        _attach_facts(document, linked[0])
    statements.relations_record(document=document, named=named, make_evidence=make_evidence)
    for case in new_cases:
        relink_unlinked(case)
    from casetracker.merging import duplicates_merge

    linked = duplicates_merge(linked)
    statements.cases_resolve(linked, later=True)  # at once, or when the ingest batch ends (resolving_later)
    return linked


def _cases_below(cases: list[nlp.CaseX]) -> dict[int, int]:
    """Index of a trial case a court of appeals' paper tells of -> index of the appeal that is ``appeal_of`` it."""
    out: dict[int, int] = {}
    for i, cx in enumerate(cases):
        for rel in cx.relations:
            if rel.kind != "appeal_of":
                continue
            for j, other in enumerate(cases):
                if j != i and (rel.other == other.caption or rel.other in (other.docket_numbers or [])):
                    out.setdefault(j, i)
    return out


def _may_join(case: Case, cx: nlp.CaseX, n: int, below: dict[int, int], named: list) -> bool:
    """A case found by its caption or sides is this one, unless the court records say otherwise: the case below
    an appeal is not the appeal ("Sony v. Cox" in the Fourth Circuit's opinion and the trial case it reviews),
    and an appeal whose own number is printed is not another appeal in that court (Epic v. Apple, No. 21-16506,
    and Epic v. Apple, No. 25-2935, are two appeals). Nor is a case an earlier case of the same document with the
    same lead sides joined: the text told a second suit of those sides ("SAS sued Sheeran in 2018. ... SAS has
    filed another lawsuit against Sheeran")."""
    if any(c == case and o.plaintiffs[:1] == cx.plaintiffs[:1] and o.defendants[:1] == cx.defendants[:1]
           for o, c in named if o is not cx):
        return False
    if n in below:
        appeal = named[below[n]][1] if below[n] < len(named) else None  # named is in the document's order
        if case == appeal or any(courts.level(c) == "appellate" for c in stated_courts(case)):
            return False
    if any(r.kind == "appeal_of" for r in cx.relations) and any(
            courts.level(c) == "trial" for c in stated_courts(case)):
        return False  # an appeal whose court the paper does not name ("Doe v. GitHub, No. 24-7700 — appellate oral
        # argument transcript") is not the suit in the trial court it appeals from
    own = {statements.docket_key(d) for d in cx.docket_numbers or []} - {""}
    mine = {c for c in _courts_of(cx) if courts.level(c) == "appellate"}
    if own and mine:
        theirs = set(CaseDocket.objects.filter(case=case, court__in=mine).values_list("core", flat=True))
        if theirs and not theirs & own:
            return False
    return True


def _with_legacy_fields(cx: nlp.CaseX) -> nlp.CaseX:
    """A CaseX whose judge or docket numbers are only in the old attributes states them as fields too."""
    have = {f.field for f in cx.fields}
    extra = []
    if cx.judge and "judge" not in have:
        extra.append(nlp.CaseFieldX("judge", cx.judge, 0.5, cx.evidence[:1]))
    stated = {f.value for f in cx.fields if f.field == "docket_number"}
    extra += [nlp.CaseFieldX("docket_number", d, 0.9, cx.evidence[:1]) for d in cx.docket_numbers or []
              if d and d not in stated]
    if extra:
        from dataclasses import replace

        return replace(cx, fields=[*cx.fields, *extra])
    return cx


def _record_roles(document, extraction, linked, named, resolve, make_evidence) -> None:
    """A party's role goes to the case that names it. A document about one case gives it every role it
    reads; one about several (an article on Kadrey v. Meta that also discusses Bartz v. Anthropic) gives
    each case only the parties its own caption or suit names, never all of them to the first."""
    single = linked[0] if len({c.pk for c in linked}) == 1 else None
    roles: list[tuple] = []
    for px in extraction.parties:
        if not (px.is_litigant and px.role in (CaseParty.Role.PLAINTIFF, CaseParty.Role.DEFENDANT) and px.evidence):
            continue
        targets = {case.pk: case for cx, case in named
                   if any(_names_match(px.name, n) for n in (cx.plaintiffs if px.role == "plaintiff" else cx.defendants))}
        if not targets and single is not None:
            targets = {single.pk: single}
        for case in targets.values():
            roles.append((case, resolve(px.name, px.kind), px.role, px.evidence[0]))
    evidence = make_evidence([span for *_, span in roles]) if roles else []
    _case_parties_add([(case, party, role, ev) for (case, party, role, _), ev in zip(roles, evidence)])


def _case_parties_add(items: list[tuple], named: bool = False) -> None:
    """(case, party, role, evidence or None): each party gets its role in the case (created when new, in
    item order) and the evidence for it, in three statements whatever the number of items. ``named``: the
    parties are the sides a caption or suit of the case names (its identity, _case_for_sides)."""
    if not items:
        return
    found = {(cp.case_id, cp.party_id, cp.role): cp for cp in CaseParty.objects.filter(
        case_id__in={case.pk for case, *_ in items}, party_id__in={party.pk for _, party, *_ in items})}
    links = []
    decisions = review.caseparty_decisions([(case.pk, party.pk, role) for case, party, role, _ in items])
    for case, party, role, ev in items:
        decision = decisions.get((case.pk, party.pk, role))  # an editor's decision on this role, if any
        if decision is not None:
            party, role = review.caseparty_decided(decision, party, role)
            if party is None:
                continue  # an editor rejected this role
            key = (case.pk, party.pk, role)
            found.setdefault(key, CaseParty.objects.filter(case=case, party=party, role=role).first())
        key = (case.pk, party.pk, role)
        if found.get(key) is None:
            found[key], created = CaseParty.objects.get_or_create(case=case, party=party, role=role, defaults={
                "named": named, "review": review.state_of(decision), "reviewed_at": getattr(decision, "updated_at", None)})
            if created:
                case_changed(case)
                changes.party_joined(case, party, role, ev)
        if named and not found[key].named:
            found[key].named = True
            found[key].save(update_fields=["named"])
        if ev is not None:
            links.append(CaseParty.evidence.through(caseparty_id=found[key].pk, evidence_id=ev.pk))
    CaseParty.evidence.through.objects.bulk_create(links, ignore_conflicts=True)


# Cases with two different parties of a document on opposing sides: found by the index on the parties, so
# the cost does not grow with the cases a very common party (OpenAI) is in
_CASES_NAMING_BOTH_SIDES = """
SELECT DISTINCT p.case_id FROM casetracker_caseparty p
  JOIN casetracker_caseparty q ON q.case_id = p.case_id AND q.role = 'defendant' AND q.named AND q.party_id <> p.party_id
 WHERE p.role = 'plaintiff' AND p.named AND p.party_id = ANY(%s) AND q.party_id = ANY(%s)
"""


def link_by_parties(document: Document) -> list[Case]:
    """Link a litigation document that names both opposing parties of a known case: two different parties,
    one on each named side (a party sources put on both sides is not a pair by itself, and a co-party or a
    counterclaim's side a source gave is not the suit's side: naming OpenAI and Microsoft is not naming
    Musk v. Altman, whose counterclaims make OpenAI a plaintiff)."""
    from django.db import connection

    party_ids = sorted(set(Mention.objects.filter(document=document).values_list("party_id", flat=True)))
    if len(party_ids) < 2:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_CASES_NAMING_BOTH_SIDES, [party_ids, party_ids])
        case_ids = [row[0] for row in cursor.fetchall()]
    linked = []
    for case in Case.objects.filter(pk__in=case_ids) if case_ids else ():  # in the cases' order
        _link(case, document, "parties", detail="names both sides")
        linked.append(case)
    return linked


# Unlinked litigation documents that name two different parties on opposite sides of some case: the only
# documents link_by_parties links (one statement instead of three queries per unlinked document). The
# unlinked ones and the parties they name are found first (an index lookup each, and few of them): pairs
# of parties are looked for only among those, not in every litigation document of the corpus.
_NAMING_BOTH_SIDES = """
WITH unlinked AS MATERIALIZED (
    SELECT d.id FROM casetracker_document d
     WHERE d.is_ai_litigation
       AND NOT EXISTS (SELECT 1 FROM casetracker_casedocument cd WHERE cd.document_id = d.id)),
named AS MATERIALIZED (
    SELECT DISTINCT m.document_id, m.party_id FROM casetracker_mention m JOIN unlinked u ON u.id = m.document_id)
SELECT DISTINCT a.document_id FROM named a
  JOIN casetracker_caseparty p ON p.party_id = a.party_id AND p.role = 'plaintiff' AND p.named
  JOIN casetracker_caseparty q ON q.case_id = p.case_id AND q.role = 'defendant' AND q.named AND q.party_id <> p.party_id
  JOIN named b ON b.document_id = a.document_id AND b.party_id = q.party_id
"""


def relink_unlinked(case: Case) -> None:
    """After a new case appears, earlier litigation documents naming both its sides join it (and, for a consolidated
    "In re <company> ... Litigation", those whose defendant is that company: link_by_subject)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_NAMING_BOTH_SIDES)
        candidates = [row[0] for row in cursor.fetchall()]
    for document in Document.objects.filter(pk__in=candidates) if candidates else ():
        if case in link_by_parties(document):
            _adopt(document, case)
    if (case.caption_key or "").startswith("in re "):
        unlinked = Document.objects.filter(is_ai_litigation=True, case_links__isnull=True, mentions__role="defendant")
        for document in unlinked.distinct():
            if any(_subject_of(case, normalize_name(name)) for name in Mention.objects.filter(
                    document=document, role="defendant").values_list("party__name", flat=True)) \
                    and case in link_by_subject(document):
                _adopt(document, case)


def _adopt(document: Document, case: Case) -> None:
    """A document linked to a case after it was recorded: its events with no case, and its facts, become the case's."""
    for source in EventSource.objects.filter(document=document, event__case__isnull=True).select_related("event"):
        orphan = source.event
        attach_event(case, orphan.kind, orphan.title, source.date, source.precision, document,
                     source.evidence, source.extractor_version, stage=orphan.stage, status=orphan.status)
        source.delete()
    prune_orphan_events()
    _attach_facts(document, case)
    statements.case_resolve(case)


def _subject_of(case: Case, key: str) -> bool:
    """The company a consolidated case is named for: "In re Clearview AI, Inc. Consumer Privacy Litigation" is
    Clearview AI's."""
    return bool(key) and (case.caption_key or "").startswith(f"in re {key} ")


def link_by_subject(document: Document) -> list[Case]:
    """Link a litigation document that names no case and no pair of its sides to the consolidated case its defendant
    is named for ("Judge approves Clearview AI's $51.75M settlement" -> In re Clearview AI, Inc. Consumer Privacy
    Litigation), when that is the one such case and the defendant is a named defendant of no other case (a company
    sued in many suits, OpenAI, does not make a report of one of them a report of its MDL)."""
    parties = set(Mention.objects.filter(document=document, role="defendant").values_list("party_id", flat=True))
    found: dict[int, Case] = {}
    for party_id, name in Party.objects.filter(pk__in=parties).values_list("pk", "name"):
        key = normalize_name(name)
        if not key:
            continue
        cases = list(Case.objects.filter(caption_key__startswith=f"in re {key} ")[:2])
        if len(cases) != 1 or CaseParty.objects.filter(party_id=party_id, role=CaseParty.Role.DEFENDANT,
                                                        named=True).exclude(case=cases[0]).exists():
            continue
        found[cases[0].pk] = cases[0]
    if len(found) != 1:
        return []
    case = next(iter(found.values()))
    _link(case, document, "parties", detail="names the litigation's subject as defendant")
    return [case]


def _attach_facts(document: Document, case: Case) -> None:
    Allegation.objects.filter(document=document, case__isnull=True).update(case=case)
    Claim.objects.filter(document=document, case__isnull=True).update(case=case)


def _record_events(document, extraction, case, make_evidence, named=()) -> None:
    """Each event goes to the case it belongs to (EventX.case, an index into the document's cases), else to the
    document's first case."""
    events = [ex for ex in extraction.events if ex.evidence]
    for ex, evidence in zip(events, make_evidence([ex.evidence[0] for ex in events]) if events else []):
        target = named[ex.case][1] if ex.case is not None and 0 <= ex.case < len(named) else case
        attach_event(target, ex.kind, ex.what, ex.date, ex.precision, document, evidence, extraction.extractor_version,
                     stage=ex.stage or "", status=ex.status or "")


def attach_event(case, kind, title, date_value, precision, document, evidence, version, merge=True,
                 stage: str = "", status: str = "") -> Event:
    """Add a source to the case's matching event (same kind and date), or start a new event. The procedural
    step (stage) and status a source reads in it are kept on the event."""
    from casetracker.services import as_date

    when = as_date(date_value)
    precision = precision if when else ""
    decided, decision = review.event_decision(case and case.pk, kind, when, precision, document.pk, stage, status)
    if decision is not None:  # an editor's decision on this source's event: its corrected fields, or rejected
        kind, when, precision, stage, status = (decided[k] for k in ("kind", "date", "precision", "stage", "status"))
        merge = merge and decision.action != "reject"
    event = None
    if case is not None and merge:
        same_kind = case.events.filter(kind=kind, rejected=False)
        if when:  # a dated source can only join an event of its year (the coarsest precision) or an undated one
            same_kind = same_kind.filter(Q(date__isnull=True) | Q(date__gte=when.replace(month=1, day=1),
                                                                  date__lte=when.replace(month=12, day=31)))
        same_kind = list(same_kind)
        if when:
            event = next((e for e in same_kind if e.date and _same_date(e.date, when, e.precision, precision)), None)
            if event is None:  # (not a step it does not show: its date is no date of that step)
                event = next((e for e in same_kind if e.date is None and _same_story(e.title, title)
                              and not (e.stage and not stage or e.status and not status)), None)
                if event is not None:  # a dated source dates an undated event it retells
                    event.date, event.precision = when, precision
                    event.save(update_fields=["date", "precision"])
        else:  # an undated source joins the case's undated event of that kind (its one testimony, told by many),
            # or a dated one only when it retells it: never a dated event it merely shares a kind with
            undated = [e for e in same_kind if e.date is None and (e.stage, e.status) == (stage, status)]
            # (one step: a source showing another step, or none, is not that event's source; but where the case has
            # one undated event of its kind and either shows no step, they are one: "Elon Musk testified that xAI
            # partly used OpenAI models" is the testimony another report tells "in a California federal court", the
            # trial)
            alone = [e for e in same_kind if e.date is None]
            if not undated and len(alone) == 1 and (not stage and not status or not alone[0].stage and
                                                    not alone[0].status):
                undated = alone
            event = next((e for e in same_kind if _same_story(e.title, title) and not (
                e.date and (stage and not e.stage or status and not e.status))), undated[0] if undated else None)
            # (a dated event that does not show the step this source shows keeps its date to itself)
    if event is not None and merge and (stage and event.stage != stage or status and event.status != status):
        if event.stage and stage and event.stage != stage or event.status and status and event.status != status:
            event = None  # another step on the same day is its own event
        else:
            event.stage, event.status = event.stage or stage, event.status or status
            event.save(update_fields=["stage", "status"])
    if event is None:
        event = Event.objects.create(case=case, kind=kind, title=(title or kind)[:500], date=when,
                                     precision=precision or "", stage=stage[:20], status=status[:30],
                                     fingerprint=fingerprint("event", case and case.pk, kind, when, document.pk,
                                                             stage, status),
                                     rejected=getattr(decision, "action", "") == "reject")
        if not event.rejected:
            changes.event_added(event, document, evidence)
    if decision is not None and event.review != review.state_of(decision):
        event.review, event.reviewed_at = review.state_of(decision), decision.updated_at
        event.save(update_fields=["review", "reviewed_at"])
    EventSource.objects.bulk_create([EventSource(  # one statement, no savepoint; an existing source is kept
        event=event, evidence=evidence, document=document, date=when, precision=precision or "",
        extractor_version=version)], ignore_conflicts=True)
    return event


def _same_story(a: str, b: str) -> bool:
    """Two sentences that tell the same step ("Musk testified xAI partly used OpenAI models" / "Elon Musk
    confirmed in court that xAI used OpenAI models to improve Grok"): enough shared content words."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(_content(a), _content(b)) >= 60


def _content(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    return " ".join(w for w in words if len(w) > 3 and w not in _STOP)


_STOP = {"that", "this", "with", "from", "have", "were", "which", "their", "they", "there", "about", "after", "would",
         "could", "said", "says", "also", "into", "than", "when", "while", "been", "will", "what", "during"}


def _same_date(a, b, pa: str, pb: str) -> bool:
    coarse = "year" if "year" in (pa, pb) else "month" if "month" in (pa, pb) else "day"
    if coarse == "year":
        return a.year == b.year
    if coarse == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def prune_orphan_events() -> None:
    Event.objects.filter(sources__isnull=True).delete()
