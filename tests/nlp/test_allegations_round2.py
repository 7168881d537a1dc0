"""Allegations, second round: the phrasings batch09 and the seeds showed the rules missed or misread (hand-built
Docs where the parse is the point, the real model for the whole chain)."""
import spacy
from spacy.tokens import Doc

from ingest.nlp import allegations as A
from ingest.nlp import learn

VOCAB = spacy.blank("en").vocab


def _doc(rows):
    words, heads, deps, pos, lemmas = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), lemmas=list(lemmas))


def test_purpose_infinitive_of_the_object_is_done_by_the_verbs_subject():
    # "Firms ran campaigns to extract Claude's capabilities": the runner extracts, not the campaigns
    doc = _doc([("Firms", 1, "nsubj", "NOUN", "firm"), ("ran", 1, "ROOT", "VERB", "run"),
                ("campaigns", 1, "dobj", "NOUN", "campaign"), ("to", 4, "aux", "PART", "to"),
                ("extract", 2, "acl", "VERB", "extract"), ("capabilities", 4, "dobj", "NOUN", "capability")])
    assert [t.text for t in A._subject_toks(doc[4])] == ["Firms"]
    # "a campaign by DeepSeek to extract ...": the noun has its own actor, kept for _np to find
    doc = _doc([("They", 1, "nsubj", "PRON", "they"), ("saw", 1, "ROOT", "VERB", "see"),
                ("campaigns", 1, "dobj", "NOUN", "campaign"), ("by", 2, "prep", "ADP", "by"),
                ("DeepSeek", 3, "pobj", "PROPN", "DeepSeek"), ("to", 6, "aux", "PART", "to"),
                ("extract", 2, "acl", "VERB", "extract")])
    assert [t.text for t in A._subject_toks(doc[6])] == ["campaigns"]


def test_the_worried_do_not_do_what_they_worry_about():
    # "Labs have grown concerned about rivals distilling their models": no actor for 'distilling'
    doc = _doc([("Labs", 2, "nsubj", "NOUN", "lab"), ("have", 2, "aux", "AUX", "have"),
                ("grown", 2, "ROOT", "VERB", "grow"), ("concerned", 2, "acomp", "ADJ", "concerned"),
                ("about", 3, "prep", "ADP", "about"), ("rivals", 4, "pobj", "NOUN", "rival"),
                ("distilling", 2, "xcomp", "VERB", "distil"), ("models", 6, "dobj", "NOUN", "model")])
    assert "concerned" in A.lex("concern_word")
    assert A._subject_toks(doc[6]) == []


def _alleg(extract, text):
    with learn.disabled():
        return {(a.accuser, a.accused, a.teacher, a.status) for a in extract(text).allegations}


def test_named_firms_ran_campaigns_to_extract(extract):
    got = _alleg(extract, "Three prominent Chinese AI firms DeepSeek, Moonshot AI, and MiniMax allegedly ran "
                          "coordinated, industrial-scale campaigns to secretly extract Claude’s capabilities and use "
                          "them to train their own competing models.")
    assert {(a[1], a[2], a[3]) for a in got} == {("DeepSeek", "Claude", "alleged"), ("Moonshot", "Claude", "alleged"),
                                                 ("MiniMax", "Claude", "alleged")}


def test_labs_concerned_about_distillation_are_not_accused(extract):
    assert _alleg(extract, "Frontier AI labs, including OpenAI, have grown increasingly concerned about smaller "
                           "competitors or third parties “distilling” their models.") == set()


def test_criticism_next_to_a_distillation_sentence_names_its_object_only(extract):
    text = ("OpenAI accuses xAI of reverse-engineering its model’s behavior through distillation. Musk has publicly "
            "criticized the company’s shift from a non-profit to a for-profit structure.")
    assert {a[1] for a in _alleg(extract, text)} == {"xAI"}
