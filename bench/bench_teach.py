#!/usr/bin/env python
"""Do editors' corrections teach the pipeline? A repeatable experiment on real annotated documents. Prints figures.

    .venv/bin/python bench/bench_teach.py [--sets batch13,batch14,batch16] [--weights 1,10] [--work .data/teach]

The held-out sets (``--sets``, annotated by people, blind) are split in two by a stable hash of each file name:
*taught* documents, whose corrections editors make and the pipeline then learns from, and *unseen* documents of
the same kind, which no model sees (the real question: does it generalise?).

1. Baseline: the learned decisions are fitted on every other annotated set (``python -m ingest.nlp.train --sets
   ... --out WORK/base``), so no model has seen the held-out documents.
2. The held-out documents are ingested into a database of their own (``<db>_teach``, beside the configured one)
   with the baseline models (NLP_MODELS_DIR).
3. An editor reviews the taught documents from their human annotations (``manage.py review_from_gold``: every quote,
   allegation and party role confirmed, corrected to the annotation's values or rejected, through the review
   service: Corrections, history, parties created for names the database lacked).
4. ``manage.py export_reviews WORK/reviews`` writes what the editor checked in the corpus format.
5. The models are fitted again on the same sets plus the export (``--extra WORK/reviews --out WORK/taught-wN``),
   once for each weight of ``--weights`` (how many corpus examples one editor's example counts as).
6. Every held-out document is extracted from its text, without the database (so no Correction applies), with the
   baseline models and with each retrained set; the decisions an editor makes on the baseline's facts
   (ingest.nlp.teach.decisions, the same rules as step 3) are checked against each extraction: a corrected fact
   counts when the extraction now has the corrected value, a rejected one when it is gone, a confirmed one when
   it is kept. The scorer's field F1 (../shared/eval/score.py) is printed beside.
7. Why, per kind of decision ("why, quote correct (speaker): outranked 10, never a candidate 9, right 4"): each
   decision the retrained extraction still misses is given its first cause (ingest.nlp.teach.why) — the export does
   not carry it, the fact is not extracted, the corrected value was never among the rules' candidates, it was one
   and the learned decision chose another, a rule decided (a party's side read from the words), the model keeps a
   rejected fact — from the decisions that extraction made with the retrained models' answers (learn.observing).

Deterministic (training is, and so are the split and the extraction); about 15 minutes on 2 cores. The committed
models are never touched.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_database  # noqa: E402
PY = sys.executable
DATA = ROOT / "tests" / "data"
DEFAULT_SETS = ("batch13", "batch14", "batch16")
FIELDS = ("quotes_found", "quotes_attributed", "parties", "party_role", "distillation_allegations")


def group_of(name: str) -> str:
    """taught or unseen, by a stable hash of the file name (half and half)."""
    return "taught" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "unseen"


def all_sets() -> list[str]:
    return ["seeds", *sorted(p.parent.name for p in DATA.glob("*/gold.jsonl"))]


def held_out(sets) -> list[tuple[str, Path, dict]]:
    """(set, text file, gold line) of every held-out document."""
    out = []
    for name in sets:
        gold = DATA / name / "gold.jsonl"
        if not gold.exists():
            raise SystemExit(f"no annotated set {name!r} in tests/data")
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                out.append((name, DATA / name / g["doc"], g))
    return out


def run(cmd: list[str], env: dict, quiet: bool = False) -> str:
    started = time.monotonic()
    out = subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE)
    print(f"  {' '.join(Path(c).name if c.startswith('/') else c for c in cmd[:3])} … "
          f"{time.monotonic() - started:.0f} s", file=sys.stderr)
    return out.stdout


def train(env: dict, sets: list[str], out: Path, extra: Path | None = None, weight: float = 1.0) -> None:
    cmd = [PY, "-m", "ingest.nlp.train", "--no-cv", "--out", str(out)]
    for s in sets:
        cmd += ["--sets", s]
    if extra is not None:
        cmd += ["--extra", str(extra), "--extra-weight", str(weight)]
    run(cmd, env)


OBSERVED = ("quote_speaker", "is_quote", "party", "party_role")


def extract(env: dict, models: Path, files: list[Path], observed: dict | None = None) -> dict[str, dict]:
    """file name -> the extraction (scorer format) with these models, no database. With ``observed`` (a dict), it
    gets file name -> the learned decisions each document's extraction made, with the models' answers
    (learn.observing: the candidates each quote's speaker was chosen from, each party's side)."""
    code = ("import json, sys\nfrom ingest.nlp import learn\nfrom ingest.nlp.evaljson import extract_files\n"
            "for path in sys.argv[1:]:\n    seen = []\n    with learn.observing(seen):\n"
            "        (line,) = extract_files([path])\n"
            f"    line['_observed'] = [o for o in seen if o['decision'] in {OBSERVED!r}]\n"
            "    print(json.dumps(line))\n")
    out = run([PY, "-c", code, *map(str, files)], {**env, "NLP_MODELS_DIR": str(models)})
    lines = {line["doc"]: line for line in map(json.loads, out.splitlines())}
    for name, line in lines.items():
        seen = line.pop("_observed")
        if observed is not None:
            observed[name] = seen
    return lines


def exported_lines(folder: Path, docs) -> dict[str, dict]:
    """held-out file name -> its line in the editors' export (export_reviews names files by id: matched by text)."""
    from ingest.nlp.evaljson import read

    def plain(text: str) -> str:  # ingestion tidies whitespace
        return " ".join(text.split())

    by_text = {plain(read(path)[1]): g["doc"] for _, path, g in docs}
    out = {}
    gold = folder / "gold.jsonl"
    for line in (gold.read_text(encoding="utf-8").splitlines() if gold.exists() else []):
        if line.strip():
            e = json.loads(line)
            name = by_text.get(plain(read(folder / e["doc"])[1]))
            if name:
                out[name] = e
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS), help="the held-out annotated sets")
    parser.add_argument("--work", default=str(ROOT / ".data" / "teach"))
    parser.add_argument("--weights", default="1",
                        help="retrain once per weight of the editors' examples (train --extra-weight), e.g. 1,10")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    from ingest.nlp import teach
    from ingest.nlp.train import load_scorer

    held = [s.strip() for s in args.sets.split(",") if s.strip()]
    train_sets = [s for s in all_sets() if s not in held and s != "reviews"]
    docs = held_out(held)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBUG": "true", "CELERY_TASK_ALWAYS_EAGER": "true"}
    for name in ("NLP_MODELS_DIR", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):  # in-process, our models
        env.pop(name, None)
    groups = {g: [d for d in docs if group_of(d[1].name) == g] for g in ("taught", "unseen")}
    print(f"held out: {', '.join(held)} ({len(docs)} documents: {len(groups['taught'])} taught, "
          f"{len(groups['unseen'])} unseen); models fitted on {len(train_sets)} other sets", file=sys.stderr)

    print("1. baseline models", file=sys.stderr)
    train(env, train_sets, work / "base")
    print("2. ingest the held-out documents with them", file=sys.stderr)
    db_env = {**env, "DATABASE_URL": scratch_database("teach"), "NLP_MODELS_DIR": str(work / "base")}
    manage = [PY, str(ROOT / "manage.py")]
    run(manage + ["migrate", "--noinput", "-v0"], db_env)
    run(manage + ["ingest", "--no-progress", *(str(d[1]) for d in docs)], db_env)
    print("3. an editor reviews the taught documents from their annotations", file=sys.stderr)
    taught_gold = work / "taught_gold.jsonl"
    taught_gold.write_text("".join(json.dumps(g) + "\n" for _, _, g in groups["taught"]), encoding="utf-8")
    review_counts = json.loads(run(manage + ["review_from_gold", str(taught_gold)], db_env).strip().splitlines()[-1])
    print("4. export_reviews", file=sys.stderr)
    exported = run(manage + ["export_reviews", str(work / "reviews")], db_env).strip()
    files = [d[1] for d in docs]
    print("5. extract every held-out document with the baseline models", file=sys.stderr)
    before = extract(env, work / "base", files)
    scorer = load_scorer(None)
    figures = {"sets": held, "train_sets": train_sets, "review": review_counts, "export": exported, "runs": {}}
    lines = exported_lines(work / "reviews", docs)
    for weight in [float(w) for w in args.weights.split(",") if w.strip()]:
        print(f"6. retrain with the export (each editor's example weighs {weight:g}), extract again", file=sys.stderr)
        models = work / f"taught-w{weight:g}"
        train(env, train_sets, models, extra=work / "reviews", weight=weight)
        observed: dict = {}
        after = extract(env, models, files, observed)
        figures["runs"][f"{weight:g}"] = {g: _group(teach, scorer, members, before, after, observed, lines)
                                          for g, members in groups.items()}
    print(report(figures))
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
    (work / "figures.json").write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _group(teach, scorer, members, before: dict, after: dict, observed: dict, lines: dict) -> dict:
    """One group's figures: the editor's decisions on the baseline's facts, held by each extraction; and why the
    retrained extraction misses those it misses, by kind of decision (teach.why; for the unseen documents the
    export is the one their own decisions would have made, had an editor checked them: the question is then
    whether the mechanism could learn them, not whether it saw them)."""
    decided = [(d, gold["doc"]) for _, _, gold in members for d in teach.decisions(gold, before[gold["doc"]])]
    row = {"documents": len(members),
           "before": teach.tally([(d, before[name]) for d, name in decided]),
           "after": teach.tally([(d, after[name]) for d, name in decided]), "by_kind": {}, "why": {}}
    for d, name in decided:
        if d["action"] == "confirm":
            continue
        what = f"{d['kind']} {d['action']}" + (f" ({d['field']})" if d.get("field") else "")
        line = lines.get(name) if name in lines else (None if group_of(name) == "taught" else _as_gold(members, name))
        reason = teach.why(d, after[name], observed.get(name, []), line)
        row["why"].setdefault(what, {}).setdefault(reason, 0)
        row["why"][what][reason] += 1
    for kind in ("quote", "allegation", "party"):
        mine = [(d, n) for d, n in decided if d["kind"] == kind]
        row["by_kind"][kind] = {"before": teach.tally([(d, before[n]) for d, n in mine]),
                                "after": teach.tally([(d, after[n]) for d, n in mine])}
    if scorer is not None:
        gold = {x["doc"]: x for _, _, x in members}
        row["f1"] = {when: {f: _figure(scorer.score(gold, {n: p[n] for n in gold}).get(f, {})) for f in FIELDS}
                     for when, p in (("before", before), ("after", after))}
    return row


