"""``format=csv``: the list endpoints answer a CSV of every row their filters select (not one page), streamed
(casetracker.exports writes it; this renderer only lets DRF's content negotiation accept the format)."""
from __future__ import annotations

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Only errors reach here (a list's rows are streamed by its view): one ``detail`` cell."""
        from casetracker.exports import csv_lines

        if isinstance(data, dict):
            rows = [[k, v if isinstance(v, str) else "; ".join(map(str, v)) if isinstance(v, list) else str(v)]
                    for k, v in data.items()]
        else:
            rows = [[str(data)]]
        return "".join(csv_lines(["field", "detail"], rows)).encode("utf-8")
