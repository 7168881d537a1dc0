"""`make eval`: extraction scored against the gold sets by ../shared/eval/score.py, beside the baseline."""
from __future__ import annotations

import importlib.util
import json
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
            for name in ("dev", "heldout", "blind2"):  # heldout: blind, then a 2nd dev set; blind2: blind
                if (base / f"tests/data/{name}/gold.jsonl").exists():
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
        if json:
            self.stdout.write(_dumps(report))

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


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
