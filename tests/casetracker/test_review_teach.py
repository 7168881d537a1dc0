"""Corrections teach the pipeline (issue 15): an editor following the annotations reviews ingested documents
(review_from_gold), export_reviews writes the decisions in the corpus format, and make train's corpus reads them
(--extra). bench/bench_teach.py runs the whole experiment on real documents; this is its chain on a small fixture."""
from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from casetracker.models import Allegation, CaseParty, Correction, Party, Quote, RawInput, Revision
from ingest.nlp import teach

# what people annotated in musk_case's two documents (their texts are in tests/casetracker/conftest.py)
GOLD = [
    {"doc": "hostile.txt", "case_captions": ["OpenAI v. Musk"], "court": None, "docket_numbers": [],
     "parties": [{"name": "OpenAI", "role": "plaintiff"}, {"name": "Elon Musk", "role": "defendant"}],
     "quotes": [{"speaker": "Elon Musk", "text_start": "Partly."}],
     "distillation_allegations": [{"accuser": None, "accused": "xAI", "teacher": "OpenAI", "student": "Grok",
                                   "status": "admitted"}],
     "events": [], "is_ai_litigation": True},
    {"doc": "testimony.txt", "case_captions": ["Musk v. OpenAI"], "court": None, "docket_numbers": [],
     "parties": [{"name": "Elon Musk", "role": "plaintiff"}, {"name": "OpenAI", "role": "defendant"}],
     "quotes": [], "distillation_allegations": [
         {"accuser": "Anthropic", "accused": "DeepSeek", "teacher": "Claude", "student": None, "status": "alleged"},
         {"accuser": None, "accused": "xAI", "teacher": "OpenAI", "student": "Grok", "status": "admitted"}],
     "events": [], "is_ai_litigation": True},
]


@pytest.fixture
def annotated(musk_case, tmp_path):
    """musk_case's documents as if ingested from annotated files, and their gold.jsonl."""
    case, docs = musk_case
    for doc, line in zip(docs, GOLD):
        RawInput.objects.create(source=f"/corpus/{line['doc']}", filename=line["doc"], document=doc, status="done")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in GOLD))
    return case, docs, gold


def test_an_editor_following_the_annotations_reviews_every_fact(annotated):
    case, docs, gold = annotated
    call_command("review_from_gold", str(gold), "--doc", "hostile.txt")
    quote = Quote.objects.get()
    assert quote.review == "confirmed" and quote.speaker.name == "Elon Musk"
    xai = Allegation.objects.filter(accused__name="xAI")
    assert {a.review for a in xai} == {"corrected"} and {a.student.name for a in xai} == {"Grok"}
    assert Revision.objects.filter(fact_type="party", field="created", after="Grok", username="annotations").exists()
    roles = {(cp.party.name, cp.role, cp.review) for cp in CaseParty.objects.filter(case=case)}
    assert ("OpenAI", "plaintiff", "corrected") in roles and ("Elon Musk", "defendant", "corrected") in roles
    assert not any(name == "xAI" for name, _, _ in roles)
    # the other document was not reviewed (only what --doc names)
    assert Allegation.objects.get(accused__name="DeepSeek").review == ""


def test_reviews_are_exported_and_read_by_train(annotated, tmp_path):
    from ingest.nlp.train import Corpus

    case, docs, gold = annotated
    call_command("review_from_gold", str(gold))
    out = tmp_path / "reviews"
    call_command("export_reviews", str(out))
    lines = [json.loads(line) for line in (out / "gold.jsonl").read_text().splitlines()]
    assert len(lines) == 2  # both fully checked: quotes, allegations and roles
    first = next(line for line in lines if line["quotes"])
    assert first["quotes"] == [{"speaker": "Elon Musk", "text_start": "Partly."}]
    assert {(p["name"], p["role"]) for p in first["parties"]} == {("OpenAI", "plaintiff"), ("Elon Musk", "defendant")}
    assert first["distillation_allegations"][0]["student"] == "Grok"
    # what the editor decided holds in the export, by the experiment's own check
    annotated_line = GOLD[0]
    exported_as_pred = {**first, "quotes": [{"speaker": q["speaker"], "text": q["text_start"]} for q in first["quotes"]]}
    decided = teach.decisions(annotated_line, exported_as_pred)
    assert decided and all(teach.holds(d, exported_as_pred) for d in decided if d["action"] != "reject")
    corpus = Corpus(sets=["no-such-set"], extra=[str(out)])
    assert sorted(item[1] for item in corpus.items) == sorted(line["doc"] for line in lines)
    assert {item[0] for item in corpus.items} == {"extra-reviews"}
    assert corpus.items[0][2] in {d.text for d in docs}


