"""``manage.py review_queue [--rebuild]``: bring the stored review queue up to date (the cases writers marked stale;
--rebuild: every case, e.g. after upgrading or restoring a database)."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from casetracker import review_queue


class Command(BaseCommand):
    help = "Rebuild the review queue's stored rows: the stale cases, or every case with --rebuild."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="every case, not only the stale ones")

    def handle(self, *args, rebuild, **opts):
        rows = review_queue.rebuild() if rebuild else review_queue.refresh_stale()
        self.stdout.write(f"{rows} queue row(s) written")
