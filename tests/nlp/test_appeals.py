"""A court of appeals' paper makes two cases: the appeal and the case appealed from (ingest/nlp/appeals.py)."""
from ingest.nlp import appeals, courts, pipeline
from ingest.nlp.types import CaseFieldX, CaseX, Evidence, Extraction

OPINION = """Thaler v. Perlmutter, No. 23-5233 (D.C. Cir. 2025)

Dr. Thaler sought review of the Copyright Office's decision in the United States District Court for the District of Columbia. The district court granted summary judgment to the Copyright Office.

The United States Court of Appeals for the District of Columbia Circuit affirmed the judgment of the district court.
"""


def test_an_appellate_opinion_is_the_appeal_and_the_case_below():
    ex = pipeline.extract(OPINION, kind="opinion")
    by_court = {c.court: c for c in ex.cases}
    assert set(by_court) == {"D.C. Cir.", "D.D.C."}, [(c.caption, c.court) for c in ex.cases]
    appeal, trial = by_court["D.C. Cir."], by_court["D.D.C."]
    assert appeal.caption == trial.caption == "Thaler v. Perlmutter"
    assert appeal.docket_numbers == ["23-5233"] and trial.docket_numbers == []
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", "Thaler v. Perlmutter")]
    assert ex.cases.index(trial) == len(ex.cases) - 1, "the trial case goes last: event and claim indices stay"


def _fact(field, value, conf, start, end=None):
    return CaseFieldX(field, value, conf, [Evidence(start, end or start + 5, 0, 200)])


def test_the_trial_docket_number_and_its_judge_go_below_and_name_the_relation():
    text = ("Epic Games, Inc. v. Apple, Inc., Nos. 21-16506, 21-16695. Appeal from the United States District Court "
            "for the Northern District of California, No. 4:20-cv-05640-YGR, Yvonne Gonzalez Rogers, District Judge. "
            "Before: Milan D. Smith, Circuit Judge, and Michael J. McShane, District Judge, sitting by designation.")
    cx = CaseX(caption="Epic Games, Inc. v. Apple, Inc.", docket_numbers=["21-16506", "21-16695", "4:20-cv-05640-YGR"],
               evidence=[Evidence(0, 31, 0, 60)],
               fields=[_fact("court", "ca9", 1.0, 0), _fact("court", "cand", 0.8, text.index("Northern")),
                       _fact("docket_number", "4:20-cv-05640-YGR", 1.0, text.index("4:20")),
                       _fact("docket_number", "21-16506", 1.0, text.index("21-16506")),
                       _fact("judge", "Yvonne Gonzalez Rogers", 1.0, text.index("Yvonne")),
                       _fact("judge", "Milan D. Smith", 0.8, text.index("Milan"))])
    ex = appeals.split(Extraction(cases=[cx]), text)
    appeal, trial = ex.cases
    assert trial.docket_numbers == ["4:20-cv-05640-YGR"] and appeal.docket_numbers == ["21-16506", "21-16695"]
    assert {(f.field, f.value) for f in trial.fields} >= {("court", "cand"), ("judge", "Yvonne Gonzalez Rogers"),
                                                          ("jurisdiction", "us-federal")}
    assert ("judge", "Milan D. Smith") in {(f.field, f.value) for f in appeal.fields}
    assert ("court", "cand") not in {(f.field, f.value) for f in appeal.fields}
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", "4:20-cv-05640-YGR")]


def test_a_trial_courts_paper_naming_the_court_of_appeals_stays_one_case():
    text = "Bartz v. Anthropic. The district court's order may be appealed to the Ninth Circuit."
    cx = CaseX(caption="Bartz v. Anthropic", evidence=[Evidence(0, 18, 0, 19)],
               fields=[_fact("court", "cand", 1.0, 0), _fact("court", "ca9", 0.8, text.index("Ninth"))])
    assert len(appeals.split(Extraction(cases=[cx]), text).cases) == 1
    visiting = "X v. Y (9th Cir.). Before: Judge Z, District Judge for the District of Oregon, sitting by designation."
    cx = CaseX(caption="X v. Y", evidence=[Evidence(0, 6, 0, 18)],
               fields=[_fact("court", "ca9", 1.0, 0), _fact("court", "ord", 0.8, visiting.index("District of Oregon"))])
    cx.fields[1].evidence = [Evidence(visiting.index("District of Oregon"), visiting.index("District of Oregon") + 5,
                                      19, len(visiting))]
    assert len(appeals.split(Extraction(cases=[cx]), visiting).cases) == 1


def test_court_levels():
    assert courts.level("ca9") == "appellate" and courts.level("cand") == "trial"
    assert courts.level("dcd") == "trial", "courts-db calls it appellate"
    assert courts.level("ewca") == "appellate" and courts.level("ewhc") == "trial"


