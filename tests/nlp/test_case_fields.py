"""Per-case fields: each fact a text prints goes to its own case (court, jurisdiction, docket, judge, full caption,
class action); judges are full names; caption sides are parties."""
import re

from ingest.nlp import captions, case_fields
from ingest.nlp.types import CaseX, Evidence


def values(case, field):
    return [f.value for f in case.fields if f.field == field]


def _case(caption, text, plaintiffs=(), defendants=()):
    start = text.index(caption)
    return CaseX(caption=caption, plaintiffs=list(plaintiffs), defendants=list(defendants),
                 evidence=[Evidence(start, start + len(caption), 0, 0)])


def _sents(text):
    """Sentence bounds: a full stop after a word of three or more small letters ("court. ", not "No. ", "U.S. ")."""
    cuts = [0] + [m.end() for m in re.finditer(r"(?<=[a-z]{3}\.)\s", text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def test_two_cases_each_get_their_own_facts():
    text = ("Bartz v. Anthropic, No. 3:24-cv-05417-WHA, is before U.S. District Judge William Alsup in San Francisco "
            "federal court. In Kadrey v. Meta, No. 3:23-cv-03417-VC, Judge Vince Chhabria ruled for Meta. "
            "Chhabria quoted Judge William Alsup at length.")
    bartz, kadrey = _case("Bartz v. Anthropic", text), _case("Kadrey v. Meta", text)
    hits = captions.dockets(text)
    case_fields.fill(text, [bartz, kadrey], [], _sents(text), hits)
    assert bartz.docket_numbers == ["3:24-cv-05417-WHA"] and kadrey.docket_numbers == ["3:23-cv-03417-VC"]
    assert values(bartz, "court") == ["cand"] and bartz.court == "N.D. Cal."
    assert [f.confidence for f in bartz.fields if f.field == "court"] == [case_fields.SENTENCE]
    assert values(bartz, "jurisdiction") == ["us-federal"]
    assert values(kadrey, "court") == [], "the court named in Bartz's sentence is not Kadrey's"
    assert bartz.judge == "William Alsup" and values(bartz, "judge") == ["William Alsup"]
    # Alsup is quoted in Kadrey's paragraph, but Kadrey's docket is -VC: Alsup is not its judge
    assert values(kadrey, "judge") == ["Vince Chhabria"] and kadrey.judge == "Vince Chhabria"


def test_one_case_takes_every_fact_and_each_field_has_its_evidence():
    text = "Authors filed a putative class action, Tremblay v. OpenAI, No. 23-cv-03223 (N.D. Cal.)."
    case = _case("Tremblay v. OpenAI", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert values(case, "class_action") == ["true"]
    assert values(case, "docket_number") == ["23-cv-03223"]
    [court] = [f for f in case.fields if f.field == "court"]
    assert court.value == "cand" and text[court.evidence[0].start:court.evidence[0].end] == "N.D. Cal."


def test_a_precedent_citation_gives_no_court():
    text = "Musk v. OpenAI turns on Manzarek, 519 F.3d 1025 (9th Cir. 2008)."
    case = _case("Musk v. OpenAI", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert values(case, "court") == []


def test_judge_names_are_full_names_never_fragments():
    text = ("Judge Rules U.S. Copyright Office Can Weigh In. Magistrate Judge Lisa J. Cisneros's July order stands. "
            "Judge Cisneros wrote that. Judge Smith agreed. Judge Araceli Martínez-Olguín's order followed.")
    case = _case("Judge Rules", text)  # any anchor: one case takes every fact
    case_fields.fill(text, [case], [], _sents(text), [])
    judges = values(case, "judge")
    assert "Araceli Martínez-Olguín" in judges
    assert not any(j.startswith("Rules") or "July" in j or j == "Smith" or "’s" in j or "'s" in j for j in judges)
    assert "Lisa J. Cisneros" not in judges, "a magistrate judge is not the presiding judge"


def test_signature_line_and_docket_initials():
    text = "Greenspan v. Qazi, No. 3:24-cv-01234-JD\nORDER\nIT IS SO ORDERED.\nJAMES DONATO, UNITED STATES DISTRICT JUDGE"
    case = _case("Greenspan v. Qazi", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert case.judge == "James Donato"


def test_initials_match_names():
    assert case_fields.matches_suffix("William Alsup", "WHA")
    assert case_fields.matches_suffix("Vince Chhabria", "VC")
    assert case_fields.matches_suffix("Araceli Martínez-Olguín", "AMO")
    assert case_fields.matches_suffix("Yvonne Gonzalez Rogers", "YGR")
    assert not case_fields.matches_suffix("Vince Chhabria", "WHA")


def test_caption_sides_that_are_no_party():
    assert captions.party_side("MiniMax-M1") == "MiniMax", "a model's maker is the party"
    assert captions.party_side("Hailuo") == "MiniMax"
    assert captions.party_side("Northern District of California") is None
    assert captions.party_side("Supreme Court") is None
    assert captions.party_side("Susman Godfrey LLP") is None, "a law firm"
    assert captions.party_side("ORDER GRANTING") is None, "a heading"
    assert captions.party_side("It") is None and captions.party_side("the company") is None
    assert captions.party_side("Internet Archive Note") == "Internet Archive"
    assert captions.party_side("GITHUB Court Filing") == "GITHUB"
    assert captions.party_side("xAI") == "xAI" and captions.party_side("J.L") == "J.L"


def test_full_caption_as_printed():
    text = "The case is Kadrey, et al. v. Meta Platforms, Inc., No. 3:23-cv-03417."
    [(left, right, start, end)] = captions.explicit(text)
    assert captions.full_caption(text, left, start, end) == "Kadrey, et al. v. Meta Platforms, Inc."
    assert captions.block_caption(["Paul Tremblay", "Sarah Silverman"], ["OpenAI, Inc."]) == \
        "Paul Tremblay, et al. v. OpenAI, Inc."


def test_pipeline_model_named_side_and_fields(extract):
    x = extract("Disney v. MiniMax-M1 was filed in federal court in Los Angeles. Disney sued MiniMax over its "
                "video generator, the lawsuit says.")
    captions_found = [c.caption for c in x.cases]
    assert "Disney v. MiniMax-M1" not in captions_found
    assert "Disney v. MiniMax" in captions_found
    case = x.cases[captions_found.index("Disney v. MiniMax")]
    assert values(case, "court") == ["cacd"] and case.court == "C.D. Cal."


def test_initials_in_parentheses_are_the_judges_unless_they_follow_the_judges_own():
    text = "Olivet University v. Newsweek, 23 Civ. 5670 (NRB). Judge Naomi Reice Buchwald dismissed it."
    case = _case("Olivet University v. Newsweek", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert case.judge == "Naomi Reice Buchwald"
    text = "Kadrey v. Meta, No. 23-cv-03417-VC (TSH). Judge Thomas Hixson ruled on discovery."
    case = _case("Kadrey v. Meta", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert "Thomas Hixson" not in values(case, "judge"), "TSH after -VC is the magistrate judge's"
    # VC, and no judge of the case named: the one gazetteer judge of those initials, less surely
    assert [(f.value, f.confidence) for f in case.fields if f.field == "judge"] == \
        [("Vince Chhabria", case_fields.INITIALS_ONLY)]


def test_a_list_of_captions_shares_the_court_of_its_sentence():
    text = ("The current cases — Cedric Lacey et al. v. OpenAI Inc., Karen Enneking et al. v. OpenAI Inc., and Jacob "
            "Lee Irwin v. OpenAI Inc. — are filed in the Superior Court of California, County of San Francisco.")
    cases = [_case(c, text) for c in ("Cedric Lacey et al. v. OpenAI Inc.", "Karen Enneking et al. v. OpenAI Inc.",
                                      "Jacob Lee Irwin v. OpenAI Inc.")]
    case_fields.fill(text, cases, [], _sents(text), [])
    assert [values(c, "court") for c in cases] == [["calsuperct"]] * 3


def test_the_first_court_a_document_gives_its_case_outvotes_a_later_one():
    text = ("United States District Court for the Northern District of California. Emily Lyons filed this federal "
            "action eighteen days after a substantively identical complaint was filed in San Francisco Superior Court.")
    case = _case("Emily Lyons", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    conf = {f.value: f.confidence for f in case.fields if f.field == "court"}
    assert conf["cand"] > conf["calsuperct"] and case.court == "N.D. Cal."


def test_a_judges_surname_inside_a_hyphenated_name_is_no_judge():
    text = "Lyons v. OpenAI: Emily Lyons, as representative of Stein-Erik Soelberg's estate, sued OpenAI."
    case = _case("Lyons v. OpenAI", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert values(case, "judge") == []


def test_signature_line_with_a_title_in_small_letters():
    text = "Dow Jones v. Juwai\nOPINION & ORDER\nMARGARET T. OLDHAM, U.S. District Judge.\nPlaintiffs seek relief."
    case = _case("Dow Jones v. Juwai", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert case.judge == "Margaret T. Oldham"


def test_a_heading_of_consolidated_actions_pairs_numbers_and_captions_in_order():
    text = ("United States District Court, S.D. New York\n\n"
            "23-CV-8292 (SHS) 23-CV-10211 (SHS) 24-CV-84 (SHS) 23-CV-11195 (SHS)\n\n"
            "04-01-2024\n\nAUTHORS GUILD, Plaintiffs, v. OPENAI, Defendants. JONATHAN ALTER, Plaintiffs, v. OPEN AI, "
            "Defendants. NICHOLAS BASBANES, Plaintiffs, v. MICROSOFT, Defendants.\n\nOPINION")
    cases = [_case(c, text) for c in ("AUTHORS GUILD, Plaintiffs, v. OPENAI", "JONATHAN ALTER, Plaintiffs, v. OPEN AI",
                                      "NICHOLAS BASBANES, Plaintiffs, v. MICROSOFT")]
    case_fields.fill(text, cases, [], _sents(text), captions.dockets(text))
    assert [c.docket_numbers for c in cases] == [["23-CV-8292"], ["23-CV-10211"], ["24-CV-84"]], \
        "the fourth number's caption is no case here: its number goes to none of the others"
    assert [values(c, "court") for c in cases] == [["nysd"]] * 3, "the heading's court is each action's"


def test_a_record_citation_of_a_case_the_sentence_does_not_name_gives_no_docket():
    text = ("In re OpenAI Copyright Litigation, No. 25-md-3143, is pending in court. New York Times v. Microsoft, "
            "No. 23-cv-11195, is one of its cases.\n\nThe transcript is located at 23-cv-8292, ECF No. 327, and 24-cv-00084, ECF 135.")
    in_re, nyt = _case("In re OpenAI Copyright Litigation", text), _case("New York Times v. Microsoft", text)
    case_fields.fill(text, [in_re, nyt], [], _sents(text), captions.dockets(text))
    assert in_re.docket_numbers == ["25-md-3143"] and nyt.docket_numbers == ["23-cv-11195"]


def test_surname_first_signature_and_a_cited_trial_judge():
    text = ("Wadsworth v. Walmart Inc.\nFebruary 24, 2025\n\nRankin, Kelly H., United States District Judge\n\n"
            "ORDER ON SANCTIONS")
    case = _case("Wadsworth v. Walmart Inc.", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert case.judge == "Kelly H. Rankin"
    appeal = ("Hachette v. Internet Archive. Defendant Internet Archive appeals from a judgment of the United States "
              "District Court for the Southern District of New York (Koeltl, J.) granting summary judgment.")
    case = _case("Hachette v. Internet Archive", appeal)
    case_fields.fill(appeal, [case], [], _sents(appeal), [])
    assert values(case, "judge") == ["Koeltl"]


def test_a_surname_alone_is_a_judge_only_when_the_text_calls_it_one_more_than_once():
    twice = ("O'Nan v. Databricks goes on. In August, Judge Breyer dismissed the first claims as too vague. "
             "On Monday Judge Breyer denied both motions.")
    case = _case("O'Nan v. Databricks", twice)
    case_fields.fill(twice, [case], [], _sents(twice), [])
    assert values(case, "judge") and set(values(case, "judge")) == {"Breyer"}
    once = "O'Nan v. Databricks goes on. Judge Breyer dismissed the first claims as too vague."
    case = _case("O'Nan v. Databricks", once)
    case_fields.fill(once, [case], [], _sents(once), [])
    assert values(case, "judge") == []
    headline = "Judge Slams OpenAI\nJudge Slams OpenAI Over Logs\nOpenAI v. Doe continues."
    case = _case("OpenAI v. Doe", headline)
    case_fields.fill(headline, [case], [], _sents(headline), [])
    assert values(case, "judge") == []



def test_a_number_after_this_document_relates_to_is_the_member_cases_not_the_in_res():
    """The MDL's order: "IN RE: OPENAI, INC., COPYRIGHT INFRINGEMENT LITIGATION ... This Document Relates To:
    23-cv-11195 ... 25-md-3143 (SHS) (OTW)", its pages headed "Case 1:23-cv-11195-SHS-OTW"."""
    from pathlib import Path

    from ingest.nlp import pipeline
    from ingest.readers.detect import read_text

    path = Path(__file__).resolve().parents[1] / "data" / "batch11" / "017_order_in_re_openai_preservation_output_logs.txt"
    read = read_text(path.read_bytes())
    x = pipeline.extract(read.text, title=read.title, published=read.published_at, kind="order")
    by_caption = {c.caption.lower()[:5]: c for c in x.cases}
    assert by_caption["in re"].docket_numbers == ["25-md-3143"], "the MDL keeps its own number, not its member's"
    assert by_caption["new y"].docket_numbers == ["23-cv-11195"]


def test_a_judges_generational_suffix_is_no_surname():
    text = "Benessere v. Swider\n24-CV-21104-RAR\nORDER GRANTING IN PART DEFENDANTS' MOTION TO DISMISS\n" \
           "RODOLFO A. RUIZ II UNITED STATES DISTRICT JUDGE.\nTHIS CAUSE comes before the Court."
    case = _case("Benessere v. Swider", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert case.judge == "Rodolfo A. Ruiz II"  # its initials fit the docket's -RAR
    assert case_fields.initials("Rodolfo A. Ruiz II") == ("R", "R")
    assert case_fields.matches_suffix("Rodolfo A. Ruiz II", "RAR")


def test_a_court_papers_heading_names_its_court_before_a_court_its_first_lines_name():
    text = ("Getty Images v. Stability AI\nMOTION to Transfer Case to Northern District of California - filed by "
            "Stability AI.\nIN THE UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF DELAWARE\nGETTY IMAGES (US), "
            "INC., Plaintiff, v. STABILITY AI, LTD., Defendants.")
    case = _case("Getty Images v. Stability AI", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert case_fields._best(case, "court") == "ded"
    text = ("Thaler v. Perlmutter\nON APPEAL FROM THE UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA\n"
            "Before the D.C. Circuit.")
    case = _case("Thaler v. Perlmutter", text)
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    assert case_fields._best(case, "court") == "dcd"  # the first printed: the court appealed from is no heading
    assert not any(case_fields._heading(text, f) for f in case.fields if f.field == "court")


def test_a_court_a_motion_asks_to_transfer_the_case_to_is_not_yet_its_court():
    text = ("In Dow Jones v. Perplexity, Perplexity asked to dismiss or, in the alternative, to transfer this action to "
            "the Northern District of California. The U.S. District Court for the Southern District of New York denied it.")
    case = _case("Dow Jones v. Perplexity", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert case_fields._best(case, "court") == "nysd"
    done = "Concord v. Anthropic was later transferred to the Northern District of California."
    case = _case("Concord v. Anthropic", done)
    case_fields.fill(done, [case], [], _sents(done), [])
    assert case_fields._best(case, "court") == "cand"


def test_an_in_re_case_is_in_the_court_of_the_heading_that_serves_it():
    text = ("SOUTHERN DISTRICT OF NEW YORK\nNew York Times Company v. Microsoft Corporation is a member case. "
            "The order is entered in In re OpenAI, Inc., Copyright Infringement Litigation today.")
    inre = _case("In re OpenAI, Inc., Copyright Infringement Litigation", text)
    member = _case("New York Times Company v. Microsoft Corporation", text)
    case_fields.fill(text, [inre, member], [], _sents(text), [])
    assert values(member, "court") == ["nysd"] and values(inre, "court") == ["nysd"]
    news = "In re OpenAI, Inc., Copyright Infringement Litigation goes on. The Times sued in the Southern District of New York."
    inre = _case("In re OpenAI, Inc., Copyright Infringement Litigation", news)
    other = CaseX(caption="New York Times v. Microsoft", evidence=[Evidence(news.index("The Times"), news.index(" sued"), 0, 0)])
    case_fields.fill(news, [inre, other], [], _sents(news), [])
    assert values(inre, "court") == []  # a court named in a story's sentence is no heading


def test_a_federal_suit_with_no_court_named_is_us_federal():
    from ingest.nlp import pipeline

    x = pipeline.extract("A Minnesota solar company, Wolf River Electric, is suing Google for defamation in federal "
                         "court, claiming its AI Overview lied about it.")
    assert [(f.field, f.value) for c in x.cases for f in c.fields if f.field == "jurisdiction"] == [
        ("jurisdiction", "us-federal")]
    y = pipeline.extract("A Minnesota solar company, Wolf River Electric, is suing Google for defamation, claiming "
                         "its AI Overview lied about it.")
    assert not [f for c in y.cases for f in c.fields if f.field == "jurisdiction"]


def test_a_number_printed_for_another_suit_named_in_words_is_not_this_case_s():
    from ingest.nlp import pipeline

    x = pipeline.extract("Warner Bros. Discovery sued Midjourney in September. On September 5, the court filed a "
                         "document under the Disney matter (Case 2:25-cv-05275) saying that this action is related to "
                         "Warner Bros. Discovery's suit, Case No. 2:25-cv-08376.")
    numbers = [n for c in x.cases for n in c.docket_numbers]
    assert "2:25-cv-08376" in numbers and "2:25-cv-05275" not in numbers, [(c.caption, c.docket_numbers) for c in x.cases]


def test_a_court_papers_title_citing_its_court_gives_the_court_the_text_never_names():
    from ingest.nlp import pipeline

    ex = pipeline.extract("Speaker 05: in number 21, 2347, Thaler against Vidal. Speaker 02: May it please the court, "
                          "counsel for appellant Stephen Thaler.", kind="transcript",
                          title="Thaler v. Vidal, No. 21-2347 (Fed. Cir.) — oral argument transcript")
    assert [(c.caption, c.court) for c in ex.cases] == [("Thaler v. Vidal", "Fed. Cir.")]
    assert ("court", "cafc") in {(f.field, f.value) for f in ex.cases[0].fields}


def test_a_case_summary_s_judge_label_names_the_judge(extract):
    x = extract("Case Summary: Harper v. Sirius XM Radio\n- Court: U.S. District Court, Eastern District of Michigan "
                "(2:25-cv-12403)\n- Filed: August 4, 2025\n- Judge: Hon. Terrence G. Berg\n- Complaint: Available by "
                "clicking here")
    assert [c.judge for c in x.cases] == ["Terrence G. Berg"], [(c.caption, c.judge) for c in x.cases]


def test_an_opinions_author_line_names_its_judge():
    text = ("Tim D. Hemingway, W. W. Hemingway, for appellee.\n\nQUILLIAN, Presiding Judge.\n\nThis is an appeal from "
            "a verdict and judgment for plaintiff-appellee Elliott in an action against defendant-appellant "
            "publishing company for libel in MacOn Telegraph Publishing Co. v. Elliott.")
    case = _case("MacOn Telegraph Publishing Co. v. Elliott", text)
    case_fields.fill(text, [case], [], _sents(text), [])
    assert case.judge == "Quillian"


def test_a_report_of_an_appeal_gives_the_case_the_court_appealed_from():
    """A post on the Second Circuit's ruling quoting it: Hachette v. Internet Archive is the Southern District of
    New York's case (the appeal is its stage, not its court)."""
    text = ("Second Circuit Court of Appeals Affirms District Court Ruling in Hachette v. Internet Archive. "
            "Defendant-Appellant Internet Archive appeals from a judgment of the United States District Court for "
            "the Southern District of New York (Koeltl, J.) denying its motion.")
    case = _case("Hachette v. Internet Archive", text, ["Hachette"], ["Internet Archive"])
    case_fields.fill(text, [case], [], _sents(text), [])
    assert case.court == "2d Cir."  # the first court printed, as it reads
    case_fields.trial_court_first([case])
    assert case.court == "S.D.N.Y." and case_fields._best(case, "court") == "nysd"
    assert case.judge == "Koeltl"


def test_a_court_of_several_suits_no_case_of_its_own_names_is_each_cases():
    text = ("On Friday, November 20, 2015, in the U.S. District Court for the Southern District of California, Judge "
            "Jeffrey Miller issued two very similar Orders in two separate cases against Tito's Vodka. The cases are: "
            "Hofmann v. Fifth Generation, Inc. and Cabrera v. Fifth Generation, Inc.")
    hofmann = _case("Hofmann v. Fifth Generation", text, ["Hofmann"], ["Fifth Generation"])
    cabrera = _case("Cabrera v. Fifth Generation", text, ["Cabrera"], ["Fifth Generation"])
    case_fields.fill(text, [hofmann, cabrera], [], _sents(text), [])
    assert hofmann.court == cabrera.court == "S.D. Cal."


def test_an_in_re_caption_printed_with_a_colon_is_that_case():
    text = ("In February 2026, a San Francisco judge gathered the lawsuits into a single coordinated proceeding.\n"
            "- Caption: In re: ChatGPT Product Liability Cases.\n- Docket number: JCCP No. 5431.\n"
            "- Court: San Francisco County Superior Court.\nNewer filings, including Carrier v. OpenAI (filed June "
            "11, 2026), are expected to be added.")
    in_re = CaseX(caption="In re ChatGPT Product Liability Cases")
    carrier = _case("Carrier v. OpenAI", text, ["Carrier"], ["OpenAI"])
    case_fields.fill(text, [in_re, carrier], [], _sents(text), [])
    assert values(in_re, "court") == ["calsuperct"]


def test_a_surname_the_parser_reads_as_a_person_after_judge_is_the_judge(extract):
    x = extract("OpenAI suffered a defeat in the lawsuit brought by GEMA against OpenAI at the Munich Regional Court. "
                "Judge Schwager explained that the company could simply have bought licences.")
    assert [c.judge for c in x.cases if "GEMA" in c.caption] == ["Schwager"], [(c.caption, c.judge) for c in x.cases]


def test_a_german_reports_richter_names_the_judge():
    text = ("Meta habe glaubhaft gemacht, dass man Namen herausfiltern wolle, sagte Richter Jörgens in der "
            "mündlichen Urteilsbegründung.")
    assert [f.value for f in case_fields.document_judge(text, [], _sents(text))] == ["Jörgens"]
    for text in ("Die Richter Foundation sagte nichts.", "A gift to the Gerhard Richter Foundation, it said."):
        assert case_fields.document_judge(text, [], [(0, len(text))]) == []


def test_a_text_naming_no_case_states_its_one_judge_for_the_case_its_parties_link(extract):
    x = extract("On April 15, 2026, Judge Alvin K. Hellerstein of the Southern District of New York denied a motion "
                "to dismiss a claim brought by major record labels against Uncharted Labs, Inc. Judge Hellerstein "
                "held that the plaintiffs stated a viable claim.")
    assert not x.cases and [f.value for f in x.judges] == ["Alvin K. Hellerstein"]
    two = extract("Judge Alvin K. Hellerstein denied a motion to dismiss a claim brought by record labels against "
                  "Uncharted Labs, Inc. Judge Jed Rakoff had ruled the other way in a similar matter.")
    assert not two.cases and two.judges == [], "two judges: whose case is unclear"


def test_a_consolidated_orders_judge_is_each_listed_cases():
    """The order's heading prints both numbers with the judge's initials above one caption block; the text lists
    the second case with its number: the signature's judge presides over both."""
    from pathlib import Path

    from ingest.nlp import pipeline
    from ingest.readers.detect import read_text

    path = Path(__file__).resolve().parents[1] / "data" / "dev" / "027_order_tremblay_v_openai_mtd.txt"
    read = read_text(path.read_bytes())
    x = pipeline.extract(read.text, title=read.title, published=read.published_at, kind="order")
    judges = {c.caption.split()[0]: c.judge for c in x.cases}
    assert judges == {"Tremblay": "Araceli Martínez-Olguín", "Silverman": "Araceli Martínez-Olguín"}, judges
