"""`make train`: fit the learned decisions on every annotated set, and measure them by cross-validation.

    python -m ingest.nlp.train [--only NAME ...] [--folds 5] [--no-cv] [--scorer PATH] [--dry-run]

1. The corpus: every tests/data/<set>/gold.jsonl with its texts beside it, and the seeds (tests/data/
   gold_seeds.jsonl over samples/). Each document is parsed once (the model, the gazetteer, the parser);
   casetracker's own components then run on the parsed Doc as often as needed.
2. Recording: the components run with models off; every learn.decide/choose/rank call is recorded with its
   features, its meta and the document. The labeler registered for the decision (learn.labeler) turns
   (meta, the document's gold line) into the label; examples it answers None for are dropped.
3. Fitting: one logistic regression per decision (scikit-learn: liblinear for yes/no, lbfgs for a choice
   among labels; L2, balanced classes, fixed order and seed, so the same corpus gives the same file). Its
   regularisation C (of GRID_C) and, for a yes/no decision, the threshold `learn.accept` applies are chosen by
   cross-validation by document (best F1 of the yes class; best accuracy for a choice). A choice learns only the
   labels the corpus shows MIN_LABEL_EXAMPLES times or more; a rarer one stays the rules' (learn.choose's caller
   keeps a default the model does not know). It is pruned to its
   MAX_FEATURES strongest weights and written to ingest/nlp/models/<decision>.json with its training size,
   C, threshold and cross-validated accuracy.
4. Cross-validation by document (folds by a stable hash of the document's name, so a document never
   informs its own prediction): for each fold, models fitted on the other folds decide that fold's
   documents; the predictions of all folds are scored per set by the eval scorer beside the rules-only
   predictions (the recording run), and written to ingest/nlp/models/crossval.json for `make eval`.

Deterministic, and a few minutes on 2 cores for a few hundred documents. Never imports Django.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

from ingest.nlp import learn

BASE = Path(__file__).resolve().parents[2]
DATA = BASE / "tests" / "data"
MAX_FEATURES = 400
MIN_LABEL_EXAMPLES = 3  # a choice among labels learns a label from this many examples (fewer: the rules decide it)
C = 0.5
GRID_C = (0.1, 0.3, 1.0)  # the regularisations tried, by cross-validation, for each decision
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.2 .. 0.8, for yes/no decisions
# the modules whose decisions and labelers are registered on import (each registers its own)
DECISION_MODULES = ("ingest.nlp.mentions", "ingest.nlp.lawsuits", "ingest.nlp.captions", "ingest.nlp.quotes",
                    "ingest.nlp.allegations", "ingest.nlp.facts", "ingest.nlp.claims", "ingest.nlp.dates")
CORE = ("parties", "quotes_attributed", "distillation_allegations", "case_captions")
ROWS = ("parties", "quotes_found", "quotes_attributed", "distillation_allegations", "case_captions",
        "docket_numbers", "events_dated", "is_ai_litigation", "allegation_status", "party_role")


class Corpus:
    """(set, doc name, text, meta, gold line) for every annotated document."""

    def __init__(self, sets: Optional[list[str]] = None, extra: Optional[list[str]] = None):
        from ingest.nlp.evaljson import read

        self.items = []
        pairs = [("seeds", DATA / "gold_seeds.jsonl", BASE / "samples")]
        for gold in sorted(DATA.glob("*/gold.jsonl")):
            pairs.append((gold.parent.name, gold, gold.parent))
        pairs = [p for p in pairs if not sets or p[0] in sets]
        for folder in map(Path, extra or ()):  # e.g. export_reviews' output outside tests/data
            if not (folder / "gold.jsonl").exists():
                raise SystemExit(f"{folder}: no gold.jsonl there")
            pairs.append((f"extra-{folder.resolve().name}", folder / "gold.jsonl", folder))
        for name, gold_path, folder in pairs:
            for line in gold_path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                gold = json.loads(line)
                path = folder / gold["doc"]
                if not path.exists():
                    raise SystemExit(f"{gold_path}: {gold['doc']} is missing")
                meta, text = read(path)
                self.items.append((name, gold["doc"], text, meta, gold))

    def key(self, item) -> str:
        return f"{item[0]}/{item[1]}"


class Runner:
    """Parses each document once; runs casetracker's components on a fresh copy of its parse on demand."""

    def __init__(self, corpus: Corpus):
        from ingest.nlp.pipeline import COMPONENTS, get_nlp, make_doc

        self.nlp = get_nlp()
        names = self.nlp.pipe_names
        first = min(names.index(c) for c in COMPONENTS if c in names)
        self.base, self.custom = names[:first], names[first:]
        self.corpus = corpus
        with self.nlp.select_pipes(enable=self.base):
            docs = [make_doc(self.nlp, text, {"published": meta.get("published"), "title": meta.get("title", ""),
                                              "kind": meta.get("kind")})
                    for _, _, text, meta, _ in corpus.items]
            self.docs = list(self.nlp.pipe(docs, batch_size=32))
        self.snapshots = [dict(doc.user_data) for doc in self.docs]

    def run(self, index: int) -> dict:
        doc = self.docs[index]
        doc.user_data.clear()
        doc.user_data.update(self.snapshots[index])
        for name in self.custom:
            doc = self.nlp.get_pipe(name)(doc)
        return doc._.ct_extraction.to_eval(self.corpus.items[index][1])


