"""samples/ and the dev set written to the database from their hand-annotated gold extractions.

Search tests, browser tests and the search benchmark need real documents with real facts. The gold
files (../shared/eval/gold_seeds.jsonl for samples/, tests/data/dev/gold.jsonl for the dev set) say what
each text states; this module finds where (the evidence spans) and records it through the same service
the NLP pipeline uses, ``services.extraction_record``. It does not depend on the NLP pipeline, so ranking
tests hold still while extraction improves.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from ingest.nlp import courts, types as nlp
from ingest.readers.detect import split_header

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DEV = ROOT / "tests" / "data" / "dev"
SEEDS_GOLD = [ROOT.parent / "shared" / "eval" / "gold_seeds.jsonl", ROOT / "tests" / "data" / "gold_seeds.jsonl"]
SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’)]*\s+|\n+")

# what the gazetteer knows: kinds, and the products' makers (only used for names the gold gives or the text has)
PEOPLE = {"Elon Musk", "Sam Altman", "Greg Brockman", "Xuechen Li", "Jimmy Fraiture", "Sarah Silverman",
          "Ta-Nehisi Coates", "Junot Diaz", "John Grisham", "Jodi Picoult", "George R R Martin", "David Baldacci",
          "Sylvia Day", "Jonathan Franzen", "Elin Hilderbrand", "David Sacks", "Dario Amodei", "Kadrey", "Bartz",
          "Colleen McMahon", "Ben Lee", "Donald Trump", "Sidney Stein"}
SURNAMES = {"Musk", "Altman", "Brockman", "Grisham", "Picoult", "Baldacci", "Franzen", "Hilderbrand", "Sacks",
            "Amodei", "Silverman", "Stein"}
PRODUCTS = {"Grok": "xAI", "ChatGPT": "OpenAI", "Claude": "Anthropic", "GPT-4": "OpenAI", "Gemini": "Google",
            "Kimi": "Moonshot", "Llama": "Meta"}
PUBLISHERS = {"000": "News Factory", "001": "Hamidun News", "002": "The Circuitry", "003": "Tech Blog",
              "004": "GeekWire"}
SAMPLE_DATES = {"000": "2026-05-01", "001": "2026-05-01", "002": "2026-04-30", "003": "2026-05-02",
                "004": "2026-05-04"}


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            out.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


class Locator:
    def __init__(self, text: str):
        self.text, self.sents = text, sentences(text)

    def evidence(self, start: int, end: int) -> nlp.Evidence:
        for s0, s1 in self.sents:
            if s0 <= start < s1 + 1:
                return nlp.Evidence(start, end, s0, max(s1, end))
        return nlp.Evidence(start, end, start, end)

    def find_all(self, needle: str, limit: int = 10) -> list[nlp.Evidence]:
        pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
        return [self.evidence(m.start(), m.end()) for m in pattern.finditer(self.text)][:limit]

    def sentence_with(self, *needles: str, prefer: tuple = ()) -> Optional[nlp.Evidence]:
        hits = [(s0, s1) for s0, s1 in self.sents if all(n.lower() in self.text[s0:s1].lower() for n in needles)]
        best = [h for h in hits if any(p in self.text[h[0]:h[1]].lower() for p in prefer)] or hits
        if not best:
            return None
        s0, s1 = best[0]
        first = self.text.lower().index(needles[0].lower(), s0)
        return nlp.Evidence(first, first + len(needles[0]), s0, s1)


def _kind(name: str) -> str:
    if name in PRODUCTS:
        return "model"
    return "person" if name in PEOPLE else "company"


def extraction(text: str, gold: dict) -> nlp.Extraction:
    loc = Locator(text)
    ex = nlp.Extraction(court=gold.get("court"), docket_numbers=list(gold.get("docket_numbers") or []),
                        is_ai_litigation=bool(gold.get("is_ai_litigation")), extractor_version="gold")
    names = {p["name"]: p.get("role", "other") for p in gold.get("parties", [])}
    for a in gold.get("distillation_allegations", []):
        for key in ("accuser", "accused", "teacher", "student"):
            if a.get(key):
                names.setdefault(a[key], "other")
    for product in PRODUCTS:
        if loc.find_all(product, 1):
            names.setdefault(product, "other")
    for name, role in names.items():
        kind = _kind(name)
        surfaces = [name] + ([name.split()[-1]] if name.split()[-1] in SURNAMES and name.split()[-1] != name else [])
        evidence = [ev for s in surfaces for ev in loc.find_all(s)]
        if evidence:
            ex.parties.append(nlp.PartyX(name=name, kind=kind, role=role, owner=PRODUCTS.get(name),
                                         gazetteer_id=None,  # the write side resolves names through the gazetteer
                                         surface_forms=surfaces, evidence=evidence))
    found = {p.name for p in ex.parties}
    cursor = 0
    for q in gold.get("quotes", []):
        start = text.find(q["text_start"], cursor)
        start = text.find(q["text_start"]) if start < 0 else start
        if start < 0:
            continue
        cursor = start + 1
        close = re.compile(r"[”\"\n]").search(text, start + len(q["text_start"]) - 1)
        end = close.start() if close and close.start() - start < 600 else start + len(q["text_start"])
        end = max(end, start + len(q["text_start"].rstrip()))
        ex.quotes.append(nlp.QuoteX(text=text[start:end].strip(), speaker=q.get("speaker"), cue="said",
                                    evidence=[loc.evidence(start, end)]))
    for a in gold.get("distillation_allegations", []):
        if a["accused"] not in found:
            continue
        ev = (loc.sentence_with(a["accused"], "distill") or loc.sentence_with(a["accused"], prefer=("accus", "used")))
        if ev:
            ex.allegations.append(nlp.AllegationX(accused=a["accused"], accuser=a.get("accuser"),
                                                  teacher=a.get("teacher"), student=a.get("student"),
                                                  status=a.get("status", "alleged"), evidence=[ev]))
    for caption in gold.get("case_captions", []):
        plaintiffs = [n for n, r in names.items() if r == "plaintiff"]
        defendants = [n for n, r in names.items() if r == "defendant"]
        ev = (loc.find_all(caption, 1) or [loc.sentence_with("lawsuit") or loc.sentence_with(caption.split(" v")[0])])
        if ev[0]:
            court = courts.court_id(ex.court)
            where = (loc.find_all(ex.court, 1) if ex.court else []) or ev[:1]
            ex.cases.append(nlp.CaseX(caption=caption, inferred=caption not in text, plaintiffs=plaintiffs,
                                      defendants=defendants, docket_numbers=ex.docket_numbers, court=ex.court,
                                      evidence=ev[:1], fields=[nlp.CaseFieldX("court", court, 1.0, where[:1])]
                                      if court else []))
    for e in gold.get("events", []):
        words = [w for w in re.findall(r"[A-Za-z]{5,}", e["what"])][:6]
        ev = next((loc.sentence_with(w) for w in words if loc.sentence_with(w)), None)
        if ev:
            kind = "testimony" if re.search(r"testif|confirm|admit", e["what"], re.I) else "report"
            ex.events.append(nlp.EventX(kind=kind, what=e["what"], date=e.get("date"),
                                        precision="day" if e.get("date") else None, evidence=[ev]))
    return ex


def gold_lines() -> dict[str, tuple[Path, dict]]:
    """file name -> (path, gold) for samples/ and, when present, the dev set."""
    out = {}
    for gold_path in SEEDS_GOLD:
        if gold_path.exists():
            for line in gold_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    g = json.loads(line)
                    if (SAMPLES / g["doc"]).exists():
                        out[g["doc"]] = (SAMPLES / g["doc"], g)
            break
    if (DEV / "gold.jsonl").exists():
        for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                if (DEV / g["doc"]).exists():
                    out[g["doc"]] = (DEV / g["doc"], g)
    return out


def _date(value: str) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(value[:10]).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def load(limit: Optional[int] = None, samples: bool = True) -> list:
    """Write every gold document with its facts (``samples=False``: the dev set only); returns the Documents."""
    from casetracker import services
    from casetracker.models import Document

    docs = []
    for name, (path, gold) in sorted(gold_lines().items())[:limit]:
        if not samples and path.parent == SAMPLES:
            continue
        head, text = split_header(path.read_text(encoding="utf-8"))
        first = next((line.strip() for line in text.splitlines() if line.strip()), name)
        prefix = name[:3]
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if Document.objects.filter(sha256=sha).exists():
            continue
        doc = Document.objects.create(
            text=text, sha256=sha, title=(head.get("title") or first)[:1000], kind=head.get("kind") or "news",
            url=head.get("source_url") or head.get("url") or "",
            publisher=head.get("publisher") or (PUBLISHERS.get(prefix, "") if path.parent == SAMPLES else ""),
            published_at=_date(head.get("published") or (SAMPLE_DATES.get(prefix) if path.parent == SAMPLES else "")))
        services.extraction_record(document=doc, extraction=extraction(text, gold))
        docs.append(doc)
    return docs


def forget_cached_parties() -> None:
    """After a flush: the write side's process-wide party cache must not hand out deleted rows."""
    from casetracker import services

    services._Parties.forget()
