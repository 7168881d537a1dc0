"""Stage and status phrasings (st23): a clause that is the subject of a modal is foreseen ("expanding discovery would
be burdensome"), a suit pointed at with "that" is another suit ("That case ultimately settled"), an upheld judgment
is the side it was for ("affirmed summary judgment for the respondent"), a court paper's title in capitals broken
across lines, a motion "denied in part" was decided, a motion whose hearing is ahead was made, and an order that
decides companion cases together is each one's step."""
from datetime import date


def _steps(extract, text, **kw):
    return {(e.stage, e.status) for e in extract(text, **kw).events if e.stage or e.status}


def test_a_step_in_a_clause_that_is_the_subject_of_a_modal_is_foreseen(extract):
    text = ("Judge Ortega granted Lumen Labs' motion to stay the claims over its newer models, with Lumen arguing "
            "that expanding discovery to those models would be burdensome.")
    assert not any(stage == "discovery" for stage, _ in _steps(extract, text, published=date(2025, 5, 1)))


def test_a_suit_pointed_at_with_that_is_another_suit(extract):
    text = ("Painters sued Lumen Labs in 2024 over its image generator, and this week they asked the court to certify "
            "a class. Their motion cites a recent case against another AI company in which a judge certified the "
            "class. That case ultimately settled for $900 million earlier this year.")
    steps = _steps(extract, text, published=date(2025, 10, 2), title="Painters seek class certification")
    assert not any(status == "settled" for _, status in steps), steps
    own = "Painters sued Lumen Labs in 2024 over its image generator. The case ultimately settled this year."
    assert any(status == "settled" for _, status in _steps(extract, own, published=date(2025, 10, 2)))


def test_an_upheld_judgment_is_the_judgment_of_the_side_it_was_for(extract):
    text = ("On May 2, 2025, the Court of Appeal issued its opinion. In Rivera v. Brightline Homes, Inc., the court "
            "affirmed summary judgment for the respondent and sanctioned the appellant's lawyer for citing cases an "
            "AI tool invented.")
    assert ("appeal", "judgment_defendant") in _steps(extract, text, published=date(2025, 5, 9))
    plain = "In Rivera v. Brightline Homes, Inc., the court affirmed summary judgment and sanctioned the lawyer."
    assert ("appeal", "affirmed") in _steps(extract, plain, published=date(2025, 5, 9)), "whose it was is unsaid"


def test_a_motion_to_dismiss_in_a_capitals_title_broken_across_pleading_lines(extract):
    text = ("Case No.: 24-cv-01234-ABC\n`PLAINTIFFS\u2019 OPPOSITION TO\n`DEFENDANT LUMEN LABS\u2019 MOTION TO\n"
            "`DISMISS FIRST AMENDED CLASS\n`ACTION COMPLAINT\n`\nJane Roe, Plaintiff, v. Lumen Labs, Inc., Defendant.\n")
    steps = _steps(extract, text, published=date(2024, 3, 7), kind="filing", title="Roe v. Lumen Labs, No. 59")
    assert any(stage == "motion_to_dismiss" for stage, _ in steps), steps


def test_a_motion_whose_hearing_is_ahead_was_made(extract):
    text = ("Case No. 24-cv-01234-ABC PLAINTIFFS\u2019 OPPOSITION TO DEFENDANT\u2019S MOTION TO DISMISS, Date: April "
            "18, 2024, Time: 10:00 a.m., Jane Roe, Plaintiff, v. Lumen Labs, Inc., Defendant.\n")  # (the hearing's)
    events = extract(text, published=date(2024, 3, 7), kind="filing", title="Roe v. Lumen Labs, No. 59").events
    assert any(e.stage == "motion_to_dismiss" for e in events), [(e.date, e.stage, e.status) for e in events]
    trial = "The trial of Jane Roe's suit against Lumen Labs will begin on April 18, 2024."
    assert not any(e.stage == "trial" for e in extract(trial, published=date(2024, 3, 7)).events)


