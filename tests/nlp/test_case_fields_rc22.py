"""Judges of case records (rc22): a caption printed again in another form anchors its own docket number; the judge
titled for the case's court level (the trial judge of a case in a district court, not the appellate panel)."""
from datetime import date

from ingest.nlp import captions, case_fields
from ingest.nlp.types import CaseFieldX, CaseX, Evidence

from tests.nlp.test_case_fields import _case, _sents


def test_a_caption_printed_again_in_another_form_owns_the_number_after_it():
    """"Tremblay et al v. OpenAI, Inc. et al, 23-cv-3223 and Silverman et al v. OpenAI, Inc. et al, 23-cv-3416":
    the first number is Tremblay's (its caption printed again, with "et al"), not Silverman's."""
    text = ("Tremblay v. Openai, Inc.\n\nBefore the Court are two nearly identical putative class complaints in "
            "Tremblay et al v. OpenAI, Inc. et al, 23-cv-3223 and Silverman et al v. OpenAI, Inc. et al, 23-cv-3416. "
            "Plaintiffs are authors of books.")
    tremblay = _case("Tremblay v. Openai, Inc", text, ["Paul Tremblay"], ["OpenAI"])
    silverman = CaseX(caption="Silverman v. OpenAI, Inc", plaintiffs=["Sarah Silverman"], defendants=["OpenAI"],
                      evidence=[Evidence(text.index("Silverman et al"), text.index("Silverman et al") + 37, 0, 0)])
    case_fields.fill(text, [tremblay, silverman], [], _sents(text), captions.dockets(text))
    assert silverman.docket_numbers == ["23-cv-3416"], silverman.docket_numbers
    assert "23-cv-3223" in tremblay.docket_numbers


def _judged(court_values, judges, text):
    case = CaseX(caption="IYO v. OpenAI")
    for cid, conf in court_values:
        case.fields.append(CaseFieldX("court", cid, conf, [Evidence(0, 1, 0, 0)]))
    for name, conf in judges:
        start = text.index(name)
        case.fields.append(CaseFieldX("judge", name, conf, [Evidence(start, start + len(name), 0, len(text))]))
    return case


def test_the_trial_judge_is_the_judge_of_a_case_in_the_trial_court():
    """A report of the Ninth Circuit's memorandum names the panel and the district judge it reviewed: the case (in
    the Northern District of California) is the district judge's."""
    text = ("The decision, signed by Circuit Judges Daniel Aaron Bress, Salvador Mendoza Jr., and Senior Circuit Judge "
            "Sidney Thomas, declares that District Court Judge Trina L. Thompson of the Northern District of "
            "California did not err.")
    case = _judged([("cand", 0.8), ("ca9", 0.64)], [("Sidney Thomas", 1.0), ("Trina L. Thompson", 0.8)], text)
    case_fields.bench_first(text, [case])
    assert case.judge == "Trina L. Thompson"
    appeal = _judged([("ca9", 1.0)], [("Sidney Thomas", 1.0), ("Trina L. Thompson", 1.0)], text)
    case_fields.bench_first(text, [appeal])
    assert appeal.judge == "Sidney Thomas", "an appeal's judge is the circuit judge"
    untitled = _judged([("cand", 1.0)], [("Sidney Thomas", 1.0)], text.replace("District Court Judge ", ""))
    case_fields.bench_first(text, [untitled])
    assert untitled.judge is None, "no judge titled for the trial court: nothing to rank (the field is left alone)"


def test_the_trial_judge_of_a_reported_appeal(extract):
    x = extract("The Ninth U.S. Circuit Court of Appeals has affirmed an order temporarily blocking OpenAI Inc. from "
                "using the name \u201cIO\u201d in a trademark infringement lawsuit brought by IYO Inc.\n\n"
                "Wednesday\u2019s decision, by way of a memorandum opinion signed by Circuit Judges Daniel Aaron Bress, "
                "Salvador Mendoza Jr., and Senior Circuit Judge Sidney Thomas, declares that District Court Judge "
                "Trina L. Thompson of the Northern District of California did not err in finding a likelihood of "
                "confusion.", published=date(2025, 12, 5), kind="news")
    assert [c.judge for c in x.cases] == ["Trina L. Thompson"], [(c.caption, c.judge, c.fields) for c in x.cases]