def test_review_from_gold_refuses_bad_input(annotated, tmp_path):
    from django.core.management.base import CommandError

    _, _, gold = annotated
    with pytest.raises(CommandError, match="no such file"):
        call_command("review_from_gold", str(tmp_path / "none.jsonl"))
    with pytest.raises(CommandError, match="not annotated"):
        call_command("review_from_gold", str(gold), "--doc", "other.txt")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("review_from_gold", str(bad))
    assert not Correction.objects.exists() and Party.objects.filter(name="Grok").count() == 0


def test_train_keeps_the_committed_models_out_of_an_experiment():
    from ingest.nlp import train

    with pytest.raises(SystemExit):
        train.main(["--extra", "/nonexistent", "--no-cv", "--dry-run"])


def test_each_exported_document_keeps_the_sides_its_own_annotation_gives(annotated, tmp_path):
    """The two documents of one case disagree on the sides (as annotated): a party's role in the case is one for
    both, so the export takes each document's own sides from the decisions on its mentions (review_from_gold
    decides them), and the experiment's check finds every role decision in the export (teach.exported)."""
    case, docs, gold = annotated
    call_command("review_from_gold", str(gold))
    from casetracker.models import Mention

    assert Mention.objects.filter(document=docs[0], role__in=("plaintiff", "defendant")).exclude(review="").exists()
    out = tmp_path / "reviews"
    call_command("export_reviews", str(out))
    lines = [json.loads(line) for line in (out / "gold.jsonl").read_text().splitlines()]
    by_doc = {line["doc"]: line for line in lines}
    for doc, annotation in zip(docs, GOLD):
        line = by_doc[f"{doc.pk:05d}_{doc.sha256[:12]}.txt"]
        sides = {(p["name"], p["role"]) for p in line["parties"] if p["name"] in ("OpenAI", "Elon Musk")}
        assert sides == {(p["name"], p["role"]) for p in annotation["parties"]}, annotation["doc"]
        for p in annotation["parties"]:
            decision = {"kind": "party", "action": "confirm", "name": p["name"], "role": p["role"]}
            assert teach.exported(decision, line)
            wrong = {**decision, "role": "other"}
            assert not teach.exported(wrong, line)
            assert teach.why(wrong, {"parties": []}, [], line) == "not exported"


def test_why_a_correction_is_not_learned():
    """teach.why names the first cause: the export lacks it, the speaker was never a candidate, or it was one
    and the learned ranker chose another."""
    line = {"quotes": [{"speaker": "Rita Lin", "text_start": "futile"}], "parties": [], "distillation_allegations": []}
    decision = {"kind": "quote", "action": "correct", "text": "futile", "field": "speaker", "value": "Rita Lin"}
    pred = {"quotes": [{"speaker": "xAI", "text": "futile"}]}
    seen = [{"decision": "quote_speaker", "meta": {"text": "futile", "candidate": "xAI"}, "answer": 0.9, "default": 0.9}]
    assert teach.why(decision, pred, seen, line) == "never a candidate"
    seen.append({"decision": "quote_speaker", "meta": {"text": "futile", "candidate": "Rita Lin"}, "answer": 0.5,
                 "default": 0.4})
    assert teach.why(decision, pred, seen, line) == "outranked"
    assert teach.why(decision, pred, seen, None) == "not exported"
    assert teach.why(decision, {"quotes": [{"speaker": "Rita Lin", "text": "futile"}]}, seen, line) == "right"
    role = {"kind": "party", "action": "correct", "name": "OpenAI", "field": "role", "value": "defendant"}
    rule = [{"decision": "party_role", "meta": {"name": "OpenAI"}, "answer": "plaintiff", "default": "plaintiff"}]
    assert teach.why(role, {"parties": [{"name": "OpenAI", "role": "plaintiff"}]}, rule,
                     {"parties": [{"name": "OpenAI", "role": "defendant"}]}) == "side read by a rule"
