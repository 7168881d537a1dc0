"""Stage and status of events (stages.py, patterns/stages.jsonl): a step is reached only when its sentence says
it was taken, and each event of a text naming several cases belongs to its own case (caselinks.py)."""
from datetime import date

import pytest
from spacy.matcher import Matcher

from ingest.nlp import rules

PUBLISHED = date(2025, 10, 1)


def _events(extract, text, published=PUBLISHED):
    return extract(text, published=published).events


def _steps(extract, text, published=PUBLISHED):
    return {(e.stage, e.status) for e in _events(extract, text, published) if e.stage or e.status}


@pytest.mark.parametrize("entry", [e for e in rules.token_patterns("stages")], ids=lambda e: e["example"][:40])
def test_every_stage_pattern_matches_its_example(nlp, entry):
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("x", [entry["pattern"]])
    assert matcher(nlp(entry["example"])), entry["example"]


def test_a_trial_set_for_later_is_no_trial(extract):
    steps = _steps(extract, "In Musk v. OpenAI, a jury trial is set for December. The case was filed in 2024.")
    assert not any(stage == "trial" for stage, _ in steps)
    assert (None, "open") in steps


def test_a_trial_that_began_is_a_trial(extract):
    steps = _steps(extract, "In Musk v. OpenAI, the trial began on Monday in Oakland. Musk testified at trial.")
    assert any(stage == "trial" for stage, _ in steps)


def test_a_step_dated_after_publication_is_not_reached(extract):
    events = _events(extract, "In Musk v. OpenAI, the trial opens on November 3, 2025 in Oakland.")
    assert all(e.stage != "trial" for e in events)


def test_dismissing_some_claims_is_a_motion_to_dismiss_and_the_case_goes_on(extract):
    steps = _steps(extract, "In Kadrey v. Meta, the judge dismissed some of the claims against Meta.")
    assert ("motion_to_dismiss", "open") in steps
    assert not any(status and status.startswith("dismissed") for _, status in steps)


def test_a_whole_case_dismissed_and_with_prejudice(extract):
    assert any(s == "dismissed" for _, s in _steps(extract, "In Raw Story v. OpenAI, Judge McMahon dismissed the lawsuit."))
    assert any(s == "dismissed_with_prejudice" for _, s in _steps(
        extract, "In Johnson v. Meta, the court dismissed the action with prejudice."))


def test_dropping_the_suit_is_a_voluntary_dismissal(extract):
    steps = _steps(extract, "In Smith v. Midjourney, the artists dropped the suit against Midjourney.")
    assert any(s == "voluntarily_dismissed" for _, s in steps)


def test_one_plaintiff_dismissing_her_claims_does_not_end_the_case(extract):
    steps = _steps(extract, "In Tremblay v. OpenAI, Plaintiff Mona Awad voluntarily dismissed her claims.")
    assert not any(s == "voluntarily_dismissed" for _, s in steps)


def test_refused_to_dismiss_is_open(extract):
    steps = _steps(extract, "In The New York Times v. OpenAI, Judge Stein refused to dismiss the lawsuit.")
    assert ("motion_to_dismiss", "open") in steps


def test_asking_to_dismiss_is_a_motion_without_a_status(extract):
    steps = _steps(extract, "In Authors Guild v. OpenAI, OpenAI asked the court to dismiss the case.")
    assert ("motion_to_dismiss", None) in steps
    assert not any(s for _, s in steps)


def test_settlement_agreed_but_not_talks_nor_a_possibility(extract):
    assert any(s == "settled" for _, s in _steps(
        extract, "In Bartz v. Anthropic, Anthropic agreed to settle the lawsuit for $1.5 billion in September 2025."))
    assert not any(s == "settled" for _, s in _steps(
        extract, "In Bartz v. Anthropic, settlement talks broke down in May 2025."))
    assert not any(s == "settled" for _, s in _steps(
        extract, "In Bartz v. Anthropic, Anthropic could settle the case, lawyers said."))


def test_appealed_but_not_a_plan_to_appeal(extract):
    assert ("appeal", "on_appeal") in _steps(extract, "In Thomson Reuters v. Ross, Ross appealed the ruling.")
    assert not any(st == "appeal" for st, _ in _steps(
        extract, "In Thomson Reuters v. Ross, Ross plans to appeal the ruling."))


def test_a_verdict_takes_the_side_it_favours(extract):
    steps = _steps(extract, "Authors sued Acme Corp in 2023. In Authors v. Acme Corp, the jury returned a verdict "
                            "in favor of Acme Corp in May 2025.")
    assert ("trial", "judgment_defendant") in steps  # a jury's verdict ends the trial, for the side it favours


def test_a_case_dismissed_after_the_verdict_is_a_judgment_for_the_defendant(extract):
    steps = _steps(extract, "In Musk v. OpenAI, Judge Yvonne Gonzalez Rogers accepted the advisory verdict and "
                            "dismissed the case.")
    assert ("judgment", "judgment_defendant") in steps and not any(s == "dismissed" for _, s in steps)


def test_a_condition_covers_the_verbs_it_joins(nlp):
    from ingest.nlp import stages

    doc = nlp("The question is whether other labs follow Anthropic's settlement structure, contest the split-ruling "
              "framework on appeal, or restructure their data acquisition.")
    appeal = next(t.i for t in doc if t.lower_ == "appeal")
    assert stages.mood(doc, appeal - 1, appeal + 1) == "hypothetical"
    doc = nlp("Anthropic settled the case and Meta contested the ruling on appeal.")
    appeal = next(t.i for t in doc if t.lower_ == "appeal")
    assert stages.mood(doc, appeal - 1, appeal + 1) == "taken"


def test_an_appeal_turned_down_or_a_decision_upheld_decides_the_appeal(extract):
    assert ("appeal", "affirmed") in _steps(extract, "In Kneschke v. LAION, the court dismissed the photographer's "
                                                     "appeal, confirming that the dataset did not infringe copyright.")
    assert ("appeal", "affirmed") in _steps(extract, "In Park v. Kim, the dismissal was affirmed.")
    assert ("appeal", "affirmed") not in _steps(extract, "In Park v. Kim, Kim moved to dismiss the claims.")


def test_the_party_ordered_to_pay_or_apologise_lost(extract):
    steps = _steps(extract, "Li sued a blogger surnamed Liu in May. In Li v. Liu, the Beijing Internet Court ruled that "
                            "the image was an artwork and ordered the defendant Liu to issue a public apology.")
    assert ("judgment", "judgment_plaintiff") in steps


def test_a_causes_name_is_no_settlement_and_a_cut_lines_verb_no_step(extract):
    steps = _steps(extract, "In Barrows v. Humana, plaintiffs pleaded causes of action for breach of contract, "
                            "unfair claims settlement, and common law fraud.")
    assert not any(s == "settled" for _, s in steps)
    steps = _steps(extract, "In Barrows v. Humana, Humana banks on the patients' lack of resources to\n\n"
                            "appeal the wrongful AI-powered decisions.")
    assert not any(st == "appeal" for st, _ in steps)


