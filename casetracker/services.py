"""The write side: the only code that creates or changes domain rows.

Functions are keyword-only and atomic (``writes.atomic``: rows whose search vectors a write makes stale
are marked on the transaction's collector and refreshed once before it commits); the NLP layer hands
them plain dataclasses (ingest.nlp.types), never model instances.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Optional

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from casetracker import changes, linking, review, writes
from casetracker.models import (
    Alert, Alias, Allegation, Claim, Correction, Document, Evidence, Mention, Party, Quote,
)
from casetracker.text import fingerprint, normalize_name
from ingest.nlp import types as nlp

GENERIC_SURFACES = {"the company", "the firm", "the startup", "he", "she", "it", "they", "the billionaire",
                    "the lab", "the court", "the judge", "the plaintiff", "the defendant"}


# --------------------------------------------------------------------------- documents
@dataclass
class DocumentInput:
    text: str
    sha256: str
    title: str = ""
    kind: str = "news"
    url: str = ""
    publisher: str = ""
    author: str = ""
    published_at: Optional[datetime] = None
    content_type: str = ""
    pages: tuple = ()
    meta: Optional[dict] = None


def document_create(*, data: DocumentInput) -> Document:
    return Document.objects.create(
        text=data.text, sha256=data.sha256, title=data.title[:1000], kind=data.kind or "news", url=data.url,
        publisher=data.publisher[:300], author=data.author[:300], published_at=data.published_at,
        content_type=data.content_type[:200], pages=list(data.pages or []), meta=data.meta or {},
    )


# --------------------------------------------------------------------------- parties
def _unique_slug(model, base: str, field: str = "slug") -> str:
    base = (slugify(base) or "item")[:300]
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


HONORIFICS = {"mr", "mrs", "ms", "dr", "judge", "justice", "sir", "dame", "prof", "professor", "chief"}


def _name_key(name: str) -> str:
    words = normalize_name(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def party_find(*, name: str, gazetteer_id: Optional[str] = None, kind: Optional[str] = None) -> Optional[Party]:
    """The party a name refers to (following staff merges), or None.

    Exact gazetteer id, then exact alias; then, for organisations and products only, a fuzzy match
    ("Open AI" ~ "OpenAI", "Anthropic PBC" ~ "Anthropic"). People are never matched fuzzily: two
    people who share a surname stay apart unless an alias says otherwise.
    """
    party = None
    if gazetteer_id:
        party = Party.objects.filter(gazetteer_id=gazetteer_id).first()
    norm = _name_key(name)
    if party is None and norm:
        alias = Alias.objects.select_related("party").filter(normalized=norm).order_by("id").first()
        party = alias.party if alias else None
    if party is None and norm and kind != "person" and len(norm.replace(" ", "")) >= 4:
        party = _fuzzy_organisation(norm, kind)
    return party.resolved() if party else None


def _fuzzy_organisation(norm: str, kind: Optional[str]) -> Optional[Party]:
    from django.contrib.postgres.search import TrigramSimilarity
    from rapidfuzz import fuzz

    squashed = norm.replace(" ", "")
    candidates = (Alias.objects.select_related("party").exclude(party__kind="person")
                  .annotate(sim=TrigramSimilarity("normalized", norm)).filter(sim__gte=0.3).order_by("-sim", "party_id", "id")[:10])
    for alias in candidates:
        if kind and kind != "other" and alias.party.kind not in (kind, "other"):
            continue
        if alias.normalized.replace(" ", "") == squashed or fuzz.ratio(alias.normalized.replace(" ", ""), squashed) >= 92:
            return alias.party
    return None


@writes.atomic(savepoint=False)
def party_get_or_create(*, name: str, kind: str = "other", gazetteer_id: Optional[str] = None,
                        owner: Optional[str] = None, aliases: Iterable[str] = ()) -> Party:
    if not gazetteer_id:  # "Anthropic PBC" is the gazetteer's Anthropic: one canonical name, whoever comes first
        from ingest.nlp import gazetteer

        entry = gazetteer.lookup(name)
        if entry and entry.kind in ("company", "person", "model", "agency", "outlet", "judge"):
            aliases = [name, *aliases]
            name, gazetteer_id = entry.name, entry.id
            kind = {"judge": "person", "outlet": "company"}.get(entry.kind, entry.kind)
    party = party_find(name=name, gazetteer_id=gazetteer_id, kind=kind)
    for _attempt in range(5):
        if party is not None:
            break
        try:
            with transaction.atomic():  # a savepoint: another worker may create the same party meanwhile
                party = Party.objects.create(
                    name=name[:300], kind=kind if kind in Party.Kind.values else "other",
                    gazetteer_id=gazetteer_id or None, slug=_unique_slug(Party, name),
                )
            writes.pending().mark("parties", party.pk)
        except IntegrityError:
            party = party_find(name=name, gazetteer_id=gazetteer_id, kind=kind)
    if party is None:
        raise IntegrityError(f"could not create party {name!r}")
    elif gazetteer_id and not party.gazetteer_id and not Party.objects.filter(gazetteer_id=gazetteer_id).exists():
        party.gazetteer_id = gazetteer_id
        party.save(update_fields=["gazetteer_id"])
    if owner and not party.owner_id and normalize_name(owner) != normalize_name(party.name):
        party.owner = party_get_or_create(name=owner, kind="company")
        party.save(update_fields=["owner"])
        writes.pending().mark("parties", party.owner_id)  # an owner's vector holds what it owns
    aliases_add(party=party, names=[name, *aliases])
    return party


def alias_add(*, party: Party, name: str, source: str = "extracted") -> None:
    aliases_add(party=party, names=[name], source=source)


@writes.atomic(savepoint=False)
def aliases_add(*, party: Party, names: Iterable[str], source: str = "extracted") -> None:
    """Store the names a party does not have yet (generic words and lower-case phrases are no names), in two
    statements whatever their number; a name's first spelling is kept."""
    wanted: dict[str, str] = {}
    for name in names:
        norm = _name_key(name)
        if not norm or name.strip().lower() in GENERIC_SURFACES or not name[:1].isupper() and not name[:1].isdigit():
            continue
        wanted.setdefault(norm[:300], name[:300])
    if not wanted:
        return
    have = set(Alias.objects.filter(party=party, normalized__in=list(wanted)).values_list("normalized", flat=True))
    new = [Alias(party=party, normalized=norm, name=name, source=source) for norm, name in wanted.items()
           if norm not in have]
    if new:  # a concurrent writer may add the same name meanwhile: the unique constraint keeps one
        Alias.objects.bulk_create(new, ignore_conflicts=True)
        writes.pending().mark("parties", party.pk)  # its names are searched in its vector and its cases'
        writes.pending().mark("party_cases", party.pk)


