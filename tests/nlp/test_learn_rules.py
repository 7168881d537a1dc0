"""The learned-decision framework (learn.py, train.fit) and rules kept as data (rules.py), without the model."""
import json

import pytest
import spacy
from spacy.tokens import Doc

from ingest.nlp import learn, rules, train


def test_vectorize_one_hot_and_numbers():
    assert learn.vectorize({"verb": "sue", "dist": 3, "subj": True, "obj": False, "none": None, "tags": ["a", "b"]}) \
        == {"verb=sue": 1.0, "dist": 3.0, "subj": 1.0, "tags=a": 1.0, "tags=b": 1.0}


def test_decide_answers_the_rules_default_without_a_model(tmp_path, monkeypatch):
    monkeypatch.setattr(learn, "MODELS_DIR", tmp_path)
    learn.clear_cache()
    assert learn.decide("nothing_here", {"x": 1}, 0.7) == 0.7
    assert learn.choose("nothing_here", {"x": 1}, "alleged", ["alleged", "denied"]) == "alleged"
    assert learn.accept("nothing_here", {"x": 1}, False) is False


def test_model_file_and_override_decide(tmp_path, monkeypatch):
    monkeypatch.setattr(learn, "MODELS_DIR", tmp_path)
    learn.clear_cache()
    m = learn.LinearModel("party", [True], [{"subj": 4.0, "outlet": -6.0}], [-1.0])
    (tmp_path / "party.json").write_text(json.dumps(m.to_json()))
    assert learn.decide("party", {"subj": True}, 0.0) > 0.9
    assert learn.decide("party", {"subj": True, "outlet": True}, 1.0) < 0.1
    assert learn.accept("party", {"subj": True}, False) is True
    flipped = learn.LinearModel("party", [True], [{"subj": -4.0}], [0.0])
    with learn.using({"party": flipped}):
        assert learn.decide("party", {"subj": True}, 1.0) < 0.1
    with learn.disabled():
        assert learn.decide("party", {"subj": True}, 0.25) == 0.25
    learn.clear_cache()


def test_recording_keeps_features_meta_and_document_and_answers_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr(learn, "MODELS_DIR", tmp_path)
    learn.clear_cache()
    records = []
    with learn.recording(records), learn.document("dev/001.txt"):
        assert learn.decide("party", {"verb": "sue"}, 0.9, {"name": "OpenAI"}) == 0.9
        best, p = learn.rank("speaker", [("A", {"subj": True}, 0.2), ("B", {"near": 1}, 0.6)], {"quote": "q"})
    assert (best, p) == ("B", 0.6)
    assert [r["decision"] for r in records] == ["party", "speaker", "speaker"]
    assert records[0] == {"decision": "party", "kind": "binary", "doc": "dev/001.txt",
                          "features": {"verb=sue": 1.0}, "default": 0.9, "meta": {"name": "OpenAI"}, "labels": None}
    assert records[2]["meta"] == {"quote": "q", "candidate": "B"}


def test_fit_learns_a_separable_decision_deterministically():
    examples = [(f"d{i}", {"subj": 1.0, f"noise{i % 3}": 1.0}, True) for i in range(20)] + \
               [(f"d{i}", {"outlet": 1.0, f"noise{i % 3}": 1.0}, False) for i in range(20)]
    a, b = train.fit("party", examples), train.fit("party", examples)
    assert a.to_json() == b.to_json()
    assert a.proba({"subj": True}) > 0.7 and a.proba({"outlet": True}) < 0.3
    assert train.accuracy(a, examples) == 1.0
    assert a.info["examples"] == 40 and a.info["labels"] == {"False": 20, "True": 20}


def test_fit_multiclass_chooses_among_allowed_labels():
    examples = [(f"d{i}", {"cue": c}, c) for i in range(10) for c in ("alleged", "denied", "admitted")]
    m = train.fit("status", examples)
    assert m.best({"cue": "denied"}) == "denied"
    assert m.best({"cue": "denied"}, allowed=["alleged", "admitted"]) in ("alleged", "admitted")
    assert train.fit("status", [("d", {"x": 1.0}, "alleged")]) is None  # one label: nothing to learn


def test_fit_multiclass_leaves_a_label_seen_too_rarely_to_the_rules():
    examples = [(f"d{i}", {"cue": c}, c) for i in range(10) for c in ("alleged", "admitted")] + \
               [("d99", {"cue": "denied"}, "denied")]  # one example: balanced classes would make it weigh ten
    m = train.fit("status", examples)
    assert sorted(m.labels) == ["admitted", "alleged"] and m.info["labels"] == {"admitted": 10, "alleged": 10}
    assert train.fit("status", examples[:10:2] + examples[-1:]) is None  # one label left: nothing to learn


def test_folds_are_stable_by_document():
    assert train.fold_of("dev/001.txt", 5) == train.fold_of("dev/001.txt", 5)
    assert len({train.fold_of(f"dev/{i:03d}.txt", 5) for i in range(50)}) == 5