def test_the_defendant_that_defeated_the_suit_won_it(extract):
    steps = _steps(extract, "Townsend's heirs sued Ed Sheeran in 2017. In May 2023, Sheeran defeated a separate "
                            "copyright lawsuit by Townsend's heirs in a closely watched jury trial.")
    assert ("trial", "judgment_defendant") in steps  # (a verdict ends the trial: cases README, 2026-12-02 cur24)
    assert not any(s and s.startswith("judgment") for _, s in _steps(
        extract, "Authors sued OpenAI in 2023. In Authors v. OpenAI, the authors defeated the motion to dismiss."))


def test_a_ruling_in_favor_of_a_party_with_its_day_between(extract):
    steps = _steps(extract, "Vicki Lynn Moses sued Ken and Kathy Smalley in 2023. The news comes on the heels of a "
                            "Forsyth County jury's ruling Friday in favor of Ken and Kathy Smalley.")
    assert any(s == "judgment_defendant" for _, s in steps), steps


def test_discovery_of_information_is_no_discovery_step(extract):
    assert not any(st == "discovery" for st, _ in _steps(
        extract, "In Reddit v. Perplexity, Reddit says Perplexity markets itself as an AI-powered Swiss Army Knife "
                 "for information discovery and curiosity."))
    assert any(st == "discovery" for st, _ in _steps(extract, "In Reddit v. Perplexity, the parties are now in discovery."))


def test_filing_month_and_relative_year_give_a_filed_event(extract):
    events = _events(extract, "In Dow Jones v. Perplexity, the publishers said in their lawsuit filed last year "
                              "that Perplexity copied articles.")
    filed = [e for e in events if e.stage == "filed" and e.date]
    assert [(e.date, e.precision) for e in filed] == [("2024-01-01", "year")]
    events = _events(extract, "The New York Times sued OpenAI in December 2023 over its articles.")
    assert ("2023-12-01", "month", "filed") in {(e.date, e.precision, e.stage) for e in events}


def test_two_cases_each_event_to_its_own_case(extract):
    x = extract("In Bartz v. Anthropic, Anthropic agreed to settle the lawsuit in September 2025.\n\n"
                "In Kadrey v. Meta, Judge Chhabria granted summary judgment to Meta in June 2025.",
                published=PUBLISHED)
    captions = [c.caption for c in x.cases]
    assert len(captions) == 2
    by_stage = {(e.stage, e.status): e.case for e in x.events if e.stage or e.status}
    bartz = next(i for i, c in enumerate(captions) if c.startswith("Bartz"))
    kadrey = next(i for i, c in enumerate(captions) if c.startswith("Kadrey"))
    assert by_stage[(None, "settled")] == bartz
    assert by_stage[("summary_judgment", "judgment_defendant")] == kadrey  # summary judgment granted to Meta


def test_an_event_takes_the_case_named_before_it_in_its_paragraph(extract):
    x = extract("In Bartz v. Anthropic, the authors accused Anthropic of piracy. The judge dismissed the lawsuit in May 2025.\n\n"
                "In Kadrey v. Meta, Meta appealed the ruling in June 2025.", published=PUBLISHED)
    captions = [c.caption for c in x.cases]
    dismissed = next(e for e in x.events if e.status == "dismissed")
    appealed = next(e for e in x.events if e.stage == "appeal")
    assert captions[dismissed.case].startswith("Bartz") and captions[appealed.case].startswith("Kadrey")


def test_pieces_of_a_long_text_keep_each_event_with_its_case():
    from ingest.nlp.pipeline import merge_pieces
    from ingest.nlp.types import CaseFieldX, CaseX, Evidence, EventX, Extraction

    def case(caption):
        return CaseX(caption=caption, evidence=[Evidence(0, 5, 0, 10)],
                     fields=[CaseFieldX("cause_of_action", "copyright_infringement", evidence=[Evidence(1, 2, 0, 10)])])
    first = Extraction(cases=[case("A v. B"), case("C v. D")],
                       events=[EventX(kind="ruling", what="x", evidence=[Evidence(1, 2, 0, 10)], case=1)])
    second = Extraction(cases=[case("C v. D"), case("E v. F")],
                        events=[EventX(kind="ruling", what="y", evidence=[Evidence(1, 2, 0, 10)], case=1)])
    merged = merge_pieces([(0, first), (100, second)])
    assert [c.caption for c in merged.cases] == ["A v. B", "C v. D", "E v. F"]
    assert [merged.cases[e.case].caption for e in merged.events] == ["C v. D", "E v. F"]
    assert merged.cases[2].fields[0].evidence[0].start == 101


def test_a_party_that_won_the_case_has_the_judgment(extract):
    steps = _steps(extract, "Richard Kadrey sued Meta in 2023. In Kadrey v. Meta, Meta won the lawsuit.")
    assert ("judgment", "judgment_defendant") in steps
    assert not any(s and s.startswith("judgment") for _, s in _steps(
        extract, "Richard Kadrey sued Meta in 2023. In Kadrey v. Meta, Meta could win the lawsuit."))


def test_a_granted_motion_takes_the_movants_side_and_a_granted_motion_to_dismiss_ends_the_case(extract):
    steps = _steps(extract, "In Vance v. Microsoft, the court entered an ORDER granting Defendant's Motion for "
                            "Summary Judgment.")
    assert ("summary_judgment", "judgment_defendant") in steps
    steps = _steps(extract, "In Raw Story v. OpenAI, the judge granted OpenAI's motion to dismiss the lawsuit.")
    assert ("motion_to_dismiss", "dismissed") in steps
    steps = _steps(extract, "In Kadrey v. Meta, the judge granted Meta's motion to dismiss some claims.")
    assert not any(s == "dismissed" for _, s in steps)


def test_an_appellant_appealing_from_a_judgment_puts_the_case_on_appeal(extract):
    steps = _steps(extract, "In Hachette v. Internet Archive, Internet Archive appeals from a judgment of the "
                            "district court.")
    assert ("appeal", "on_appeal") in steps


def test_a_filing_told_with_a_comma_or_in_the_plural_is_a_filing(extract):
    events = _events(extract, "Chegg sued Google. The lawsuit, filed Monday, in a federal district court, claims "
                              "that AI Overviews cut its traffic.", published=date(2025, 2, 26))
    assert ("2025-02-24", "filed") in {(e.date, e.stage) for e in events}
    events = _events(extract, "On Nov. 6, The Mainichi Shimbun also filed lawsuits with the Tokyo District Court "
                              "against the city of Gamagori.", published=date(2025, 11, 21))
    assert ("2025-11-06", "filed") in {(e.date, e.stage) for e in events}


def test_a_dismissal_with_leave_to_amend_leaves_the_case_open(extract):
    steps = _steps(extract, "In Trump v. New York Times, a federal judge on Friday tossed out the lawsuit. The judge "
                            "ruled that Trump has 28 days to file an amended complaint.")
    assert not any(s == "dismissed" for _, s in steps) and any(s == "open" for _, s in steps)
    steps = _steps(extract, "In Raw Story v. OpenAI, Judge McMahon dismissed the lawsuit.")
    assert any(s == "dismissed" for _, s in steps)


