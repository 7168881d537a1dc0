"""A consolidated ("In re") case no source names a judge for takes the judge its member's sources name."""
import pytest

from casetracker import writes
from casetracker.models import CaseFact, CaseRelation
from casetracker.statements import case_resolve
from tests.casetracker.factories import CaseFactory, DocumentFactory, evidence

pytestmark = pytest.mark.django_db


def _resolve(case):
    with writes.atomic():
        return case_resolve(case)


def test_an_in_re_case_without_a_judge_takes_its_members_judge():
    litigation = CaseFactory(case_name="In re Mosaic LLM Litigation", slug="in-re-mosaic-llm-litigation")
    member = CaseFactory(case_name="O'Nan v. Databricks", slug="onan-v-databricks")
    doc = DocumentFactory(text="Judge Breyer denied both motions. The case is one of several consolidated actions.")
    CaseFact.objects.create(case=member, field="judge", value="Breyer", document=doc, evidence=evidence(doc, "Breyer"))
    assert _resolve(litigation).judge in ("", None)
    CaseRelation.objects.create(from_case=member, to_case=litigation, kind="member_of", document=doc,
                                evidence=evidence(doc, "consolidated"))
    assert _resolve(litigation).judge == "Breyer"
    own = DocumentFactory(text="Judge Charles R. Breyer presides over the litigation.")
    CaseFact.objects.create(case=litigation, field="judge", value="Charles R. Breyer", document=own,
                            evidence=evidence(own, "Charles"))
    assert _resolve(litigation).judge == "Charles R. Breyer", "its own sources' judge first"
