"""Fill a database with N documents recombined by sentence from real texts, with their facts carried over.

Run by bench_search.py in a child process whose DATABASE_URL points at the benchmark database (never the
dev database). samples/ and the dev set are first written with their gold facts (tests/casetracker/
gold_corpus.py); each new document then takes runs of whole sentences from 2-4 of them, and every fact
whose evidence lies in a copied sentence (party mention, quote, distillation allegation, the case link) is
bulk-written again at its new offsets, so word, name and fact distributions are real.
"""
from __future__ import annotations

import hashlib
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(n: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from django.db import connection, transaction

    from casetracker import search
    from casetracker.models import Allegation, CaseDocument, Document, Evidence, Mention, Quote
    from tests.casetracker import gold_corpus

    t0 = time.perf_counter()
    gold_corpus.load()
    sources = []
    for doc in Document.objects.all().order_by("id"):
        sents = gold_corpus.sentences(doc.text)
        facts = {"mention": list(Mention.objects.filter(document=doc).select_related("evidence")),
                 "quote": list(Quote.objects.filter(document=doc).select_related("evidence")),
                 "allegation": list(Allegation.objects.filter(document=doc).select_related("evidence"))}
        cases = list(CaseDocument.objects.filter(document=doc).values_list("case_id", flat=True))
        sources.append((doc, sents, facts, cases))
    publishers = sorted({d.publisher for d, *_ in sources if d.publisher}) + [
        "Reuters", "Associated Press", "Bloomberg Law", "Law360", "The Verge", "TechCrunch", "Wired", "Ars Technica"]
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    have = Document.objects.count()
    print(f"  {have} real documents with their facts; writing {n} recombined ones", flush=True)
    batch = 2000
    for offset in range(0, n, batch):
        docs, plans = [], []
        for i in range(offset, min(n, offset + batch)):
            chosen = rng.sample(sources, k=min(len(sources), rng.randint(2, 4)))
            parts, pieces, pos = [], [], 0
            for src in chosen:
                doc, sents, facts, cases = src
                if not sents:
                    continue
                a = rng.randrange(len(sents))
                b = min(len(sents), a + rng.randint(3, 8))
                s0, s1 = sents[a][0], sents[b - 1][1]
                chunk = doc.text[s0:s1]
                pieces.append((src, s0, s1, pos))
                parts.append(chunk)
                pos += len(chunk) + 2
            text = "\n\n".join(parts) + f"\n\n(bench document {i})"
            title = parts[0].split("\n")[0][:140] if parts else f"bench {i}"
            docs.append(Document(text=text, title=title, publisher=rng.choice(publishers), kind="news",
                                 sha256=hashlib.sha256(text.encode()).hexdigest(), is_ai_litigation=True,
                                 published_at=start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))))
            plans.append(pieces)
        with transaction.atomic():
            Document.objects.bulk_create(docs, batch_size=batch)
            evidence, rows, links = [], [], []
            for doc, pieces in zip(docs, plans):
                seen_parties = set()
                for src, s0, s1, pos in pieces:
                    _, _, facts, cases = src
                    shift = pos - s0
                    for kind, items in facts.items():
                        for f in items:
                            ev = f.evidence
                            if not (s0 <= ev.sent_start and ev.sent_end <= s1):
                                continue
                            if kind == "mention":
                                if f.party_id in seen_parties:
                                    continue
                                seen_parties.add(f.party_id)
                            evidence.append(Evidence(document=doc, start=ev.start + shift, end=ev.end + shift,
                                                     sent_start=ev.sent_start + shift, sent_end=ev.sent_end + shift,
                                                     sentence=ev.sentence))
                            rows.append((kind, f, doc))
                    for case_id in cases:
                        links.append(CaseDocument(case_id=case_id, document=doc, reason="parties", confidence=0.6))
            Evidence.objects.bulk_create(evidence, batch_size=5000)
            by_kind = {"mention": [], "quote": [], "allegation": []}
            for (kind, f, doc), ev in zip(rows, evidence):
                common = dict(document=doc, evidence=ev, fingerprint=f.fingerprint, extractor_version="bench")
                if kind == "mention":
                    by_kind[kind].append(Mention(party_id=f.party_id, surface=f.surface, role=f.role, **common))
                elif kind == "quote":
                    by_kind[kind].append(Quote(speaker_id=f.speaker_id, text=f.text, cue=f.cue, **common))
                else:
                    by_kind[kind].append(Allegation(accuser_id=f.accuser_id, accused_id=f.accused_id,
                                                    teacher_id=f.teacher_id, student_id=f.student_id,
                                                    status=f.status, case_id=f.case_id, **common))
            Mention.objects.bulk_create(by_kind["mention"], batch_size=5000)
            Quote.objects.bulk_create(by_kind["quote"], batch_size=5000)
            Allegation.objects.bulk_create(by_kind["allegation"], batch_size=5000)
            CaseDocument.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
            ids = [d.pk for d in docs]
            search.refresh_documents(ids, related=False)
            search.refresh_quotes(Quote.objects.filter(document_id__in=ids))
            search.refresh_allegations(Allegation.objects.filter(document_id__in=ids))
        done = min(n, offset + batch)
        rate = done / (time.perf_counter() - t0)
        print(f"  {done:>7}/{n} documents ({rate:.0f}/s)", flush=True)
    from casetracker.models import Case, Party

    search.refresh_parties(Party.objects.values_list("pk", flat=True))
    search.refresh_cases(Case.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # autocommit: outside a transaction
    print(f"  filled in {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