def test_a_step_of_the_court_below_is_the_trial_cases():
    ex = pipeline.extract(OPINION, kind="opinion", published="2025-03-18")
    appeal = next(n for n, c in enumerate(ex.cases) if c.court == "D.C. Cir.")
    trial = next(n for n, c in enumerate(ex.cases) if c.court == "D.D.C.")
    steps = {(ev.stage, ev.case) for ev in ex.events if ev.stage}
    assert ("summary_judgment", trial) in steps, [(ev.what, ev.stage, ev.case) for ev in ex.events]
    assert ("summary_judgment", appeal) not in steps and ("summary_judgment", None) not in steps


def test_a_court_of_appeals_paper_that_speaks_of_the_court_below_makes_the_trial_case_unnamed():
    # the Fourth Circuit's opinion in Sony v. Cox names no district court, but a jury's verdict was reached below
    text = ("Sony Music Entertainment v. Cox Communications, Inc., No. 21-1168 (4th Cir. 2024). A jury found Cox "
            "liable for contributory infringement. The court of appeals affirmed in part.")
    cx = CaseX(caption="Sony Music Entertainment v. Cox Communications, Inc", docket_numbers=["21-1168"],
               evidence=[Evidence(0, 51, 0, 80)], fields=[_fact("court", "ca4", 1.0, text.index("4th"))])
    appeal, trial = appeals.split(Extraction(cases=[cx]), text).cases
    assert trial.caption == appeal.caption and trial.court is None and trial.docket_numbers == []
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", appeal.caption)]


def test_a_supreme_courts_paper_naming_no_court_below_makes_no_trial_case():
    text = ("Nitro-Lift Technologies v. Howard, No. 11-1377 (U.S. 2012). The trial court dismissed the claims and "
            "the Oklahoma Supreme Court reversed; we vacate.")
    cx = CaseX(caption="Nitro-Lift Technologies v. Howard", docket_numbers=["11-1377"],
               evidence=[Evidence(0, 33, 0, 60)], fields=[_fact("court", "scotus", 1.0, text.index("U.S."))])
    assert len(appeals.split(Extraction(cases=[cx]), text).cases) == 1


def test_a_story_reporting_an_appeal_makes_no_second_case():
    """A court of appeals' own paper is the appeal and the case below; a story that reports the appeal tells the
    trial case's step (the gold's rule: an appeal merely reported is no record of its own)."""
    news, opinion = pipeline.extract(OPINION, kind="news").cases, pipeline.extract(OPINION, kind="opinion").cases
    assert len(news) == 1 and len(opinion) == 2, ([c.caption for c in news], [c.caption for c in opinion])


def test_the_case_below_leads_with_the_plaintiff_the_appeal_names_second():
    """An appeal's caption leads with the appellant; "plaintiff-appellee Elliott" says who sued below."""
    text = ("Macon Telegraph Publishing Company v. Elliott, No. 65201 (Ga. Ct. App. 1983)\n\n"
            "Court of Appeals of Georgia.\n\nThis is an appeal from a verdict and judgment for plaintiff-appellee "
            "Elliott in an action against defendant-appellant publishing company for libel in the trial court.")
    cx = CaseX(caption="Macon Telegraph Publishing Company v. Elliott", plaintiffs=["Macon Telegraph Publishing Company"],
               defendants=["Elliott"])
    assert appeals._sides_turned(cx, text)
    assert not appeals._sides_turned(cx, text.replace("plaintiff-appellee Elliott", "defendant-appellee Elliott"))
    flipped = CaseX(caption="Elliott v. Macon Telegraph Publishing Company", plaintiffs=["Elliott"],
                    defendants=["Macon Telegraph Publishing Company"])
    assert not appeals._sides_turned(flipped, text)


def test_the_case_below_reaches_the_appeal_the_paper_is_of():
    ex = pipeline.extract(OPINION.replace("affirmed the judgment of the district court", "heard argument"),
                          kind="opinion")
    trial = next(n for n, c in enumerate(ex.cases) if c.court == "D.D.C.")
    assert ("appeal", "on_appeal") in {(e.stage, e.status) for e in ex.events if e.case == trial}


def test_a_paper_that_remands_leaves_the_case_below_open():
    ex = pipeline.extract(OPINION.replace("affirmed the judgment of the district court",
                                          "vacated the judgment and remanded the case for a new trial"), kind="opinion")
    trial = next(n for n, c in enumerate(ex.cases) if c.court == "D.D.C.")
    assert ("appeal", "open") in {(e.stage, e.status) for e in ex.events if e.case == trial}


def test_a_paper_that_upheld_the_decision_below_leaves_the_case_below_as_it_was_left():
    ex = pipeline.extract(OPINION.replace("affirmed the judgment of the district court",
                                          "reviewed the case and affirmed the district court's decision"),
                          kind="opinion")
    trial = next(n for n, c in enumerate(ex.cases) if c.court == "D.D.C.")
    assert ("appeal", "affirmed") in {(e.stage, e.status) for e in ex.events if e.case == trial}


