"""An appeal and the case appealed from are two records linked appeal_of, also when the news made one first."""
import pytest

from casetracker import services
from casetracker.models import Case, CaseRelation
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

STORY = "Stephen Thaler sued the Copyright Office's Shira Perlmutter in Washington."
OPINION = ("Thaler v. Perlmutter, No. 23-5233 (D.C. Cir. 2025). Appeal from the United States District Court for the "
           "District of Columbia.")


def _sides(text):
    return [party(text, "Stephen Thaler" if "Stephen" in text else "Thaler", "person", role="plaintiff"),
            party(text, "Shira Perlmutter" if "Shira" in text else "Perlmutter", "person", role="defendant")]


def opinion_cases():
    ev = [span(OPINION, "Thaler v. Perlmutter")]
    appeal = nlp.CaseX(caption="Thaler v. Perlmutter", plaintiffs=["Thaler"], defendants=["Perlmutter"],
                       docket_numbers=["23-5233"], evidence=ev,
                       fields=[nlp.CaseFieldX("court", "cadc", 1.0, [span(OPINION, "D.C. Cir.")]),
                               nlp.CaseFieldX("docket_number", "23-5233", 1.0, [span(OPINION, "23-5233")])],
                       relations=[nlp.RelationX("appeal_of", "Thaler v. Perlmutter", [span(OPINION, "Appeal from")])])
    trial = nlp.CaseX(caption="Thaler v. Perlmutter", plaintiffs=["Thaler"], defendants=["Perlmutter"], evidence=ev,
                      fields=[nlp.CaseFieldX("court", "dcd", 0.8, [span(OPINION, "District of Columbia")])])
    return [appeal, trial]


def record(text, cases, kind="news"):
    doc = DocumentFactory(text=text, kind=kind)
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=_sides(text), cases=cases, is_ai_litigation=True, extractor_version="t"))


@pytest.mark.parametrize("story_first", [True, False])
def test_the_appeal_and_the_case_below_are_two_records(story_first):
    told = nlp.CaseX(caption="Thaler v. Perlmutter", inferred=True, plaintiffs=["Stephen Thaler"],
                     defendants=["Shira Perlmutter"], evidence=[span(STORY, "Stephen Thaler")],
                     fields=[nlp.CaseFieldX("court", "dcd", 0.7, [span(STORY, "Washington")])])
    if story_first:
        record(STORY, [told])
    record(OPINION, opinion_cases(), kind="opinion")
    if not story_first:
        record(STORY, [told])
    assert sorted(Case.objects.values_list("court", flat=True)) == ["cadc", "dcd"]
    appeal, trial = Case.objects.get(court="cadc"), Case.objects.get(court="dcd")
    assert appeal.docket_number_core and not trial.docket_number
    rel = CaseRelation.objects.get()
    assert (rel.from_case, rel.to_case, rel.kind) == (appeal, trial, "appeal_of")
    assert trial.case_documents.count() == 2 and appeal.case_documents.count() == 1


TRANSCRIPT = ("Doe v. GitHub, No. 24-7700. May it please the court, for appellants. This interlocutory appeal presents "
              "the certified question. The district court agreed.")
DISTRICT = "Doe v. GitHub, No. 4:22-cv-06823-JST (N.D. Cal.). Judge Tigar dismissed the claims."
LATER = "Doe v. GitHub goes on. The programmers sued GitHub."


def _doe(text):
    return [party(text, "Doe", "person", role="plaintiff"), party(text, "GitHub", role="defendant")]


def _record_doe(text, cases, kind):
    doc = DocumentFactory(text=text, kind=kind)
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=_doe(text), cases=cases, is_ai_litigation=True, extractor_version="t"))


def test_an_appeal_whose_court_is_unnamed_is_its_own_record_before_an_appellate_court():
    district = nlp.CaseX(caption="Doe v. GitHub", plaintiffs=["Doe"], defendants=["GitHub"],
                         docket_numbers=["4:22-cv-06823-JST"], evidence=[span(DISTRICT, "Doe v. GitHub")],
                         fields=[nlp.CaseFieldX("court", "cand", 1.0, [span(DISTRICT, "N.D. Cal.")])])
    _record_doe(DISTRICT, [district], "filing")
    ev = [span(TRANSCRIPT, "Doe v. GitHub")]
    appeal = nlp.CaseX(caption="Doe v. GitHub", plaintiffs=["Doe"], defendants=["GitHub"], docket_numbers=["24-7700"],
                       evidence=ev, relations=[nlp.RelationX("appeal_of", "Doe v. GitHub", ev)])
    trial = nlp.CaseX(caption="Doe v. GitHub", plaintiffs=["Doe"], defendants=["GitHub"], evidence=ev)
    _record_doe(TRANSCRIPT, [appeal, trial], "transcript")
    _record_doe(LATER, [nlp.CaseX(caption="Doe v. GitHub", inferred=True, plaintiffs=["Doe"], defendants=["GitHub"],
                                  evidence=[span(LATER, "The programmers sued GitHub")])], "news")
    assert Case.objects.count() == 2
    rel = CaseRelation.objects.get()
    assert rel.kind == "appeal_of" and rel.to_case.court == "cand" and not rel.from_case.court
    assert rel.from_case.stage == "appeal" and rel.from_case.docket_number_core
    assert rel.to_case.case_documents.count() == 3 and rel.from_case.case_documents.count() == 1


def _appeal_and_below(text, caption, court, docket, cite, from_words, below_words, sides):
    """An appellate paper's two records: the appeal (its court, its number, appeal_of the case below) and the case
    below (no court of its own)."""
    plaintiff, defendant = caption.split(" v. ")
    appeal = nlp.CaseX(caption=caption, plaintiffs=[plaintiff], defendants=[defendant], docket_numbers=[docket],
                       evidence=[span(text, caption)],
                       fields=[nlp.CaseFieldX("court", court, 1.0, [span(text, cite)]),
                               nlp.CaseFieldX("docket_number", docket, 1.0, [span(text, docket)])],
                       relations=[nlp.RelationX("appeal_of", caption, [span(text, from_words)])])
    below = nlp.CaseX(caption=caption, plaintiffs=[plaintiff], defendants=[defendant],
                      evidence=[span(text, below_words)])
    doc = DocumentFactory(text=text, kind="opinion")
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=[party(text, name, "person", role=role) for name, role in sides], cases=[appeal, below],
        is_ai_litigation=True, extractor_version="t"))


def test_a_case_below_no_source_places_is_in_its_appeals_jurisdiction():
    text = ("Park v. Kim, No. 22-2057 (2d Cir. 2024). Appeal from the dismissal of Minhye Park's suit against "
            "Dr. Kim. The Second Circuit affirmed.")
    _appeal_and_below(text, "Park v. Kim", "ca2", "22-2057", "2d Cir.", "Appeal from", "Minhye Park's suit against",
                      [("Minhye Park", "plaintiff"), ("Kim", "defendant")])
    records = {c.court: c for c in Case.objects.all()}
    assert set(records) == {"ca2", ""}
    assert records[""].jurisdiction == "us-federal"  # no source places the suit below: its appeal's circuit does


def test_a_supreme_court_appeal_places_no_case_below():
    text = "Smith v. Jones, No. 24-101 (U.S. 2025). On certiorari from the Supreme Court of Ohio in Smith v. Jones."
    _appeal_and_below(text, "Smith v. Jones", "scotus", "24-101", "U.S. 2025", "On certiorari", "in Smith v. Jones",
                      [("Smith", "plaintiff"), ("Jones", "defendant")])
    assert Case.objects.get(court="").jurisdiction == ""  # the Supreme Court hears state cases too
