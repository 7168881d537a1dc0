"""Quote cues as data (patterns/quotes.jsonl), the speaker candidates and their features, and the labelers of
the learned decisions is_quote and quote_speaker: hand-built Docs, no model."""
import spacy
from spacy.tokens import Doc

from ingest.nlp import learn, quotes, rules
from ingest.nlp.mentions import Mention, MentionList


def _doc(words, heads, deps, pos=None, lemmas=None, sent_starts=None, spaces=None):
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos or ["X"] * len(words),
               lemmas=lemmas or [w.lower() for w in words], sent_starts=sent_starts)


def _mention(doc, start, end, name, kind="company"):
    span = doc[start:end]
    sent = span.sent
    return Mention(start=span.start_char, end=span.end_char, tok=span.root.i, sent_start=sent.start_char,
                   sent_end=sent.end_char, name=name, kind=kind, text=span.text, tok_start=start, tok_end=end)


def test_every_quote_pattern_names_its_role_and_the_lexicons_load():
    assert {"say", "write", "testify"} <= rules.lexicon("quotes", "speech_verb")
    assert {"complaint", "lawsuit"} <= rules.lexicon("quotes", "filed_source")
    assert "statute" in rules.lexicon("quotes", "rules_source")
    assert len(rules.matcher(spacy.blank("en").vocab, "quotes", "scare_cue")) >= 10


