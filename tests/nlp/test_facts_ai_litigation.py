"""is_ai_litigation as a learned decision: the cue files (patterns/litigation.jsonl, ai_terms.jsonl,
litigation_ai_cases.jsonl) on hand-built Docs, the features, the rules' default and the labeler."""
import json

import spacy
from spacy.tokens import Doc

from ingest.nlp import facts, learn, pipeline  # noqa: F401  (pipeline registers the Doc extensions)
from ingest.nlp.types import CaseX

VOCAB = spacy.blank("en").vocab


def doc(words, title=None):
    d = Doc(VOCAB, words=words)
    d._.ct_title = " ".join(title) if title else ""
    d._.ct_title_doc = Doc(VOCAB, words=title) if title else None
    return d


def test_litigation_cues_by_kind():
    counts = facts.cue_counts(doc("Authors sued Meta and the judge ruled on the motion to dismiss".split()))
    assert counts["lit_suit"] == 1 and counts["lit_court"] == 1
    assert counts["lit_procedure"] == 3  # ruled, motion, dismiss


def test_suit_alone_is_not_a_lawsuit():
    assert "lit_suit" not in facts.cue_counts(doc("She wore a racing suit".split()))
    assert facts.cue_counts(doc("The publisher filed suit".split()))["lit_suit"] == 1


def test_ai_terms_by_kind_and_word_traps():
    counts = facts.cue_counts(doc("The AI model was trained on pirated books and distilled from Claude".split()))
    assert counts["ai_core"] == 1 and counts["ai_training"] >= 2 and counts["ai_distill"] == 1
    trap = facts.cue_counts(doc("The distillery makes distilled spirits under a new business model".split()))
    assert "ai_distill" not in trap and "ai_tech" not in trap and trap["ai_trap"] >= 3


def test_enforcement_and_legislation_are_their_own_kinds():
    counts = facts.cue_counts(doc("The SEC charged the company while lawmakers debated the bill".split()))
    assert counts["lit_enforcement"] == 1 and counts["lit_legislation"] == 2
    assert not any(counts.get(k) for k in facts.LITIGATION_KINDS)


def test_known_ai_case_by_caption_sides():
    assert facts.known_ai_case(["Kadrey v. Meta Platforms, Inc."])
    assert facts.known_ai_case(["In re OpenAI Copyright Infringement Litigation"])
    assert not facts.known_ai_case(["Johnson v. Meta Platforms, Inc."])
    assert not facts.known_ai_case(["Elon Musk says OpenAI owes him"])  # no caption: no case


def test_court_paper_of_a_known_ai_case_that_never_says_ai():
    d = doc("Kadrey v. Meta Platforms , Inc. ORDER GRANTING the motion for summary judgment".split())
    cases = [CaseX(caption="Kadrey v. Meta Platforms, Inc.", plaintiffs=["Richard Kadrey"], defendants=["Meta"])]
    counts = facts.cue_counts(d)
    features, rule = facts.ai_litigation_features(d, cases, {"Richard Kadrey": "plaintiff", "Meta": "defendant"}, [],
                                                  [], counts, [], "opinion")
    assert rule and features["known_ai_case"] and features["caption"] and features["court_paper"]
    assert features["ai_maker_party_role"]  # Meta makes Llama (the gazetteer's models and their owners)


def test_distillation_accusation_without_a_suit_is_not_litigation_by_the_rules():
    d = doc("OpenAI accused DeepSeek of distillation of its AI models".split(),
            title="OpenAI accuses DeepSeek of distilling its models".split())
    features, rule = facts.ai_litigation_features(d, [], {}, [], [], facts.cue_counts(d), [], "news")
    assert not rule and features["title_distill"] and features["title_ai_company"] and not features["title_lit"]


def test_labeler_reads_the_gold_line():
    assert learn.LABELERS["is_ai_litigation"]({}, {"is_ai_litigation": False}) is False
    assert learn.LABELERS["is_ai_litigation"]({}, {"doc": "x"}) is None


def test_the_decision_is_recorded_with_the_rule_as_default():
    d = doc("The judge ruled that OpenAI trained its AI models on books in the lawsuit".split())
    records = []
    with learn.recording(records):
        verdict = facts.is_ai_litigation(d, [], {"OpenAI": "defendant"}, [], [], kind="news")
    (r,) = [r for r in records if r["decision"] == "is_ai_litigation"]
    assert verdict is True and r["default"] == 1.0 and r["features"]["rule"] == 1.0
    json.dumps(r)  # recordable


def test_scraping_sanctions_deals_and_other_domains_are_kinds_of_their_own():
    counts = facts.cue_counts(doc("The lawyer was sanctioned for fake citations after the crawler scraped a securities deal".split()))
    assert counts["lit_sanction"] == 2 and counts["ai_scraping"] == 2 and counts["lit_deal"] == 1
    assert counts["other_domain"] == 1 and "ai_training" not in counts


def test_a_gazetteer_name_under_a_word_trap_is_not_an_ai_model():
    from ingest.nlp.mentions import Mention

    d = doc("The SEC sued Gemini Earn and Gemini Trust".split())
    counts = facts.cue_counts(d)
    assert {3, 4, 6, 7} <= counts.trapped
    gemini = [Mention(start=0, end=0, tok=i, sent_start=0, sent_end=0, name="Gemini", kind="model", eid="gemini")
              for i in (3, 6)]
    features, _ = facts.ai_litigation_features(d, [], {}, [], gemini, counts, [], "news")
    assert not features.get("n_ai_model")


def test_the_lead_and_the_share_of_sentences_with_a_litigation_cue():
    d = doc("OpenAI signed a deal . It will use news . The Times sued OpenAI last year .".split())
    for i, t in enumerate(d):
        t.is_sent_start = i in (0, 6, 11)
    share, lead_lit, lead_ai = facts._spread(d, facts.cue_counts(d))
    assert share == round(1 / 3, 3) and lead_lit  # the third sentence is still in the lead


def test_facial_recognition_is_ai_and_fingerprint_privacy_is_its_own_kind():
    counts = facts.cue_counts(doc("The FTC said its facial recognition system broke the law".split()))
    assert counts["ai_face"] == 1 and "ai_face" in facts.AI_KINDS
    bipa = facts.cue_counts(doc("The railroad scanned fingerprints under BIPA , a biometric privacy law".split()))
    assert bipa["biometric"] == 3 and not any(bipa.get(k) for k in facts.AI_KINDS)


def test_german_ai_and_court_words_and_algorithms_as_their_own_kind():
    counts = facts.cue_counts(doc("Das Gericht erlaubt Meta , KI mit Nutzerdaten zu trainieren".split()))
    assert counts["lit_court"] == 1 and counts["ai_core"] == 1 and counts["ai_training"] == 1
    algo = facts.cue_counts(doc("an algorithmic screening tool".split()))
    assert algo["ai_algorithm"] == 1 and not any(algo.get(k) for k in facts.AI_KINDS)


def test_an_environmental_suit_against_an_ai_company_counts_its_other_domain():
    counts = facts.cue_counts(doc("Residents sued under the Clean Air Act saying the data center turbines emit pollutants".split()))
    assert counts["other_domain"] == 3, dict(counts)
