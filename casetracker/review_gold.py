"""An editor who follows the corpus's human annotations: reviews every quote, distillation allegation and party role
extracted from annotated documents, and each side a document puts a party on, as a person checking them against
the text would (ingest.nlp.teach has the
rules: a fact the annotation holds is confirmed or corrected to its values, one it does not hold is rejected).

It is the editor of the learning experiment (bench/bench_teach.py, ``manage.py review_from_gold``): its decisions go
through the same service as a person's (review.fact_review: Corrections, Revisions, parties created for names no
party has), so ``export_reviews`` exports them as it would a person's. Nothing here invents a fact: every value is
the annotation's.
"""
from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from casetracker import review
from casetracker.models import Allegation, CaseParty, Document, Mention, Quote, RawInput
from ingest.nlp import goldmatch
from ingest.nlp.teach import ALLEGATION_FIELDS, _allegation_match, _gold_quote, _same_name


def documents_by_name(names) -> dict[str, Document]:
    """The ingested document of each annotated file name (the raw input's file name, else its path's last part)."""
    wanted, out = set(names), {}
    for raw in RawInput.objects.filter(document__isnull=False).select_related("document").order_by("id"):
        name = raw.filename or PurePath(raw.source).name
        if name in wanted and name not in out:
            out[name] = raw.document
    return out


def _decide(counts: Counter, kind: str, fact, action: str, user, values: dict | None = None) -> None:
    review.fact_review(kind=kind, fact=fact, action=action, values=values, user=user, reason="as annotated")
    counts[f"{kind} {action}"] += 1


def review_documents(gold_lines: dict[str, dict], *, user=None) -> Counter:
    """Review the facts of the documents annotated in ``gold_lines`` (file name -> gold line) that are ingested;
    facts already decided (an editor's decision on the same fact elsewhere) are left alone. Returns the
    decisions' counts by kind and action, and ``documents``."""
    counts: Counter = Counter()
    docs = documents_by_name(gold_lines)
    gold_of_doc = {d.pk: gold_lines[name] for name, d in docs.items()}
    for name, document in sorted(docs.items()):
        gold = gold_lines[name]
        counts["documents"] += 1
        for q in Quote.objects.filter(document=document, rejected=False, review="").select_related("speaker") \
                .order_by("evidence__start", "id"):
            q.refresh_from_db()
            if q.review:
                continue  # decided with a copy of it
            g = _gold_quote(gold, q.text)
            if g is None:
                _decide(counts, "quote", q, "reject", user)
            elif _same_name(q.speaker.name if q.speaker else None, g.get("speaker")):
                _decide(counts, "quote", q, "confirm", user)
            else:
                _decide(counts, "quote", q, "correct", user, {"speaker": g.get("speaker") or ""})
        for a in Allegation.objects.filter(document=document, rejected=False, review="").select_related(
                "accuser", "accused", "teacher", "student").order_by("evidence__start", "id"):
            a.refresh_from_db()
            if a.review:
                continue
            _allegation(counts, a, gold, user)
        for cp in CaseParty.objects.filter(case__case_documents__document=document, evidence__document=document,
                                           review="").select_related("party").distinct().order_by("id"):
            if not CaseParty.objects.filter(pk=cp.pk, review="").exists():
                continue  # decided (or merged away) meanwhile
            sources = [gold_of_doc[d] for d in cp.evidence.values_list("document_id", flat=True).distinct()
                       if d in gold_of_doc]
            found = next((p for g in sources if (p := goldmatch.gold_party(g, cp.party.name))), None)
            if found is None:
                _decide(counts, "caseparty", cp, "reject", user)
            elif (found.get("role") or "other") != cp.role and (found.get("role") or "other") in CaseParty.Role.values:
                _decide(counts, "caseparty", cp, "correct", user, {"role": found.get("role") or "other"})
            else:
                _decide(counts, "caseparty", cp, "confirm", user)
        _mentions(counts, document, gold, user)
    return counts


def _mentions(counts: Counter, document: Document, gold: dict, user) -> None:
    """The sides this document puts parties on (the queue's "a party's role in a document"): a side the annotation
    gives the party is confirmed, another side corrected to the annotation's role, a party it does not list
    rejected. (A party's role in a case is one for all the case's documents; a document's own side is what its
    annotation, and an export of it, state.)"""
    for m in Mention.objects.filter(document=document, rejected=False, review="", role__in=("plaintiff", "defendant")) \
            .select_related("party").order_by("evidence__start", "id"):
        if not Mention.objects.filter(pk=m.pk, review="").exists():
            continue  # decided with a copy of it
        found = goldmatch.gold_party(gold, m.party.name)
        if found is None:
            _decide(counts, "mention", m, "reject", user)
        elif (found.get("role") or "other") != m.role:
            _decide(counts, "mention", m, "correct", user, {"role": found.get("role") or "other"})
        else:
            _decide(counts, "mention", m, "confirm", user)


def _allegation(counts: Counter, a: Allegation, gold: dict, user) -> None:
    names = {f: (getattr(a, f).name if getattr(a, f) else None) for f in ("accuser", "accused", "teacher", "student")}
    shown = {**names, "status": a.status}
    g = _allegation_match(gold, shown) or _allegation_match(gold, shown, teacher=False)
    if g is None:
        _decide(counts, "allegation", a, "reject", user)
        return
    values = {}
    if not _same_name(names["teacher"], g.get("teacher")):
        values["teacher"] = g.get("teacher") or ""
    for f in ALLEGATION_FIELDS:
        if f == "status":
            if g.get("status") in Allegation.Status.values and g["status"] != a.status:
                values["status"] = g["status"]
        elif not _same_name(names[f], g.get(f)):
            values[f] = g.get(f) or ""
    if values:
        _decide(counts, "allegation", a, "correct", user, values)
    else:
        _decide(counts, "allegation", a, "confirm", user)