def test_a_filing_month_or_year_without_its_preposition_dates_the_filing(extract):
    published = date(2025, 3, 10)
    events = _events(extract, "In Dow Jones v. Perplexity, the case dates back to October 2024, when Dow Jones filed "
                              "suit against Perplexity.", published)
    assert ("2024-10-01", "month", "filed") in {(e.date, e.precision, e.stage) for e in events}
    events = _events(extract, "In Toronto Star v. OpenAI, a group of Canadian news outlets filed a suit against OpenAI "
                              "last November in Ontario court.", published)
    assert ("2024-11-01", "month", "filed") in {(e.date, e.precision, e.stage) for e in events}


def test_a_complaints_own_date_is_its_filing_date(extract):
    text = "Case 1:24-cv-04777 Document 1\n\nUMG Recordings, Inc. alleges that Uncharted Labs, Inc. copied its " \
           "recordings. UMG Recordings v. Uncharted Labs is a copyright case."
    x = extract(text, published="2024-06-24", kind="filing",
                title="UMG Recordings, Inc. v. Uncharted Labs, Inc. — Complaint (S.D.N.Y., filed June 24, 2024)")
    assert ("2024-06-24", "filed") in {(e.date, e.stage) for e in x.events}
    x = extract(text, published="2024-08-01", kind="filing",
                title="UMG Recordings, Inc. v. Uncharted Labs, Inc. — Answer to the Amended Complaint")
    assert ("2024-08-01", "filed") not in {(e.date, e.stage) for e in x.events}


def test_an_orders_title_shows_its_step_and_the_text_may_keep_the_case_open(extract):
    text = "THIS CAUSE comes before the Court on Defendant Google's motion. DJ Lincoln Enterprises sued Google."
    x = extract(text, published="2021-01-15", kind="opinion",
                title="DJ Lincoln Enters. v. Google, LLC — Order Granting Motion to Dismiss (S.D. Fla. Jan. 15, 2021)")
    assert ("motion_to_dismiss", "dismissed") in {(e.stage, e.status) for e in x.events}
    x = extract(text + " The court grants the motion but will allow DJ Lincoln to amend its complaint.",
                published="2021-01-15", kind="opinion",
                title="DJ Lincoln Enters. v. Google, LLC — Order Granting Motion to Dismiss")
    assert not any(e.status == "dismissed" for e in x.events)


def test_a_headline_win_gives_the_winners_side(extract):
    x = extract("The FTC sued Meta in 2020, alleging Meta illegally dominated social networking. Judge Boasberg "
                "ruled the FTC failed to prove its case.", published="2025-11-18",
                title="Meta wins FTC monopoly lawsuit over Instagram, WhatsApp purchases")
    assert any(e.status == "judgment_defendant" for e in x.events)


def test_outcomes_told_in_other_words(extract):
    assert any(s == "judgment_defendant" for _, s in _steps(
        extract, "Frank Dux sued Jean-Claude Van Damme in 1998. A jury has cleared actor Jean-Claude Van Damme of "
                 "breach of contract allegations in a lawsuit filed against him by Frank Dux."))
    assert any(s == "judgment_plaintiff" for _, s in _steps(
        extract, "GEMA sued OpenAI in Munich in 2024. In GEMA v. OpenAI, the court ruled in favor of GEMA."))
    assert any(s == "judgment_plaintiff" for _, s in _steps(
        extract, "GEMA sued OpenAI in Munich in 2024. In GEMA v. OpenAI, OpenAI suffered a defeat in the lawsuit."))
    assert any(s == "judgment_plaintiff" for _, s in _steps(
        extract, "GEMA sued OpenAI in Munich in 2024. In GEMA v. OpenAI, the court sided with GEMA."))
    assert not any(s and s.startswith("judgment") for _, s in _steps(
        extract, "ANI sued OpenAI in Delhi in 2024. In ANI v. OpenAI, publishers argued for ANI, while Flux Labs "
                 "sided with OpenAI."))
    assert ("appeal", "on_appeal") in _steps(
        extract, "In Getty Images v. Stability AI, the High Court has granted Getty Images permission to appeal.")
    assert any(s == "dismissed_with_prejudice" for _, s in _steps(
        extract, "In xAI v. OpenAI, a federal judge dismissed the lawsuit without leave to amend."))
    assert any(s == "dismissed" for _, s in _steps(
        extract, "In Raw Story v. OpenAI, the judge dismissed a copyright-infringement lawsuit against OpenAI."))


def test_a_tentative_view_and_leave_to_amend_are_no_end(extract):
    steps = _steps(extract, "In xAI v. OpenAI, the judge said she is inclined to grant OpenAI's motion to dismiss the "
                            "complaint.")
    assert not any(s and s.startswith("dismissed") for _, s in steps)
    steps = _steps(extract, "In Mobley v. Workday, the Court granted Workday's motion to dismiss the complaint, with "
                            "leave for plaintiff to amend the Complaint.")
    assert not any(s and s.startswith("dismissed") for _, s in steps)


def test_a_date_in_a_filing_sentence_that_dates_something_else_is_no_filing_date(extract):
    published = date(2025, 11, 18)
    text = ("In Starbuck v. Google, Starbuck sued Google last month, claiming its AI chatbots falsely said he "
            "attended the Jan. 6 Capitol riots. Garcia sued both companies in October after the death of her son, "
            "Sewell Setzer, in February 2024.")
    filed = {(e.date, e.precision) for e in _events(extract, text, published) if e.stage == "filed"}
    assert ("2025-10-01", "month") in filed  # "last month" dates the suit
    assert not any(d in ("2025-01-06", "2024-02-01") for d, _ in filed)  # the riot, the death


def test_a_filing_dated_in_its_sentence_keeps_its_date(extract):
    text = ("In UMG v. Udio, on October 15, 2025, a group of musicians filed a class action in federal court "
            "against Uncharted Labs. The lawsuit, filed in 2023, accuses Udio.")
    filed = {e.date for e in _events(extract, text, date(2025, 11, 1)) if e.stage == "filed"}
    assert {"2025-10-15", "2023-01-01"} <= filed


def test_a_ruling_in_a_partys_favor_and_summary_judgment_entered_for_a_side_say_who_won(extract):
    assert (None, "judgment_defendant") in _steps(extract, (
        "On Wednesday, the judge in the landmark AI copyright case Kadrey, et al. v. Meta Platforms Inc. ruled in "
        "Meta’s favor."))
    assert ("summary_judgment", "judgment_plaintiff") in _steps(extract, (
        "In Hachette v. Internet Archive, the district court rejected that defense and entered summary judgment "
        "for Plaintiffs."))
    steps = _steps(extract, "In Bartz v. Anthropic, Judge Alsup granted partial summary judgment to Anthropic.")
    assert ("summary_judgment", None) in steps  # a partial summary judgment decides no side's case
    assert not any(s and s.startswith("judgment") for _, s in steps)


def test_a_whole_case_dismissed_with_a_participle_before_its_noun(extract):
    steps = _steps(extract, "In J.L. v. Alphabet, Google successfully convinced a federal judge in San Francisco "
                            "to dismiss a proposed class action accusing the company of misusing data.")
    assert ("motion_to_dismiss", "dismissed") in steps


