"""Suits the rules did not read before (learned from batch23's errors; sentences written for the tests)."""
from ingest.nlp import pipeline


def _cases(text, **ctx):
    return [(c.caption, c.plaintiffs, c.defendants) for c in pipeline.extract(text, **ctx).cases]


def test_a_federal_criminal_case_told_by_its_verdict_is_the_united_states_against_the_accused():
    text = ("A former chip designer was convicted Friday of stealing trade secrets. A jury in the US District Court "
            "for the District of Oregon found Marta Quill guilty on all counts, federal prosecutors said.")
    assert _cases(text) == [("United States v. Quill", [], ["Marta Quill"])]


def test_a_passive_conviction_with_an_apposition_and_an_indictment():
    text = "A former engineer, Oren Vasko, was convicted of economic espionage, the Justice Department said."
    assert _cases(text) == [("United States v. Vasko", [], ["Oren Vasko"])]
    text = "Federal prosecutors indicted Oren Vasko and Lin Parr in March over the theft of design files."
    assert _cases(text) == [("United States v. Vasko", [], ["Oren Vasko", "Lin Parr"])]


def test_no_criminal_case_without_a_federal_prosecution_or_for_what_may_happen():
    assert _cases("Oren Vasko was found guilty of fraud by a county jury, the district attorney said.") == []
    assert _cases("If convicted, Oren Vasko could be sentenced to ten years, federal prosecutors said.") == []


def test_the_employer_in_the_accused_description_is_no_defendant():
    text = "A former Nimbus engineer was convicted of wire fraud by a federal jury. The jury found Oren Vasko guilty."
    assert _cases(text) == [("United States v. Vasko", [], ["Oren Vasko"])]


def test_a_named_plaintiff_by_title_completes_a_suit_told_by_its_accusation():
    text = ("An appeals court revived a class action accusing Vantor Health of selling patient records. Lawyers sued "
            "in Boston federal court in 2021 on behalf of named plaintiff Rosa Imbert.")
    assert _cases(text) == [("Imbert v. Vantor Health", ["Rosa Imbert"], ["Vantor Health"])]


def test_a_state_court_order_header_names_its_judge_surname_first():
    text = ("Rowan Ellery, et al., Plaintiff, et al., v. Tidewell Logistics, Inc., et al., Defendant, et al. No.: "
            "24CV011873 SUPERIOR COURT OF CALIFORNIA, COUNTY OF SAN MATEO Filed March 3, 2025 Okonkwo, Adaeze, Judge "
            "Order Granting Motion to Compel. The Court grants the motion of Tidewell Logistics to compel Plaintiffs "
            "to produce documents.")
    cases = pipeline.extract(text, kind="order", title="Ellery v. Tidewell Logistics, Inc.").cases
    assert [c.judge for c in cases] == ["Adaeze Okonkwo"], [(c.caption, c.judge) for c in cases]


def test_the_court_a_motion_to_remand_sends_a_claim_to_is_not_the_cases():
    from ingest.nlp import captions, case_fields
    from ingest.nlp.types import CaseX, Evidence

    text = ("Dana Pruitt sued Halvorsen Freight Inc. in the Northern District of Illinois. After the Court granted "
            "Pruitt's motion to remand her section 15(a) claim to the Circuit Court of Cook County, she amended her "
            "complaint.")
    case = CaseX(caption="Pruitt v. Halvorsen Freight", evidence=[Evidence(0, 38, 0, 80)],
                 plaintiffs=["Dana Pruitt"], defendants=["Halvorsen Freight Inc."])
    sents = [(0, 81), (82, len(text))]
    case_fields.fill(text, [case], [], sents, captions.dockets(text))
    assert {f.value for f in case.fields if f.field == "court"} == {"ilnd"}
