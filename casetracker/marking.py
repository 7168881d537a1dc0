"""Render a document's untrusted text as HTML with extracted spans marked.

Every character of the text is escaped; only our own <mark>, <a> (to the fact a
span supports) and <span> (anchors) elements are added, at span boundaries. Overlapping spans are handled by
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
            url = next((m["url"] for m in sorted(covering, key=lambda m: m["end"] - m["start"]) if m.get("url")), "")
            if url:
                piece = f'<a class="fact" href="{escape(url)}">{piece}</a>'
        out.append(piece)
    return mark_safe("".join(out))


def render_headline(headline: str) -> SafeString:
    """ts_headline output marks matches with two private-use characters (search.hits.START/STOP):
    escape everything, then turn the markers (and only them) into <mark>."""
    from casetracker.search.hits import START, STOP

    html = escape(headline)
    out, open_ = [], False
    for ch in html:
        if ch == START and not open_:
            out.append("<mark>")
            open_ = True
        elif ch == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif ch not in (START, STOP):
            out.append(ch)
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))
