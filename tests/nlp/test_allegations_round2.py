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


def test_negation_words_and_fillers_are_data():
    assert {"not", "never"} <= A.lex("negation")
    assert "partly" in A.lex("sequence_filler") and "was" not in A.lex("sequence_filler")
    doc = _doc([("xAI", 1, "nsubj", "PROPN", "xAI"), ("never", 2, "neg", "ADV", "never"),
                ("distilled", 2, "ROOT", "VERB", "distil"), ("Claude", 2, "dobj", "PROPN", "Claude")])
    assert A._negated(doc[2])


def test_accused_of_using_outputs_without_the_word_distillation(extract):
    got = _alleg(extract, "OpenAI accused DeepSeek of using outputs from ChatGPT to train its R1 model.")
    assert {(a[0], a[1], a[2]) for a in got} == {("OpenAI", "DeepSeek", "ChatGPT")}


def test_admission_with_words_between_the_name_and_the_act(extract):
    got = _alleg(extract, "Musk admitted under oath that xAI had partly distilled OpenAI's models to build Grok.")
    assert got == {(None, "xAI", "OpenAI", "admitted")}


def test_denials_by_the_accused_and_negations_by_others(extract):
    assert _alleg(extract, "DeepSeek has denied distilling OpenAI's models.") == {(None, "DeepSeek", "OpenAI", "denied")}
    assert _alleg(extract, "DeepSeek said it had never distilled OpenAI's models.") == \
        {(None, "DeepSeek", "OpenAI", "denied")}
    assert _alleg(extract, "Researchers said DeepSeek did not distill OpenAI's models.") == set()


def test_concerns_raised_about_a_company_next_to_a_distillation_sentence(extract):
    text = ("Distillation of rival models is spreading. OpenAI has raised concerns about DeepSeek, while Anthropic has "
            "accused DeepSeek, Moonshot, and MiniMax.")
    got = {(a[0], a[1]) for a in _alleg(extract, text)}
    assert ("OpenAI", "DeepSeek") in got and ("Anthropic", "MiniMax") in got


def test_an_ai_lab_accusing_without_naming_a_source_means_its_own_models(extract):
    got = _alleg(extract, "OpenAI said DeepSeek employees collected large volumes of model outputs, which were then "
                          "used for training through distillation.")
    assert ("OpenAI", "DeepSeek", "OpenAI", "alleged") in got


def test_self_distillation_is_no_allegation(extract):
    assert _alleg(extract, "DeepSeek used distillation to train smaller versions of its own R1 model.") == set()
    assert _alleg(extract, "Meta distilled Llama 3 405B into smaller models.") == set()


def test_rejecting_the_accusations_of_distillation_is_a_denial(extract):
    got = _alleg(extract, "Moonshot AI rejected Anthropic's accusations of distillation as baseless.")
    assert {(a[0], a[1], a[3]) for a in got} == {("Anthropic", "Moonshot", "denied")}
    got = _alleg(extract, "Anthropic accused DeepSeek of distilling Claude. DeepSeek denied the distillation claims.")
    assert got == {("Anthropic", "DeepSeek", "Claude", "denied")}


def test_a_judges_finding_is_a_ruling(extract):
    got = _alleg(extract, "A judge ruled that DeepSeek distilled OpenAI's models in breach of contract.")
    assert got == {(None, "DeepSeek", "OpenAI", "ruled")}


def test_exchanges_with_a_model_to_train_another(extract):
    got = _alleg(extract, "Anthropic said Zhipu AI used 3 million exchanges with Claude to train GLM.")
    assert {(a[0], a[2]) for a in got} == {("Anthropic", "Claude")}
    assert _alleg(extract, "Users had millions of conversations with ChatGPT to learn to code.") == set()


def test_content_and_data_suits_are_not_distillation(extract):
    for text in ("The lawsuit accuses Stability AI of copying millions of images to train its models.",
                 "Anthropic trained Claude on millions of pirated books, the authors allege.",
                 "The New York Times accused OpenAI of copying millions of articles to train its models.",
                 "Reddit sued Anthropic, alleging it scraped Reddit comments to train Claude.",
                 "xAI accused OpenAI of poaching employees to steal trade secrets about Grok.",
                 "Perplexity was accused of copying content from news sites."):
        assert _alleg(extract, text) == set(), text


def test_suspected_of_training_on_outputs_with_or_without_an_accuser(extract):
    assert _alleg(extract, "DeepSeek is suspected of training its model on ChatGPT outputs.") == \
        {(None, "DeepSeek", "ChatGPT", "alleged")}
    got = _alleg(extract, "OpenAI suspects DeepSeek of training R1 on ChatGPT outputs.")
    assert {(a[0], a[1], a[2]) for a in got} == {("OpenAI", "DeepSeek", "ChatGPT")}


def test_who_holds_the_evidence_accuses(extract):
    got = _alleg(extract, "OpenAI has evidence that DeepSeek used its models for training, the Financial Times "
                          "reported.")
    assert got == {("OpenAI", "DeepSeek", "OpenAI", "alleged")}
    assert "have" in A.lex("holder_verb")


def test_a_quoted_adverb_between_the_name_and_the_act_and_the_one_admitting(extract):
    assert {(a[1], a[2], a[3]) for a in _alleg(extract, 'Musk said xAI "partly" used OpenAI\'s models to train Grok.')} \
        == {("xAI", "OpenAI", "admitted")}
    got = _alleg(extract, 'When asked whether xAI had distilled OpenAI\'s models, Musk said: "Partly."')
    assert got == {(None, "xAI", "OpenAI", "admitted")}


def test_accuser_named_only_in_the_headline_over_generic_targets(extract):
    with learn.disabled():
        x = extract("DeepSeek, Moonshot and MiniMax ran distillation campaigns using fraudulent accounts, the company "
                    "said.", title="Anthropic says Chinese labs distilled Claude")
    got = {(a.accuser, a.accused, a.teacher) for a in x.allegations}
    assert got == {("Anthropic", "DeepSeek", "Claude"), ("Anthropic", "Moonshot", "Claude"),
                   ("Anthropic", "MiniMax", "Claude")}


def test_according_to_in_a_following_sentence_names_the_accuser(extract):
    got = _alleg(extract, "MiniMax allegedly ran campaigns to extract Claude's capabilities. It was not a minor "
                          "violation. According to Anthropic, these were deliberate operations.")
    assert got == {("Anthropic", "MiniMax", "Claude", "alleged")}


def test_the_student_named_after_a_name_then_act(extract):
    x = [a for a in extract('Musk said xAI "partly" used OpenAI\'s models to train Grok.').allegations]
    assert [a.student for a in x] == ["Grok"]


def test_the_student_as_the_text_names_it(extract):
    x = extract("OpenAI accused DeepSeek of using outputs from ChatGPT to train its R1 model.").allegations
    assert [a.student for a in x] == ["R1"]


def test_an_accused_that_denies_in_a_relative_clause(extract):
    got = _alleg(extract, "DeepSeek, which denies wrongdoing, has been accused by OpenAI of distilling ChatGPT.")
    assert got == {("OpenAI", "DeepSeek", "ChatGPT", "denied")}


def test_capturing_capabilities_is_a_cue():
    assert _cues_of("MiniMax pivoted to capture capabilities from Claude".split())
    assert _cues_of("Anthropic warned of labs acquiring powerful capabilities from other labs".split())


def _cues_of(words):
    return A.cue_spans(Doc(VOCAB, words=words))
