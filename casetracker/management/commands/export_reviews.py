"""``manage.py export_reviews OUT_DIR``: the documents editors checked, as an annotated set in the corpus format
(/work/shared/eval/README.md): OUT_DIR/gold.jsonl (one line per document) and each document's text beside it with
its header block, so ``make train`` (ingest/nlp/train.py reads tests/data/*/gold.jsonl) learns from the corrections.

A document is exported when editors decided on every quote, allegation and party role it holds (a role is held by
the documents that name the party in its case) (``--partial``: on at least one; its unchecked facts are then taken
as extracted). Rejected facts are left out, corrected ones carry their corrected values; parties are the parties of
its cases with their roles (plaintiff, defendant, other; a role an editor rejected is gone), each with the side an
editor decided this document gives it where there is one (its mentions: a party's role in a case is one for all
the case's documents, a document's annotation is its own), captions its cases', events the steps it reports.
"""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from casetracker.models import Allegation, CaseDocument, CaseParty, Document, EventSource, Mention, Party, Quote


def _header(document: Document) -> str:
    lines = []
    if document.url:
        lines.append(f"source_url: {document.url}")
    if document.title:
        lines.append(f"title: {' '.join(document.title.split())}")
    if document.published_at:
        lines.append(f"published: {document.published_at.date().isoformat()}")
    if document.kind:
        lines.append(f"kind: {document.kind}")
    return "\n".join(lines) + "\n\n" if lines else ""


def document_sides(document: Document) -> dict:
    """party id -> the role an editor decided this document gives it (its mentions on a side, confirmed or
    corrected; None when every decided mention of it was rejected): a document's own annotation, where the role
    of a party in a case (one for all the case's documents) may differ."""
    decided: dict[int, list] = {}
    for m in Mention.objects.filter(document=document).exclude(review="").select_related("party").order_by("id"):
        decided.setdefault(m.party.resolved().pk, []).append(None if m.rejected else m.role)
    out = {}
    for pk, roles in decided.items():
        kept = [r for r in roles if r is not None]
        out[pk] = max(kept, key=kept.count) if kept else None
    return out


def annotation(document: Document, name: str) -> dict:
    quotes = Quote.objects.filter(document=document, rejected=False).select_related("speaker", "evidence") \
        .order_by("evidence__start")
    allegations = Allegation.objects.filter(document=document, rejected=False).select_related(
        "accuser", "accused", "teacher", "student").order_by("evidence__start")
    links = CaseDocument.objects.filter(document=document).select_related("case").order_by("-confidence", "id")
    case_ids = [link.case_id for link in links]
    sides = document_sides(document)
    parties = []
    for cp in CaseParty.objects.filter(case_id__in=case_ids).filter(
            Q(evidence__document=document) | Q(named=True)).select_related("party").distinct().order_by("id"):
        party = cp.party.resolved()
        role = sides.pop(party.pk) if party.pk in sides else cp.role
        if role is not None and all(p["name"] != party.name for p in parties):  # one role a party, as annotated
            parties.append({"name": party.name, "role": role})
    for party in Party.objects.filter(pk__in=sorted(sides)).order_by("id"):  # a side given outside its cases
        if sides[party.pk] is not None and all(p["name"] != party.name for p in parties):
            parties.append({"name": party.name, "role": sides[party.pk]})
    events = []
    for s in EventSource.objects.filter(document=document, event__rejected=False).select_related("event"):
        day = s.event.date if s.event.precision in ("day", "") else None
        events.append({"date": day.isoformat() if day else None, "what": s.event.title})
    first = links[0].case if links else None
    return {
        "doc": name,
        "case_captions": [link.case.case_name for link in links],
        "court": first.court or None if first else None,
        "docket_numbers": [first.docket_number] if first and first.docket_number else [],
        "parties": parties,
        "quotes": [{"speaker": q.speaker.name if q.speaker else None, "text_start": " ".join(q.text.split()[:8])}
                   for q in quotes],
        "distillation_allegations": [{"accuser": a.accuser.name if a.accuser else None, "accused": a.accused.name,
                                      "teacher": a.teacher.name if a.teacher else None,
                                      "student": a.student.name if a.student else None, "status": a.status}
                                     for a in allegations],
        "events": events,
        "is_ai_litigation": document.is_ai_litigation,
        "reviewed": {"quotes": sum(1 for q in quotes if q.review), "allegations": sum(1 for a in allegations if a.review),
                     "corrected": sum(1 for f in [*quotes, *allegations] if f.review == "corrected")},
    }


def reviewed_documents(partial: bool):
    reviewed_roles = CaseParty.objects.filter(review__gt="").values("evidence__document")
    facts = Q(quotes__review__gt="") | Q(allegations__review__gt="") | Q(pk__in=reviewed_roles)
    candidates = Document.objects.filter(facts).distinct().order_by("id")
    for document in candidates:
        if partial:
            yield document
            continue
        unchecked = Quote.objects.filter(document=document, review="").exists() or \
            Allegation.objects.filter(document=document, review="").exists() or \
            CaseParty.objects.filter(evidence__document=document, review="").exists()
        if not unchecked:
            yield document


class Command(BaseCommand):
    help = "Write the documents editors checked as an annotated set (gold.jsonl and texts) for make train."

    def add_arguments(self, parser):
        parser.add_argument("out", help="a directory (tests/data/reviews/ puts it in make train's corpus)")
        parser.add_argument("--partial", action="store_true",
                            help="also documents where editors checked some facts only (the rest as extracted)")

    def handle(self, *args, out, partial, **opts):
        out_dir = Path(out)
        if out_dir.exists() and not out_dir.is_dir():
            raise CommandError(f"{out} is not a directory")
        out_dir.mkdir(parents=True, exist_ok=True)
        lines = []
        corrected = 0
        for document in reviewed_documents(partial):
            name = f"{document.pk:05d}_{document.sha256[:12]}.txt"
            (out_dir / name).write_text(_header(document) + document.text, encoding="utf-8")
            line = annotation(document, name)
            corrected += line.pop("reviewed")["corrected"]
            lines.append(json.dumps(line, ensure_ascii=False, sort_keys=False))
        (out_dir / "gold.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        self.stdout.write(f"exported {len(lines)} reviewed document(s), {corrected} corrected fact(s), to {out_dir}")
