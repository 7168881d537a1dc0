"""Render a document's untrusted text as HTML with extracted spans marked.

Every character of the text is escaped; only our own <mark> and <span>
elements are added, at span boundaries. Overlapping spans are handled by
cutting the text at every boundary and marking each piece with the
innermost span that covers it.
"""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def render_marked(text: str, marks: list[dict]) -> SafeString:
    n = len(text)
    marks = [m for m in marks if 0 <= m["start"] < m["end"] <= n]
    cuts = sorted({0, n, *(m["start"] for m in marks), *(m["end"] for m in marks)})
    anchors: dict[int, list[int]] = {}
    for m in marks:
        anchors.setdefault(m["start"], [])
        if m["ev"] not in anchors[m["start"]]:
            anchors[m["start"]].append(m["ev"])
    out: list[str] = []
    seen_anchor: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        for ev in anchors.get(a, []):
            if ev not in seen_anchor:
                seen_anchor.add(ev)
                out.append(f'<span id="ev-{ev}" class="anchor"></span>')
        piece = escape(text[a:b])
        covering = [m for m in marks if m["start"] <= a and b <= m["end"]]
        if covering:
            inner = min(covering, key=lambda m: (m["end"] - m["start"], m["kind"] != "party"))
            kinds = " ".join(sorted({f"mark-{m['kind']}" for m in covering}))
            title = escape("; ".join(dict.fromkeys(m["label"] for m in covering)))
            piece = f'<mark class="{kinds}" title="{title}" data-ev="{inner["ev"]}">{piece}</mark>'
        out.append(piece)
    return mark_safe("".join(out))


def render_headline(headline: str) -> SafeString:
    """ts_headline output uses « » as match markers; escape everything, then turn markers into <mark>."""
    return mark_safe(escape(headline).replace("«", "<mark>").replace("»", "</mark>"))
