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


def corpus_files(sets: list[str] | None = None) -> list[str]:
    """Every document of the corpus (the seeds and each annotated set), or only those of ``sets``."""
    files = sorted(str(p) for p in (ROOT / "samples").glob("*.txt")) if not sets or "samples" in sets else []
    for folder in sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir() and p.name != "cases"):
        if not sets or folder.name in sets:
            files += sorted(str(p) for p in folder.glob("*.txt"))
    return files


def gold_of(sets: list[str]) -> list[dict]:
    """Gold case records built from the statements of ``sets`` alone (a blind batch scored on its own)."""
    statements = [st for st in caseeval._statements() if st["doc"].split("/", 1)[0] in sets]
    return caseeval.build(statements)


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
        parser.add_argument("--sets", help="comma-separated sets (folders of tests/data, or samples): ingest only "
                                           "their documents and score against the gold of their statements alone")

    def handle(self, *args, pred, save_pred, json: bool, write_before, sets=None, **opts):
        import json as _json
        from django.core.management.base import CommandError

        chosen = [s.strip() for s in sets.split(",") if s.strip()] if sets else None
        if chosen:
            unknown = [s for s in chosen if s != "samples" and not (ROOT / "tests" / "data" / s).is_dir()]
            if unknown or write_before:
                raise CommandError(f"unknown sets: {', '.join(unknown)}" if unknown else
                                   "--write-before records the whole corpus, not a part of it")
            gold = gold_of(chosen)
            if not gold:
                raise CommandError(f"no case statements for {', '.join(chosen)} in {caseeval.STATEMENTS}")
        else:
            gold = caseeval.load(caseeval.GOLD)
        if pred:
            preds = caseeval.load(Path(pred))
        else:
            preds = self._build(save_pred, chosen)
        figures = caseeval.score(gold, preds)
        if write_before:
            BEFORE.write_text(_json.dumps(figures, indent=1, sort_keys=True) + "\n")
        if json:
            self.stdout.write(_json.dumps(figures, indent=1))
            return
        before = _json.loads(BEFORE.read_text()) if BEFORE.exists() and not (write_before or chosen) else None
        self.stdout.write(caseeval.table(figures, before))
        ex = figures["examples"]
        for name in ("duplicates", "not_lawsuits", "missed"):
            if ex[name]:
                self.stdout.write(f"{name}: {', '.join(ex[name][:12])}{' …' if len(ex[name]) > 12 else ''}")

    def _build(self, save_pred, sets=None) -> list[dict]:
        url = _scratch_database()
        env = {**os.environ, "DATABASE_URL": url, "CELERY_TASK_ALWAYS_EAGER": "true", "DEBUG": "true"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        out = Path(save_pred) if save_pred else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        steps = [["migrate", "--noinput", "-v0"], ["ingest", "--no-progress", *corpus_files(sets)],
                 ["export_cases", "--jsonl", str(out)]]
        for step in steps:
            self.stderr.write(f"eval-cases: manage.py {step[0]} …")
            subprocess.run(manage + step, env=env, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL if step[0] == "ingest" else None)
        return caseeval.load(out)