def record(runner: Runner) -> tuple[list[dict], dict[str, dict]]:
    """Every decision of every document (models off), and the rules-only predictions by document key."""
    records: list[dict] = []
    predictions = {}
    with learn.recording(records):
        for i, item in enumerate(runner.corpus.items):
            with learn.document(runner.corpus.key(item)):
                predictions[runner.corpus.key(item)] = runner.run(i)
    return records, predictions


def label(records: list[dict], corpus: Corpus) -> dict[str, list[tuple[str, dict, object]]]:
    """{decision: [(doc key, features, label)]} for the decisions that have a labeler."""
    gold = {corpus.key(item): item[4] for item in corpus.items}
    out: dict[str, list] = defaultdict(list)
    for r in records:
        fn = learn.LABELERS.get(r["decision"])
        if fn is None or r["doc"] not in gold:
            continue
        y = fn(r["meta"], gold[r["doc"]])
        if y is None:
            continue
        if r["kind"] == "binary":
            y = bool(y)
        out[r["decision"]].append((r["doc"], r["features"], y))
    return out


EXTRA_WEIGHT = {"weight": 1.0}  # how much an example of an --extra set (editors' decisions) counts beside the corpus's


def weight_of(doc_key: str) -> float:
    return EXTRA_WEIGHT["weight"] if doc_key.startswith("extra-") else 1.0


