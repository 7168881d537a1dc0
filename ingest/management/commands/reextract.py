from __future__ import annotations

from django.core.management.base import BaseCommand

from casetracker.models import Document
from ingest import services


class Command(BaseCommand):
    help = "Rebuild extracted facts with the current pipeline; rejected facts stay rejected."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="document ids (default: all)")
        parser.add_argument("--outdated", action="store_true", help="only documents of an older extractor version")
        parser.add_argument("--batch-size", type=int, default=32)

    def handle(self, *args, ids, outdated, batch_size, **opts):
        from ingest.nlp.pipeline import EXTRACTOR_VERSION

        qs = Document.objects.order_by("id")
        if ids:
            qs = qs.filter(pk__in=ids)
        if outdated:
            qs = qs.exclude(extractor_version=EXTRACTOR_VERSION)
        pks = list(qs.values_list("pk", flat=True))
        done = 0
        for i in range(0, len(pks), batch_size):
            done += services.reextract(Document.objects.filter(pk__in=pks[i:i + batch_size]).order_by("id"))
        self.stdout.write(f"re-extracted: {done} document(s) with extractor {EXTRACTOR_VERSION}")
