"""Case records as JSON lines, the shape ``python -m ingest.caseeval score`` reads (and researchers can diff)."""
from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from casetracker.models import Case, CaseParty, RawInput


def _as_precise(day, precision: str):
    """A date as precisely as a source gave it: "2024-08" for a month, "2024" for a year."""
    if not day:
        return None
    return day.isoformat()[:{"year": 4, "month": 7}.get(precision, 10)]


def case_record(case: Case, files: dict[int, str]) -> dict:
    numbers = [d.number for d in case.dockets.all()] if hasattr(case, "dockets") else []
    if case.docket_number and case.docket_number not in numbers:
        numbers.insert(0, case.docket_number)
    record = {
        "id": case.slug, "caption": case.case_name, "caption_full": getattr(case, "case_name_full", "") or None,
        "court": case.court or None, "jurisdiction": getattr(case, "jurisdiction", "") or None,
        "docket_numbers": numbers, "judge": case.judge or None,
        "date_filed": _as_precise(case.date_filed, getattr(case, "date_filed_precision", "")),
        "date_terminated": case.date_terminated.isoformat() if getattr(case, "date_terminated", None) else None,
        "status": case.status if case.status != "unknown" else None, "stage": getattr(case, "stage", "") or None,
        "class_action": getattr(case, "class_action", None), "causes_of_action": list(getattr(case, "causes", []) or []),
        "ai_area": list(getattr(case, "ai_areas", []) or []),
        "is_ai_litigation": getattr(case, "is_ai_litigation", True),
        "parties": [{"name": cp.party.name, "role": cp.role} for cp in case.case_parties.all()
                    if cp.role in (CaseParty.Role.PLAINTIFF, CaseParty.Role.DEFENDANT)],
        "counsel": [{"side": c.side, "firm": c.firm.name if c.firm_id else None, "lawyer": c.lawyer or None}
                    for c in case.counsel.all()] if hasattr(case, "counsel") else [],
        "relations": [{"kind": r.kind, "case": r.to_case.slug} for r in case.relations_out.all()]
        if hasattr(case, "relations_out") else [],
        "docs": sorted({files.get(link.document_id, str(link.document_id)) for link in case.case_documents.all()}),
    }
    return record


class Command(BaseCommand):
    help = "Write every case record as one JSON line (for make eval-cases and for comparison)."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", default="-", help="output file (default: stdout)")

    def handle(self, *args, jsonl, **opts):
        files = dict(RawInput.objects.filter(document__isnull=False).values_list("document_id", "filename"))
        related = ["case_parties__party", "case_documents"]
        related += [name for name in ("dockets", "counsel__firm", "relations_out__to_case")
                    if hasattr(Case, name.split("__")[0])]
        out = open(jsonl, "w", encoding="utf-8") if jsonl != "-" else sys.stdout
        try:
            for case in Case.objects.prefetch_related(*related).order_by("id"):
                out.write(json.dumps(case_record(case, files), ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
