"""Extraction lessons of batch24 (parties, quotes, distillation allegations, is_ai_litigation); sentences written
for the tests, in the manner of the documents that showed the gaps."""
import spacy
from spacy.tokens import Doc

from ingest.nlp import allegations as A
from ingest.nlp import facts, pipeline

VOCAB = spacy.blank("en").vocab


def _allegations(text, title=""):
    return [(a.accused, a.teacher, a.student) for a in pipeline.extract(text, title=title).allegations]


def _doc(rows):
    words, heads, deps, pos, lemmas = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), lemmas=list(lemmas))


def test_a_model_fine_tuned_on_another_models_output_data():
    # the tokenizer splits 'fine-tuned' (fine, -, tuned): the cue and the act read the split form
    text = ("Users noticed that Grok quoted OpenAI's usage policy. The likeliest reason is that Grok fine-tuned the "
            "output data of the OpenAI large language model.")
    assert _allegations(text) == [("xAI", "OpenAI", "Grok")]


def test_a_model_that_learns_from_another_named_model():
    # the relative pronoun stands for the noun, and the noun in apposition for the name
    text = ("A team of Microsoft researchers introduces Orca, a 13-billion parameter model that learns explanation "
            "traces from GPT-4.")
    assert _allegations(text) == [("Microsoft", "GPT-4", "Orca")]
    doc = _doc([("Orca", 2, "nsubj", "PROPN", "Orca"), (",", 0, "punct", "PUNCT", ","),
                ("model", 0, "appos", "NOUN", "model"), ("that", 4, "nsubj", "PRON", "that"),
                ("learns", 2, "relcl", "VERB", "learn")])
    assert [t.text for t in A._subject_toks(doc[4])] == ["Orca"]


def test_to_learn_from_a_teacher_or_a_person_is_no_distillation():
    assert _allegations("Microsoft engineers learned a lot from their mentors at the lab.") == []
    assert _allegations("Students at the school learn history from textbooks and from ChatGPT.") == []


def test_distilling_information_into_a_summary_is_no_distillation():
    text = ("Google revealed its chatbot Bard. According to CEO Sundar Pichai, Bard will be used to simplify complex "
            "topics and distill complex information into easy-to-digest formats.")
    assert _allegations(text) == []
    assert pipeline.extract(text).parties == [] or all(
        not p.is_litigant for p in pipeline.extract(text).parties)


def _counts(text):
    return facts.cue_counts(Doc(VOCAB, words=text.split()))


def test_french_litigation_and_ai_words():
    counts = _counts("Le demandeur est autorisé à exercer une action collective contre la défenderesse Google")
    assert counts["lit_suit"] == 1 and counts["lit_party"] >= 1
    counts = _counts("l' extraction et l' utilisation des données biométriques faciales des résidants")
    assert counts["ai_face"] == 1
    assert _counts("le recours à l' intelligence artificielle")["ai_core"] == 1
    assert "ai_face" not in _counts("des données biométriques des employés")


def _sides(text, title=""):
    return {p.name: p.role for p in pipeline.extract(text, title=title).parties if p.is_litigant}


def test_a_headline_hit_with_a_lawsuit_drops_its_auxiliary_the_subject_is_the_defendant():
    text = ("Dana Pruitt, an author and editor, spearheads the proposed class action. Nimbus Labs and Corvid Systems "
            "have refuted these claims.")
    sides = _sides(text, title="Nimbus Labs, Corvid Systems hit with new author copyright lawsuit over AI training")
    assert sides.get("Nimbus Labs") == "defendant" and sides.get("Corvid Systems") == "defendant", sides


def test_the_definite_role_noun_and_the_name_in_apposition():
    text = ("In an application filed before the High Court, the plaintiff, Ravi Menon, sought an injunction "
            "restraining the unauthorised use of his persona. The Court granted interim relief.")
    assert _sides(text).get("Ravi Menon") == "plaintiff"


def test_a_capitalised_right_or_keyword_is_no_party():
    from ingest.nlp.mentions import reject_role
    assert reject_role("Personality Rights") == "junk_name"
    assert reject_role("Artificial Intelligence") == "junk_name"
    assert reject_role("Co., Ltd") == "junk_name"


def test_two_people_run_into_one_name_the_speaker_is_the_one_after_the_comma():
    text = ("On Friday, security tester Jax Winterbourne posted a screenshot. Igor Babuschkin wrote in his reply: "
            "\"The problem is rare.\" In reply to Babushkin, Winterbourne wrote: \"Thank you for your reply. I am "
            "just a layman.\"")
    speakers = [q.speaker for q in pipeline.extract(text).quotes]
    assert speakers[0] == "Igor Babuschkin"
    assert speakers[1] in ("Winterbourne", "Jax Winterbourne"), speakers


def test_the_doer_of_a_pseudo_cleft_and_every_passive_subject_are_read_by_the_frames():
    # (the learned decision had carried these; a refit must not be all that reads them)
    from ingest.nlp.pipeline import get_nlp, make_doc

    nlp = get_nlp()
    doc = nlp(make_doc(nlp, "Sacks said that what DeepSeek did here is they distilled knowledge out of OpenAI models."))
    verb = next(t for t in doc if t.text == "distilled")
    assert [t.text for t in A._subject_toks(verb)] == ["DeepSeek"]
    text = ("Google has denied the allegations that its recently launched generative AI-based chatbot, Bard is "
            "trained on data from OpenAI's ChatGPT.")
    doc = nlp(make_doc(nlp, text))
    verb = next(t for t in doc if t.text == "trained")
    actor = next(c for c in verb.children if c.dep_ == "nsubjpass")
    found = A._from_action(doc, verb, doc[:], 0, doc._.ct_mentions, False, "action_passive", actor)
    assert [(f.allegation.accused, f.allegation.teacher, f.allegation.status) for f in found] == \
        [("Google", "ChatGPT", "denied")]