@pytest.fixture
def pattern_dir(tmp_path, monkeypatch):
    (tmp_path / "cues.jsonl").write_text("\n".join([
        "// accusation verbs and distillation cues are separate roles",
        json.dumps({"role": "accusation_verb", "lemma": "accuse"}),
        json.dumps({"role": "accusation_verb", "lemma": "allege"}),
        json.dumps({"role": "regulator_verb", "lemma": "charge"}),
        json.dumps({"role": "distillation_cue", "id": "distilled", "pattern": [{"LEMMA": "distill"}]}),
        json.dumps({"role": "status", "lemma": "deny", "value": "denied"}),
        json.dumps({"role": "accusation", "id": "nsubj_accuse", "dep": [
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "accuse"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "accuser", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "accused", "RIGHT_ATTRS": {"DEP": "dobj"}}]}),
    ]) + "\n")
    monkeypatch.setattr(rules, "PATTERNS_DIR", tmp_path)
    for fn in (rules.load, rules.lexicon, rules.mapping, rules._matcher, rules._dep_matcher):
        fn.cache_clear()
    yield tmp_path
    for fn in (rules.load, rules.lexicon, rules.mapping, rules._matcher, rules._dep_matcher):
        fn.cache_clear()


def _doc():
    # "Anthropic accused DeepSeek of distilling Claude" built by hand: no model needed
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=["Anthropic", "accused", "DeepSeek", "of", "distilling", "Claude"],
               heads=[1, 1, 1, 1, 3, 4], deps=["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj"],
               lemmas=["Anthropic", "accuse", "DeepSeek", "of", "distill", "Claude"],
               pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "PROPN"])


def test_lexicons_keep_roles_apart(pattern_dir):
    assert rules.lexicon("cues", "accusation_verb") == {"accuse", "allege"}
    assert "charge" not in rules.lexicon("cues", "accusation_verb")
    assert rules.mapping("cues", "status") == {"deny": "denied"}
    assert rules.patterns("cues") == list(rules.load("cues"))  # the registered loader


def test_token_and_dependency_patterns_match_a_hand_built_doc(pattern_dir):
    doc = _doc()
    hits = rules.matcher(doc.vocab, "cues", "distillation_cue")(doc)
    assert [(doc.vocab.strings[m], doc[s:e].text) for m, s, e in hits] == [("distilled", "distilling")]
    found = rules.dep_matcher(doc.vocab, "cues", "accusation")(doc)
    assert len(found) == 1
    match_id, toks = found[0]
    assert [doc[i].text for i in toks] == ["accused", "Anthropic", "DeepSeek"]
    assert rules.role_of("cues", doc.vocab.strings[match_id]) == "accusation"


def test_span_ruler_puts_matches_under_the_file_name(pattern_dir):
    nlp = spacy.blank("en")
    rules.span_ruler(nlp, "cues")
    doc = nlp.make_doc("The distilled spirits")
    for tok in doc:  # a blank pipeline has no lemmatizer: give the lemma by hand
        tok.lemma_ = "distill" if tok.text == "distilled" else tok.text.lower()
    doc = nlp.get_pipe("casetracker_cues")(doc)
    assert [(s.text, s.id_) for s in doc.spans["cues"]] == [("distilled", "distilled")]


def test_a_pattern_without_a_role_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "bad.jsonl").write_text('{"lemma": "sue"}\n')
    monkeypatch.setattr(rules, "PATTERNS_DIR", tmp_path)
    rules.load.cache_clear()
    with pytest.raises(ValueError, match="bad.jsonl:1: every pattern names its role"):
        rules.load("bad")
    rules.load.cache_clear()


def test_make_train_rebuilds_the_committed_models_exactly(tmp_path):
    """`make train` is deterministic, and the model files in the repository are what it makes of the corpus
    now: a change to a decision's features or to the annotated sets must come with retrained models."""
    assert train.main(["--no-cv", "--out", str(tmp_path)]) == 0
    def load(path):  # the cross-validated accuracy is only measured by a run with cross-validation
        data = json.loads(path.read_text())
        data["info"].pop("cv_accuracy", None)
        return data

    made = {p.name: load(p) for p in tmp_path.glob("*.json")}
    committed = {p.name: load(p) for p in learn.MODELS_DIR.glob("*.json") if p.name != "crossval.json"}
    assert made, "no decision was trained"
    assert sorted(made) == sorted(committed)
    for name in made:
        assert made[name] == committed[name], f"{name} differs from what make train makes: run make train"


def test_components_declare_what_they_assign_and_require():
    from ingest.nlp.pipeline import COMPONENTS, get_nlp

    nlp = get_nlp()
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    for name in COMPONENTS:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns and meta.requires, name
    assert "doc._.ct_quotes" in nlp.get_pipe_meta("casetracker_quotes").assigns
    assert "doc._.ct_mentions" in nlp.get_pipe_meta("casetracker_quotes").requires
