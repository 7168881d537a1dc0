"""Bad input gets a clear error and loses nothing; one bad document never stops a batch."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casetracker.models import Allegation, Document, Evidence, Quote, RawInput

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _ingest(*paths, **kw):
    return call_command("ingest", *map(str, paths), "--no-progress", **kw)


def test_a_batch_with_bad_files_ingests_the_good_ones_and_keeps_the_bad_raw(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_bytes((SAMPLES / "003_2a5353927ff2aca3.txt").read_bytes())
    with pytest.raises(CommandError) as failed:
        _ingest(tmp_path)
    assert "2 input(s) failed" in str(failed.value)
    out, err = capsys.readouterr()
    assert "new: 1  duplicate: 0  failed: 2" in out
    assert "empty.txt" in err and "junk.txt" in err
    assert Document.objects.count() == 1
    junk = RawInput.objects.get(filename="junk.txt")
    assert junk.status == "failed" and junk.stage and junk.error
    assert bytes(junk.raw) == bytes(range(256)) * 40  # the raw input is kept
    assert RawInput.objects.get(filename="empty.txt").error


def test_too_large_a_file_is_refused_with_its_size_and_the_first_mb_kept(tmp_path, settings, capsys):
    settings.INGEST_MAX_BYTES = 5 * 1024 * 1024
    big = tmp_path / "huge.txt"
    big.write_bytes(b"Elon Musk sued OpenAI. " * (50 * 1024 * 1024 // 23))  # ~50 MB
    with pytest.raises(CommandError):
        _ingest(big)
    raw = RawInput.objects.get()
    assert raw.status == "failed" and "over the 5 MB limit" in raw.error
    assert len(bytes(raw.raw)) == 1024 * 1024


def test_retry_failed_tries_again_and_succeeds_once_the_cause_is_gone(tmp_path, monkeypatch, capsys):
    from ingest import services

    path = tmp_path / "a.txt"
    path.write_bytes((SAMPLES / "004_c08176c42da814d5.txt").read_bytes())
    real = services.domain.extraction_record

    def broken(**kw):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services.domain, "extraction_record", broken)
    with pytest.raises(CommandError):
        _ingest(path)
    raw = RawInput.objects.get()
    assert (raw.status, raw.stage) == ("failed", "write") and "database hiccup" in raw.error
    assert not Document.objects.exists() and not Evidence.objects.exists()  # nothing half-written
    monkeypatch.setattr(services.domain, "extraction_record", real)
    _ingest(retry_failed=True)
    raw.refresh_from_db()
    assert raw.status == "done" and raw.attempts == 2 and raw.document is not None
    assert Allegation.objects.filter(document=raw.document).exists()


def test_reingesting_the_same_text_creates_nothing(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_bytes((SAMPLES / "002_cecfb31d6518ce93.txt").read_bytes())
    b = tmp_path / "b.txt"
    b.write_bytes(a.read_bytes().replace(b"\n", b"\r\n"))  # other bytes, same normalised text
    _ingest(a)
    n_quotes = Quote.objects.count()
    _ingest(a, b)
    assert "new: 0  duplicate: 2  failed: 0" in capsys.readouterr().out
    assert Document.objects.count() == 1 and Quote.objects.count() == n_quotes


def test_reextract_rebuilds_facts_and_keeps_a_rejection(tmp_path, capsys):
    from casetracker import services

    path = tmp_path / "a.txt"
    path.write_bytes((SAMPLES / "002_cecfb31d6518ce93.txt").read_bytes())
    _ingest(path)
    wrong = Allegation.objects.order_by("id").first()
    services.fact_reject(fact=wrong, note="checked by hand")
    before = Allegation.objects.count()
    call_command("reextract")
    assert "re-extracted: 1 document(s)" in capsys.readouterr().out
    assert Allegation.objects.count() == before
    assert Allegation.objects.get(fingerprint=wrong.fingerprint).rejected is True
    assert Allegation.objects.filter(rejected=False).count() == before - 1
    assert all(a.extractor_version for a in Allegation.objects.all())


def test_a_failing_story_assignment_is_recorded_and_never_stops_the_batch(tmp_path, monkeypatch, capsys):
    """Regression: stories.assign ran after the document's transaction, outside the failure isolation, so
    its first exception stopped the batch."""
    from casetracker import stories

    calls = []

    def broken(document):
        calls.append(document.pk)
        raise RuntimeError("minhash store unavailable")

    monkeypatch.setattr(stories, "assign", broken)
    for name in ("002_cecfb31d6518ce93.txt", "003_2a5353927ff2aca3.txt", "004_c08176c42da814d5.txt"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    _ingest(tmp_path)
    assert "new: 3  duplicate: 0  failed: 0" in capsys.readouterr().out
    assert len(calls) == 3 and Document.objects.count() == 3
    for raw in RawInput.objects.all():
        assert raw.status == "done" and raw.document is not None
        assert raw.stage == "stories" and "minhash store unavailable" in raw.error
        assert Evidence.objects.filter(document=raw.document).exists()  # the document's facts are kept


def test_extraction_runs_ahead_in_its_own_thread_and_its_errors_reach_the_writer():
    import threading

    from ingest import services

    threads = []

    def extractions():
        threads.append(threading.current_thread())
        yield services.IngestError("extract", "one document failed")
        raise RuntimeError("the extractor broke")

    results = services._ahead(extractions())
    first = next(results)
    assert isinstance(first, services.IngestError)  # a per-document failure is handed on as a value
    with pytest.raises(RuntimeError, match="the extractor broke"):  # anything else is raised in the writer
        next(results)
    assert threads and threads[0] is not threading.current_thread()


COMPLAINT = """title: Acme Music Inc. v. Tunebot Labs, Inc. — Complaint (S.D.N.Y., Case No. 1:24-cv-04777, filed June 24, 2024)
published: 2024-06-24
kind: filing

UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF NEW YORK

ACME MUSIC INC., Plaintiff,
v.
TUNEBOT LABS, INC., Defendant.

Case No. 1:24-cv-04777

COMPLAINT

Plaintiff Acme Music Inc., by its counsel, files this Complaint against Tunebot Labs, Inc. and alleges as follows:
1. Tunebot copied thousands of recordings by Acme Music to train its AI music model without a license.
"""


def test_a_complaints_own_date_is_its_cases_filing_date_as_make_eval_reads_it(tmp_path):
    from casetracker.models import Case

    (tmp_path / "complaint.txt").write_text(COMPLAINT, encoding="utf-8")
    _ingest(tmp_path / "complaint.txt")
    assert Document.objects.get().kind == "filing"
    case = Case.objects.get()
    assert (str(case.date_filed), case.stage) == ("2024-06-24", "filed")  # the paper's kind reached the extraction
