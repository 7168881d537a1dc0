"""Allegation cues, traps and frames as data (patterns/allegations*.jsonl), on hand-built Docs (no model)."""
import spacy
from spacy.tokens import Doc

from ingest.nlp import allegations as A

VOCAB = spacy.blank("en").vocab


def _cues(words):
    return [(s, e, label) for s, e, label in A.cue_spans(Doc(VOCAB, words=words))]


def test_distillation_words_are_cues_and_traps_are_not():
    assert _cues(["DeepSeek", "distilled", "Claude", "."])[0][2] == "DISTILL"
    assert _cues(["the", "distillery", "in", "Kentucky"]) == []
    assert _cues(["it", "sells", "distilled", "spirits"]) == []
    assert _cues(["fractional", "distillation", "of", "crude", "oil"]) == []


def test_training_on_outputs_is_a_cue_but_training_ones_own_model_is_not():
    assert _cues("R1 was trained on OpenAI 's outputs".split())
    assert _cues("xAI used OpenAI models to train Grok".split())
    assert _cues("Anthropic used the books to train its Claude chatbot".split()) == []


def test_accusation_verbs_and_cues_are_separate_roles():
    # adding "charge" to the accusation verbs cannot make a distillation cue
    assert "charge" in A.lex("accusation_verb")
    assert "charge" not in A.lex("strong_accusation_verb")
    assert _cues("The SEC charged DeepSeek with securities fraud .".split()) == []


def test_frames_in_a_dependency_matcher():
    words = ["Anthropic", "accused", "DeepSeek", "of", "distilling", "Claude"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 1, 3, 4], deps=["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj"],
              pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "PROPN"],
              lemmas=["Anthropic", "accuse", "DeepSeek", "of", "distill", "Claude"])
    dm, info = A.frame_matcher(VOCAB)
    got = {info[mid][1]: [doc[i].text for i in toks] for mid, toks in dm(doc)}
    assert got["accuse_object"] == ["accused", "DeepSeek"]
    assert "action_subject" in got  # "distilling" (its subject found by climbing)


def test_denial_frame():
    words = ["DeepSeek", "denied", "it"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"], pos=["PROPN", "VERB", "PRON"],
              lemmas=["DeepSeek", "deny", "it"])
    dm, info = A.frame_matcher(VOCAB)
    assert [info[mid][1] for mid, _ in dm(doc)] == ["deny_subject"]


def test_canonical_one_fact_per_teacher_company():
    from ingest.nlp.types import AllegationX
    found = [AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude"),
             AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Anthropic"),
             AllegationX(accused="DeepSeek", accuser=None, teacher=None, status="denied")]
    out = A.canonical(found, [])
    assert len(out) == 1
    a = out[0]
    assert (a.accuser, a.teacher, a.teacher_company, a.status) == ("Anthropic", "Claude", "Anthropic", "denied")
    assert a.teacher_models == ["Claude"]


def test_labelers_match_as_the_scorer_does():
    gold = {"distillation_allegations": [{"accuser": "Anthropic", "accused": "Moonshot AI", "teacher": "Claude",
                                          "status": "alleged"}]}
    assert A._label_allegation({"accused": "Moonshot", "teacher": "Claude"}, gold) is True
    assert A._label_allegation({"accused": "Anthropic", "teacher": None}, gold) is False
    assert A._label_status({"accused": "Moonshot", "teacher": None, "accuser": "Anthropic"}, gold) == "alleged"
