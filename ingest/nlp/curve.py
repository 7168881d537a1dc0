"""The learning curve: each new annotated batch scored once, blind, before anything is fitted to it.

    python -m ingest.nlp.curve score tests/data/<batch> [--scorer PATH]   score a new batch once and record it
    python -m ingest.nlp.curve render                                      rewrite LEARNING_CURVE.md from the JSON

`score` refuses a batch already on the curve (a blind score is taken once): it runs the pipeline as it stands
(the committed models included) on the batch, scores it with the eval scorer, scores the dev set with the
same pipeline for comparison, and appends a row to tests/data/learning_curve.json (batch, date, documents,
each field's F1, status and is_ai_litigation accuracy, the dev score at the time, the extractor version and
the commit), then renders tests/data/LEARNING_CURVE.md. Never imports Django.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from ingest.nlp.train import BASE, CORE, DATA, load_scorer

CURVE_JSON = DATA / "learning_curve.json"
CURVE_MD = DATA / "LEARNING_CURVE.md"
FIELDS = ("parties", "quotes_found", "quotes_attributed", "distillation_allegations", "case_captions",
          "docket_numbers", "events_dated")
ACCURACIES = ("is_ai_litigation", "allegation_status", "party_role")
GOALS = {"parties": 0.85, "quotes_attributed": 0.80, "distillation_allegations": 0.80, "case_captions": 0.80,
         "docket_numbers": 0.95, "is_ai_litigation": 0.95, "allegation_status": 0.9}


def load_curve() -> list[dict]:
    return json.loads(CURVE_JSON.read_text(encoding="utf-8")) if CURVE_JSON.exists() else []


def _score_folder(folder: Path, scorer) -> tuple[dict, dict]:
    """The scorer's result on one annotated folder, and its gold lines by document."""
    from ingest.nlp.evaljson import extract_files

    gold = scorer.load(str(folder / "gold.jsonl"))
    pred = {line["doc"]: line for line in extract_files([str(folder / d) for d in gold])}
    return scorer.score(gold, pred), gold


def _row(result: dict) -> dict:
    row = {}
    for f in FIELDS:
        r = result.get(f, {})
        row[f] = {"p": round(r.get("precision", 0.0), 3), "r": round(r.get("recall", 0.0), 3),
                  "f1": round(r.get("f1", 0.0), 3)}
    for a in ACCURACIES:
        r = result.get(a, {})
        row[a] = None if r.get("accuracy") is None else round(r["accuracy"], 3)
    row["core_f1_mean"] = round(sum(row[k]["f1"] for k in CORE) / len(CORE), 3)
    return row


def score(folder: Path, scorer_path=None, note: str = "") -> dict:
    from ingest.nlp.pipeline import EXTRACTOR_VERSION

    curve = load_curve()
    name = folder.name
    if any(r["batch"] == name for r in curve):
        raise SystemExit(f"{name} is already on the learning curve: a blind score is taken once")
    scorer = load_scorer(scorer_path)
    if scorer is None:
        raise SystemExit("no scorer: pass --scorer PATH to score.py")
    result, gold = _score_folder(folder, scorer)
    dev, _ = _score_folder(DATA / "dev", scorer)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE, capture_output=True,
                            text=True).stdout.strip()
    entry = {"batch": name, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             "documents": len(gold),
             "negatives": sum(1 for g in gold.values() if g.get("is_ai_litigation") is False),
             "blind_first": _row(result), "dev_at_the_time": _row(dev), "extractor_version": EXTRACTOR_VERSION,
             "commit": commit, "note": note}
    curve.append(entry)
    CURVE_JSON.write_text(json.dumps(curve, indent=1) + "\n", encoding="utf-8")
    render()
    return entry


def _f(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def render() -> str:
    curve = load_curve()
    lines = [
        "# Learning curve: blind-first scores",
        "",
        "Each batch of real documents was annotated by hand from its text alone (../shared/eval/README.md)",
        "before the pipeline was ever run on it, then scored **once** with the pipeline as it stood",
        "(`python -m ingest.nlp.curve score tests/data/<batch>`, which refuses a second score). That first",
        "score is the figure we report; only afterwards does the batch become training and development data.",
        "The dev column is the dev set scored by the same pipeline at the same moment: the gap between the two",
        "is how far the pipeline fits what it was built on. F1 per field, accuracy for status and",
        "is_ai_litigation. Rows come from `learning_curve.json` (this file is rendered from it).",
        "",
        "| # | batch | scored | docs (neg.) | parties | quotes attr. | allegations | status acc. | captions | dockets | "
        "is_ai_lit. acc. | core | dev core then | pipeline |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(curve, 1):
        b, d = r["blind_first"], r["dev_at_the_time"]
        lines.append(
            f"| {i} | {r['batch']} | {r['date'][:10]} | {r['documents']} ({r.get('negatives', '?')}) | "
            f"{_f(b['parties']['f1'])} | {_f(b['quotes_attributed']['f1'])} | "
            f"{_f(b['distillation_allegations']['f1'])} | {_f(b.get('allegation_status'))} | "
            f"{_f(b['case_captions']['f1'])} | {_f(b['docket_numbers']['f1'])} | {_f(b.get('is_ai_litigation'))} | "
            f"{_f(b['core_f1_mean'])} | {_f(d['core_f1_mean']) if d else '–'} | "
            f"{r.get('extractor_version', '')} {r.get('commit', '')} |")
    lines += ["", "Goals (issue 13), on the blind-first scores of the last two batches of at least 25 documents: "
              + ", ".join(f"{k} >= {v}" for k, v in GOALS.items()) + ".", ""]
    notes = [(r["batch"], r["note"]) for r in curve if r.get("note")]
    if notes:
        lines += ["## Notes", ""] + [f"- **{b}**: {n}" for b, n in notes] + [""]
    text = "\n".join(lines)
    CURVE_MD.write_text(text, encoding="utf-8")
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="the blind-first learning curve")
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("folder")
    s.add_argument("--scorer")
    s.add_argument("--note", default="")
    sub.add_parser("render")
    args = parser.parse_args(argv)
    if args.cmd == "score":
        entry = score(Path(args.folder).resolve(), args.scorer, args.note)
        print(json.dumps(entry, indent=1))
    else:
        print(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