def test_an_amended_complaint_filed_is_no_filing_of_the_suit(extract):
    events = _events(extract, "In Dow Jones v. Perplexity, in their amended complaint, filed on December 11, the "
                              "plaintiffs have asserted copyright infringement claims against Perplexity.",
                     date(2025, 12, 20))
    assert not any(e.stage == "filed" for e in events)


def test_the_same_step_of_two_cases_of_a_text_is_an_event_of_each(extract):
    x = extract("In Kadrey v. Meta, Meta’s motion to dismiss is pending before Judge Chhabria.\n\n"
                "In Bartz v. Anthropic, the authors filed their opposition to Anthropic’s motion to dismiss.")
    captions = [c.caption for c in x.cases]
    cases = {captions[e.case] for e in x.events if e.stage == "motion_to_dismiss" and e.case is not None}
    assert cases == {"Kadrey v. Meta", "Bartz v. Anthropic"}


def test_a_step_of_a_suit_between_others_gives_the_case_no_status(extract):
    steps = _steps(extract, "In Starbuck v. Google, Google on Monday asked a Delaware state court to dismiss Robby "
                            "Starbuck’s allegations that its AI systems defamed him. Starbuck and Meta settled their "
                            "dispute in August, after which he advised the company on AI bias.",
                   date(2025, 11, 20))
    assert not any(status == "settled" for _, status in steps)  # Meta is no party of Starbuck v. Google
    assert ("motion_to_dismiss", None) in steps
    steps = _steps(extract, "GEMA sued Suno in January 2025 in Munich. On Nov. 11, the Munich Regional Court ruled "
                            "that OpenAI’s ChatGPT software infringed copyrights to compositions represented by GEMA.",
                   date(2025, 11, 20))
    assert not any(stage == "judgment" or (status or "").startswith("judgment") for stage, status in steps)


def test_a_step_naming_the_cases_defendant_or_caption_stays(extract):
    assert ("summary_judgment", "judgment_defendant") in _steps(extract, (
        "In Kadrey v. Meta, Judge Chhabria granted summary judgment to Meta in June 2025. However, Anthropic must "
        "still face trial for acquiring those books from pirate websites."))
    assert any(s == "settled" for _, s in _steps(
        extract, "In Bartz v. Anthropic, the company agreed to settle the lawsuit with the authors in September 2025."))


def test_an_appellate_court_upholding_the_decision_below_is_an_affirmed_appeal(extract):
    x = extract("The district court rejected that defense and entered summary judgment for Plaintiffs.",
                published="2024-09-04", title="Second Circuit Court of Appeals Affirms District Court Ruling in "
                                              "Hachette v. Internet Archive")
    assert ("appeal", "affirmed") in {(e.stage, e.status) for e in x.events}
    assert ("appeal", "affirmed") in _steps(extract, "In Thaler v. Perlmutter, the D.C. Circuit Court of Appeals "
                                                     "affirmed the district court's ruling on March 18, 2025.")
    assert ("appeal", None) in _steps(extract, "In Thaler v. Vidal, the Federal Circuit reversed the ruling.")


def test_a_collective_certified_and_a_trial_court_upholding_the_claims(extract):
    assert ("class_certification", None) in _steps(
        extract, "In Mobley v. Workday, Mobley’s motion for preliminary certification of the collective is GRANTED.")
    steps = _steps(extract, "In GEMA v. OpenAI, on 11 November 2025, the Regional Court of Munich I essentially "
                            "upheld GEMA’s claims for injunctive relief, information, and damages against OpenAI.",
                   date(2025, 11, 20))
    assert ("judgment", "judgment_plaintiff") in steps
    assert not any((s or "").startswith("judgment") for _, s in _steps(
        extract, "In Kadrey v. Meta, the judge allowed the claims to proceed."))


def test_a_step_on_the_way_against_a_defendant_the_caption_omits_stays(extract):
    assert ("motion_to_dismiss", "open") in _steps(extract, (
        "In Garcia v. Character Technologies, Judge Anne Conway dismissed claims against Alphabet after hearing "
        "arguments."), date(2025, 11, 20))


def test_a_filing_by_the_cases_plaintiff_with_others_keeps_its_date(extract):
    text = ("The Mainichi Shimbun sued the city of Gamagori in the Tokyo District Court. On Nov. 6, The Yomiuri "
            "Shimbun’s three headquarters and The Mainichi Shimbun also filed lawsuits with the Tokyo District Court "
            "against the city.")
    filed = {e.date for e in _events(extract, text, date(2025, 11, 21)) if e.stage == "filed"}
    assert "2025-11-06" in filed


def test_a_verdict_and_judgment_is_the_judgment_stage(extract):
    assert ("judgment", "judgment_plaintiff") in _steps(extract, (
        "Elliott sued the Macon Telegraph for libel. This is an appeal from a verdict and judgment for "
        "plaintiff-appellee Elliott in an action against defendant-appellant publishing company for libel."))


def test_a_citations_filed_date_and_a_caption_pages_date_filed_date_the_filing(extract):
    events = _events(extract, "Bartz v. Anthropic, 24-cv-05417 (N.D. Cal., filed Aug. 19, 2024). The judge approved "
                              "the settlement.")
    assert ("2024-08-19", "filed") in {(e.date, e.stage) for e in events}
    events = _events(extract, "Judge: Hon. Vince Chhabria\n\nDate Filed: March 8, 2022\nTrial Date: Not Yet Set")
    assert ("2022-03-08", "filed") in {(e.date, e.stage) for e in events}
    events = _events(extract, "OpenAI's motion to dismiss, filed on May 3, 2024, was denied in Kadrey v. Meta.")
    assert not [e for e in events if e.stage == "filed"]  # a motion's filing date is no suit's


def test_a_verb_conjoined_after_a_clause_dates_its_own_act(extract):
    events = _events(extract, 'Starbuck sued Google last month, claiming its AI chatbots generated and published '
                              '"outrageously false" information about him, including that he committed spousal abuse, '
                              'attended the Jan. 6 Capitol riots and appeared in the Jeffrey Epstein files.',
                     published=date(2025, 11, 18))
    assert {(e.date, e.precision) for e in events if e.stage == "filed"} == {("2025-10-01", "month")}
    events = _events(extract, "The Times filed suit and sought damages in December 2023.")
    assert ("2023-12-01", "filed") in {(e.date, e.stage) for e in events}


def test_a_filing_on_a_date_the_sentence_opens_with_or_a_citation_gives_keeps_it(extract):
    events = _events(extract, "What Happened\nOn May 10, 2026, Vandana Joshi, as personal representative of the estate "
                              "of Tiru Chabba, filed this initiating complaint in the Northern District of Florida "
                              "against OpenAI Foundation.", published=date(2026, 5, 20))
    assert ("2026-05-10", "filed") in {(e.date, e.stage) for e in events}
    events = _events(extract, "The plaintiff in the case, Chris Woodfield, filed a workplace discrimination and breach "
                              "of contract lawsuit on July 18th in Delaware.", published=date(2023, 8, 1))
    assert ("2023-07-18", "filed") in {(e.date, e.stage) for e in events}


