"""One lawsuit, one record: a case built from a story's words that turns out to be a known case is merged into it.

Stories name a suit by whichever plaintiff they lead with ("Sarah Silverman sued Meta", "xAI sued Apple"); the
court's caption leads with another (Kadrey v. Meta, X Corp. v. Apple). The story's case is made first or later,
in whatever order the documents come, so after each document is linked the duplicates it made or revealed are
merged (``duplicates_merge``):

- the duplicate is a case no docket number names: a caption built from words, or a caption a story prints
  ("Ortiz v. Stability AI"), which joins only where a court paper lists its named party in the other suit;
- the case it joins holds both of its named sides: its named plaintiff among the other's plaintiffs and its named
  defendant among the other's named defendants, or the other way round (the lead pair of the other case on one
  side, a co-party a source gave on the other), or its named defendant among the other's and the other's named
  plaintiff among its own co-plaintiffs ("Grisham, Picoult ... and the Authors Guild sued OpenAI");
- the courts sources state for the two do not differ (suits in two courts are never one record), but for an
  appeal a story tells of (only a court of appeals, no docket number, no court paper), which is the trial
  case's step; two cases a relation joins (an appeal and the case below) stay two;
- exactly one case qualifies (an ambiguous duplicate is left alone: two suits by one plaintiff against one
  defendant in two courts stay two), and it is the stronger record (a docket number, a printed caption, more
  sources): the weaker joins the stronger.

``case_merge`` moves everything a case holds (parties, documents, dockets, stated fields, relations, counsel,
events, claims, allegations) into the other, whose parties named by the merged caption become named sides of it,
so the next story that tells the suit the same way finds it at once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from django.db.models import Q

from casetracker import statements, writes
from casetracker.linking import _names_match, attach_event, case_changed, stated_courts
from casetracker.models import (
    Alert, Allegation, Case, CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Change, Claim, Counsel,
    Event,
)
from casetracker.text import normalize_name
from ingest.nlp import captions, courts

P, D = CaseParty.Role.PLAINTIFF, CaseParty.Role.DEFENDANT


def _sides(case_ids: Iterable[int]) -> dict[int, list[tuple[int, str, str, bool, int]]]:
    """case id -> [(party id, party name, role, named, case-party id)] for its plaintiffs and defendants."""
    out: dict[int, list] = {}
    for case_id, pk, name, role, named, cp in CaseParty.objects.filter(case_id__in=list(case_ids), role__in=[P, D]) \
            .values_list("case_id", "party_id", "party__name", "role", "named", "pk"):
        out.setdefault(case_id, []).append((pk, name, role, named, cp))
    return out


_APART = re.compile(r"\b(each other|separate(ly)?|also|similar|another|other suits?|likewise)\b", re.I)
_CAPTION = re.compile(r"\bv(s)?\.\s", re.I)


def _joint(cp_id: int, leads: list[str], court_only: bool = False) -> bool:
    """A co-party a source gave (not a side a caption names) counts as one of the suit's own parties when a
    sentence lists it in this suit: a court paper's (not one that names two suits), or a story's that names the
    suit's lead party with it and does not tell two suits apart ("X Corp. and xAI sued Apple", not "Dow Jones
    and Britannica have also sued Perplexity" or "The Times and the Tribune sued within a day of each other")."""
    for sentence, kind in CaseParty.evidence.through.objects.filter(caseparty_id=cp_id).values_list(
            "evidence__sentence", "evidence__document__kind"):
        sentence = sentence or ""
        if len(_CAPTION.findall(sentence)) > 1:
            continue
        if kind != "news":
            return True
        if court_only:
            continue
        words = set(normalize_name(sentence).split())
        if not _APART.search(sentence) and any(
                (set(normalize_name(lead).split()) - {""}) and set(normalize_name(lead).split()) <= words
                for lead in leads):
            return True
    return False


def _held(parties: list[tuple], role: str, among: list[tuple], named_only: bool, court_only: bool = False,
          joint: Optional[dict] = None) -> bool:
    """Every party of ``parties`` is on side ``role`` of ``among`` (by party or by name): among its named sides,
    or (``named_only`` false) among the co-parties sources list with them in this suit. ``joint`` keeps the
    answers of _joint for one search (no writes in between)."""
    leads = [name for _, name, r, named, _ in among if r == role and named]
    pool = [(pk, name, named, cp) for pk, name, r, named, cp in among if r == role]

    def joined(cp) -> bool:
        if joint is None:
            return _joint(cp, leads, court_only)
        key = (cp, tuple(leads), court_only)
        if key not in joint:
            joint[key] = _joint(cp, leads, court_only)
        return joint[key]

    def one(pk, name):
        hits = [(named, cp) for q, n, named, cp in pool if pk == q or _same_party(name, n)]
        return any(named for named, _ in hits) or (not named_only and any(joined(cp) for _, cp in hits))

    return bool(parties) and all(one(pk, name) for pk, name, *_ in parties)


