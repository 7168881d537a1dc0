"""Suits and case fields the rules did not read before (session 14, learned from batch22; real sentences)."""
import re

from ingest.nlp import captions, case_fields, courts, docket_numbers
from ingest.nlp.types import CaseX, Evidence


def _captions(x):
    return [c.caption for c in x.cases]


def _sents(text):
    cuts = [0] + [m.end() for m in re.finditer(r"(?<=[a-z]{3}\.)\s", text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _judge(text, caption):
    start = text.index(caption)
    case = CaseX(caption=caption, evidence=[Evidence(start, start + len(caption), 0, 0)])
    case_fields.fill(text, [case], [], _sents(text), captions.dockets(text))
    return case.judge


CJEU = ("On 3 April 2025, the Budapest Környéki Törvényszék (Budapest District Court) referred Like Company v. Google "
        "Ireland (Case C-250/25) to the CJEU, raising the first preliminary questions on generative AI and copyright.")


def test_a_capitalised_preposition_inside_a_sentence_begins_the_name():
    assert [(a, b) for a, b, *_ in captions.explicit(CJEU, "")] == [("Like Company", "Google Ireland")]
    # at a sentence's start the word still leads into the caption, not into its name
    assert [(a, b) for a, b, *_ in captions.explicit("Like Musk v. OpenAI, the case was tried.", "")] == [
        ("Musk", "OpenAI")]
    assert [(a, b) for a, b, *_ in captions.explicit("The court ruled in Musk v. OpenAI that", "")] == [
        ("Musk", "OpenAI")]


def test_a_referred_case_with_a_printed_caption_is_a_case(extract):
    x = extract("The complex interplay between artificial intelligence and copyright law is set for a defining "
                "moment in Europe.\n" + CJEU, title="CJEU to rule on AI and copyright in a landmark case against Google",
                kind="blog")
    assert _captions(x) == ["Like Company v. Google Ireland"], _captions(x)
    assert x.cases[0].docket_numbers == ["C-250/25"]


SHROFF_TITLE = "JAIKISHAN KAKUBHAI SARAF ALIAS JACKIE SHROFF vs THE PEPPY STORE & ORS."
SHROFF = (SHROFF_TITLE + "\n$~46\n* IN THE HIGH COURT OF DELHI AT NEW DELHI\nDate of Decision: 15th May, 2024\n"
          "+ CS(COMM) 389/2024\nJAIKISHAN KAKUBHAI SARAF ALIAS JACKIE SHROFF\n….. Plaintiff\nThrough: Mr. Pravin Anand, "
          "Advocate.\nversus\nTHE PEPPY STORE & ORS. ….. Defendants\nThrough: Ms. Shikha Sachdeva, Advocate for D-1.\n"
          "CORAM:\nHONBLE MR. JUSTICE SANJEEV NARULA\nJUDGMENT\nSANJEEV NARULA, J. (Oral):\n1. Mr. Jaikishan Kakubhai "
          "Shroff, (popularly known as Jackie Shroff), a well-known Indian actor, has instituted the present lawsuit "
          "seeking inter-alia protection of his own name, image, likeness, persona, voice.")


def test_an_indian_caption_with_vs_and_ors():
    assert [(a, b) for a, b, *_ in captions.explicit(captions.caps_titled(SHROFF_TITLE), "")] == [
        ("Jaikishan Kakubhai Saraf Alias Jackie Shroff", "Peppy Store")]
    assert [(a, b) for a, b, *_ in captions.explicit("Saregama India Ltd vs Visionary Creations & Anr.", "")] == [
        ("Saregama India Ltd", "Visionary Creations")]


def test_an_indian_order_titled_in_capitals_is_its_case_with_its_bench(extract):
    x = extract(SHROFF, title=SHROFF_TITLE, kind="order", published="2024-05-15")
    assert [(c.caption, c.docket_numbers, c.judge) for c in x.cases] == [
        ("Jaikishan Kakubhai Saraf Alias Jackie Shroff v. Peppy Store", ["CS(COMM) 389/2024"], "Sanjeev Narula")], \
        [(c.caption, c.docket_numbers, c.judge) for c in x.cases]


def test_the_coram_line_names_the_bench():
    text = "Jackie Shroff vs The Peppy Store\nCORAM:\nHON'BLE MR. JUSTICE SANJEEV NARULA\nJUDGMENT\n"
    assert _judge(text, "Jackie Shroff vs The Peppy Store") == "Sanjeev Narula"


def test_a_mixed_case_signature_line_without_a_comma():
    text = ("Singular Computing LLC v. Google LLC\n\nCivil Action 19-12551-FDS\n\nMEMORANDUM AND ORDER\n\n"
            "F. Dennis Saylor IV Chief Judge, United States District Court\n\nThis is an action for patent infringement.")
    assert _judge(text, "Singular Computing LLC v. Google LLC") == "F. Dennis Saylor IV"
    assert _judge("Musk v. OpenAI\nU.S. District Judge Yvonne Gonzalez Rogers ruled.\n", "Musk v. OpenAI") == \
        "Yvonne Gonzalez Rogers"


def test_civil_action_without_no_cues_the_number():
    assert [n for n, *_ in docket_numbers.find("Civil Action 19-12551-FDS (D. Mass. Apr. 6, 2023)")] == ["19-12551-FDS"]


def test_a_uk_supreme_court_case_id():
    text = "(case ID: UKSC/2024/0131). The judges found in [2024] UKSC 31 that"
    assert [n for n, *_ in docket_numbers.find(text)] == ["UKSC/2024/0131"]


def test_a_chinese_local_peoples_court_by_its_seat():
    assert [c for c, *_ in courts.find("In early November 2024, the Changshu Municipal People’s Court issued a "
                                       "first-instance judgment")] == ["cn-changshu-peoples-court"]
    assert [c for c, *_ in courts.find("On March 19, 2025, the Chinese Zhangjiagang Court ruled")] == [
        "cn-zhangjiagang-peoples-court"]
    assert [c for c, *_ in courts.find("the Suzhou Intermediate People's Court")] == [
        "cn-suzhou-intermediate-peoples-court"]
    assert [c for c, *_ in courts.find("heard by the Beijing Internet Court")] == ["cn-beijing-internet-court"]
    assert courts.find("the Supreme People's Court") == []
    assert courts.jurisdiction("cn-changshu-peoples-court") == "cn"
    assert courts.display("cn-changshu-peoples-court") == "Changshu People's Ct."
    assert courts.name("cn-zhangjiagang-peoples-court") == "Zhangjiagang People's Court"


def _steps(x):
    return [(e.stage, e.date) for e in x.events if e.stage]


def test_a_case_summarys_table_row_dates_the_filing(extract):
    text = ("OpenEvidence Inc. v. Doximity Inc. is a federal trade secret case pending in the U.S. District Court for "
            "the District of Massachusetts.\n| Item | Details |\n|---|---|\n| Case Name | OpenEvidence Inc. v. Doximity "
            "Inc. |\n| Docket No. | 1:25-cv-11802 |\n| Filed | June 20, 2025 |\n| Key Statutes | Defend Trade Secrets "
            "Act (DTSA) |\n")
    x = extract(text, title="OpenEvidence v. Doximity: AI prompt injection", kind="blog")
    assert ("filed", "2025-06-20") in _steps(x), _steps(x)


def test_a_court_issuing_a_first_instance_judgment_is_the_judgment_stage(extract):
    text = ("In early November 2024, the Changshu Municipal People’s Court issued a first-instance judgment in the case "
            "where the plaintiff Lin Chen sued the defendants, Changshu Qin Hong Real Estate Development Co., Ltd. and "
            "Hangzhou Gauss Air Film Technology Co., Ltd., for copyright infringement.")
    x = extract(text, title="AI-generated image copyright case", kind="news", published="2025-01-10")
    assert "judgment" in [s for s, _ in _steps(x)], _steps(x)
    x = extract("The judge issued a summary judgment for Google on the contract claim.", title="", kind="news")
    assert "judgment" not in [s for s, _ in _steps(x)], _steps(x)


UKSC = ("For several years now, Emotional Perception AI and the UK Intellectual Property Office have been locked in a "
        "battle over what constitutes a program for a computer and is thus excluded from patentability. Today, the UK "
        "Supreme Court set new legal standards for the patentability of inventions supported by computers and AI "
        "programmes. The judges found that the UK approach involved a misinterpretation of Article 52 EPC (case ID: "
        "UKSC/2024/0131).")


def test_two_sides_locked_in_a_battle_before_a_court_are_its_case(extract):
    x = extract(UKSC, title="Emotional Perception and 8 New Square reopen AI case at Supreme Court", kind="news",
                published="2026-02-11")
    assert [(c.caption, c.docket_numbers, c.court) for c in x.cases] == [
        ("Emotional Perception AI v. Intellectual Property Office", ["UKSC/2024/0131"], "UKSC")], \
        [(c.caption, c.docket_numbers, c.court) for c in x.cases]


def test_a_battle_no_court_or_legal_word_names_is_no_case(extract):
    x = extract("Apple and Epic Games are locked in a battle for market share in the app economy. Both launched new "
                "stores this year.", title="", kind="news")
    assert x.cases == []


FANNING = (
    "RTÉ broadcaster Dave Fanning has initiated defamation proceedings over a website article concerning the trial "
    "of a different broadcaster over alleged sexual misconduct.\n\nThe proceedings came before the High Court’s Mr "
    "Justice Cian Ferriter on Monday via an application by Garrett Cooney BL, instructed by Meagher Solicitors LLP, "
    "for leave to serve the proceedings outside the jurisdiction on BNN, a Hong Kong entity alleged to have supplied "
    "the article to MSN; and on US-based Microsoft Corporation.\n\nThe judge was told the proceedings are also "
    "against Microsoft Operations Ireland Ltd (MOIL), and the law firm Mason Hayes Curran had accepted service of the "
    "proceedings on its behalf.")


def test_whom_proceedings_are_served_on_is_their_defendant_and_irelands_high_court(extract):
    x = extract(FANNING, title="RTÉ's Dave Fanning initiates defamation case after his photo appeared in article",
                kind="news", published="2024-01-15")
    assert [(c.caption, c.court, c.judge) for c in x.cases] == [("Fanning v. Microsoft", "IEHC", "Cian Ferriter")], \
        [(c.caption, c.court, c.judge) for c in x.cases]
    assert [c for c, *_ in courts.find("the High Court’s Mr Justice Cian Ferriter, in a case about Ireland")] == [
        "ie-high-court"]
    assert [c for c, *_ in courts.find("the High Court in London heard a case about Ireland")] == ["ewhc"]


def test_a_companys_country_in_parentheses_is_part_of_its_name():
    assert [(a, b) for a, b, *_ in captions.explicit(
        "Getty Images (US) Inc & Ors v Stability AI Ltd [2023] EWHC 3090 (Ch)", "")] == [
        ("Getty Images (US) Inc", "Stability AI Ltd")]


LWV = (
    "CONCORD, N.H. (AP) — A political consultant who sent artificial intelligence-generated robocalls mimicking former "
    "President Joe Biden to New Hampshire Democrats said Tuesday he will not pay $22,500 to three voters despite a "
    "recent federal court order.\n\nThe order, issued Friday in a lawsuit brought by the League of Women Voters, came "
    "five months after a jury acquitted Steve Kramer of voter suppression and impersonating a candidate. In the civil "
    "case, the judge entered a default judgement after Kramer failed to appear in court.\n\nThough jurors sided with "
    "Kramer in the criminal trial, the judge in the civil case not only ordered him to pay $7,500 to each voter who "
    "sued but banned him from engaging in the same conduct nationwide.")


def test_an_organisation_the_tagger_reads_with_its_article_and_whom_a_judge_orders_to_pay(extract):
    x = extract(LWV, title="Political consultant defies court order in lawsuit over AI robocalls that mimicked Biden",
                kind="news", published="2025-11-25")
    assert _captions(x) == ["The League of Women Voters v. Steve Kramer"], _captions(x)
    assert "The League of Women Voters" in {p.name for p in x.parties}


def test_a_suit_named_by_its_state_is_the_federal_court_there():
    text = "Getty Images filed a notice of voluntary dismissal in its Delaware action."
    assert [c for c, *_ in courts.find(text)] == ["ded"]
    assert courts.find("The Vice Chancellor stayed the Delaware action.") == []


def test_whom_a_court_orders_to_pay_takes_no_plaintiffs_from_a_list_of_names(extract):
    text = ("BERLIN — On Nov. 11, the Munich Regional Court ruled that OpenAI’s ChatGPT software infringed copyrights to "
            "compositions represented by GEMA, the German collective management organization. The judge ordered OpenAI "
            "to pay damages but did not say what they might be.\n\nThe OpenAI case involved song lyrics – in particular, "
            "compositions by star singer Herbert Grönemeyer, among others – which the court found were used to train "
            "ChatGPT without seeking a license.\n\nThis is the first of two key lawsuits GEMA filed in 2024 and 2025 – "
            "the other being its case against Suno.")
    x = extract(text, title="GEMA wins AI music copyright case against OpenAI and ChatGPT", kind="news")
    assert not any("Grönemeyer" in c.caption for c in x.cases), _captions(x)