def test_a_date_inside_what_the_suit_alleges_or_the_source_of_a_report_is_no_filing_date(extract):
    events = _events(extract, "Conservative activist Robby Starbuck is suing Meta, claiming its artificial intelligence "
                              "chatbot defamed him by falsely claiming that he was arrested on Jan. 6, 2021, during the "
                              "Capitol Hill protest.", published=date(2025, 4, 30))
    assert not [e for e in events if e.stage == "filed" and e.date]
    events = _events(extract, "Google and startup Character.AI have settled lawsuits filed by families accusing "
                              "chatbots of harming minors, according to court filings Wednesday.",
                     published=date(2026, 1, 8))
    assert not [e for e in events if e.stage == "filed" and e.date]
    events = _events(extract, "Reddit sued Perplexity in the Southern District of New York in Reddit, Inc. v. SerpApi "
                              "LLC et al., No. 1:25-cv-08736 (S.D.N.Y., Oct. 22, 2025), claiming that Perplexity "
                              "scraped its results.", published=date(2025, 10, 30))
    assert ("2025-10-22", "filed") in {(e.date, e.stage) for e in events}


def test_leave_to_amend_across_pleading_line_numbers_and_an_amended_pleading_to_come_leave_the_case_open(extract):
    steps = _steps(extract, "In Song Fi v. Google, the Court grants the motion to dismiss, with leave to 19 20 21 amend.")
    assert not any(s and s.startswith("dismissed") for _, s in steps) and any(s == "open" for _, s in steps)
    steps = _steps(extract, "In J.L. v. Alphabet, the judge dismissed the lawsuit. She emphasized that the amended "
                            "lawsuit should be more succinct.")
    assert not any(s and s.startswith("dismissed") for _, s in steps) and any(s == "open" for _, s in steps)


def test_a_step_that_is_the_subject_of_a_modal_is_foreseen_not_reached(extract):
    steps = _steps(extract, "In NYT v. OpenAI, OpenAI defeated parts of the lawsuit; but summary judgment will be bigger.")
    assert not any(stage == "summary_judgment" for stage, _ in steps)
    assert (None, "settled") in _steps(extract, "In Bartz v. Anthropic, the settlement would pay authors $3,000 per work.")


def test_a_movants_summary_judgment_motion_granted_in_the_passive_gives_the_movant_the_judgment(extract):
    steps = _steps(extract, "In Thaler v. Perlmutter, plaintiff’s pending motion for summary judgment is denied and "
                            "defendants’ pending cross-motion for summary judgment is granted.")
    assert ("summary_judgment", "judgment_defendant") in steps


def test_an_appeals_court_that_affirmed_the_district_courts_decision_decided_the_appeal(extract):
    steps = _steps(extract, "In Thaler v. Perlmutter, the United States Court of Appeals for the District of Columbia "
                            "Circuit reviewed the case and affirmed the district court's decision.")
    assert ("appeal", "affirmed") in steps


def test_a_judgment_given_or_entered_for_a_side_names_that_side(extract):
    assert ("judgment", "judgment_defendant") in _steps(
        extract, "In Thomson Reuters v. Ross, the court entered judgment for Ross.")
    assert ("judgment", "judgment_plaintiff") in _steps(
        extract, "In Thomson Reuters v. Ross, the court entered judgment for the plaintiffs.")
    assert ("judgment", "judgment_plaintiff") in _steps(
        extract, "In Scotch Whisky Association v. Glen Kella, Mr Justice Rattee so ruled in the Chancery Division, "
                 "giving judgment for the plaintiffs.")


def test_leave_granted_with_a_dismissal_cut_by_pleading_line_numbers_leaves_the_case_open(extract):
    steps = _steps(extract, "In Song Fi v. Google, the Court grants the motion to dismiss, with leave to 19 20 21 "
                            "BACKGROUND I. Google removed the video.")
    assert not any(s and s.startswith("dismissed") for _, s in steps) and any(s == "open" for _, s in steps)


def test_a_party_named_by_its_initials_names_its_case(extract):
    x = extract("X Corp. v. Center for Countering Digital Hate was dismissed in March 2024. X Corp. v. Bright Data was "
                "dismissed in May 2024. He is appealing the CCDH case to the Ninth Circuit.", published=PUBLISHED)
    captions = [c.caption for c in x.cases]
    appealed = next(e for e in x.events if e.stage == "appeal")
    assert "Digital Hate" in captions[appealed.case], (captions, appealed.case)


def test_a_case_named_in_an_apposition_beside_the_fact_does_not_take_it(extract):
    x = extract("In Intercept Media v. OpenAI, the publisher claims DMCA violations. In Raw Story Media v. OpenAI, the "
                "publishers claim the same.\n\nThe Intercept Media, a news publisher represented by the same firm that represents the plaintiffs in "
                "the Raw Story Media litigation, filed suit against OpenAI on February 28th, 2024.",
                published=PUBLISHED)
    captions = [c.caption for c in x.cases]
    filed = next(e for e in x.events if e.stage == "filed" and e.date == "2024-02-28")
    assert "Intercept" in captions[filed.case], (captions, filed.case)


def test_two_suits_filed_the_same_day_each_take_the_date(extract):
    x = extract("In Intercept Media v. OpenAI, the publisher claims DMCA violations. In Raw Story Media v. OpenAI, the "
                "publishers claim the same.\n\nThe Intercept Media filed suit against OpenAI on February 28th, 2024.\n\n"
                "News publishers Raw Story Media and Alternet filed suit against OpenAI and Microsoft on February 28th, "
                "2024 in the Southern District of New York.", published=PUBLISHED)
    captions = [c.caption for c in x.cases]
    filed = {captions[e.case].split()[0] for e in x.events if e.stage == "filed" and e.date == "2024-02-28"
             and e.case is not None}
    assert filed == {"Intercept", "Raw"}, [(e.date, e.case, e.what[:40]) for e in x.events]


def test_an_order_on_an_amended_complaint_leaves_the_case_open(extract):
    x = extract("A prior order dismissed the social media company's first amended complaint for failing to state a "
                "claim. Now X Corp. moves for leave to file a second amended complaint.", published=date(2024, 11, 26),
                title="X Corp. v. Bright Data Ltd. — Order re Second Amended Complaint (N.D. Cal. Nov. 26, 2024)",
                kind="order")
    assert any(e.status == "open" for e in x.events)


def test_a_case_on_one_ground_abandoned_is_a_claim_dropped_not_the_suit(extract):
    steps = _steps(extract, "In Getty Images v. Stability AI, Getty's claim failed on secondary copyright infringement "
                            "(Getty having abandoned its case on primary copyright infringement).")
    assert not any(s == "voluntarily_dismissed" for _, s in steps)
    assert any(s == "voluntarily_dismissed" for _, s in _steps(
        extract, "In Doe v. Roe, the plaintiffs dropped their lawsuit on Monday."))


