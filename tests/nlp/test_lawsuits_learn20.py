"""Suits and case fields the rules did not read before (session 13, learned from batch20; real sentences)."""
from ingest.nlp import captions, case_fields, courts
from ingest.nlp.types import CaseX, Evidence


def _captions(x):
    return [c.caption for c in x.cases]


BATTLE = ("Battle v. Microsoft Corporation Doc. 48 IN THE UNITED STATES DISTRICT COURT FOR THE DISTRICT OF MARYLAND "
          "JEFFERY BATTLE, Plaintiff pro se, v. MICROSOFT CORPORATION, Defendant. ) ) ) ) Civil Action No. "
          "23-cv-01822-LKG Dated: October 23, 2024 MEMORANDUM OPINION I. INTRODUCTION The Defendant, Microsoft "
          "Corporation (“Microsoft”), has moved to compel arbitration and to either stay or dismiss this matter. "
          "Plaintiff pro se, Jeffery Battle, has also filed a motion for injunction. In this civil action, Plaintiff "
          "pro se, Jeffery Battle, alleges that Microsoft has defamed and harmed him.")


def test_a_surname_that_is_a_headline_word_names_a_side_alone():
    assert captions.party_side("Battle") == "Battle", "'Battle v. Microsoft Corporation': Jeffery Battle"
    assert captions.party_side("Goliath Battle") is None, "'A David v. Goliath Battle' is still a figure of speech"
    assert captions.party_side("Lawsuit") is None


def test_a_pro_se_plaintiff_heads_a_caption_block():
    blocks = captions.blocks("JEFFERY BATTLE, Plaintiff pro se, v. MICROSOFT CORPORATION, Defendant. ) ) )")
    assert blocks and blocks[0][0] == ["Jeffery Battle"] and blocks[0][1] == ["Microsoft Corporation"]


def test_a_docket_entry_number_ends_a_full_caption():
    text = "Battle v. Microsoft Corporation Doc. 48 IN THE UNITED STATES"
    assert captions.full_caption(text, "Battle", 0, len(text)) == "Battle v. Microsoft Corporation"


def test_battle_v_microsoft_is_a_case_with_its_pro_se_plaintiff(extract):
    x = extract(BATTLE, title="Battle v. Microsoft Corporation, No. 1:2023cv01822 - Document 48 (D. Md. 2024)")
    assert "Battle v. Microsoft Corporation" in _captions(x), _captions(x)
    assert {p.name: p.role for p in x.parties}.get("Jeffery Battle") == "plaintiff"


def test_a_regulator_is_named_in_a_caption_as_people_name_its_suits(extract):
    x = extract("The Federal Trade Commission (FTC) has filed a lawsuit in federal court seeking to halt Air AI from "
                "making allegedly deceptive claims about business growth, earnings potential, and refund guarantees.",
                title="FTC sues Air AI over alleged deceptive practices targeting small businesses")
    assert any(c.startswith("FTC v. Air AI") for c in _captions(x)), _captions(x)


def test_a_suit_told_by_its_number_then_filed_by_against(extract):
    x = extract("Justice Arif S. Doctor issued comprehensive directions restraining multiple defendants. The court "
                "addressed Interim Application No. 30382 of 2025 in Commercial IP Suit No. 30262 of 2025 filed by Asha "
                "Bhosle against Mayk Inc and several other defendants, including e-commerce platforms and content "
                "hosting services.")
    case = next(c for c in x.cases if c.caption == "Bhosle v. Mayk Inc")
    assert case.docket_numbers == ["Commercial IP Suit 30262 of 2025"], "not the interim application's number"


def test_a_described_plaintiff_hits_two_defendants_with_separate_suits(extract):
    x = extract("A California man has hit Google and OpenAI with separate proposed class actions in federal court "
                "accusing the companies of unlawfully transcribing YouTube videos and using them to train their large "
                "language model artificial intelligence products without the permission of the people who uploaded "
                "those videos.\n\nAccording to Friday complaints, David Millette said Google's Gemini and OpenAI's "
                "ChatGPT large language model programs are being unlawfully \"trained\" with unauthorized "
                "transcriptions of people's YouTube videos.")
    assert {"Millette v. Google", "Millette v. OpenAI"} <= set(_captions(x)), _captions(x)


def test_a_federal_court_named_by_its_city_and_state():
    text = ("The plaintiff Alessandro De La Torre on Thursday filed a notice of dismissal without prejudice in the San "
            "Jose, California federal court, nine days after suing LinkedIn")
    assert [c for c, _, _ in courts.find(text)] == ["cand"]


def test_the_civil_resolution_tribunal_its_file_number_and_its_member():
    text = ("File: SC-2023-005609\n\nType: Small Claims\n\nCivil Resolution Tribunal\n\nIndexed as: Moffatt v. Air "
            "Canada, 2024 BCCRT 149\n\nBetween:\n\nJAKE MOFFATT\n\nApplicant\n\nAnd:\n\nAIR CANADA\n\nRespondent\n\n"
            "REASONS FOR DECISION\n\nTribunal Member:\n\nChristopher C. Rivers\n\nINTRODUCTION")
    assert courts.court_id("Civil Resolution Tribunal") == "ca-british-columbia-civil-resolution-tribunal"
    assert [n for n, _, _ in captions.dockets(text)] == ["SC-2023-005609"]
    start = text.index("Moffatt v. Air Canada")
    case = CaseX(caption="Moffatt v. Air Canada", plaintiffs=["Jake Moffatt"], defendants=["Air Canada"],
                 evidence=[Evidence(start, start + 21, 0, 0)])
    case_fields.fill(text, [case], [], [(0, len(text))], captions.dockets(text))
    assert [f.value for f in case.fields if f.field == "judge"] == ["Christopher C. Rivers"]


def test_a_suit_named_by_the_weekday_it_was_filed_dates_its_filing(extract):
    x = extract("A California man has hit Google and OpenAI with separate proposed class actions in federal court.\n\n"
                "According to Friday complaints, David Millette said Google's Gemini and OpenAI's ChatGPT large "
                "language model programs are being unlawfully \"trained\" with unauthorized transcriptions of people's "
                "YouTube videos.", published="2024-08-05")
    assert {e.date for e in x.events if e.stage == "filed"} == {"2024-08-02"}, [(e.date, e.stage) for e in x.events]