@writes.atomic
def party_merge(*, source: Party, target: Party) -> Party:
    """Merge source into target: facts move, names resolve to target from now on (re-extraction too)."""
    if source.pk == target.pk:
        return target
    _Parties.forget()
    pending = writes.pending()
    # every row whose vector holds the source's name now holds the target's
    pending.mark("documents", Mention.objects.filter(party=source).values_list("document_id", flat=True))
    pending.mark("quotes", Quote.objects.filter(speaker=source).values_list("pk", flat=True))
    pending.mark("allegations", Allegation.objects.filter(
        Q(accuser=source) | Q(accused=source) | Q(teacher=source) | Q(student=source)).values_list("pk", flat=True))
    pending.mark("parties", [target.pk, source.owner_id])
    pending.mark("parties", Party.objects.filter(owner=source).values_list("pk", flat=True))
    pending.mark("party_cases", [source.pk, target.pk])
    aliases_add(party=target, names=[alias.name for alias in source.aliases.all()], source="manual")
    fk_fields = [
        (Mention, "party"), (Quote, "speaker"), (Claim, "subject"), (Claim, "object"), (Allegation, "accuser"),
        (Allegation, "accused"), (Allegation, "teacher"), (Allegation, "student"), (Party, "owner"),
        (Alert, "party"),  # its followers follow the party it is now
    ]
    for model, field in fk_fields:
        model.objects.filter(**{field: source}).update(**{field: target})
    from casetracker.models import CaseParty

    for cp in CaseParty.objects.filter(party=source):
        other, _ = CaseParty.objects.get_or_create(case=cp.case, party=target, role=cp.role)
        if cp.named and not other.named:
            other.named = True
            other.save(update_fields=["named"])
        other.evidence.add(*cp.evidence.all())
        cp.delete()
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    Party.objects.filter(merged_into=source).update(merged_into=target)
    return target


@writes.atomic
def party_split(*, party: Party) -> Party:
    """Undo a merge: the party stands on its own again (future extraction resolves to it)."""
    _Parties.forget()
    target = party.merged_into
    party.merged_into = None
    party.save(update_fields=["merged_into"])
    if target:
        target.aliases.filter(normalized__in=party.aliases.values("normalized"), source="manual").delete()
        writes.pending().mark("parties", target.pk)
        writes.pending().mark("party_cases", target.pk)
    return party


