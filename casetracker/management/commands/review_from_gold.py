"""``manage.py review_from_gold GOLD.jsonl [--doc NAME ...] [--editor NAME]``: an editor who follows the human
annotations reviews the quotes, allegations and party roles extracted from those documents (casetracker.review_gold),
for the learning experiment (bench/bench_teach.py). The documents must have been ingested from their files."""
from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from casetracker.accounts import EDITOR_GROUP
from casetracker.review_gold import review_documents


class Command(BaseCommand):
    help = "Review the extracted facts of annotated documents as their annotations say (confirm, correct, reject)."

    def add_arguments(self, parser):
        parser.add_argument("gold", help="a gold.jsonl of the corpus format (one line per document, by file name)")
        parser.add_argument("--doc", action="append", help="only these documents (file names); default: every line")
        parser.add_argument("--editor", default="annotations", help="the editor account the decisions are made as")

    def handle(self, *args, gold, doc, editor, **opts):
        path = Path(gold)
        if not path.is_file():
            raise CommandError(f"{gold}: no such file")
        try:
            lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except ValueError as e:
            raise CommandError(f"{gold}: not JSON lines ({e})") from None
        by_name = {line["doc"]: line for line in lines if isinstance(line, dict) and line.get("doc")}
        if doc:
            missing = sorted(set(doc) - set(by_name))
            if missing:
                raise CommandError(f"not annotated in {gold}: {', '.join(missing[:5])}")
            by_name = {name: by_name[name] for name in doc}
        user = get_user_model().objects.get_or_create(username=editor[:150])[0]
        user.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
        counts = review_documents(by_name, user=user)
        self.stdout.write(json.dumps(dict(sorted(counts.items()))))