def _as_gold(members, name: str) -> dict:
    """An unseen document's annotation: what an export of its decisions would carry (nobody checked it)."""
    return next(g for _, _, g in members if g["doc"] == name)


def _figure(r: dict):
    if "f1" in r:
        return round(r["f1"], 3)
    return None if r.get("accuracy") is None else round(r["accuracy"], 3)


def report(figures: dict) -> str:
    lines = [f"\nheld out: {', '.join(figures['sets'])}; editor's decisions on the taught documents: "
             f"{json.dumps(figures['review'])}", figures["export"]]
    for weight, groups in figures["runs"].items():
        lines += [f"\nretrained, each editor's example weighing {weight}:", _table(groups)]
    return "\n".join(lines)


def _table(groups: dict) -> str:
    lines = [f"{'':8s} {'docs':>4s}  {'corrected facts right':>22s}  {'rejected facts gone':>20s}  "
             f"{'confirmed facts kept':>21s}"]
    for g, row in groups.items():
        for when in ("before", "after"):
            t = row[when]
            lines.append(f"{g if when == 'before' else '':8s} {row['documents'] if when == 'before' else '':>4}  "
                         f"{when:>6s} {t['right']:4d} of {t['corrections']:<4d}      "
                         f"{t['gone']:4d} of {t['rejections']:<4d}       {t['kept']:4d} of {t['confirmed']:<4d}")
    for g, row in groups.items():
        for kind, k in row["by_kind"].items():
            b, a = k["before"], k["after"]
            lines.append(f"  {g} {kind:10s} corrected right {b['right']} → {a['right']} of {a['corrections']}; "
                         f"rejected gone {b['gone']} → {a['gone']} of {a['rejections']}; "
                         f"confirmed kept {b['kept']} → {a['kept']} of {a['confirmed']}")
        for what, reasons in sorted(row.get("why", {}).items()):
            lines.append(f"  {g} why, {what}: " + ", ".join(
                f"{reason} {n}" for reason, n in sorted(reasons.items(), key=lambda x: -x[1])))
        if "f1" in row:
            lines.append(f"  {g} scorer: " + ", ".join(
                f"{f} {row['f1']['before'][f]} → {row['f1']['after'][f]}" for f in FIELDS))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