def fit(name: str, examples: list[tuple[str, dict, object]], c: float = C) -> Optional[learn.LinearModel]:
    """A logistic regression over the examples (None when they hold a single label); an --extra set's examples
    weigh --extra-weight each."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ys = [y for _, _, y in examples]
    if not all(isinstance(y, bool) for y in ys):  # a choice among labels: a label seen too rarely stays the rules'
        seen = Counter(str(y) for y in ys)  # (balanced classes would weigh one example as much as all the others)
        examples = [e for e in examples if seen[str(e[2])] >= MIN_LABEL_EXAMPLES]
        ys = [y for _, _, y in examples]
    labels = sorted(set(ys), key=str)
    if len(labels) < 2:
        return None
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([x for _, x, _ in examples]).tocsr()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")  # liblinear takes 32-bit indices
    names = vec.get_feature_names_out()
    binary = all(isinstance(y, bool) for y in ys)
    solver = "liblinear" if len(labels) == 2 else "lbfgs"  # liblinear is binary only
    clf = LogisticRegression(C=c, solver=solver, class_weight="balanced", random_state=0, max_iter=2000)
    weights = [weight_of(d) for d, _, _ in examples]
    clf.fit(X, [str(y) for y in ys] if not binary else ys,
            sample_weight=weights if any(w != 1.0 for w in weights) else None)
    classes = list(clf.classes_)
    rows = clf.coef_
    biases = list(clf.intercept_)
    if binary:
        labels_out = [True]
        rows, biases = [rows[0]], [biases[0]]
    else:
        labels_out = [next(y for y in labels if str(y) == c) for c in classes]
        if len(classes) == 2:  # a two-label choice: liblinear gives one row, for the second class
            rows, biases = [-rows[0], rows[0]], [-biases[0], biases[0]]
    keep: set[int] = set()
    for row in rows:
        strongest = sorted(range(len(row)), key=lambda j: (-abs(row[j]), names[j]))[:MAX_FEATURES]
        keep.update(j for j in strongest if abs(row[j]) >= 1e-4)
    weights = [{str(names[j]): round(float(row[j]), 4) for j in sorted(keep, key=lambda j: names[j])
                if round(float(row[j]), 4)} for row in rows]
    info = {"examples": len(examples), "documents": len({d for d, _, _ in examples}),
            "labels": dict(sorted(Counter(str(y) for y in ys).items()))}
    return learn.LinearModel(name, labels_out, weights, [round(float(b), 4) for b in biases], 0.5, info)


def select(name: str, examples, folds: int):
    """The regularisation and (yes/no decisions) the threshold, chosen by cross-validation by document: for
    each C of GRID_C, models fitted on the other folds score each fold's examples; a yes/no decision keeps
    the C and threshold of the best F1 of the yes class, a choice among labels the C of the best accuracy
    (ties: the first). Returns (score, C, threshold, {fold: model}, accuracy), or None (one label only)."""
    by_fold = {k: ([e for e in examples if fold_of(e[0], folds) != k],
                   [e for e in examples if fold_of(e[0], folds) == k]) for k in range(folds)}
    best = None
    for c in GRID_C:
        per_fold = {k: m for k, (train, _) in by_fold.items() if (m := fit(name, train, c)) is not None}
        tested = [(m, by_fold[k][1]) for k, m in per_fold.items() if by_fold[k][1]]
        n = sum(len(test) for _, test in tested)
        if not n:
            continue
        acc = sum(accuracy(m, test) * len(test) for m, test in tested) / n
        if isinstance(tested[0][1][0][2], bool):
            probs = [(m.proba(x), y) for m, test in tested for _, x, y in test]
            score, threshold = max((_f1(probs, t), -abs(t - 0.5), t) for t in THRESHOLDS)[0::2]
        else:
            score, threshold = acc, 0.5  # a choice among labels has no threshold
        if best is None or score > best[0] + 1e-9:
            for m in per_fold.values():
                m.threshold = threshold
            best = (score, c, threshold, per_fold, acc)
    return best


def _f1(probs, threshold: float) -> float:
    tp = sum(1 for p, y in probs if p >= threshold and y)
    fp = sum(1 for p, y in probs if p >= threshold and not y)
    fn = sum(1 for p, y in probs if p < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fold_of(key: str, folds: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds


def accuracy(model: Optional[learn.LinearModel], examples) -> Optional[float]:
    if model is None or not examples:
        return None
    right = 0
    for _, x, y in examples:
        if isinstance(y, bool):
            z = model._scores(x)[0]
            right += (z >= 0) == y
        else:
            right += str(model.best(x)) == str(y)
    return right / len(examples)


def load_scorer(path: Optional[str]):
    candidates = [Path(path)] if path else [BASE.parent / "shared" / "eval" / "score.py"]
    for p in candidates:
        if p.exists():
            spec = importlib.util.spec_from_file_location("casetracker_eval_score", p)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def scores_by_set(corpus: Corpus, predictions: dict, scorer) -> dict:
    out = {}
    by_set = defaultdict(dict)
    gold = defaultdict(dict)
    for item in corpus.items:
        key = corpus.key(item)
        by_set[item[0]][item[1]] = predictions[key]
        gold[item[0]][item[1]] = item[4]
    for name in by_set:
        result = scorer.score(gold[name], by_set[name])
        out[name] = {row: _figure(result.get(row, {})) for row in ROWS}
        out[name]["documents"] = len(by_set[name])
        out[name]["core_f1_mean"] = round(sum(out[name][k] or 0 for k in CORE) / len(CORE), 3)
    return out


def _figure(r: dict) -> Optional[float]:
    if "f1" in r:
        return round(r["f1"], 3)
    return None if r.get("accuracy") is None else round(r["accuracy"], 3)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", help="train only these decisions")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true",
                        help="skip the cross-validated field scores (C and thresholds are still chosen by folds)")
    parser.add_argument("--scorer", help="path to score.py (default ../shared/eval/score.py)")
    parser.add_argument("--dry-run", action="store_true", help="fit and report, write nothing")
    parser.add_argument("--out", default=str(learn.MODELS_DIR))
    parser.add_argument("--sets", action="append", help="train on these sets only (default: all)")
    parser.add_argument("--extra", action="append",
                        help="also train on the annotated set in this directory (gold.jsonl and its texts, e.g. "
                             "manage.py export_reviews' output); the models then go to --out, never the committed ones "
                             "unless --out says so")
    parser.add_argument("--extra-weight", type=float, default=1.0,
                        help="each example from an --extra set counts this many times (default 1)")
    args = parser.parse_args(argv)
    if args.extra and args.out == str(learn.MODELS_DIR) and learn.MODELS_DIR == learn.COMMITTED_DIR:
        parser.error("--extra needs --out: the committed models are fitted on the committed sets only")
    EXTRA_WEIGHT["weight"] = args.extra_weight
    started = time.monotonic()
    for module in DECISION_MODULES:
        importlib.import_module(module)
    corpus = Corpus(args.sets, args.extra)
    print(f"corpus: {len(corpus.items)} documents in {len({i[0] for i in corpus.items})} sets")
    runner = Runner(corpus)
    print(f"parsed in {time.monotonic() - started:.0f} s")
    records, rules_pred = record(runner)
    labelled = label(records, corpus)
    wanted = [n for n in sorted(labelled) if not args.only or n in args.only]
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    models = {}
    fold_models: dict[int, dict] = {k: {} for k in range(args.folds)}
    for name in wanted:
        examples = labelled[name]
        chosen = select(name, examples, args.folds)
        if chosen is None:
            print(f"{name}: {len(examples)} examples, one label only; no model")
            continue
        score, c, threshold, per_fold, cv_acc = chosen
        for k, m in per_fold.items():
            fold_models[k][name] = m
        model = fit(name, examples, c)
        model.threshold = threshold
        model.info.update({"C": c, "cv_accuracy": round(cv_acc, 3)})
        if isinstance(model.labels[0], bool):
            model.info["cv_f1"] = round(score, 3)
        models[name] = model
        print(f"{name}: {model.info['examples']} examples from {model.info['documents']} documents, "
              f"labels {model.info['labels']}, {sum(len(w) for w in model.weights)} weights, C={c}, "
              f"threshold {threshold}, cross-validated accuracy {model.info['cv_accuracy']}"
              + (f", F1 {model.info['cv_f1']}" if "cv_f1" in model.info else ""))
    partial = args.only or args.sets or args.extra
    if not args.dry_run and not partial:
        for stale in out_dir.glob("*.json"):  # a decision without a labeler now decides by its rules again
            if stale.stem not in models and stale.name != "crossval.json":
                print(f"{stale.stem}: no longer trained; {stale.name} removed")
                stale.unlink()
    if not args.dry_run:
        for name, model in models.items():
            (out_dir / f"{name}.json").write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n",
                                                 encoding="utf-8")
    report = {"documents": len(corpus.items), "folds": args.folds}
    scorer = load_scorer(args.scorer)
    if not args.no_cv and scorer is not None:
        cv_pred = {}
        for i, item in enumerate(corpus.items):
            key = corpus.key(item)
            k = fold_of(key, args.folds)
            # decisions not retrained here (--only) keep the model file; the retrained ones use the fold's
            with learn.using(fold_models[k]):
                cv_pred[key] = runner.run(i)
        report["rules_only"] = scores_by_set(corpus, rules_pred, scorer)
        report["cross_validated"] = scores_by_set(corpus, cv_pred, scorer)
        _print_table(report)
        if not args.dry_run and not partial:
            (out_dir / "crossval.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n",
                                                  encoding="utf-8")
    elif scorer is None:
        print("no scorer (../shared/eval/score.py): field scores skipped")
    learn.clear_cache()
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


def _print_table(report: dict) -> None:
    rules, cv = report["rules_only"], report["cross_validated"]
    print(f"\n{'set':10s} {'docs':>4s}  " + "  ".join(f"{r[:12]:>12s}" for r in (*CORE, "is_ai_litigation")))
    for name in sorted(cv):
        for label, table in (("rules", rules), ("cv", cv)):
            row = table[name]
            print(f"{name[:10]:10s} {row['documents']:4d}  "
                  + "  ".join(f"{label + ' ' + format(row[r] or 0, '.3f'):>12s}"
                              for r in (*CORE, "is_ai_litigation")))


if __name__ == "__main__":
    sys.exit(main())
