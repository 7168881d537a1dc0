#!/usr/bin/env python
"""The review queue at 100,000 facts: the queue page and its API, timed at a small size and at a large one in the same
run. Prints figures (milliseconds, and each as a ratio to the same request at the small size); never fails on time.

    DATABASE_URL=postgresql://... .venv/bin/python bench/bench_review.py [--facts 100000] [--small 1000] [--runs 5]

A database of its own (``<database>_bench_review`` beside the one DATABASE_URL names; dropped and made again each
run) is filled with synthetic cases — parties' roles, dated events, case fields stated by sources, documents
with quotes and distillation allegations, in the proportions of the corpus — first to --small facts, then to
--facts. At each size the bench asks, as a signed-in editor through Django's test client (DEBUG off): the queue
(``/review/``), one kind (``?kind=quote``), one case (``?case=``), the next page (its ``after`` link), the
queue's API (``/api/v1/reviews/``) and its next page, and an editor's decision from the queue (confirming a
quote; confirming a case's status), and prints the median of --runs requests and the number of SQL queries each
made. The fill is synthetic text (made-up names: "Plaintiff 12 v. Defendant 12"), never
presented as real data.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_database  # noqa: E402
QUOTES_PER_DOC, DOCS_PER_CASE = 4, 8  # 46 facts a case: 8 x 4 quotes, 2 allegations, 3 roles, 4 events, 5 fields


def setup() -> None:
    os.environ["DATABASE_URL"] = scratch_database("bench_review")
    os.environ.update({"DEBUG": "false", "SECRET_KEY": "bench-review-not-secret-" + "x" * 40, "LOG_LEVEL": "WARNING",
                       "SECURE_SSL_REDIRECT": "false", "ALLOWED_HOSTS": "testserver", "CACHE_URL": "locmem://",
                       "API_THROTTLE_ANON": "", "API_THROTTLE_USER": "", "CELERY_TASK_ALWAYS_EAGER": "true",
                       "DJANGO_SETTINGS_MODULE": "casetracker.settings"})
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def fill(cases_from: int, cases_to: int) -> None:
    """Cases cases_from .. cases_to - 1, each with its documents, facts and sources (bulk writes)."""
    from casetracker.models import (
        Allegation, Case, CaseDocument, CaseFact, CaseParty, Document, Event, EventSource, Evidence, Party, Quote,
    )

    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    speakers = list(Party.objects.filter(slug__startswith="speaker-"))
    if not speakers:
        speakers = Party.objects.bulk_create([Party(name=f"Speaker {i}", slug=f"speaker-{i}", kind="person")
                                              for i in range(200)])
    for start in range(cases_from, cases_to, 100):
        numbers = range(start, min(start + 100, cases_to))
        cases = Case.objects.bulk_create([Case(
            case_name=f"Plaintiff {n} v. Defendant {n}", slug=f"plaintiff-{n}-v-defendant-{n}", is_ai_litigation=True,
            court="cand", docket_number=f"3:{n % 30:02d}-cv-{n:05d}", status="open", stage="filed",
            date_filed=date(2020, 1, 1) + timedelta(days=n % 2000), last_activity=date(2021, 1, 1) + timedelta(days=n % 1800))
            for n in numbers])
        sides = Party.objects.bulk_create([Party(name=f"{side} {n}", slug=f"{side.lower()}-{n}", kind="company")
                                           for n in numbers for side in ("Plaintiff", "Defendant", "Intervenor")])
        docs = Document.objects.bulk_create([Document(
            kind="news" if d else "filing", title=f"Report {d} on case {n}", publisher=f"Outlet {d}",
            published_at=now - timedelta(days=(n * 7 + d * 13) % 1500), is_ai_litigation=True,
            text=" ".join(f"Sentence {k} of report {d} on Plaintiff {n} v. Defendant {n}, said Speaker {k}."
                          for k in range(QUOTES_PER_DOC + 2)),
            sha256=hashlib.sha256(f"bench-review {n} {d}".encode()).hexdigest())
            for n in numbers for d in range(DOCS_PER_CASE)])
        evidence = Evidence.objects.bulk_create([Evidence(
            document=doc, start=k * 70, end=k * 70 + 40, sent_start=k * 70, sent_end=k * 70 + 69,
            sentence=doc.text[k * 70:k * 70 + 69] or doc.text[:69]) for doc in docs for k in range(QUOTES_PER_DOC + 2)])
        per_doc = QUOTES_PER_DOC + 2
        CaseDocument.objects.bulk_create([CaseDocument(case=cases[i // DOCS_PER_CASE], document=doc, reason="caption",
                                                       confidence=1.0) for i, doc in enumerate(docs)])
        quotes, allegations = [], []
        for i, doc in enumerate(docs):
            case_i = i // DOCS_PER_CASE
            for k in range(QUOTES_PER_DOC):
                quotes.append(Quote(document=doc, evidence=evidence[i * per_doc + k], text=f"Quote {k} of {doc.title}",
                                    speaker=speakers[(i + k) % len(speakers)], cue="said",
                                    fingerprint=hashlib.sha256(f"q {doc.pk} {k}".encode()).hexdigest()[:64]))
            allegations.append(Allegation(
                document=doc, evidence=evidence[i * per_doc + QUOTES_PER_DOC], accuser=sides[case_i * 3],
                accused=sides[case_i * 3 + 1], teacher=sides[case_i * 3], case=cases[case_i],
                fingerprint=hashlib.sha256(f"a {cases[case_i].pk} {i % 2}".encode()).hexdigest()[:64]))
        Quote.objects.bulk_create(quotes)
        Allegation.objects.bulk_create(allegations)
        roles = CaseParty.objects.bulk_create([CaseParty(case=case, party=sides[j * 3 + r], role=role, named=r < 2)
                                               for j, case in enumerate(cases)
                                               for r, role in enumerate(("plaintiff", "defendant", "other"))])
        through = CaseParty.evidence.through
        through.objects.bulk_create([through(caseparty_id=cp.pk, evidence_id=evidence[(k // 3) * DOCS_PER_CASE * per_doc].pk)
                                     for k, cp in enumerate(roles)])
        events = Event.objects.bulk_create([Event(
            case=case, kind=("filing", "hearing", "ruling", "other")[e], title=f"Step {e} of {case.case_name}",
            date=case.date_filed + timedelta(days=40 * e), precision="day",
            fingerprint=hashlib.sha256(f"e {case.pk} {e}".encode()).hexdigest()[:64])
            for case in cases for e in range(4)])
        EventSource.objects.bulk_create([EventSource(
            event=ev, document=docs[(k // 4) * DOCS_PER_CASE + k % 4], date=ev.date, precision="day",
            evidence=evidence[((k // 4) * DOCS_PER_CASE + k % 4) * per_doc + QUOTES_PER_DOC + 1])
            for k, ev in enumerate(events)])
        facts = []
        for j, case in enumerate(cases):
            for d in range(3):  # three sources state the court, docket and judge; one disagrees on the judge
                doc = docs[j * DOCS_PER_CASE + d]
                facts += [CaseFact(case=case, field="court", value="cand", document=doc, confidence=0.7),
                          CaseFact(case=case, field="docket_number", value=case.docket_number, document=doc,
                                   confidence=0.8),
                          CaseFact(case=case, field="judge", value="Judge A" if d else "Judge B", document=doc,
                                   confidence=0.5)]
        CaseFact.objects.bulk_create(facts)
    from casetracker import review_queue

    if hasattr(review_queue, "refresh"):
        review_queue.refresh(Case.objects.filter(pk__gte=0).values_list("pk", flat=True).order_by("pk")
                             [cases_from:cases_to])


def count_facts() -> int:
    from casetracker.models import Allegation, Case, CaseFact, CaseParty, Event, Quote

    fields = CaseFact.objects.values("case", "field").distinct().count() + 2 * Case.objects.count()
    return (Quote.objects.count() + Allegation.objects.values("fingerprint").distinct().count()
            + CaseParty.objects.count() + Event.objects.count() + fields)


def measure(runs: int) -> dict[str, tuple[float, int]]:
    """label -> (median milliseconds, queries) of each request."""
    import re

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.get_or_create(username="bench-editor")[0]
    user.groups.add(Group.objects.get_or_create(name="editor")[0])
    client = Client()
    client.force_login(user)
    from rest_framework.authtoken.models import Token

    token = Token.objects.get_or_create(user=user)[0].key
    case = __import__("casetracker.models", fromlist=["Case"]).Case.objects.order_by("-id").first()
    first = client.get("/review/").content.decode()
    after = re.search(r'href="(/review/\?[^"]*after=[^"]+)"', first)
    api_first = client.get("/api/v1/reviews/", HTTP_AUTHORIZATION=f"Token {token}")
    api_next = api_first.json().get("next") if api_first.status_code == 200 else None  # (none before issue 15's)
    asks = {"queue": "/review/", "one kind": "/review/?kind=quote", "one case": f"/review/?case={case.slug}",
            "next page": after.group(1).replace("&amp;", "&") if after else None,
            "API": "/api/v1/reviews/", "API next": api_next}
    out = {}
    for label, url in asks.items():
        if not url:
            out[label] = (float("nan"), 0)
            continue
        times, queries = [], 0
        for _ in range(runs):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                answer = client.get(url, HTTP_AUTHORIZATION=f"Token {token}") if "/api/" in url else client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200:
                print(f"{url}: {answer.status_code}", file=sys.stderr)
                times = [float("nan")]
                break
            queries = len(ctx.captured_queries)
        out[label] = (statistics.median(times), queries)
    out.update(decide(client, runs))
    return out


def decide(client, runs: int) -> dict[str, tuple[float, int]]:
    """An editor's decisions as the queue makes them (htmx, ``mode=queue``: the answer is the item as it stands
    now), each on a fact not yet decided: "decision" confirms a quote (the queue's ``c`` key), "case decision"
    confirms a case's status (its fields are resolved again). label -> (median milliseconds, queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casetracker.models import Case, Quote

    cases = list(Case.objects.order_by("-id")[:runs + 1])  # the first of each is a warm-up, not timed
    quotes = list(Quote.objects.filter(document__case_links__case=cases[0], review="").order_by("id")[:runs + 1])
    asks = {"decision": [(f"/review/quote/{q.pk}/", f"q-quote-{q.pk}") for q in quotes],
            "case decision": [(f"/review/case/{c.slug}/status/", "q-casefield-status") for c in cases]}
    out = {}
    for label, posts in asks.items():
        times, queries = [], 0
        for url, dom in posts:
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                answer = client.post(url, {"action": "confirm", "mode": "queue", "dom": dom, "next": "/review/"},
                                     HTTP_HX_REQUEST="true")
                times.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200 or b"data-done" not in answer.content:
                print(f"{url}: {answer.status_code}", file=sys.stderr)
                times = [float("nan")]
                break
            queries = len(ctx.captured_queries)
        out[label] = (statistics.median(times[1:] or times), queries)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup()
    per_case = DOCS_PER_CASE * QUOTES_PER_DOC + 2 + 3 + 4 + 5  # quotes, allegations (2 stories), roles, events, fields
    small_cases, large_cases = max(1, args.small // per_case), max(2, args.facts // per_case)
    started = time.monotonic()
    fill(0, small_cases)
    small_n = count_facts()
    print(f"small: {small_n} facts in {small_cases} cases (filled in {time.monotonic() - started:.0f} s)")
    small = measure(args.runs)
    started = time.monotonic()
    fill(small_cases, large_cases)
    large_n = count_facts()
    print(f"large: {large_n} facts in {large_cases} cases (filled in {time.monotonic() - started:.0f} s)")
    large = measure(args.runs)
    print(f"\n{'request':12s} {f'{small_n} facts':>14s} {f'{large_n} facts':>16s} {'ratio':>7s}  queries")
    for label in small:
        (a, qa), (b, qb) = small[label], large[label]
        print(f"{label:12s} {a:11.1f} ms {b:13.1f} ms {b / a if a == a and a else float('nan'):6.2f}×  {qa} → {qb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