def test_an_order_denying_a_motion_in_part_decided_it_and_is_each_companions_step(extract):
    text = ("Roe v. Lumen Labs, Inc.\n\nUnited States District Court, Northern District of California\n\n"
            "PAUL ROE, et al., Plaintiffs, v. LUMEN LABS, INC., et al., Defendants.\n\n"
            "ORDER GRANTING IN PART AND DENYING IN PART THE MOTIONS TO DISMISS\n\n"
            "Lumen Labs' motions to dismiss were heard before this Court on December 7, 2023.\n\n"
            "Before the Court are two nearly identical putative class complaints in Roe et al v. Lumen Labs, Inc. et "
            "al, 23-cv-3223 and Doe et al v. Lumen Labs, Inc. et al, 23-cv-3416. Plaintiffs are authors who allege "
            "that their books were used to train Lumen Labs' language models.")
    x = extract(text, published=date(2024, 2, 12), kind="opinion",
                title="Roe v. Lumen Labs, Inc. \u2014 Order Granting in Part and Denying in Part the Motions to "
                      "Dismiss (N.D. Cal. Feb. 12, 2024)")
    related = [n for n, c in enumerate(x.cases) if c.relations]
    assert len(related) >= 2, [(c.caption, c.relations) for c in x.cases]
    for n in related:
        assert any(e.stage == "motion_to_dismiss" and e.date == "2024-02-12" and (e.case or 0) == n
                   for e in x.events), (n, [(e.case, e.date, e.stage) for e in x.events])



def test_refusing_the_interim_injunction_decides_summary_proceedings(extract):
    text = ("Today, a regional court in Hamburg had to decide on an interim injunction against Lumen Labs. The consumer "
            "group Verbraucherschutz Nord brought an \"interim\" case to stop Lumen Labs from training its AI on user "
            "posts before a normal court case can be brought.")
    title = "Lumen Labs: German Court did not grant interim injunction"
    assert ("judgment", "judgment_defendant") in _steps(extract, text, published=date(2025, 5, 23), title=title)
    us = ("Lumen Labs sued the state of California last year to block its AI disclosure law. A federal judge did not "
          "grant a preliminary injunction, and the lawsuit continues.")
    assert not any(status == "judgment_defendant" for _, status in _steps(extract, us, published=date(2025, 5, 23))), \
        "a preliminary injunction refused in an ordinary suit decides nothing"


def test_a_dismissal_asked_of_an_interveners_plea_is_no_motion_to_dismiss_the_suit(extract):
    text = ("Hours earlier, Reuters reported that Lumen Labs asked the Delhi High Court to dismiss the plea from a group "
            "of book publishers who say its chatbot infringes their copyrights.")
    assert not any(stage == "motion_to_dismiss" for stage, _ in _steps(extract, text, published=date(2025, 1, 28)))
    own = "Lumen Labs asked the Delhi High Court to dismiss the lawsuit."
    assert any(stage == "motion_to_dismiss" for stage, _ in _steps(extract, own, published=date(2025, 1, 28)))


def test_a_criminal_trial_told_in_a_civil_suits_report_is_not_its_trial(extract):
    text = ("Broadcaster Dara Quinlan has initiated defamation proceedings against Lumen News over an article on the "
            "trial of a different broadcaster. The accused person in the trial, who cannot be identified because he "
            "was acquitted of the charges, was not Mr Quinlan.")
    x = extract(text, published=date(2024, 1, 15), title="Quinlan sues Lumen News for defamation")
    assert x.cases and not any(e.stage == "trial" for e in x.events), [(e.stage, e.what[:40]) for e in x.events]


def test_a_motion_granted_and_denied_in_part_leaves_the_case_open(extract):
    text = ("Shareholders sued Lumen Labs in 2022. The motion to dismiss filed by the issuer was granted and denied in "
            "part.")
    steps = _steps(extract, text, published=date(2023, 10, 3))
    assert ("motion_to_dismiss", "open") in steps and not any(s == "dismissed" for _, s in steps), steps


def test_a_civil_law_courts_oral_proceedings_are_its_trial(extract):
    text = ("A packed courtroom in Hamburg on Monday (March 9) heard oral proceedings in the copyright case brought by "
            "the Tonkunst Guild against Lumen Labs. The hearing ended without a ruling.")
    assert any(e.stage == "trial" and e.date == "2026-03-09" for e in extract(text, published=date(2026, 3, 9)).events)
