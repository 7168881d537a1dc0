"""Case records measured: the gold case records of the corpus, and a scorer for the records casetracker builds.

Gold is annotated per document (``tests/data/cases/statements/<set>.jsonl``: one line per document and case, only
what that document states, as of its date; the brief is in ``tests/data/cases/README.md``). ``build`` merges the
statements into one record per lawsuit (``tests/data/cases.jsonl``):

- a field that does not change over a case's life (court, docket numbers, judge, date filed, class action) takes the
  value most documents state (ties: the most precise, then the latest document);
- status and stage are as of the latest dated document that states them, unless an undated document states a
  later point of the case's life (a further stage; an end where the dated one says open; an appeal after the end):
  a case does not go back, so an undated report of its verdict is later than a dated report of its trial;
- every field keeps the documents that state it (``sources``) and the values other documents gave (``conflicts``).

``score`` matches predicted records (``manage.py export_cases --jsonl``) to gold ones and prints case precision
(predicted records that are a real lawsuit of the gold and not a second record of one), recall, and each field's
accuracy over the gold cases whose sources state it (an empty prediction counts as wrong) with its fill rate.
Standard library only: the scorer does not share code with what it scores.

    python -m ingest.caseeval build            # statements -> tests/data/cases.jsonl
    python -m ingest.caseeval score GOLD PRED [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
STATEMENTS = DATA / "cases" / "statements"
KEYS = DATA / "cases" / "keys.json"  # {"renames": {old: new}, "drop": {key: why}}
GOLD = DATA / "cases.jsonl"

STATIC = ("court", "jurisdiction", "judge", "date_filed", "date_terminated", "class_action", "caption_full")
AS_OF = ("status", "stage")
SCORED = ("court", "docket", "judge", "date_filed", "status", "stage")
EXTRA = ("date_terminated", "jurisdiction", "class_action", "is_ai_litigation")
STAGES = ("filed", "motion_to_dismiss", "discovery", "class_certification", "summary_judgment", "trial", "judgment",
          "appeal")


# --------------------------------------------------------------------------- names and keys
def norm(text: Optional[str]) -> str:
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"'s\b", "", s.replace("’", "'"))
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    drop = {"inc", "llc", "ltd", "corp", "corporation", "co", "company", "plc", "lp", "llp", "pbc", "the", "et", "al",
            "of", "and", "a", "an", "n", "v", "vs", "gmbh", "ag", "sa", "ai"}
    return " ".join(w for w in s.split() if w not in drop)


def docket_core(number: Optional[str]) -> str:
    """"3:23-cv-03417-VC", "23-cv-3417" and "1:23-CV-03417" share a core: year, type, number without zeros."""
    s = re.sub(r"\s*\([^)]*\)\s*$", "", (number or "").strip().lower())  # "23-3514 (JRT/DJF)": judges' initials
    m = re.search(r"(\d{2})[-\s]?([a-z]{1,4})[-\s]?0*(\d{1,6})", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{int(m.group(3)):05d}"
    m = re.search(r"(\d{2,4})-0*(\d{1,6})$", s)
    if m:
        return f"{m.group(1)[-2:]}-{int(m.group(2)):05d}"
    return re.sub(r"[^a-z0-9]+", "", s)


def sides(caption: Optional[str]) -> tuple[str, str]:
    parts = re.split(r"\s+v(?:s)?\.?\s+", caption or "", maxsplit=1, flags=re.I)
    return (norm(parts[0]), norm(parts[1])) if len(parts) == 2 else (norm(caption), "")


def _doc_key(doc: str) -> str:
    return Path(doc).name


def _date_of(doc_path: Path) -> str:
    try:
        head = doc_path.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return ""
    m = re.search(r"^published:\s*(\d{4}-\d{2}-\d{2})", head, re.M)
    return m.group(1) if m else ""


# --------------------------------------------------------------------------- gold
def _statements(folder: Path = STATEMENTS) -> list[dict]:
    keys = json.loads(KEYS.read_text()) if KEYS.exists() else {}
    renames, drop = keys.get("renames", {}), keys.get("drop", {})
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            st = json.loads(line)
            st["case"] = renames.get(st["case"], st["case"])
            for rel in st.get("relations") or []:
                rel["case"] = renames.get(rel.get("case"), rel.get("case"))
            if st["case"] in drop:
                continue
            doc = st["doc"]
            st["_published"] = _date_of(ROOT / doc if doc.startswith("samples/") else DATA / doc)
            out.append(st)
    return out


def _pick(values: list[tuple[str, str, str]]) -> Optional[str]:
    """(value, published, doc): the value most documents give; ties to the most precise, then the latest."""
    if not values:
        return None
    counts = Counter(v for v, _, _ in values)
    latest = {v: max(p for vv, p, _ in values if vv == v) for v in counts}
    return max(counts, key=lambda v: (counts[v], len(str(v)), latest[v]))


def build(statements: list[dict]) -> list[dict]:
    by_case: dict[str, list[dict]] = defaultdict(list)
    for st in statements:
        by_case[st["case"]].append(st)
    cases = []
    for key in sorted(by_case):
        sts = sorted(by_case[key], key=lambda s: (s["_published"], s["doc"]))
        rec: dict = {"id": key, "docs": sorted({s["doc"] for s in sts}), "sources": {}, "conflicts": {}}
        printed = [s["caption"] for s in sts if s.get("caption") and s.get("caption_printed")]
        rec["caption"] = Counter(printed).most_common(1)[0][0] if printed else sts[-1].get("caption")
        rec["aliases"] = sorted({s["caption"] for s in sts if s.get("caption")} | {
            s["caption_full"] for s in sts if s.get("caption_full")})
        for field in STATIC:
            vals = [(str(s[field]).lower() if isinstance(s[field], bool) else s[field], s["_published"], s["doc"])
                    for s in sts if s.get(field) not in (None, "")]
            rec[field] = _pick(vals)
            if field == "class_action" and rec[field] is not None:
                rec[field] = rec[field] == "true"
            _sourced(rec, field, vals)
        for field in AS_OF:
            vals = [(s[field], s["_published"], s["doc"]) for s in sts if s.get(field)]
            rec[field] = _as_of(field, vals)
            _sourced(rec, field, vals)
        dockets = [(d, s["_published"], s["doc"]) for s in sts for d in s.get("docket_numbers") or []]
        rec["docket_numbers"] = sorted({d for d, _, _ in dockets})
        rec["docket_cores"] = sorted({docket_core(d) for d, _, _ in dockets})
        if dockets:
            rec["sources"]["docket"] = sorted({doc for _, _, doc in dockets})
        rec["judges_other"] = sorted({j for s in sts for j in s.get("judges_other") or []})
        parties: dict[tuple, dict] = {}
        for s in sts:
            for p in s.get("parties") or []:
                parties.setdefault((norm(p["name"]), p.get("role", "other")), p)
        rec["parties"] = sorted(parties.values(), key=lambda p: (p.get("role", ""), p["name"]))
        counsel = {}
        for s in sts:
            for c in s.get("counsel") or []:
                counsel.setdefault((c.get("side"), norm(c.get("firm")), norm(c.get("lawyer"))), c)
        rec["counsel"] = list(counsel.values())
        rec["causes_of_action"] = sorted({c for s in sts for c in s.get("causes_of_action") or []})
        rec["ai_area"] = sorted({a for s in sts for a in s.get("ai_area") or []})
        ai = [s.get("is_ai_litigation") for s in sts if s.get("is_ai_litigation") is not None]
        rec["is_ai_litigation"] = bool(ai) and Counter(ai).most_common(1)[0][0]
        history = {(h.get("stage"), h.get("date")) for s in sts for h in s.get("stage_history") or [] if h.get("stage")}
        rec["stage_history"] = [{"stage": st, "date": d} for st, d in sorted(history, key=lambda h: (h[1] or "", h[0]))]
        rec["relations"] = sorted({(r["kind"], r["case"]) for s in sts for r in s.get("relations") or []
                                   if r.get("case") and r.get("case") != key})
        rec["relations"] = [{"kind": k, "case": c} for k, c in rec["relations"]]
        cases.append(rec)
    known = {c["id"] for c in cases}
    for rec in cases:
        rec["relations"] = [r for r in rec["relations"] if r["case"] in known]
    return cases


def _life_point(field: str, value: str) -> int:
    """How far along its life a case is at this value: a stage's place; for status open, then an end, then appeal."""
    if field == "stage":
        return STAGES.index(value) if value in STAGES else 0
    return 0 if value == "open" else 2 if value == "on_appeal" else 1


