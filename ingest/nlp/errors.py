"""Error analysis: what the pipeline gets wrong on annotated sets, document by document and by kind.

    python -m ingest.nlp.errors tests/data/batch07 [tests/data/batch08 ...] [--field parties] [--summary]

For each document: parties missed and spurious (and wrong roles), quotes missed, spurious and with a wrong
speaker, captions and docket numbers missed and spurious, allegations missed and spurious, and a wrong
is_ai_litigation verdict. Matching follows the scorer (ingest/nlp/goldmatch.py). `--summary` prints only
the counts by kind, the figure the closing note's error analysis is made of. Never imports Django.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from ingest.nlp.goldmatch import name_match, quote_match


def _caption_match(a: str, b: str) -> bool:
    sa = re.split(r"\s+v(?:s)?\.?\s+", a or "", maxsplit=1, flags=re.I)
    sb = re.split(r"\s+v(?:s)?\.?\s+", b or "", maxsplit=1, flags=re.I)
    if len(sa) != 2 or len(sb) != 2:
        return name_match(a, b)
    return name_match(sa[0], sb[0]) and name_match(sa[1], sb[1])


def _docket(s: str) -> str:
    return re.sub(r"\s+", "", (s or "").lower())


def compare(gold: dict, pred: dict) -> list[tuple[str, str]]:
    """[(kind, detail)] for one document."""
    out = []
    gp, pp = gold.get("parties", []), pred.get("parties", [])
    for g in gp:
        match = next((p for p in pp if name_match(g["name"], p["name"])), None)
        if match is None:
            out.append(("party missed", g["name"]))
        elif g.get("role") != match.get("role"):
            out.append(("party role", f"{g['name']}: {match.get('role')} for {g.get('role')}"))
    for p in pp:
        if not any(name_match(p["name"], g["name"]) for g in gp):
            out.append(("party spurious", p["name"]))
    gq, pq = gold.get("quotes", []), pred.get("quotes", [])
    used = set()
    for g in gq:
        hit = next((i for i, p in enumerate(pq) if i not in used and quote_match(g["text_start"], p.get("text", ""))),
                   None)
        if hit is None:
            out.append(("quote missed", f"{g['text_start'][:50]!r} ({g.get('speaker')})"))
            continue
        used.add(hit)
        ps = pq[hit].get("speaker")
        if not (g.get("speaker") is None and ps is None) and not name_match(g.get("speaker"), ps):
            kind = "quote speaker none" if ps is None else "quote speaker wrong"
            out.append((kind, f"{g['text_start'][:40]!r}: {ps} for {g.get('speaker')}"))
    for i, p in enumerate(pq):
        if i not in used:
            out.append(("quote spurious", f"{p.get('text', '')[:50]!r} ({p.get('speaker')})"))
    gc, pc = gold.get("case_captions", []), pred.get("case_captions", [])
    out += [("caption missed", c) for c in gc if not any(_caption_match(c, p) for p in pc)]
    out += [("caption spurious", c) for c in pc if not any(_caption_match(c, g) for g in gc)]
    gd, pd = {_docket(d) for d in gold.get("docket_numbers", [])}, {_docket(d) for d in pred.get("docket_numbers", [])}
    out += [("docket missed", d) for d in sorted(gd - pd)] + [("docket spurious", d) for d in sorted(pd - gd)]
    ga, pa = gold.get("distillation_allegations", []), pred.get("distillation_allegations", [])

    def same(a, b):
        return name_match(a.get("accused"), b.get("accused")) and (
            not a.get("teacher") or not b.get("teacher") or name_match(a.get("teacher"), b.get("teacher")))
    for a in ga:
        if not any(same(a, b) for b in pa):
            out.append(("allegation missed", f"{a.get('accuser')} -> {a.get('accused')} (teacher {a.get('teacher')})"))
    for b in pa:
        if not any(same(a, b) for a in ga):
            out.append(("allegation spurious", f"{b.get('accuser')} -> {b.get('accused')} (teacher {b.get('teacher')})"))
    if bool(gold.get("is_ai_litigation")) != bool(pred.get("is_ai_litigation")):
        out.append(("is_ai_litigation wrong", f"said {pred.get('is_ai_litigation')}"))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="error analysis on annotated sets")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--field", help="only kinds starting with this word (party, quote, caption, ...)")
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args(argv)
    from ingest.nlp.evaljson import extract_files

    counts: Counter = Counter()
    for folder in map(Path, args.folders):
        gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        preds = {p["doc"]: p for p in extract_files([str(folder / g["doc"]) for g in gold])}
        for g in gold:
            errors = [(k, d) for k, d in compare(g, preds.get(g["doc"], {}))
                      if not args.field or k.startswith(args.field)]
            counts.update(k for k, _ in errors)
            if errors and not args.summary:
                print(f"\n## {folder.name}/{g['doc']}")
                for kind, detail in errors:
                    print(f"  {kind:24s} {detail}")
    print("\n## errors by kind")
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind:24s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