def test_a_story_printing_the_appeals_reported_decision_makes_the_case_below_too():
    text = ("Park v. Kim, 91 F.4th 610 was decided by the Second Circuit earlier this year. The district court "
            "dismissed plaintiff's case under Rule 37 because plaintiff violated court orders. Park failed to comply "
            "with the discovery orders, and Kim moved to dismiss.")
    title = "Park v. Kim: Rule 37 Sanctions Affirmed"
    ex = pipeline.extract(text, kind="blog", title=title)
    assert sorted((c.caption, c.court or "") for c in ex.cases) == [("Park v. Kim", ""), ("Park v. Kim", "2d Cir.")]
    story = pipeline.extract(text.replace(", 91 F.4th 610", ""), kind="blog", title=title)
    assert [(c.caption, c.court) for c in story.cases] == [("Park v. Kim", "2d Cir.")]


# An appellate opinion as a reporter prints it: the trial number in the district's own form after "Appeal from",
# the judge below after a dash, and the panel line naming the presiding judge by surname.
SEVENTH = """Harlow v. Brightline Health, Inc.

United States Court of Appeals, Seventh Circuit

No. 22-1457

Priya HARLOW, individually and on behalf of all others similarly situated, Plaintiff-Appellant, v. BRIGHTLINE HEALTH, INC., Defendant-Appellee.

Appeal from the United States District Court for the Northern District of Illinois, Eastern Division. No. 21 C 7720 — Thomas M. Durkin, District Judge. Before Easterbrook, Chief Judge, and Rovner and Scudder, Circuit Judges.

The district court dismissed the complaint. We affirm.
"""


def test_the_number_an_appeal_from_cue_names_is_the_trial_cases_whatever_its_shape():
    ex = pipeline.extract(SEVENTH, kind="opinion")
    by_court = {c.court: c for c in ex.cases}
    assert set(by_court) == {"7th Cir.", "N.D. Ill."}, [(c.caption, c.court, c.docket_numbers) for c in ex.cases]
    appeal, trial = by_court["7th Cir."], by_court["N.D. Ill."]
    assert appeal.docket_numbers == ["22-1457"] and trial.docket_numbers == ["21 C 7720"]
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", "21 C 7720")]
    assert trial.judge == "Thomas M. Durkin", "the judge printed after the trial number is the judge below"
    assert appeal.judge == "Easterbrook", "the panel line's first judge presides over the appeal"


def test_a_district_number_in_its_spaced_form_has_a_core():
    assert courts.docket_core("21 C 7720") == courts.docket_core("1:21-cv-07720") == "2107720"
    assert courts.docket_core("No. 21 CV 7720") == "2107720"


FULL_COURT = """Federal Court of Australia

Registrar of Trade Marks v Kestrel Robotics Pty Ltd [2023] FCAFC 19

Appeal from:

Kestrel Robotics Pty Ltd v Registrar of Trade Marks [2022] FCA 301

File number:

NSD 812 of 2022

Catchwords: TRADE MARKS – whether a mark generated by a machine learning system can be registered – appeal allowed
"""


def test_a_case_below_printed_by_its_own_caption_is_made():
    ex = pipeline.extract(FULL_COURT, kind="opinion")
    captions = {c.caption: c for c in ex.cases}
    below = "Kestrel Robotics Pty Ltd v. Registrar of Trade Marks"
    assert below in captions, list(captions)
    appeal = next(c for c in ex.cases if c.caption != below)
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", below)]
    trial = captions[below]
    assert trial.court == appeal.court == "FCA", "a court sitting at both levels: the case below is in it too"
    assert trial.docket_numbers == [] and appeal.docket_numbers == ["NSD 812 of 2022"]


def test_an_indian_high_courts_appeal_from_order_and_its_suit_are_two_cases(extract):
    """rec24a: a Division Bench's judgment under an appeal's number ("FAO(OS) (COMM)") that tells the suit below by
    its number ("CS (COMM)", a footnote's mark after the year) is the appeal and the suit, both in the high court."""
    text = ("IN THE HIGH COURT OF DELHI AT NEW DELHI + FAO(OS) (COMM) 210/2025 ACME NEWS PVT LTD .....Appellant versus "
            "ZETA MEDIA PRIVATE LIMITED ......Respondents CORAM: HON'BLE MR. JUSTICE A. KUMAR JUDGMENT (ORAL) "
            "1. Alleging that videos uploaded by Respondent 1 infringed its copyright, the appellant instituted "
            "CS (COMM) 310/20252, praying that the videos be removed. 2. The suit is pending before the learned Single "
            "Judge, who passed directions on 21 March 2025.")
    x = extract(text, kind="opinion", title="Acme News Pvt Ltd v. Zeta Media Private Limited")
    by_number = {n: c for c in x.cases for n in c.docket_numbers}
    assert set(by_number) == {"FAO(OS) (COMM) 210/2025", "CS (COMM) 310/2025"}, [(c.caption, c.docket_numbers) for c in x.cases]
    appeal, suit = by_number["FAO(OS) (COMM) 210/2025"], by_number["CS (COMM) 310/2025"]
    assert appeal is not suit
    assert [(r.kind, r.other) for r in appeal.relations] == [("appeal_of", "CS (COMM) 310/2025")]
    for c in (appeal, suit):
        assert [f.value for f in c.fields if f.field == "court"] == ["in-delhi-high-court"]
