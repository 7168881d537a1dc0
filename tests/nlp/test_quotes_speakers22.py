"""Speakers and names the small model mis-tags, found on the blind batches (batch20-22): general readings, each
shown on text written for the test."""
from ingest.nlp import rules
from ingest.nlp.quotes import spans


def _quotes(extract, text, **kw):
    return [(q.speaker, q.text) for q in extract(text, **kw).quotes]


def test_an_organisation_the_tagger_takes_with_its_article_is_still_a_name(extract):
    text = ("CONCORD, N.H. (AP) — The order was issued Friday in a lawsuit brought by the League of Women Voters "
            "against Steve Kramer, a political consultant. Kramer also owes a fine issued by the Federal "
            "Communications Commission.")
    parties = {p.name: p.role for p in extract(text).parties}
    assert parties.get("The League of Women Voters") == "plaintiff"  # (as a sentence's start writes it)


def test_a_speaker_tagged_as_a_title_after_a_quote_is_a_person(extract):
    text = ("A judge dismissed the privacy suit against LinkedIn brought by Alessandro De La Torre. The complaint said "
            "LinkedIn revealed the sharing when it updated its privacy policy in September.\n\n"
            "\"LinkedIn's belated disclosures here left consumers rightly concerned and confused about what was being "
            "used to train AI,\" Eli Wade-Scott, managing partner at Edelson PC, which represented De La Torre, said in "
            "an email on Friday.")
    assert _quotes(extract, text) == [("Eli Wade-Scott", "LinkedIn's belated disclosures here left consumers rightly "
                                                         "concerned and confused about what was being used to train AI")]


def test_a_neutral_citations_court_division_is_no_name_and_two_judges_are_they(extract):
    text = ("Handing down judgment in R (Ayinde) v London Borough of Haringey [2025] EWHC 1383 (Admin) last week, "
            "Dame Victoria Sharp and Mr Justice Johnson held that two lawyers should not face contempt proceedings.\n"
            "However, they emphasised that in future hearings ‘such as these, the profession can expect the court to "
            "inquire’.")
    result = extract(text)
    assert "Admin" not in {p.name for p in result.parties}
    assert [(q.speaker, q.text[:16]) for q in result.quotes] == [("Victoria Sharp", "such as these, t")]


def test_a_verb_of_speech_in_either_spelling():
    speech = rules.lexicon("quotes", "speech_verb")
    assert {"emphasize", "emphasise", "summarize", "summarise"} <= speech
    assert rules._other_spelling("criticised") == "criticized"
    assert rules._other_spelling("rise") is None and rules._other_spelling("said") is None


def test_single_quotes_running_over_paragraphs_the_british_way():
    text = ("Their lawyers said the clients ‘fully understand the seriousness of the issues, and apologised.\n"
            "‘They are reassured that the court has found no basis for that.’\n"
            "He added ‘a few words’ later. Her brother’s car is not quoted.")
    got = [text[a:b] for a, b in spans(text)]
    assert got == ["fully understand the seriousness of the issues, and apologised.",
                   "They are reassured that the court has found no basis for that.", "a few words"]


def test_she_said_is_the_woman_who_spoke_last_not_mr_kramer(extract):
    text = ("A political consultant, Steve Kramer, said Tuesday he will not pay the voters who sued him.\n\n"
            "“I never responded to them,” Kramer said in an email.\n\n"
            "Plaintiffs will explore further action if Kramer doesn’t pay up, said Courtney Hostetler of Free Speech "
            "for People, which gave the voters legal assistance.\n\n"
            "“Mr. Kramer has shown a consistent disregard for the law and the rights of voters,” she said.")
    assert _quotes(extract, text) == [
        ("Steve Kramer", "I never responded to them"),
        ("Courtney Hostetler", "Mr. Kramer has shown a consistent disregard for the law and the rights of voters")]


def test_trained_on_a_named_models_data_is_a_distillation_cue(extract):
    got = [(a.accuser, a.accused, a.teacher, a.student, a.status) for a in extract(
        "Google has denied allegations that Bard was trained on data from ChatGPT.").allegations]
    assert got == [(None, "Google", "ChatGPT", "Bard", "denied")]
    assert extract("The model was trained on Nvidia H100 chips and public web text.").allegations == []



def test_a_relationship_developed_with_a_chatbot_is_no_distillation_cue(nlp):
    from ingest.nlp import allegations

    doc = nlp("It was reported that he gradually developed a romantic relationship with Gemini, and that the AI "
              "exchanged affectionate talks and also called him its husband in extended chats.")
    assert allegations.cue_spans(doc) == []