def _as_of(field: str, vals: list[tuple[str, str, str]]) -> Optional[str]:
    """(value, published, doc): the value of the latest dated document; an undated one that states a later point
    of the case's life wins (it cannot be placed in time, but a case does not go back)."""
    if not vals:
        return None
    dated = [v for v in vals if v[1]] or vals
    value = max(dated, key=lambda v: (v[1], _life_point(field, v[0])))[0]
    later = [v for v in vals if not v[1] and _life_point(field, v[0]) > _life_point(field, value)]
    return max(later, key=lambda v: _life_point(field, v[0]))[0] if later else value


def _sourced(rec: dict, field: str, vals: list[tuple]) -> None:
    if not vals:
        return
    rec["sources"][field] = sorted({doc for _, _, doc in vals})
    if len({v for v, _, _ in vals}) > 1:
        by_value = defaultdict(set)
        for v, _, doc in vals:
            by_value[str(v)].add(doc)
        rec["conflicts"][field] = {v: sorted(d) for v, d in by_value.items()}


def write_gold(path: Path = GOLD) -> list[dict]:
    cases = build(_statements())
    path.write_text("".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n" for c in cases), encoding="utf-8")
    return cases


# --------------------------------------------------------------------------- scoring
def _party_sides(rec: dict) -> tuple[set, set]:
    plaintiffs = {norm(p["name"]) for p in rec.get("parties") or [] if p.get("role") == "plaintiff"}
    defendants = {norm(p["name"]) for p in rec.get("parties") or [] if p.get("role") == "defendant"}
    return plaintiffs - {""}, defendants - {""}


def _side_in(side: str, names: set) -> bool:
    words = set(side.split())
    return bool(words) and any(n and (set(n.split()) <= words or words <= set(n.split())) for n in names)


def _caption_match(pred: dict, gold: dict) -> bool:
    ps = sides(pred.get("caption"))
    for cap in [gold.get("caption"), *gold.get("aliases", [])]:
        gs = sides(cap)
        if ps == gs and ps[0]:
            return True
        if ps[1] and gs[1] and _side_in(ps[0], {gs[0]}) and _side_in(ps[1], {gs[1]}):
            return True
    plaintiffs, defendants = _party_sides(gold)
    return bool(ps[1]) and _side_in(ps[0], plaintiffs) and _side_in(ps[1], defendants)


def match_score(pred: dict, gold: dict) -> float:
    """How surely a predicted record is this gold case: a shared docket core, a caption or sides that match,
    the same court (a different court counts against), and shared documents. 0: not this case."""
    shared_docs = len({_doc_key(d) for d in pred.get("docs") or []} & {_doc_key(d) for d in gold["docs"]})
    cores = {docket_core(d) for d in pred.get("docket_numbers") or []} & set(gold.get("docket_cores") or [])
    score = 0.0
    if cores:
        score += 3.0
    if _caption_match(pred, gold):
        score += 2.0
    if not score:
        return 0.0
    if pred.get("court") and gold.get("court"):
        score += 1.0 if pred["court"] == gold["court"] else -1.0
    score += min(shared_docs, 10) / 10
    return max(score, 0.01)


def match(preds: list[dict], golds: list[dict]) -> tuple[dict, list, list]:
    """pred id -> gold id, one-to-one by best score; duplicates (a second record of a matched lawsuit) and
    records that are no gold lawsuit are returned apart."""
    pairs = []
    for p in preds:
        for g in golds:
            s = match_score(p, g)
            if s > 0:
                pairs.append((s, p["id"], g["id"]))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    pred_to_gold, used = {}, set()
    candidates = defaultdict(list)
    for s, p, g in pairs:
        candidates[p].append(g)
        if p in pred_to_gold or g in used:
            continue
        pred_to_gold[p], _ = g, used.add(g)
    duplicates = [p["id"] for p in preds if p["id"] not in pred_to_gold and candidates.get(p["id"])]
    unmatched = [p["id"] for p in preds if p["id"] not in pred_to_gold and not candidates.get(p["id"])]
    return pred_to_gold, duplicates, unmatched


def _judge_ok(pred: Optional[str], gold: Optional[str]) -> bool:
    pw, gw = norm(pred).split(), norm(gold).split()
    if not pw or not gw or pw[-1] != gw[-1]:
        return False
    return len(pw) == 1 or len(gw) == 1 or pw[0][0] == gw[0][0]


def _date_ok(pred: Optional[str], gold: Optional[str]) -> bool:
    return bool(pred) and bool(gold) and str(pred)[:len(gold)] == gold


def _status_ok(pred: Optional[str], gold: Optional[str]) -> bool:
    if not pred or pred == "unknown":
        return False
    return pred == gold or (gold == "dismissed" and pred.startswith("dismissed"))


def field_ok(field: str, pred: dict, gold: dict) -> Optional[bool]:
    """None when no source states the field; else whether the prediction has the gold value."""
    if field == "docket":
        if not gold.get("docket_cores"):
            return None
        return bool({docket_core(d) for d in pred.get("docket_numbers") or []} & set(gold["docket_cores"]))
    g = gold.get(field)
    if g is None or g == "":
        return None
    p = pred.get(field)
    if field == "judge":
        return _judge_ok(p, g)
    if field in ("date_filed", "date_terminated"):
        return _date_ok(p, g)
    if field == "status":
        return _status_ok(p, g)
    return p == g


def score(golds: list[dict], preds: list[dict]) -> dict:
    pred_to_gold, duplicates, unmatched = match(preds, golds)
    gold_by_id = {g["id"]: g for g in golds}
    pred_by_id = {p["id"]: p for p in preds}
    matched = len(pred_to_gold)
    out = {
        "gold_cases": len(golds), "predicted": len(preds), "matched": matched,
        "duplicates": len(duplicates), "not_lawsuits": len(unmatched),
        "precision": round(matched / len(preds), 3) if preds else 0.0,
        "recall": round(len(set(pred_to_gold.values())) / len(golds), 3) if golds else 0.0,
        "fields": {},
    }
    gold_to_pred = {g: p for p, g in pred_to_gold.items()}
    for field in SCORED + EXTRA:
        stated = correct = filled = 0
        for g in golds:
            p = pred_by_id.get(gold_to_pred.get(g["id"]), {})
            ok = field_ok(field, p, g)
            if ok is None:
                continue
            stated += 1
            correct += bool(ok)
            value = p.get("docket_numbers") if field == "docket" else p.get(field)
            filled += value not in (None, "", [], "unknown")
        out["fields"][field] = {"stated": stated, "accuracy": round(correct / stated, 3) if stated else None,
                                "filled": round(filled / stated, 3) if stated else None}
    out["parties"] = _set_prf(golds, gold_to_pred, pred_by_id, lambda r: {
        (norm(p["name"]), p.get("role")) for p in r.get("parties") or [] if p.get("role") in ("plaintiff", "defendant")})
    out["causes_of_action"] = _set_prf(golds, gold_to_pred, pred_by_id, lambda r: set(r.get("causes_of_action") or []))
    out["counsel"] = _set_prf(golds, gold_to_pred, pred_by_id, lambda r: {
        norm(c.get("firm") or c.get("lawyer")) for c in r.get("counsel") or []} - {""})
    out["relations"] = _relations(golds, preds, pred_to_gold)
    out["examples"] = {"duplicates": sorted(duplicates)[:20], "not_lawsuits": sorted(unmatched)[:30],
                       "missed": sorted(set(gold_by_id) - set(pred_to_gold.values()))[:30]}
    return out


def _set_prf(golds, gold_to_pred, pred_by_id, items) -> dict:
    tp = fp = fn = 0
    for g in golds:
        gi = items(g)
        if not gi:
            continue
        pi = items(pred_by_id.get(gold_to_pred.get(g["id"]), {}))
        tp += len(gi & pi)
        fp += len(pi - gi)
        fn += len(gi - pi)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _relations(golds, preds, pred_to_gold) -> dict:
    gold_rel = {(g["id"], r["kind"], r["case"]) for g in golds for r in g.get("relations") or []}
    pred_rel = {(pred_to_gold.get(p["id"]), r.get("kind"), pred_to_gold.get(r.get("case")))
                for p in preds for r in p.get("relations") or []}
    tp = len(gold_rel & pred_rel)
    p = tp / len(pred_rel) if pred_rel else 0.0
    r = tp / len(gold_rel) if gold_rel else 0.0
    return {"gold": len(gold_rel), "predicted": len(pred_rel), "precision": round(p, 3), "recall": round(r, 3)}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def table(figures: dict, before: Optional[dict] = None) -> str:
    rows = [("case precision", figures["precision"], before and before["precision"]),
            ("case recall", figures["recall"], before and before["recall"])]
    for field, f in figures["fields"].items():
        b = before and before["fields"].get(field, {}).get("accuracy")
        rows.append((f"{field} accuracy (n={f['stated']}, filled {f['filled']})", f["accuracy"], b))
    for name in ("parties", "causes_of_action", "counsel"):
        rows.append((f"{name} F1", figures[name]["f1"], before and before.get(name, {}).get("f1")))
    rows.append(("family relations recall", figures["relations"]["recall"],
                 before and before.get("relations", {}).get("recall")))
    width = max(len(r[0]) for r in rows)
    head = f"{'':<{width}}  {'before':>7}  {'now':>7}" if before else f"{'':<{width}}  {'now':>7}"
    lines = [head]
    for name, now, was in rows:
        fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"{name:<{width}}  {fmt(was):>7}  {fmt(now):>7}" if before else f"{name:<{width}}  {fmt(now):>7}")
    lines.append(f"({figures['predicted']} records: {figures['matched']} lawsuits, {figures['duplicates']} duplicates, "
                 f"{figures['not_lawsuits']} not in the gold; {figures['gold_cases']} gold cases)")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.caseeval")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build")
    sc = sub.add_parser("score")
    sc.add_argument("gold")
    sc.add_argument("pred")
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--before", help="a JSON file of earlier figures to print beside")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        cases = write_gold()
        print(f"{len(cases)} cases from {sum(len(c['docs']) for c in cases)} statements -> {GOLD}")
        return 0
    figures = score(load(Path(args.gold)), load(Path(args.pred)))
    before = json.loads(Path(args.before).read_text()) if args.before else None
    print(json.dumps(figures, indent=1) if args.json else table(figures, before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