def test_a_judgment_handed_down_is_the_judgment_stage(extract):
    steps = _steps(extract, "In Getty Images v. Stability AI, handing down judgment this week, Mrs Justice Joanna Smith "
                            "held Stability breached Getty's trade mark but dismissed Getty's secondary infringement claim.")
    assert any(stage == "judgment" for stage, _ in steps)


def test_a_defendant_dismissing_the_suit_in_words_is_no_dismissal(extract):
    steps = _steps(extract, "Amazon sued Perplexity in federal court. Perplexity, valued at roughly $20 billion, "
                            "dismissed the lawsuit as a power play by a dominant competitor.")
    assert not any(s and s.startswith("dismissed") for _, s in steps)
    steps = _steps(extract, "Amazon sued Perplexity in federal court. Judge Lin dismissed the lawsuit as moot.")
    assert any(s and s.startswith("dismissed") for _, s in steps)


def test_a_case_summarys_filed_label_dates_the_filing(extract):
    events = _events(extract, "Case Summary: Brewer v Otter.ai\n- Court: US District Court, Northern District of "
                              "California (5:25-cv-06911)\n- Filed: August 15\n- Judge: Hon. Eumi K. Lee\n",
                     date(2025, 8, 26))
    assert ("2025-08-15", "filed") in {(e.date, e.stage) for e in events}


def test_a_motion_to_dismiss_granted_in_part_leaves_the_case_open(extract):
    steps = _steps(extract, "Huskey v. State Farm Fire & Casualty Co., No. 22-cv-7014. For the following reasons, State "
                            "Farm's Motion to Dismiss [24] is granted in part and denied in part.")
    assert ("motion_to_dismiss", "open") in steps and not any(status == "dismissed" for _, status in steps), steps


def _corpus(extract, path):
    """A corpus document extracted as the app reads it (its header's title, date and kind)."""
    from pathlib import Path

    from ingest.nlp.evaljson import read

    meta, text = read(Path(__file__).resolve().parents[1] / "data" / path)
    return extract(text, published=meta.get("published"), title=meta.get("title", ""), kind=meta.get("kind"))


def test_starting_legal_action_or_issuing_a_claim_is_a_filing_dated_by_its_sentence(extract):
    x = _corpus(extract, "batch03/025_thespiritsbusiness_diageo_settles_stitzel_weller_trademark.txt")
    # "Allied Lomar started legal action against Diageo in 2015, arguing that ..."
    assert ("2015-01-01", "year", "filed") in {(e.date, e.precision, e.stage) for e in x.events}
    x = _corpus(extract, "batch05/016_wiggin_getty_v_stability_judgment.txt")
    # "In early 2023, Getty Images (Getty) issued a claim against Stability AI arguing that ..."
    assert ("2023-01-01", "year", "filed") in {(e.date, e.precision, e.stage) for e in x.events}

def test_a_bid_to_have_the_suit_thrown_out_is_a_motion_to_dismiss(extract):
    steps = _steps(extract, "In Allied Lomar v. Diageo, a California-based judge allowed the lawsuit to proceed in "
                            "January this year, despite Diageo's bid to have it thrown out of court.")
    assert ("motion_to_dismiss", "open") in steps



def test_a_filing_told_of_several_suits_in_the_plural_dates_each_suit_it_names(extract):
    """"In the lawsuits filed on Thursday, The Asahi Shimbun is seeking ..., while The Nikkei is seeking ... and The
    Chunichi Shimbun ..."; "On Nov. 6, The Yomiuri Shimbun's three headquarters ... and The Mainichi Shimbun also
    filed lawsuits": each newspaper's suit is filed that day."""
    x = _corpus(extract, "batch03/022_japannews_newspapers_sue_gamagori_city_copyright.txt")
    filed = {(x.cases[e.case].plaintiffs[0], e.date) for e in x.events
             if e.stage == "filed" and e.date and e.case is not None}
    assert {("The Asahi Shimbun", "2025-11-20"), ("Nikkei", "2025-11-20"), ("The Chunichi Shimbun", "2025-11-20"),
            ("The Yomiuri Shimbun", "2025-11-06"), ("The Mainichi Shimbun", "2025-11-06")} <= filed

def test_a_horizontal_bar_splits_the_words_it_joins(extract):
    events = _events(extract, "Plaintiffs-Appellees―four book publishers―sued Internet Archive in 2020, alleging "
                              "that its Free Digital Library infringes their copyrights in 127 books.")
    assert ("2020-01-01", "filed") in {(e.date, e.stage) for e in events}


def test_a_filing_a_report_opens_with_in_the_present_perfect_is_of_the_reports_month(extract):
    """"SEOUL, Jan. 14 (Korea Bizwire) — South Korea's three major terrestrial broadcasters—KBS, MBC, and SBS—have
    filed a lawsuit against tech giant Naver": filed in January 2025; not a suit the text says has been brought."""
    x = _corpus(extract, "batch16/009_koreabizwire_kbs_mbc_sbs_v_naver.txt")
    assert ("2025-01-01", "month") in {(e.date, e.precision) for e in x.events if e.stage == "filed"}
    events = _events(extract, "Authors Guild v. OpenAI has been brought by authors over their books. The authors "
                              "say OpenAI copied them.", published=date(2025, 1, 14))
    assert not any(e.stage == "filed" and e.date for e in events)


def test_an_order_granting_motions_to_dismiss_that_dismisses_a_claim_leaves_the_case_open(extract):
    """"Order Granting Motions to Dismiss" whose text "DISMISSES the CFAA claim WITHOUT LEAVE TO AMEND": "without
    leave" says how the claim went, and a claim dismissed is no case dismissed."""
    x = _corpus(extract, "batch09/022_order_sylabs_v_rose_motions_to_dismiss.txt")
    steps = {(e.stage, e.status) for e in x.events if e.stage or e.status}
    assert ("motion_to_dismiss", "open") in steps and not any(s and s.startswith("dismissed") for _, s in steps)


def test_a_motion_to_compel_arbitration_is_the_motion_to_dismiss_step_without_a_status(extract):
    x = _corpus(extract, "batch10/004_order_flora_v_prisma_labs_compel_arbitration.txt")
    # "Flora v. Prisma Labs. — Order Granting Motion to Compel Arbitration (N.D. Cal. Aug. 8, 2023)"
    assert ("2023-08-08", "motion_to_dismiss", None) in {(e.date, e.stage, e.status) for e in x.events}


def test_a_filing_in_an_undated_text_takes_the_year_of_the_latest_date_it_prints(extract):
    """"Garcia sued both companies in October after the death of her son, Sewell Setzer, in February 2024." (no
    publication date): October 2024."""
    x = _corpus(extract, "batch10/019_daily8_reuters_google_character_ai_must_face_garcia_lawsuit.txt")
    assert ("2024-10-01", "month") in {(e.date, e.precision) for e in x.events if e.stage == "filed"}


def test_a_european_date_and_proceedings_initiated_date_the_filing(extract):
    """"Following a preliminary examination as part of the summary proceedings initiated on 12.05.2025, ..."."""
    x = _corpus(extract, "batch12/015_heinrich_ip_olg_cologne_meta_may_use_public_data_ai_training.txt")
    assert ("2025-05-12", "day") in {(e.date, e.precision) for e in x.events if e.stage == "filed"}


