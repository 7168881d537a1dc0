"""An ingest batch resolves each case it touched once, when the batch ends (statements.resolving_later), not after
each of its documents; outside a batch a linked document's cases are resolved at once."""
import pytest

from casetracker import services, statements
from casetracker.models import Case
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db


def told(n: int):
    """A document (its own words) that names Alder v. Birchwood, in the court it names, and dates its filing."""
    text = f"Report {n}: Alder Press sued Birchwood Labs in the Northern District of California on 3 March 2025."
    cx = nlp.CaseX(caption="Alder Press v. Birchwood Labs", inferred=False, plaintiffs=["Alder Press"],
                   defendants=["Birchwood Labs"], fields=[nlp.CaseFieldX("court", "cand", 0.9, [span(text, "Northern")])],
                   evidence=[span(text, "Alder Press")])
    event = nlp.EventX(kind="filing", what="Alder sued Birchwood", date="2025-03-03", precision="day",
                       evidence=[span(text, "sued")], stage="filed")
    doc = DocumentFactory(text=text, kind="news")
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=[party(text, "Alder Press", role="plaintiff"), party(text, "Birchwood Labs", role="defendant")],
        cases=[cx], events=[event], is_ai_litigation=True, extractor_version="t"))
    return doc


@pytest.fixture
def resolutions(monkeypatch):
    calls = []
    real = statements.case_resolve

    def counted(case):
        calls.append(case.pk)
        return real(case)

    monkeypatch.setattr(statements, "case_resolve", counted)
    return calls


def test_outside_a_batch_the_case_is_resolved_after_each_document(resolutions):
    told(1)
    case = Case.objects.get()
    assert case.court == "cand" and case.date_filed.isoformat() == "2025-03-03"
    told(2)
    assert resolutions == [case.pk, case.pk]


def test_a_batch_resolves_each_case_it_touched_once_when_it_ends(resolutions):
    with statements.resolving_later():
        told(1)
        told(2)
        told(3)
        case = Case.objects.get()
        assert resolutions == [] and case.court == "" and case.date_filed is None  # not yet
    case.refresh_from_db()
    assert resolutions == [case.pk]  # once, however many of the batch's documents told it
    assert case.court == "cand" and case.date_filed.isoformat() == "2025-03-03" and case.stage == "filed"


def test_a_case_the_batch_did_not_touch_is_not_resolved_again(resolutions):
    told(1)
    resolutions.clear()
    with statements.resolving_later():
        pass
    assert resolutions == []


def test_a_batch_that_fails_still_resolves_the_cases_of_the_documents_it_wrote(resolutions):
    with pytest.raises(RuntimeError, match="the next document broke"):
        with statements.resolving_later():
            told(1)
            raise RuntimeError("the next document broke")
    case = Case.objects.get()
    assert resolutions == [case.pk] and case.court == "cand"


def test_a_batch_inside_a_batch_is_part_of_the_outer_one(resolutions):
    with statements.resolving_later():
        with statements.resolving_later():
            told(1)
        assert resolutions == []
        told(2)
    assert resolutions == [Case.objects.get().pk]


def test_ingest_resolves_each_case_once_per_batch(tmp_path, monkeypatch, resolutions):
    """manage.py ingest: the cases of a batch's documents are resolved when the batch ends."""
    from django.core.management import call_command

    from ingest import services as ingest_services
    from ingest.nlp import pipeline

    texts = [f"Alder Press sued Birchwood Labs. Report number {n} on the suit." for n in range(4)]
    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(text)

    def extract_many(items, batch_size=32, **kw):
        for text, _ in items:
            yield nlp.Extraction(
                parties=[party(text, "Alder Press", role="plaintiff"), party(text, "Birchwood Labs", role="defendant")],
                cases=[nlp.CaseX(caption="Alder Press v. Birchwood Labs", plaintiffs=["Alder Press"],
                                 defendants=["Birchwood Labs"], evidence=[span(text, "Alder Press")],
                                 fields=[nlp.CaseFieldX("court", "cand", 0.9, [span(text, "Birchwood")])])],
                is_ai_litigation=True, extractor_version="t")

    monkeypatch.setattr(pipeline, "extract_many", extract_many)
    monkeypatch.setattr(ingest_services, "EXTRACT_BATCH", 2)
    call_command("ingest", str(tmp_path), "--no-progress", "--batch-size", "2", stdout=open("/dev/null", "w"))
    case = Case.objects.get()
    assert case.case_documents.count() == 4 and case.court == "cand"
    assert resolutions == [case.pk, case.pk]  # two batches of two documents: once each
