"""ingest.nlp.teach: the decisions an editor following the annotations makes, and whether an extraction gets the
decided facts right on its own (the counting of bench/bench_teach.py)."""
from ingest.nlp import teach

GOLD = {"doc": "a.txt",
        "parties": [{"name": "The New York Times Company", "role": "plaintiff"},
                    {"name": "OpenAI", "role": "defendant"}],
        "quotes": [{"speaker": "Ian Crosby", "text_start": "OpenAI has been caught red-handed"},
                   {"speaker": None, "text_start": "a fair use of the works"}],
        "distillation_allegations": [{"accuser": "OpenAI", "accused": "DeepSeek", "teacher": "OpenAI",
                                      "student": "R1", "status": "alleged"}]}
PRED = {"doc": "a.txt",
        "parties": [{"name": "New York Times", "role": "plaintiff"}, {"name": "OpenAI", "role": "plaintiff"},
                    {"name": "Microsoft", "role": "defendant"}],
        "quotes": [{"speaker": "OpenAI", "text": "OpenAI has been caught red-handed stealing, Crosby said"},
                   {"speaker": None, "text": "a fair use of the works, the company says"},
                   {"speaker": "Sam Altman", "text": "we are glad"}],
        "distillation_allegations": [{"accuser": None, "accused": "DeepSeek", "teacher": "OpenAI", "student": "R1",
                                      "status": "alleged"},
                                     {"accuser": "Anthropic", "accused": "Moonshot", "teacher": "Claude",
                                      "student": None, "status": "alleged"}]}


def _by(decisions, kind, action):
    return [d for d in decisions if d["kind"] == kind and d["action"] == action]


def test_the_editor_confirms_corrects_and_rejects_as_the_annotation_says():
    d = teach.decisions(GOLD, PRED)
    assert [x["value"] for x in _by(d, "quote", "correct")] == ["Ian Crosby"]
    assert [x["text"] for x in _by(d, "quote", "confirm")] == ["a fair use of the works"]
    assert [x["text"] for x in _by(d, "quote", "reject")] == ["we are glad"]
    (accuser,) = _by(d, "allegation", "correct")
    assert accuser["field"] == "accuser" and accuser["value"] == "OpenAI" and accuser["was"] is None
    assert [x["accused"] for x in _by(d, "allegation", "reject")] == ["Moonshot"]
    assert [(x["name"], x["value"]) for x in _by(d, "party", "correct")] == [("OpenAI", "defendant")]
    assert [x["name"] for x in _by(d, "party", "reject")] == ["Microsoft"]
    assert [x["name"] for x in _by(d, "party", "confirm")] == ["The New York Times Company"]
    assert teach.tally([(x, PRED) for x in d]) == {"corrections": 3, "right": 0, "rejections": 3, "gone": 0,
                                                    "confirmed": 2, "kept": 2}


def test_an_extraction_that_learned_gets_the_corrected_facts_right_on_its_own():
    d = teach.decisions(GOLD, PRED)
    better = {"parties": [{"name": "NYT", "role": "plaintiff"}, {"name": "OpenAI Inc.", "role": "defendant"}],
              "quotes": [{"speaker": "Crosby", "text": "“OpenAI has been caught red-handed stealing”"}],
              "distillation_allegations": [{"accuser": "OpenAI", "accused": "DeepSeek", "teacher": "OpenAI",
                                            "student": "DeepSeek R1", "status": "alleged"}]}
    tally = teach.tally([(x, better) for x in d])
    # every correction right, every rejected fact gone; the confirmed unattributed quote was lost, NYT kept
    assert tally == {"corrections": 3, "right": 3, "rejections": 3, "gone": 3, "confirmed": 2, "kept": 0}
    nyt = _by(d, "party", "confirm")[0]
    assert not teach.holds(nyt, better)  # "NYT" is no match for the Times' name by the scorer's rules
    assert teach.holds(nyt, {"parties": [{"name": "New York Times", "role": "plaintiff"}]})
    assert not teach.holds(nyt, {"parties": [{"name": "New York Times", "role": "defendant"}]})


def test_a_wrong_teacher_is_corrected_not_rejected():
    gold = {"distillation_allegations": [{"accuser": "Anthropic", "accused": "DeepSeek", "teacher": "Claude",
                                          "student": None, "status": "alleged"}]}
    pred = {"distillation_allegations": [{"accuser": "Anthropic", "accused": "DeepSeek", "teacher": "Anthropic",
                                          "student": None, "status": "alleged"}]}
    (d,) = teach.decisions(gold, pred)
    assert d["action"] == "correct" and d["field"] == "teacher" and d["value"] == "Claude"
    assert not teach.holds(d, pred)
    assert teach.holds(d, gold)
