"""An appellate record (st24, tests/data/cases/README.md, appellate records): a pending appeal or petition is `open`
before its court, never `on_appeal`; a record linked as the appeal of its case below is the appeal's own whatever its
court (a court that sits at both levels, the Full Court of the Federal Court of Australia)."""
import pytest

from casetracker.models import Case, CaseRelation
from casetracker.statements import case_resolve
from ingest.nlp import types as nlp
from tests.casetracker.test_case_statements import field, record
from tests.casetracker.factories import span

pytestmark = pytest.mark.django_db


def test_a_petition_pending_before_the_supreme_court_is_open_there():
    text = ("(Lumen Analytics, Inc. v. Fox Corp., No. 25-505, U.S. Sup.) Lumen Analytics' petition for a writ of "
            "certiorari was docketed on Oct. 23, having been filed Oct. 21.")
    record(text, [nlp.CaseX(caption="Lumen Analytics v. Fox Corp", fields=[
        field("court", "scotus", text, "U.S. Sup."), field("docket_number", "25-505", text, "25-505")])],
        events=[nlp.EventX("filing", "petition", None, None, [span(text, "petition for a writ")], stage="appeal",
                           status="on_appeal")])
    case = Case.objects.get()
    assert (case.court, case.stage, case.status) == ("scotus", "appeal", "open")


def test_a_suit_news_reports_tell_on_appeal_stays_on_appeal():
    text = "X Corp. appealed the dismissal to the Ninth Circuit."
    record(text, [nlp.CaseX(caption="X Corp. v. Center for Countering Digital Hate", fields=[
        field("court", "ca9", text, "Ninth Circuit")])],
        events=[nlp.EventX("filing", "appealed", None, None, [span(text, "appealed")], stage="appeal",
                           status="on_appeal")])
    assert Case.objects.get().status == "on_appeal"  # not the appeal's own record: no number, no paper, no link


def test_an_appeal_linked_to_its_case_below_in_the_same_court_is_at_the_appeal_stage():
    text = ("Federal Court of Australia. Commissioner of Patents v Lumen [2022] FCAFC 62. Appeal from: Lumen v "
            "Commissioner of Patents [2021] FCA 879.")
    record(text, [nlp.CaseX(caption="Commissioner of Patents v. Lumen", fields=[
        field("court", "au-federal-court-of-australia", text, "Federal Court of Australia")]),
        nlp.CaseX(caption="Lumen v. Commissioner of Patents", fields=[
            field("court", "au-federal-court-of-australia", text, "Federal Court of Australia")])],
        kind="opinion")
    appeal = Case.objects.get(case_name="Commissioner of Patents v. Lumen")
    below = Case.objects.get(case_name="Lumen v. Commissioner of Patents")
    assert appeal.stage == "filed"
    CaseRelation.objects.create(from_case=appeal, to_case=below, kind=CaseRelation.Kind.APPEAL_OF)
    assert case_resolve(appeal).stage == "appeal"


def test_a_dismissal_after_a_further_step_does_not_take_the_case_back():
    """A dismissal's stage is the motion's, implied: a suit dismissed with prejudice as a terminating sanction after
    the plaintiffs' summary judgment motion stays at summary judgment (tests/data/cases/README.md: the furthest step
    reached)."""
    from datetime import datetime, timezone

    text = ("Plaintiffs moved for summary judgment on March 11, 2025. The Court imposed a terminating sanction, the "
            "dismissal of the case with prejudice.")
    record(text, [nlp.CaseX(caption="Whitlock v. Lumen Labs")], events=[
        nlp.EventX("ruling", "summary judgment", "2025-03-11", "day", [span(text, "moved for summary judgment")],
                   stage="summary_judgment"),
        nlp.EventX("ruling", "dismissal", None, None, [span(text, "dismissal of the case with prejudice")],
                   stage="motion_to_dismiss", status="dismissed_with_prejudice")],
        published=datetime(2025, 9, 19, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert (case.stage, case.status) == ("summary_judgment", "dismissed_with_prejudice")
