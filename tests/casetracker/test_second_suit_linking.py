"""A document that tells a second suit of the same sides ("SAS has filed another lawsuit against Sheeran") makes
two records, not one."""
import pytest

from casetracker import services
from casetracker.models import Case
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

TEXT = ("SAS sued Sheeran in 2018. A judge dismissed its case. SAS has filed another lawsuit against Sheeran based on "
        "its rights in Gaye's recording.")


def test_a_second_suit_of_the_same_sides_is_a_record_of_its_own():
    first = nlp.CaseX(caption="SAS v. Sheeran", inferred=True, plaintiffs=["SAS"], defendants=["Sheeran"],
                      evidence=[span(TEXT, "SAS sued Sheeran")])
    second = nlp.CaseX(caption="SAS v. Sheeran", inferred=True, plaintiffs=["SAS"], defendants=["Sheeran"],
                       evidence=[span(TEXT, "SAS has filed another lawsuit against Sheeran")])
    doc = DocumentFactory(text=TEXT, kind="news")
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=[party(TEXT, "SAS", "company", role="plaintiff"), party(TEXT, "Sheeran", "person", role="defendant")],
        cases=[first, second], is_ai_litigation=False, extractor_version="t"))
    assert Case.objects.count() == 2
    assert all(c.case_documents.count() == 1 for c in Case.objects.all())
