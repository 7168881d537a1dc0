"""``format=csv``: the list endpoints answer a CSV of every row their filters select (not one page), streamed
(casetracker.exports writes it; this renderer only lets DRF's content negotiation accept the format)."""
from __future__ import annotations

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Nothing reaches here but a response of an endpoint that did not stream its rows: its fields, one per
        line (errors are answered in JSON, see ExportViewSet.handle_exception)."""
        from casetracker.exports import csv_lines

        rows = [[k, v] for k, v in data.items()] if isinstance(data, dict) else [["", data]]
        return "".join(csv_lines(["field", "value"], rows)).encode("utf-8")