# --------------------------------------------------------------------------- facts
class _Parties:
    """Resolves the names an extraction uses to Party rows, once per document.

    A process-wide cache remembers resolved parties and the aliases already stored, so a batch does not
    ask the database again for OpenAI on every document. An entry is added only once its transaction has
    committed (a rolled-back party is never remembered), lives CACHE_SECONDS (a merge made by another
    process is seen soon), and the cache is emptied by merges and splits made here.
    """

    CACHE_SECONDS = 60.0
    known: dict[tuple, tuple[Party, set, float]] = {}

    def __init__(self, extraction: nlp.Extraction):
        self.by_name = {normalize_name(p.name): p for p in extraction.parties}
        self.local: dict[str, Party] = {}
        names = {_name_key(p.name) for p in extraction.parties}  # and the names facts use without a party entry
        names |= {_name_key(n) for q in extraction.quotes for n in [q.speaker] if n}
        names |= {_name_key(n) for a in extraction.allegations for n in (a.accuser, a.accused, a.teacher, a.student)
                  if n}
        names |= {_name_key(n) for c in extraction.claims for n in (c.subject, c.object) if n}
        self._validate([k for k in list(self.known) if k[1] in names])

    def _validate(self, keys: list[tuple]) -> None:
        """One query: drop cached parties this document needs that were deleted or merged meanwhile."""
        cached = {k: self.known[k] for k in keys if k in self.known}
        if not cached:
            return
        alive = set(Party.objects.filter(pk__in=[e[0].pk for e in cached.values()], merged_into__isnull=True)
                    .values_list("pk", flat=True))
        for key, entry in cached.items():
            if entry[0].pk not in alive:
                self.known.pop(key, None)

    @classmethod
    def forget(cls) -> None:
        cls.known.clear()

    def get(self, name: Optional[str], kind: str = "other") -> Optional[Party]:
        if not name:
            return None
        key = normalize_name(name)
        if key in self.local:
            return self.local[key]
        px = self.by_name.get(key)
        if px:
            name, kind, gid, owner, aliases = px.name, px.kind, px.gazetteer_id, px.owner, px.surface_forms
        else:
            gid, owner, aliases = None, None, []
        cache_key = (gid, _name_key(name), kind)
        cached = self.known.get(cache_key)
        if cached and time.monotonic() - cached[2] > self.CACHE_SECONDS:
            cached = None
        if cached and all(_name_key(a) in cached[1] or not a[:1].isupper() for a in aliases):
            party = cached[0]
        else:
            party = party_get_or_create(name=name, kind=kind, gazetteer_id=gid, owner=owner, aliases=aliases)
            entry = (party, (cached[1] if cached else set()) | {_name_key(a) for a in [name, *aliases]},
                     cached[2] if cached else time.monotonic())
            writes.pending().on_commit(lambda: self.known.__setitem__(cache_key, entry))
        self.local[key] = party
        return party


def _evidence_row(document: Document, ev: nlp.Evidence) -> Evidence:
    n = len(document.text)
    start, end = max(0, min(ev.start, n)), max(0, min(ev.end, n))
    s0, s1 = max(0, min(ev.sent_start, start)), min(n, max(ev.sent_end, end))
    return Evidence(document=document, start=start, end=max(start, end), sent_start=s0, sent_end=s1,
                    sentence=document.text[s0:s1], page=document.page_of(start))


def _fact_rows(document: Document, extraction: nlp.Extraction, parties: _Parties) -> list[tuple]:
    """(model, fields, evidence span, fact type, fingerprint) for every fact of the extraction."""
    rows = []
    for px in sorted(extraction.parties, key=lambda p: normalize_name(p.name)):
        parties.get(px.name, px.kind)  # resolve in one order everywhere: concurrent workers lock rows alike
    for px in extraction.parties:
        party = parties.get(px.name, px.kind)
        fp = fingerprint("mention", party.pk, document.sha256)
        for ev in px.evidence[:50]:
            rows.append((Mention, {"party": party, "surface": document.text[ev.start:ev.end][:300], "role": px.role},
                         ev, "mention", fp))
    for q in extraction.quotes:
        if q.evidence:
            speaker = parties.get(q.speaker, "person")
            rows.append((Quote, {"speaker": speaker, "text": q.text, "cue": (q.cue or "")[:50]}, q.evidence[0],
                         "quote", fingerprint("quote", speaker.name if speaker else "", q.text)))
    for a in extraction.allegations:
        accused = parties.get(a.accused, "company")
        if a.evidence and accused is not None:
            accuser, teacher = parties.get(a.accuser, "company"), parties.get(a.teacher)
            student = parties.get(a.student, "model")
            fp = fingerprint("allegation", accuser and accuser.pk, accused.pk, teacher and teacher.pk,
                             student and student.pk)
            rows.append((Allegation, {"accuser": accuser, "accused": accused, "teacher": teacher, "student": student,
                                      "status": a.status}, a.evidence[0], "allegation", fp))
    for c in extraction.claims:
        if c.evidence:
            subject, obj = parties.get(c.subject), parties.get(c.object)
            rows.append((Claim, {"kind": c.kind, "label": c.label[:200], "subject": subject, "object": obj},
                         c.evidence[0], "claim",
                         fingerprint("claim", c.kind, c.label, subject and subject.pk, obj and obj.pk)))
    return rows


