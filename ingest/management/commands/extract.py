from __future__ import annotations

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Extract facts from text files without touching the database (one JSON line per file with --jsonl)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--jsonl", action="store_true", help="the format ../shared/eval/score.py reads")
        parser.add_argument("--baseline", action="store_true",
                            help="the off-the-shelf baseline (spaCy NER + textacy quotes) instead of our pipeline")

    def handle(self, *args, files, jsonl, baseline, **opts):
        if baseline:
            from ingest.baseline import baseline_files as extract_files
        else:
            from ingest.nlp.evaljson import extract_files

        for line in extract_files(files):
            self.stdout.write(json.dumps(line, ensure_ascii=False) if jsonl else json.dumps(line, indent=2,
                                                                                                ensure_ascii=False))