@lru_cache(maxsize=1 << 16)  # pure (the gazetteer does not change while a process runs), and asked of the same
def _same_party(a: str, b: str) -> bool:  # pairs of names for every case a party is in
    """Two names of one party: by name ("Thomson Reuters", "Thomson Reuters Enterprise Centre GmbH"), or a company
    of the other's group (Warner Bros. Entertainment, WBD)."""
    return _names_match(a, b) or captions.of_group(b, a) or captions.of_group(a, b)


class _Lookups:
    """What merge_target reads of the cases it compares, asked once per case while nothing is written (one
    duplicates_merge, until a merge changes the cases): their sides, the answers of _joint, the courts, judges and
    filing months sources state, which have a docket, their relations, documents and sources told apart. Keyed by
    case id; what a Case object itself holds (its court, whether its caption is inferred) is read from it."""

    def __init__(self):
        self.sides: dict[int, list] = {}
        self.joint: dict = {}
        self.memo: dict[tuple, object] = {}

    def sides_of(self, case_ids) -> dict[int, list]:
        missing = [c for c in case_ids if c not in self.sides]
        if missing:
            found = _sides(missing)
            for c in missing:
                self.sides[c] = found.get(c)
        return {c: self.sides[c] for c in case_ids if self.sides[c] is not None}

    def ask(self, key: tuple, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def stated_courts(self, case: Case) -> set[str]:
        facts = self.ask(("courts", case.pk), lambda: set(CaseFact.objects.filter(case_id=case.pk, field="court")
                                                            .exclude(value="").values_list("value", flat=True)))
        return facts | ({case.court} if case.court else set())

    def docketed(self, case_id: int) -> bool:
        return self.ask(("docketed", case_id), lambda: CaseDocket.objects.filter(case_id=case_id).exists())

    def documents(self, case_id: int) -> int:
        return self.ask(("documents", case_id), lambda: CaseDocument.objects.filter(case_id=case_id).count())

    def rank(self, case: Case) -> tuple:
        return (self.docketed(case.pk), not case.caption_inferred, self.documents(case.pk), -case.pk)


def merge_target(case: Case, mine: Optional[list] = None, lookups: Optional[_Lookups] = None) -> Optional[Case]:
    """The one known case this story-built case is a retelling of, or None. ``mine``: the case's sides (its
    _sides), when the caller has them and knows no docket names it; ``lookups``: what the caller's earlier
    searches read of the cases (no write since)."""
    lk = lookups or _Lookups()
    if mine is None:
        if lk.docketed(case.pk):
            return None
        mine = lk.sides_of([case.pk]).get(case.pk, [])
    plaintiffs = [s for s in mine if s[2] == P and s[3]]
    defendants = [s for s in mine if s[2] == D and s[3]]
    if not plaintiffs or not defendants:
        return None
    words = {max(normalize_name(name).split() or [""], key=len) for _, name, *_ in plaintiffs + defendants} - {""}
    query = Q(party_id__in=[pk for pk, *_ in plaintiffs + defendants])
    for w in words:
        query |= Q(party__name__icontains=w)
    others = set(CaseParty.objects.filter(query, role__in=[P, D]).exclude(case=case).values_list("case_id", flat=True))
    sides = lk.sides_of(sorted(others))
    found, joint = [], lk.joint
    strict = not case.caption_inferred  # a printed caption joins another suit only where a court paper lists it
    # (the named sides first: they need no query, and most other cases fail there; a Case is read only for those
    # whose sides hold this one's)
    held = []
    for other_id in sorted(c for c in others if c in sides):
        theirs = sides[other_id]
        their_plaintiffs = [s for s in theirs if s[2] == P and s[3]]
        named_defendants = _held(defendants, D, theirs, named_only=True)
        holds = ((named_defendants and _held(plaintiffs, P, theirs, False, strict, joint))
                 or (_held(plaintiffs, P, theirs, named_only=True) and _held(defendants, D, theirs, False, strict, joint))
                 # or the other way: the known case's named plaintiff is among this story's co-plaintiffs ("John
                 # Grisham, Jodi Picoult ... and the Authors Guild sued OpenAI": Authors Guild v. OpenAI)
                 or (named_defendants and _held(their_plaintiffs, P, mine, False, strict, joint)))
        if holds:
            held.append(other_id)
    for other in Case.objects.filter(pk__in=held).order_by("id") if held else ():
        if not _courts_agree(case, other, lk) or _told_apart(case, other, lk) or lk.ask(
                ("related", *sorted((case.pk, other.pk))), lambda: CaseRelation.objects.filter(
                    Q(from_case=case, to_case=other) | Q(from_case=other, to_case=case)).exists()):
            continue  # (an appeal and the case below are two records, whatever their sides)
        found.append(other)
    if len(found) > 1:  # prefer the court's record: a printed caption or a docket number
        printed = [c for c in found if not c.caption_inferred or lk.docketed(c.pk)]
        found = printed or found
    if len(found) > 1:  # an appeal and the case below both fit: a story's suit is the case below (the appeal it
        appeals = set(CaseRelation.objects.filter(  # tells of is that case's step)
            kind=CaseRelation.Kind.APPEAL_OF, from_case__in=found, to_case__in=found).values_list("from_case_id", flat=True))
        found = [c for c in found if c.pk not in appeals] or found
    if len(found) != 1:
        return None
    target = found[0]
    if lk.rank(target) < lk.rank(case):
        return None  # the weaker record joins the stronger (a docket, a printed caption, more sources), never back
    return target


def _courts_agree(a: Case, b: Case, lk: Optional[_Lookups] = None) -> bool:
    lk = lk or _Lookups()
    ca, cb = lk.stated_courts(a), lk.stated_courts(b)
    return not ca or not cb or bool(ca & cb) or _reported_appeal(a, ca, cb, lk) or _reported_appeal(b, cb, ca, lk)


def _judges(case: Case) -> set[str]:
    """The surnames of the judges sources name for the case."""
    values = CaseFact.objects.filter(case=case, field="judge", rejected=False).values_list("value", flat=True)
    return {words[-1] for words in (normalize_name(v).split() for v in values) if words}


def _filed_months(case: Case) -> set[tuple[int, int]]:
    """(year, month) of each filing its sources date to the month or the day."""
    return {(d.year, d.month) for d in Event.objects.filter(case=case, stage="filed", rejected=False,
                                                            precision__in=("day", "month"), date__isnull=False)
            .values_list("date", flat=True)}


def _apart_in_one_document(a: Case, b: Case) -> bool:
    """A document tells both suits and one of them as another suit ("xAI has separately sued Apple", in a
    story of xAI's suit against OpenAI): the sentences it names either case's sides in."""
    told = CaseDocument.objects.filter(case=a).exclude(reason=CaseDocument.Reason.PARTIES).values("document_id")
    shared = list(CaseDocument.objects.filter(case=b, document_id__in=told).exclude(
        reason=CaseDocument.Reason.PARTIES).values_list("document_id", flat=True))
    if not shared:
        return False
    sentences = CaseParty.evidence.through.objects.filter(
        caseparty__case__in=[a, b], caseparty__named=True, evidence__document_id__in=shared).values_list(
        "evidence__sentence", flat=True)
    return any(_APART.search(s or "") for s in sentences)


def _told_apart(a: Case, b: Case, lk: Optional[_Lookups] = None) -> bool:
    """Sources state what tells two suits between the same parties apart: a document that tells one as
    another suit than the other, no judge one names for the one is among the other's, or no month one dates
    the filing to is among the other's ("xAI sued OpenAI" in September 2025 before Judge Lin is not Musk v.
    Altman, filed in 2024 before Judge Gonzalez Rogers)."""
    lk = lk or _Lookups()
    if lk.ask(("apart", *sorted((a.pk, b.pk))), lambda: _apart_in_one_document(a, b)):
        return True
    ja, jb = (lk.ask(("judges", c.pk), lambda c=c: _judges(c)) for c in (a, b))
    if ja and jb and not ja & jb:
        return True
    fa, fb = (lk.ask(("filed", c.pk), lambda c=c: _filed_months(c)) for c in (a, b))
    return bool(fa and fb and not fa & fb)


def _reported_appeal(case: Case, mine: set[str], theirs: set[str], lk: Optional[_Lookups] = None) -> bool:
    """A story's case whose only court is a court of appeals ("the Third Circuit heard Thomson Reuters v. Ross")
    is the trial case's appeal told in words, its step, not a record of its own: no appellate docket number
    and no court paper of its own says otherwise."""
    lk = lk or _Lookups()
    return (all(courts.level(c) == "appellate" for c in mine) and all(courts.level(c) == "trial" for c in theirs)
            and not lk.docketed(case.pk)
            and not lk.ask(("court paper", case.pk), lambda: CaseDocument.objects.filter(case=case).exclude(
                document__kind="news").exists()))


@writes.atomic
def case_merge(*, source: Case, target: Case) -> Case:
    """Move everything ``source`` holds into ``target`` and delete ``source``; returns ``target``."""
    if source.pk == target.pk:
        return target
    for cp in CaseParty.objects.filter(case=source).prefetch_related("evidence"):
        kept, created = CaseParty.objects.get_or_create(case=target, party_id=cp.party_id, role=cp.role,
                                                        defaults={"named": cp.named})
        if not created and cp.named and not kept.named:
            kept.named = True
            kept.save(update_fields=["named"])
        kept.evidence.add(*cp.evidence.all())
    for link in CaseDocument.objects.filter(case=source):
        kept = CaseDocument.objects.filter(case=target, document_id=link.document_id).first()
        if kept is None:
            link.case = target
            link.save(update_fields=["case"])
        elif kept.confidence < link.confidence:
            kept.reason, kept.confidence, kept.detail = link.reason, link.confidence, link.detail
            kept.save(update_fields=["reason", "confidence", "detail"])
        writes.pending().mark("documents", link.document_id)
    for docket in CaseDocket.objects.filter(case=source):
        if not CaseDocket.objects.filter(case=target, core=docket.core, court=docket.court).exists():
            docket.case = target
            docket.save(update_fields=["case"])
    CaseFact.objects.filter(case=source).update(case=target)
    Counsel.objects.filter(case=source).update(case=target)
    Claim.objects.filter(case=source).update(case=target)
    Allegation.objects.filter(case=source).update(case=target)
    Alert.objects.filter(case=source).update(case=target)  # its followers follow the case it is now part of,
    Change.objects.filter(case=source).update(case=target)  # and what they were told stays recorded
    for rel in CaseRelation.objects.filter(Q(from_case=source) | Q(to_case=source)):
        a = target if rel.from_case_id == source.pk else rel.from_case
        b = target if rel.to_case_id == source.pk else rel.to_case
        if a.pk != b.pk and not CaseRelation.objects.filter(from_case=a, to_case=b, kind=rel.kind).exists():
            rel.from_case, rel.to_case = a, b
            rel.save(update_fields=["from_case", "to_case"])
    for event in Event.objects.filter(case=source).prefetch_related("sources"):
        for src in event.sources.all():  # each source joins the target's matching event or starts one
            attach_event(target, event.kind, event.title, src.date, src.precision, src.document, src.evidence,
                         src.extractor_version, stage=event.stage, status=event.status)
    from casetracker.models import CaseRedirect, Revision

    CaseRedirect.objects.filter(case=source).update(case=target)  # its own old addresses lead on too
    CaseRedirect.objects.update_or_create(slug=source.slug, defaults={"case": target})
    Revision.objects.filter(case=source).update(case=target)
    source.delete()
    case_changed(target, caption=True)
    statements.case_resolve(target)
    return target


def duplicates_merge(cases: Iterable[Case]) -> list[Case]:
    """Merge the story-built duplicates among ``cases`` and those that share a named party with them into the
    case each retells; returns ``cases`` with every merged one replaced by the case it joined."""
    cases = list(cases)
    if not cases:
        return cases
    party_ids = CaseParty.objects.filter(case__in=cases, named=True).values_list("party_id", flat=True)
    around = Case.objects.filter(dockets__isnull=True, case_parties__party_id__in=party_ids,
                                 case_parties__named=True).distinct().order_by("id")
    replaced: dict[int, Case] = {}
    todo = [*cases, *around]
    # the sides of every case to look at and which a docket names, asked once (a case a merge joined is asked again)
    sides = _sides(c.pk for c in todo)
    docketed = set(CaseDocket.objects.filter(case__in=cases).values_list("case_id", flat=True))
    joined: set[int] = set()
    lookups = _Lookups()  # what the searches read, shared until a merge changes the cases
    for case in todo:
        if case.pk in replaced:  # (merged into another in this loop: case_merge deletes nothing else)
            continue
        if case.pk in joined:
            target = merge_target(case, lookups=lookups)
        elif case.pk in docketed:
            continue
        else:
            target = merge_target(case, sides.get(case.pk, []), lookups)
        if target is not None:
            lookups = _Lookups()
            target = replaced.get(target.pk, target)
            joined.add(target.pk)
            if _reported_appeal(case, stated_courts(case), stated_courts(target)):
                # the court of appeals a story named is where the case went, not the case's court
                CaseFact.objects.filter(case=case, field="court").delete()
            case_merge(source=case, target=target)
            replaced[case.pk] = target
    out, seen = [], set()
    for case in cases:
        case = replaced.get(case.pk, case)
        if case.pk not in seen:
            seen.add(case.pk)
            out.append(case)
    return out