def extraction_record(*, document: Document, extraction: nlp.Extraction) -> Document:
    """Write an Extraction's facts for one document, each with its Evidence, then link and index.

    One transaction (or part of the caller's); evidence and facts are written with bulk inserts; search
    vectors of what changed are refreshed once when the outermost writer ends.
    """
    try:
        with writes.atomic() as pending:
            return _record(document, extraction, pending)
    except Exception:
        _Parties.forget()
        raise


def _record(document: Document, extraction: nlp.Extraction, pending: writes.Pending) -> Document:
    version = extraction.extractor_version
    parties = _Parties(extraction)
    rows = _fact_rows(document, extraction, parties)
    evidence = Evidence.objects.bulk_create([_evidence_row(document, row[2]) for row in rows])
    decisions = review.Decisions([(row[3], row[4]) for row in rows], document.pk)  # editors' and staff's
    by_model: dict = {}
    for (model, fields, _, fact_type, fp), ev in zip(rows, evidence):
        by_model.setdefault(model, []).append(model(
            document=document, evidence=ev, fingerprint=fp, extractor_version=version,
            **review.apply(fact_type, fields, decisions.get(fact_type, fp))))
    for model, objs in by_model.items():
        model.objects.bulk_create(objs)
    changes.allegations_added(by_model.get(Allegation, []), document)
    document.is_ai_litigation = extraction.is_ai_litigation
    document.extractor_version = version
    document.extracted_at = timezone.now()
    document.save(update_fields=["is_ai_litigation", "extractor_version", "extracted_at"])
    pending.mark("quotes", [o.pk for o in by_model.get(Quote, [])])
    pending.mark("allegations", [o.pk for o in by_model.get(Allegation, [])])
    pending.mark("documents", document.pk)  # its vector holds its parties' names and its cases' captions
    linking.link_document(document=document, extraction=extraction, resolve=parties.get,
                          make_evidence=lambda spans: Evidence.objects.bulk_create(
                              [_evidence_row(document, ev) for ev in spans]))
    return document


@writes.atomic
def document_clear_facts(*, document: Document, prune: bool = True) -> None:
    """Remove what extraction wrote for a document (before re-extraction); corrections are kept. ``prune=False``
    keeps the events left without a source for the caller to re-attach (a re-synced docket's entries keep their
    events), who prunes them (linking.prune_orphan_events) when done."""
    from casetracker import statements
    from casetracker.models import Case, CaseDocument, CaseFact, CaseRelation, Counsel, EventSource

    cases = list(Case.objects.filter(case_documents__document=document))
    EventSource.objects.filter(document=document).delete()
    if prune:
        linking.prune_orphan_events()
    CaseDocument.objects.filter(document=document).exclude(reason=CaseDocument.Reason.MANUAL).delete()
    for model in (CaseFact, Counsel, CaseRelation):  # what it stated about its cases (editors' facts have none)
        model.objects.filter(document=document).delete()
    document.evidence.all().delete()  # cascades to facts and case-party evidence links
    writes.pending().mark("documents", document.pk)
    statements.cases_resolve(cases)


@writes.atomic
def fact_reject(*, fact, note: str = "", user: str = "", everywhere: bool = False) -> Correction:
    """Reject an extracted fact; the decision survives re-extraction."""
    fact_type = type(fact).__name__.lower()
    correction, _ = Correction.objects.get_or_create(
        fact_type=fact_type, fingerprint=fact.fingerprint,
        document=None if everywhere or not hasattr(fact, "document") else fact.document,
        defaults={"note": note, "created_by": user},
    )
    qs = type(fact).objects.filter(fingerprint=fact.fingerprint)
    if not everywhere and hasattr(fact, "document"):
        qs = qs.filter(document=fact.document)
    qs.update(rejected=True)
    if fact_type == "mention":  # a document's vector holds the names of its unrejected mentions
        writes.pending().mark("documents", qs.values_list("document_id", flat=True))
    return correction


def as_date(value) -> Optional[date]:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
