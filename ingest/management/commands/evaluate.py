"""`make eval`: extraction scored against the gold sets by ../shared/eval/score.py, beside the baseline."""
from __future__ import annotations

import importlib.util
import json
import json as _json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ROWS = ["parties", "quotes_found", "quotes_attributed", "distillation_allegations", "case_captions",
        "docket_numbers", "events_dated", "party_role", "allegation_accuser", "allegation_student",
        "allegation_status", "is_ai_litigation"]


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("casetracker_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Command(BaseCommand):
    help = "Score our extraction and the off-the-shelf baseline against the gold sets, side by side."

    def add_arguments(self, parser):
        default_shared = Path(settings.BASE_DIR).parent / "shared"
        parser.add_argument("--scorer", default=str(default_shared / "eval" / "score.py"))
        parser.add_argument("--set", action="append", dest="sets", metavar="NAME=GOLD:FOLDER",
                            help="gold file and folder of texts (default: seeds and the dev set)")
        parser.add_argument("--out", default=str(Path(settings.DATA_DIR) / "eval"))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, scorer, sets, out, json: bool = False, **opts):
        scorer_path = Path(scorer)
        if not scorer_path.exists():
            raise CommandError(f"scorer not found: {scorer_path}")
        score = _scorer(scorer_path)
        base = Path(settings.BASE_DIR)
        if not sets:
            sets = [f"seeds={scorer_path.parent / 'gold_seeds.jsonl'}:{base / 'samples'}"]
            # dev first, then every batch in the order it was scored blind (tests/data/learning_curve.json)
            from ingest.nlp.curve import load_curve

            order = ["dev"] + [r["batch"] for r in load_curve()]
            found = sorted(p.parent.name for p in (base / "tests/data").glob("*/gold.jsonl"))
            for name in sorted(found, key=lambda n: (order.index(n) if n in order else len(order), n)):
                sets.append(f"{name}={base / f'tests/data/{name}/gold.jsonl'}:{base / f'tests/data/{name}'}")
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        report = {}
        for spec in sets:
            name, rest = spec.split("=", 1)
            gold_path, folder = rest.rsplit(":", 1)
            gold = score.load(gold_path)
            files = [str(Path(folder) / doc) for doc in gold]
            missing = [f for f in files if not Path(f).exists()]
            if missing:
                raise CommandError(f"{name}: gold names files that are missing: {missing[:3]}")
            from ingest.baseline import baseline_files
            from ingest.nlp.evaljson import extract_files

            results = {}
            for system, run in (("casetracker", extract_files), ("baseline", baseline_files)):
                pred = {line["doc"]: line for line in run(files)}
                (out_dir / f"{name}-{system}.jsonl").write_text(
                    "".join(_dumps(line) + "\n" for line in pred.values()), encoding="utf-8")
                results[system] = score.score(gold, pred)
            report[name] = results
            self._table(name, len(gold), results)
        self._curve()
        if json:
            self.stdout.write(_dumps(report))

    def _curve(self):
        """Each batch's blind-first score (the figure we report) beside its cross-validated score now."""
        from ingest.nlp.curve import load_curve
        from ingest.nlp.learn import MODELS_DIR

        cv_path = MODELS_DIR / "crossval.json"
        cv = _json.loads(cv_path.read_text(encoding="utf-8")) if cv_path.exists() else {}
        fields = ["parties", "quotes_attributed", "distillation_allegations", "case_captions", "docket_numbers",
                  "is_ai_litigation"]
        self.stdout.write("\n== blind-first (tests/data/LEARNING_CURVE.md) beside cross-validated by document "
                          "(make train, ingest/nlp/models/crossval.json)")
        self.stdout.write(f"{'batch':12s} {'':6s} " + " ".join(f"{f[:11]:>11s}" for f in fields))
        for r in load_curve():
            b = r["blind_first"]
            first = [b[f]["f1"] if isinstance(b.get(f), dict) else b.get(f) for f in fields]
            self.stdout.write(f"{r['batch'][:12]:12s} {'blind':6s} " + " ".join(_cell(x) for x in first))
            row = cv.get("cross_validated", {}).get(r["batch"])
            if row:
                self.stdout.write(f"{'':12s} {'cv':6s} " + " ".join(_cell(row.get(f)) for f in fields))

    def _table(self, name, n, results):
        ours, base = results["casetracker"], results["baseline"]
        self.stdout.write(f"\n== {name}: {n} documents")
        self.stdout.write(f"{'':28s} {'casetracker':>24s}   {'baseline':>24s}")
        for row in ROWS:
            a, b = ours.get(row, {}), base.get(row, {})
            if "f1" in a:
                self.stdout.write(f"{row:28s} P={a['precision']:.3f} R={a['recall']:.3f} F1={a['f1']:.3f}"
                                  f"   P={b['precision']:.3f} R={b['recall']:.3f} F1={b['f1']:.3f}")
            else:
                fa = "n/a" if a.get("accuracy") is None else f"{a['accuracy']:.3f}"
                fb = "n/a" if b.get("accuracy") is None else f"{b['accuracy']:.3f}"
                self.stdout.write(f"{row:28s} {'accuracy=' + fa + ' (n=' + str(a.get('n')) + ')':>24s}"
                                  f"   {'accuracy=' + fb:>24s}")
        core = ["parties", "quotes_attributed", "distillation_allegations", "case_captions"]
        self.stdout.write(f"{'core_f1_mean':28s} {sum(ours[k]['f1'] for k in core) / 4:24.3f}"
                          f"   {sum(base[k]['f1'] for k in core) / 4:24.3f}")


def _cell(x) -> str:
    return f"{'-' if x is None else format(x, '.3f'):>11s}"


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