def test_complaints_filed_by_the_plaintiff_of_every_suit_date_each_suit(extract):
    """"Justice said in the complaints, filed in New York and Massachusetts federal courts Friday": Justice v. Udio
    and Justice v. Suno were both filed that day."""
    x = _corpus(extract, "batch13/005_law360_tony_justice_sues_suno_udio.txt")
    filed = {(x.cases[e.case].defendants[0], e.date) for e in x.events
             if e.stage == "filed" and e.date and e.case is not None}
    assert {("Udio", "2025-06-13"), ("Suno", "2025-06-13")} <= filed


def test_a_text_that_names_no_case_still_tells_its_steps(extract):
    x = extract("News Corp's Dow Jones and the New York Post sued the startup in 2024. Perplexity's motion said it "
                "asked the publishers during discovery to provide all exchanges.")
    assert not x.cases and any(e.stage == "discovery" for e in x.events), [(e.stage, e.status) for e in x.events]


def test_a_partial_or_procedural_win_in_a_headline_is_no_judgment(extract):
    """"OpenAI Lands Partial Win in Trademark Lawsuit Against Same-Named Co.", "Pollock Cohen Achieves Crucial
    Judicial Wins in Voice Cloning Lawsuit Against Lovo": rulings on motions, not the judgment."""
    x = _corpus(extract, "batch08/023_thirdnews_pollock_cohen_wins_lovo_voice_cloning.txt")
    assert not any(e.stage == "judgment" or (e.status or "").startswith("judgment") for e in x.events), \
        [(e.what[:60], e.stage, e.status) for e in x.events]
    for title in ("OpenAI Lands Partial Win in Trademark Lawsuit Against Same-Named Co.",
                  "Meta wins FTC monopoly lawsuit"):
        x = extract("OpenAI sued Open Artificial Intelligence in 2023. Meta was sued by the FTC.", title=title)
        judged = any(e.stage == "judgment" and e.what == title for e in x.events)
        assert judged == title.startswith("Meta"), title


def test_a_step_a_plan_verb_governs_above_a_request_verb_is_not_reached(extract):
    """"We eagerly anticipate moving forward to the discovery phase": "move" reads as a request, but the
    anticipation above it makes it a plan."""
    x = _corpus(extract, "batch08/023_thirdnews_pollock_cohen_wins_lovo_voice_cloning.txt")
    assert not any(e.stage == "discovery" for e in x.events)
    assert ("motion_to_dismiss", None) in _steps(extract, "OpenAI moved to dismiss the case on Monday.")
    assert not _steps(extract, "OpenAI plans to ask the court to dismiss the case.")


def test_only_a_court_a_judge_or_a_jury_siding_with_a_party_decides(extract):
    x = _corpus(extract, "batch07/003_timesnow_delhi_hc_reserves_order_ani_v_openai.txt")
    # "... IGAP Project LLP sided with OpenAI": interveners, no ruling
    assert not any(e.stage == "judgment" for e in x.events)
    steps = _steps(extract, "In Smith v. Acme, Judge Lin sided with Acme on Monday.")
    assert ("judgment", "judgment_defendant") in steps, steps


@pytest.mark.parametrize("path,date_", [
    ("batch11/017_order_in_re_openai_preservation_output_logs.txt", "2025-05-13"),  # its title: "Order on
    # preservation of output log data"
    ("dev/030_order_andersen_v_stability_expert_access.txt", "2025-07-14"),  # "Order prohibiting plaintiffs from
    # sharing defendants' highly confidential-designated materials with their chosen expert"
])
def test_preservation_and_protective_orders_are_discovery(extract, path, date_):
    x = _corpus(extract, path)
    assert (date_, "discovery") in {(e.date, e.stage) for e in x.events}, [(e.date, e.stage) for e in x.events]


def test_a_step_after_a_sentence_naming_two_cases_belongs_to_the_case_it_names_first(extract):
    """"US District Judge Rita Lin ... ruled on Monday that xAI failed to show OpenAI induced former xAI senior
    engineer Xuechen Li to divulge ... . Lin dismissed the case with prejudice": xAI v. OpenAI's end, not that of
    xAI's separate suit against Li."""
    x = _corpus(extract, "batch09/006_endzone247_xai_trade_secret_suit_dismissed_with_prejudice.txt")
    ends = [x.cases[e.case] if e.case is not None else x.cases[0] for e in x.events
            if e.status == "dismissed_with_prejudice"]
    assert ends and all("OpenAI" in c.defendants for c in ends), [(c.caption, c.defendants) for c in ends]


def test_a_party_that_agrees_to_dismiss_its_suit_dismissed_it_voluntarily(extract):
    assert (None, "voluntarily_dismissed") in _steps(
        extract, "In SEC v. Gemini, the SEC agreed to dismiss the lawsuit against Gemini on Friday.")
    assert ("motion_to_dismiss", "dismissed") in _steps(
        extract, "In Smith v. Acme, the judge agreed to dismiss the lawsuit on Friday.")


def test_a_plaintiffs_notice_of_dismissal_is_a_voluntary_dismissal(extract):
    """"The plaintiff Alessandro De La Torre on Thursday filed a notice of dismissal without prejudice"."""
    x = _corpus(extract, "batch20/001_thestar_de_la_torre_v_linkedin_dismissed.txt")
    steps = {(e.stage, e.status) for e in x.events if e.stage or e.status}
    assert (None, "voluntarily_dismissed") in steps and not any(st == "motion_to_dismiss" for st, _ in steps), steps


def test_jurisdictional_discovery_is_the_motion_to_dismiss_step(extract):
    """"The Court then granted a motion for jurisdictional discovery" (Getty's Delaware case, before the merits)."""
    x = _corpus(extract, "batch20/009_ipde_getty_images_v_stability_ai_delaware_voluntary_dismissal.txt")
    assert not any(e.stage == "discovery" for e in x.events)


def test_a_tribunal_that_allows_a_claim_gives_judgment_to_the_claimant(extract):
    """"I mostly allow Mr. Moffatt's claim." (BC Civil Resolution Tribunal, Moffatt v. Air Canada)."""
    x = _corpus(extract, "batch20/017_canlii_moffatt_v_air_canada_bccrt_decision.txt")
    assert any(e.stage == "judgment" and e.status == "judgment_plaintiff" for e in x.events), \
        [(e.stage, e.status) for e in x.events]


def test_a_circuit_that_accepted_an_argument_decided_an_appeal(extract):
    """"The Second Circuit bought the transformative use argument" (Authors Guild v. Google, as a report recalls it)."""
    x = _corpus(extract, "batch07/007_schottpc_britannica_merriam_webster_sued_openai.txt")
    assert any(e.stage == "appeal" for e in x.events)