def test_scare_cue_what_it_calls():
    # Google blocks what it calls “distillation attacks”
    words = ["Google", "blocks", "what", "it", "calls", "“", "distillation", "attacks", "”"]
    heads = [1, 1, 4, 4, 1, 7, 7, 4, 7]
    deps = ["nsubj", "ROOT", "dobj", "nsubj", "ccomp", "punct", "compound", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PRON", "PRON", "VERB", "PUNCT", "NOUN", "NOUN", "PUNCT"]
    doc = _doc(words, heads, deps, pos)
    assert quotes._scare_cue(doc, 6)


def test_scare_cue_known_as_with_a_comma():
    words = ["a", "method", "known", "as", ",", "“", "distillation", "”"]
    doc = _doc(words, [1, 1, 1, 2, 2, 6, 3, 6], ["det", "ROOT", "acl", "prep", "punct", "punct", "pobj", "punct"])
    assert quotes._scare_cue(doc, 6)


def test_no_scare_cue_before_a_speech_fragment():
    # Musk answered “partly”
    words = ["Musk", "answered", "“", "partly", "”"]
    doc = _doc(words, [1, 1, 3, 1, 3], ["nsubj", "ROOT", "punct", "advmod", "punct"],
               ["PROPN", "VERB", "PUNCT", "ADV", "PUNCT"])
    assert not quotes._scare_cue(doc, 3)


def test_an_outlet_told_is_a_channel_not_a_speaker():
    # Morgenstein told Reuters
    words = ["Morgenstein", "told", "Reuters", ":"]
    doc = _doc(words, [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PUNCT"],
               ["Morgenstein", "tell", "Reuters", ":"])
    assert quotes._channel(doc, _mention(doc, 2, 3, "Reuters", "company"))
    assert not quotes._channel(doc, _mention(doc, 0, 1, "Evan Morgenstein", "person"))


def test_the_lawsuit_keeps_its_own_label_when_no_filer_is_named():
    words = ["the", "lawsuit", "said"]
    doc = _doc(words, [1, 2, 2], ["det", "nsubj", "ROOT"], ["DET", "NOUN", "VERB"])
    assert quotes._name_for(doc, doc[1], MentionList(), {}, 0) == "the lawsuit"
    assert quotes._name_for(doc, doc[1], MentionList(), {"Reddit": "plaintiff"}, 0) == "Reddit"


def _paragraph_start_quote():
    # “We disagree .” ¶ Acme said it would appeal .
    words = ["“", "We", "disagree", ".", "”", "\n", "Acme", "said", "it", "would", "appeal", "."]
    spaces = [False, True, False, False, False, False, True, True, True, True, False, False]
    heads = [2, 2, 2, 2, 2, 2, 7, 7, 10, 10, 7, 7]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "dep", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "SPACE", "PROPN", "VERB", "PRON", "AUX", "VERB", "PUNCT"]
    starts = [True] + [False] * 5 + [True] + [False] * 5
    doc = _doc(words, heads, deps, pos, ["“", "we", "disagree", ".", "”", "\n", "Acme", "say", "it", "would",
                                          "appeal", "."], starts, spaces)
    return doc, MentionList([_mention(doc, 6, 7, "Acme")])


def test_the_next_sentences_subject_is_a_candidate_speaker():
    doc, ms = _paragraph_start_quote()
    q0, q1 = doc[1].idx, doc[3].idx + 1
    sents = list(doc.sents)
    cands = quotes._Speakers(doc, ms, {}).candidates(q0, q1, sents[0], sents[0], [], None, None, None, True)
    by_name = {c[0]: c[1] for c in cands}
    assert "next_subject" in by_name["Acme"]["src"]
    assert by_name["Acme"]["sent_dist"] == "1" and not by_name["Acme"]["before"]
    assert by_name[None]["null"] and by_name[None]["rule"]
    # without a model the rules' choice (here: nobody) wins
    with learn.disabled():
        assert learn.rank("quote_speaker", cands)[0] is None


def test_labelers_read_the_gold_quotes_by_their_first_words():
    gold = {"quotes": [{"speaker": "Elon Musk", "text_start": "It is standard practice to"},
                       {"speaker": None, "text_start": "frustrate many in the creative"}]}
    meta = {"text": "It is standard practice to use other AIs to validate your AI"}
    assert quotes._label_is_quote(meta, gold)
    assert not quotes._label_is_quote({"text": "distillation attacks"}, gold)
    assert quotes._label_speaker({**meta, "candidate": "Musk"}, gold) is True
    assert quotes._label_speaker({**meta, "candidate": "William Savitt"}, gold) is False
    assert quotes._label_speaker({"text": "frustrate many in the creative industries", "candidate": "None"}, gold)
    assert quotes._label_speaker({"text": "teacher", "candidate": "OpenAI"}, gold) is None


def test_a_transcript_line_names_its_speaker():
    # Savitt pressed: “So that's a yes.” Musk: “Partly.”
    words = ["Savitt", "pressed", ":", "“", "So", "yes", ".", "”", "Musk", ":", "“", "Partly", ".", "”"]
    doc = _doc(words, [1, 1, 1, 5, 5, 1, 5, 5, 8, 8, 11, 8, 11, 11],
               ["nsubj", "ROOT", "punct", "punct", "advmod", "ccomp", "punct", "punct", "ROOT", "punct", "punct",
                "appos", "punct", "punct"],
               spaces=[True, False, True, False, True, False, False, True, False, True, False, False, False, False])
    assert doc.text == "Savitt pressed: “So yes.” Musk: “Partly.”"
    ms = MentionList([_mention(doc, 0, 1, "William Savitt", "lawyer"), _mention(doc, 8, 9, "Elon Musk", "person")])
    assert quotes._colon_speaker(doc.text, doc[11].idx, ms) == "Elon Musk"
    # a colon after a verb ("Savitt pressed:") is a cue verb's business, not a transcript line
    assert quotes._colon_speaker(doc.text, doc[4].idx, ms) is None


def test_a_case_name_is_a_title_not_a_quote():
    words = ["See", "“", "Kadrey", "v.", "Meta", "”"]
    doc = _doc(words, [0, 2, 0, 2, 2, 2], ["ROOT", "punct", "pobj", "cc", "conj", "punct"])
    q0, q1 = doc[2].idx, doc[4].idx + len("Meta")
    assert quotes._term_reason(doc, doc.text, q0, q1, doc.text[q0:q1], 2) == "title"


def test_a_speech_verb_inside_another_quote_is_not_a_cue():
    # “The injury for which Plaintiffs seek redress is not X” but the “use of articles”
    words = ["“", "Plaintiffs", "seek", "redress", "”", "but", "the", "“", "use", "of", "articles", "”"]
    doc = _doc(words, [2, 2, 2, 2, 2, 2, 8, 8, 2, 8, 9, 8],
               ["punct", "nsubj", "ROOT", "dobj", "punct", "cc", "det", "punct", "conj", "prep", "pobj", "punct"],
               ["PUNCT", "NOUN", "VERB", "NOUN", "PUNCT", "CCONJ", "DET", "PUNCT", "NOUN", "ADP", "NOUN", "PUNCT"],
               ["“", "plaintiff", "seek", "redress", "”", "but", "the", "“", "use", "of", "article", "”"])
    q0, q1 = doc[8].idx, doc[10].idx + len("articles")
    assert quotes._cue_verbs(doc, [doc[:]], q0 - 1, q1 + 1) == []


def test_a_word_rejected_as_a_name_is_no_speaker():
    # "... intrusions" AI said (a tagger's PROPN that the entity recogniser rejects)
    doc = _doc(["AI", "said"], [1, 1], ["nsubj", "ROOT"], ["PROPN", "VERB"])
    assert quotes._name_for(doc, doc[0], MentionList(), {}, 0) is None
    doc = _doc(["Conway", "said"], [1, 1], ["nsubj", "ROOT"], ["PROPN", "VERB"])
    assert quotes._name_for(doc, doc[0], MentionList(), {}, 0) == "Conway"


def test_the_named_subject_of_a_filing_verb_is_the_filer():
    # Reddit sued Anthropic . “...,” the lawsuit said
    doc = _doc(["Reddit", "sued", "Anthropic", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
               ["PROPN", "VERB", "PROPN", "PUNCT"], ["Reddit", "sue", "Anthropic", "."])
    ms = MentionList([_mention(doc, 0, 1, "Reddit"), _mention(doc, 2, 3, "Anthropic")])
    assert quotes._doc_filer(doc, ms) == "Reddit"


def test_a_named_member_of_a_plural_filer_is_the_filer():
    # Authors sued Nvidia . Authors , including Abdi Nazemian , cited emails .
    words = ["Authors", "sued", "Nvidia", ".", "Authors", ",", "including", "Abdi", "Nazemian", ",", "cited", "emails", "."]
    heads = [1, 1, 1, 1, 10, 4, 4, 8, 6, 4, 10, 10, 10]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "punct", "prep", "compound", "pobj", "punct", "ROOT", "dobj", "punct"]
    pos = ["NOUN", "VERB", "PROPN", "PUNCT", "NOUN", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT", "VERB", "NOUN", "PUNCT"]
    lemmas = ["author", "sue", "Nvidia", ".", "author", ",", "include", "Abdi", "Nazemian", ",", "cite", "email", "."]
    doc = _doc(words, heads, deps, pos, lemmas, sent_starts=[True] + [False] * 3 + [True] + [False] * 8)
    for i in (0, 4, 11):
        doc[i].tag_ = "NNS"
    ms = MentionList([_mention(doc, 2, 3, "Nvidia"), _mention(doc, 7, 9, "Abdi Nazemian", "person")])
    assert quotes._doc_filer(doc, ms) == "Abdi Nazemian"
    # no named member: no filer
    ms = MentionList([_mention(doc, 2, 3, "Nvidia")])
    doc.user_data.pop("ct_doc_filer", None)
    assert quotes._doc_filer(doc, ms) is None


def test_a_defined_label_for_the_filers_speaks_as_the_filer():
    # Publishers said (the “Publishers” a mention of its own, Concord the plaintiff)
    doc = _doc(["Concord", "sued", ".", "Publishers", "said", "."], [1, 1, 1, 4, 4, 4],
               ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"], sent_starts=[True, False, False, True, False, False])
    ms = MentionList([_mention(doc, 0, 1, "Concord"), _mention(doc, 3, 4, "Publishers")])
    assert quotes._name_for(doc, doc[3], ms, {"Concord": "plaintiff"}, len(doc.text)) == "Concord"
    assert quotes._name_for(doc, doc[0], ms, {"Concord": "plaintiff"}, len(doc.text)) == "Concord"
