"""make eval-cases: ingest the annotated corpus into a database of its own, export the case records it builds and
score them against tests/data/cases.jsonl, beside the figures of the start of issue 14."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ingest import caseeval

ROOT = Path(settings.BASE_DIR)
BEFORE = ROOT / "tests" / "data" / "cases_before.json"


def corpus_files() -> list[str]:
    files = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
    for folder in sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir() and p.name != "cases"):
        files += sorted(str(p) for p in folder.glob("*.txt"))
    return files


def _scratch_database() -> str:
    """A fresh database beside the configured one (same server), named after it."""
    import psycopg

    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_eval_cases"[:60]
    params = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None,
              "password": db.get("PASSWORD") or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = f"{db.get('USER') or ''}" + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db.get('HOST') or 'localhost'}" + (f":{db['PORT']}" if db.get("PORT") else "")
    return f"postgresql://{auth + '@' if auth else ''}{host}/{name}"


class Command(BaseCommand):
    help = "Build the corpus's case records in a scratch database and score them (case precision, recall, fields)."

    def add_arguments(self, parser):
        parser.add_argument("--pred", help="score this export instead of building one")
        parser.add_argument("--save-pred", help="keep the export here")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--write-before", action="store_true",
                            help="record these figures as the start of issue 14 (tests/data/cases_before.json)")

    def handle(self, *args, pred, save_pred, json: bool, write_before, **opts):
        import json as _json

        gold = caseeval.load(caseeval.GOLD)
        if pred:
            preds = caseeval.load(Path(pred))
        else:
            preds = self._build(save_pred)
        figures = caseeval.score(gold, preds)
        if write_before:
            BEFORE.write_text(_json.dumps(figures, indent=1, sort_keys=True) + "\n")
        if json:
            self.stdout.write(_json.dumps(figures, indent=1))
            return
        before = _json.loads(BEFORE.read_text()) if BEFORE.exists() and not write_before else None
        self.stdout.write(caseeval.table(figures, before))
        ex = figures["examples"]
        for name in ("duplicates", "not_lawsuits", "missed"):
            if ex[name]:
                self.stdout.write(f"{name}: {', '.join(ex[name][:12])}{' …' if len(ex[name]) > 12 else ''}")

    def _build(self, save_pred) -> list[dict]:
        url = _scratch_database()
        env = {**os.environ, "DATABASE_URL": url, "CELERY_TASK_ALWAYS_EAGER": "true", "DEBUG": "true"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        out = Path(save_pred) if save_pred else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        steps = [["migrate", "--noinput", "-v0"], ["ingest", "--no-progress", *corpus_files()],
                 ["export_cases", "--jsonl", str(out)]]
        for step in steps:
            self.stderr.write(f"eval-cases: manage.py {step[0]} …")
            subprocess.run(manage + step, env=env, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL if step[0] == "ingest" else None)
        return caseeval.load(out)