def test_a_consolidated_litigations_paper_shows_its_step_for_the_consolidated_case_and_the_member(extract):
    """"In re OpenAI, Inc. Copyright Infringement Litigation (The New York Times Company v. Microsoft Corporation et
    al.) — Order on preservation of output log data": the MDL's step as well as The Times's suit's."""
    x = _corpus(extract, "batch11/017_order_in_re_openai_preservation_output_logs.txt")
    told = {x.cases[e.case].caption.split(",")[0] for e in x.events
            if e.stage == "discovery" and e.date == "2025-05-13" and e.case is not None}
    assert told == {"In re OpenAI", "New York Times Company v. Microsoft Corporation"}, told


@pytest.mark.parametrize("path", ["batch18/018_particlenews_musk_testimony_xai_distilled_openai.txt",
                                  "batch18/009_aibase_yin_v_beijing_xiaowen_ai_voice.txt"])
def test_a_witness_testifying_in_court_and_a_court_convening_to_hear_the_case_are_its_trial(extract, path):
    """"Musk, testifying Thursday in a California federal court, said ..."; "the Beijing Internet Court convened a
    five-member collegiate bench for the first time to publicly hear the nation's first case of AI voice
    infringement"."""
    x = _corpus(extract, path)
    assert any(e.stage == "trial" for e in x.events), [(e.stage, e.what[:50]) for e in x.events]


@pytest.mark.parametrize("path", ["batch21/005_pln_baker_v_cvs_lie_detector_settlement.txt",
                                  "batch21/010_nope_peralta_v_character_ai_colorado.txt"])
def test_a_headline_or_a_trackers_tag_that_says_the_suit_settled_settles_it(extract, path):
    """"CVS Settles Prospective Employee Lie Detector Lawsuit" (a headline's suit without its article); "Critical
    Credible Involves Minor Lawsuit Settled" (a case tracker's tags)."""
    x = _corpus(extract, path)
    assert any(e.status == "settled" for e in x.events), [(e.stage, e.status, e.what[:50]) for e in x.events]


def test_a_verdict_named_by_its_side_and_the_judgment_it_results_in(extract):
    steps = _steps(extract, "On Saturday a Jasper County jury rendered a plaintiff verdict in an insurance trial in "
                            "Millsaps v. Allstate Insurance Co. The jury's verdict results in a $1.9 million judgment.")
    assert ("trial", "judgment_plaintiff") in steps and ("judgment", None) in steps
    assert ("trial", "judgment_defendant") in _steps(extract, "In Doe v. Acme, the jury returned a defense verdict.")


def test_a_law_struck_down_is_a_judgment_for_the_challenger(extract):
    assert ("judgment", "judgment_plaintiff") in _steps(
        extract, "In Kohls v. Bonta, Judge John Mendez struck down the law in its entirety.")
    assert ("judgment", "judgment_plaintiff") in _steps(
        extract, "Kohls v. Bonta: Federal Judge Strikes Down California's Unconstitutional Deepfake Law")
    assert not any(status == "judgment_plaintiff" for _, status in _steps(
        extract, "In Acme v. Beta, the judge struck down the patent claims as invalid."))


def test_a_jurys_ruling_in_favour_of_a_party_is_its_verdict(extract):
    assert ("trial", "judgment_defendant") in _steps(
        extract, "In Moses v. Smalley, the news comes on the heels of a Forsyth County jury's ruling Friday in favor "
                 "of Ken and Kathy Smalley.")


def test_an_appeal_turned_down_whose_appellant_is_named_is_a_judgment_against_it(extract):
    assert ("appeal", "judgment_defendant") in _steps(
        extract, "In Thaler v Comptroller-General of Patents, the Supreme Court unanimously dismissed Dr Stephen "
                 "Thaler's appeal against the Comptroller's decision.")
    assert ("appeal", "judgment_defendant") in _steps(
        extract, "In Kneschke v. LAION, the Plaintiff then appealed to the Higher Regional Court. The court dismissed "
                 "the photographer's appeal, confirming that the dataset did not infringe copyright.")
    assert ("appeal", "affirmed") in _steps(extract, "In Park v. Kim, the dismissal was affirmed.")
    # the judgment upheld says whose it was: a respondent answers as a defendant does (st23)
    assert ("appeal", "judgment_defendant") in _steps(
        extract, "In Noland v. Land of the Free, L.P., the court affirmed summary judgment for the respondent.")


def test_a_settlement_named_as_existing_under_a_modal_is_reached(extract):
    text = "EEOC sued iTutorGroup in 2022. {}"
    assert (None, "settled") in _steps(extract, text.format("The settlement must be approved by a federal judge."))
    assert (None, "settled") not in _steps(extract, text.format("A settlement could be reached by the summer."))
    assert (None, "settled") not in _steps(extract, text.format("The settlement was rejected by the judge."))


def test_a_settlement_one_of_several_defendants_made_is_no_settlement_of_the_case(extract):
    partial = _steps(extract, "The SEC sued Gemini Trust and Genesis Global Capital in January 2023, alleging the "
                              "companies sold unregistered securities. Friday's filing noted that Genesis had already "
                              "settled with the SEC, agreeing to pay a $21 million fine.")
    assert not any(status == "settled" for _, status in partial)
    whole = _steps(extract, "Andrea Bartz sued Anthropic in 2024 in Bartz v. Anthropic. Anthropic agreed to settle "
                            "the lawsuit for $1.5 billion.")
    assert any(status == "settled" for _, status in whole)


def test_an_appeals_court_that_has_affirmed_decided_the_appeal(extract):
    assert ("appeal", "affirmed") in _steps(
        extract, "In IYO v. OpenAI, the Ninth U.S. Circuit Court of Appeals has affirmed an order temporarily "
                 "blocking OpenAI from using the name IO.")
    assert not _steps(extract, "In Doe v. Acme, the Court of Appeals will hear the case in May.")
    assert not any(stage == "appeal" for stage, _ in _steps(  # a precedent the court below cites, no appeal of it
        extract, "In X Corp. v. Bright Data, the judge noted: Our court of appeals has held that social media "
                 "companies cannot decide who can collect public data."))


def test_a_default_judgment_entered_is_the_plaintiffs_not_one_asked_for(extract):
    assert ("judgment", "judgment_plaintiff") in _steps(
        extract, "In the civil case brought by the League of Women Voters against Steve Kramer, the judge entered a "
                 "default judgement after Kramer failed to appear in court.")
    assert not any(stage == "judgment" for stage, _ in _steps(
        extract, "The League of Women Voters asked the court for a default judgment against Steve Kramer."))
    assert not any(stage == "judgment" for stage, _ in _steps(
        extract, "UNITED STATES DISTRICT COURT MIDDLE DISTRICT OF FLORIDA ORLANDO DIVISION ESTATE OF GREGORY V. FAULL, "
                 "Plaintiff, v. Case No: 6:13-cv-1746-Orl-31KRS JOHN MCAFEE, Defendant. ORDER This matter comes before "
                 "the Court on Plaintiff’s Motion to Set Pre-Trial Conference or Jury Trial for Proof of Damages as to "
                 "Defendant McAfee and to Extend the Date to Enter a Default Judgment (Doc. 50), which was filed on June "
                 "16, 2015. A clerk’s default was entered against the Defendant, John McAfee (“McAfee”), on January 27, "
                 "2014.", published=date(2015, 10, 16)))
