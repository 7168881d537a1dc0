"""When an undated step was done (st23): by the earliest publication date of the reports that tell it; a report
without one is dated only by the latest step it tells, a lower bound that says nothing of this step."""
from datetime import date
from types import SimpleNamespace

from casetracker.statements import _as_of


def _step(*documents):
    sources = [SimpleNamespace(document_id=d) for d in documents]
    return SimpleNamespace(date=None, sources=SimpleNamespace(all=lambda: sources))


def test_an_undated_step_is_as_of_its_dated_reports_not_an_undated_reports_lower_bound():
    published = {1: date(2026, 1, 23), 2: date(2024, 3, 1)}  # 2: no publication date, its latest step's date
    step = _step(1, 2)  # the SEC's agreement to drop its suit, told by a dated report and merged with an undated one
    assert _as_of(step, published, placed={1}) == date(2026, 1, 23)
    assert _as_of(_step(2), published, placed={1}) == date(2024, 3, 1), "no dated report tells it: the lower bound"
    assert _as_of(step, {1: date(2026, 1, 23), 2: date(2025, 6, 1)}, placed={1, 2}) == date(2025, 6, 1)


# --------------------------------------------------------------------------- a report on an "In re" litigation's subject
import pytest  # noqa: E402

from casetracker.models import Case  # noqa: E402
from ingest.nlp import types as nlp  # noqa: E402
from tests.casetracker.factories import party, span  # noqa: E402
from tests.casetracker.test_case_statements import record  # noqa: E402

LITIGATION = "In re Lumen Labs, Inc. Consumer Privacy Litigation: the court denied Lumen Labs' motion to dismiss."
SETTLED = "A federal judge gave final approval to Lumen Labs' $50 million biometric privacy settlement."


def _litigation():
    cx = nlp.CaseX(caption="In re Lumen Labs, Inc. Consumer Privacy Litigation", defendants=["Lumen Labs"],
                   evidence=[span(LITIGATION, "In re Lumen Labs")])
    record(LITIGATION, [cx], parties=[party(LITIGATION, "Lumen Labs", role="defendant")], events=[
        nlp.EventX("ruling", "denied the motion", "2022-02-14", "day", [span(LITIGATION, "denied")],
                   stage="motion_to_dismiss", status="open", case=0)])


def _settlement():
    record(SETTLED, [], parties=[party(SETTLED, "Lumen Labs", role="defendant")], events=[
        nlp.EventX("settlement", "final approval", "2024-03-20", "day", [span(SETTLED, "final approval")],
                   status="settled")])


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["litigation first", "report first"])
def test_a_report_on_the_company_an_in_re_litigation_is_named_for_joins_it(order):
    for step in ((_litigation, _settlement) if order == "litigation first" else (_settlement, _litigation)):
        step()
    case = Case.objects.get(caption_key__startswith="in re lumen labs")
    assert case.status == "settled", order


@pytest.mark.django_db
def test_a_company_sued_in_another_case_too_does_not_make_a_report_the_litigations():
    other = "Jane Roe sued Lumen Labs over its chatbot."
    record(other, [nlp.CaseX(caption="Roe v. Lumen Labs", plaintiffs=["Jane Roe"], defendants=["Lumen Labs"],
                             evidence=[span(other, "Jane Roe sued Lumen Labs")])],
           parties=[party(other, "Jane Roe", "person", "plaintiff"), party(other, "Lumen Labs", role="defendant")])
    _litigation()
    _settlement()
    assert Case.objects.get(caption_key__startswith="in re lumen labs").status == "open"
