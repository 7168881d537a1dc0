from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casetracker.models import RawInput
from ingest import services


class Command(BaseCommand):
    help = "Ingest files, folders and http(s) URLs: read, extract and link each into cases."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="files, folders or http(s) URLs")
        parser.add_argument("--retry-failed", action="store_true", help="try failed inputs again")
        parser.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch / task")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, sources, retry_failed, batch_size, no_progress, **opts):
        if not sources and not retry_failed:
            raise CommandError("give files, folders or URLs to ingest, or --retry-failed")
        outcomes, pending = [], []
        for source in services.expand_sources(sources):
            raw_input, outcome = services.raw_input_for_source(source)
            if outcome is not None:
                outcomes.append(outcome)
            elif raw_input is not None:
                pending.append(raw_input.pk)
        if retry_failed:
            pending += list(RawInput.objects.filter(status=RawInput.Status.FAILED).exclude(pk__in=pending)
                            .values_list("pk", flat=True))
        outcomes += self._run(pending, max(1, batch_size), show=not no_progress)
        self._summary(outcomes)

    def _run(self, ids: list[int], batch_size: int, show: bool):
        from tqdm import tqdm

        batches = [ids[i:i + batch_size] for i in range(0, len(ids), batch_size)]
        bar = tqdm(total=len(ids), unit="doc", disable=not show or not ids, file=sys.stderr, desc="ingest")
        out = []
        if settings.INGEST_COMMAND_IN_PROCESS:  # it waits anyway; without a result backend it must
            for batch in batches:
                out += services.process(batch)
                bar.update(len(batch))
        else:
            from ingest.tasks import ingest_inputs

            results = [ingest_inputs.delay(batch) for batch in batches]
            for batch, result in zip(batches, results):
                out += [services.Outcome(**o) for o in result.get(timeout=3600, propagate=True)]
                bar.update(len(batch))
        bar.close()
        return out

    def _summary(self, outcomes):
        counts = {"new": 0, "duplicate": 0, "failed": 0}
        for o in outcomes:
            counts[o.status] = counts.get(o.status, 0) + 1
            if o.status == "failed":
                self.stderr.write(f"failed: {o.source} [{o.stage}] {o.error}")
        self.stdout.write(f"new: {counts['new']}  duplicate: {counts['duplicate']}  failed: {counts['failed']}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} input(s) failed; fix them or run `manage.py ingest --retry-failed`",
                               returncode=1)
