"""What an editor would decide on one document's extraction, and whether an extraction now gets those facts right on
its own: the two halves of bench/bench_teach.py (do editors' corrections teach the pipeline?).

An editor following a document's human annotation (its gold line, the corpus format) goes through the facts the
review queue shows: each quote (its speaker), each distillation allegation (accuser, accused, teacher, student,
status) and each party's role. A fact the annotation holds is confirmed, or corrected field by field to the
annotation's values; a fact it does not hold is rejected. Facts the pipeline never found cannot be reviewed (an
editor checks facts, he does not add them) and are not counted.

``decisions(gold, pred)`` lists those decisions for an extraction in the scorer's format (``Extraction.to_eval``);
``holds(decision, pred)`` says whether another extraction of the same document gets the decided fact right without
the decision: a rejected fact is gone, a corrected one has the corrected value, a confirmed one is still there.
Names match as the scorer matches them (goldmatch). No Django.
"""
from __future__ import annotations

from typing import Optional

from ingest.nlp import goldmatch

ALLEGATION_FIELDS = ("accuser", "student", "status")


def _first_words(text: str, n: int = 8) -> str:
    return " ".join(str(text or "").split()[:n])


def _same_name(a: Optional[str], b: Optional[str]) -> bool:
    return (not a and not b) or goldmatch.name_match(a, b)


def _gold_quote(gold: dict, text: str) -> Optional[dict]:
    found = goldmatch.gold_quotes(gold, text)
    return found[0] if found else None


def _allegation_match(gold: dict, a: dict, *, teacher: bool = True) -> Optional[dict]:
    for g in gold.get("distillation_allegations", []):
        if goldmatch.name_match(g.get("accused"), a.get("accused")) and (
                not teacher or _same_name(g.get("teacher"), a.get("teacher"))):
            return g
    return None


def decisions(gold: dict, pred: dict) -> list[dict]:
    """The editor's decisions on one document's extracted facts: dicts with kind (quote, allegation, party),
    action (confirm, correct, reject), what identifies the fact (``text``: a quote's first words; ``accused`` and
    ``teacher``; ``name``) and, for a correction, ``field`` and ``value``."""
    out: list[dict] = []
    for q in pred.get("quotes", []):
        g = _gold_quote(gold, q.get("text", ""))
        if g is None:
            out.append({"kind": "quote", "action": "reject", "text": _first_words(q.get("text"))})
        elif _same_name(q.get("speaker"), g.get("speaker")):
            out.append({"kind": "quote", "action": "confirm", "text": g["text_start"], "speaker": g.get("speaker")})
        else:
            out.append({"kind": "quote", "action": "correct", "text": g["text_start"], "field": "speaker",
                        "value": g.get("speaker"), "was": q.get("speaker")})
    for a in pred.get("distillation_allegations", []):
        ident = {"kind": "allegation", "accused": a.get("accused"), "teacher": a.get("teacher")}
        g, retaught = _allegation_match(gold, a), False
        if g is None:
            g = _allegation_match(gold, a, teacher=False)
            if g is None:
                out.append({**ident, "action": "reject"})
                continue
            out.append({**ident, "action": "correct", "field": "teacher", "value": g.get("teacher"),
                        "was": a.get("teacher"), "teacher": g.get("teacher")})
            ident["teacher"], retaught = g.get("teacher"), True
        wrong = [f for f in ALLEGATION_FIELDS if not (
            a.get(f) == g.get(f) if f == "status" else _same_name(a.get(f), g.get(f)))]
        for f in wrong:
            if f == "status" and not g.get(f):
                continue  # the annotation does not say: nothing to correct
            out.append({**ident, "action": "correct", "field": f, "value": g.get(f), "was": a.get(f)})
        if not wrong and not retaught:
            out.append({**ident, "action": "confirm"})
    for p in pred.get("parties", []):
        g = goldmatch.gold_party(gold, p.get("name"))
        if g is None:
            out.append({"kind": "party", "action": "reject", "name": p.get("name")})
        elif (g.get("role") or "other") != (p.get("role") or "other"):
            out.append({"kind": "party", "action": "correct", "name": g.get("name"), "field": "role",
                        "value": g.get("role") or "other", "was": p.get("role")})
        else:
            out.append({"kind": "party", "action": "confirm", "name": g.get("name"), "role": g.get("role") or "other"})
    return out


def holds(decision: dict, pred: dict) -> bool:
    """Whether ``pred`` (an extraction of the same document) gets the decided fact right on its own."""
    kind, action = decision["kind"], decision["action"]
    if kind == "quote":
        found = [q for q in pred.get("quotes", []) if goldmatch.quote_match(decision["text"], q.get("text", ""))]
        if action == "reject":
            return not found
        speaker = decision.get("value") if action == "correct" else decision.get("speaker")
        return _every(found, lambda q: _same_name(q.get("speaker"), speaker))
    if kind == "allegation":
        found = [a for a in pred.get("distillation_allegations", [])
                 if goldmatch.name_match(a.get("accused"), decision["accused"])
                 and _same_name(a.get("teacher"), decision.get("teacher"))]
        if action == "reject":
            return not found
        if action == "confirm":
            return bool(found)
        field, value = decision["field"], decision.get("value")
        if field == "teacher":
            return bool(found)  # found with the corrected teacher
        return _every(found, lambda a: (a.get(field) == value) if field == "status" else _same_name(a.get(field), value))
    if kind == "party":
        found = [p for p in pred.get("parties", []) if goldmatch.name_match(p.get("name"), decision["name"])]
        if action == "reject":
            return not found
        role = decision.get("value") if action == "correct" else decision.get("role")
        return _every(found, lambda p: (p.get("role") or "other") == role)
    raise ValueError(f"unknown kind of decision {kind!r}")


def _every(found: list, right) -> bool:
    """The fact is there, and every copy of it the extraction holds is right (a second, wrong copy is an error)."""
    return bool(found) and all(right(x) for x in found)


def tally(items: list[tuple[dict, dict]]) -> dict:
    """[(decision, extraction)] -> {"corrections": n, "right": n, "rejections": n, "gone": n, "confirmed": n,
    "kept": n} (corrections and rejections: how many the extraction now gets right; confirmed: how many it keeps)."""
    out = {"corrections": 0, "right": 0, "rejections": 0, "gone": 0, "confirmed": 0, "kept": 0}
    for decision, pred in items:
        ok = holds(decision, pred)
        if decision["action"] == "correct":
            out["corrections"] += 1
            out["right"] += ok
        elif decision["action"] == "reject":
            out["rejections"] += 1
            out["gone"] += ok
        else:
            out["confirmed"] += 1
            out["kept"] += ok
    return out


# --------------------------------------------------------------------------- why a decision was not learned
WHY = ("right", "fact not found", "not exported", "never a candidate", "outranked", "side read by a rule",
       "model chose another", "model keeps it", "other")


def exported(decision: dict, line: Optional[dict]) -> bool:
    """Whether the editors' export (``export_reviews``: the line of the document, or None when it was not
    exported) carries the decided value, so that training can learn it."""
    if line is None:
        return False
    kind, action = decision["kind"], decision["action"]
    if kind == "quote":
        found = [q for q in line.get("quotes", []) if goldmatch.quote_match(q.get("text_start"), decision["text"])
                 or goldmatch.quote_match(decision["text"], q.get("text_start", ""))]
        if action == "reject":
            return not found
        speaker = decision.get("value") if action == "correct" else decision.get("speaker")
        return any(_same_name(q.get("speaker"), speaker) for q in found)
    if kind == "party":
        found = [p for p in line.get("parties", []) if goldmatch.name_match(p.get("name"), decision["name"])]
        if action == "reject":
            return not found
        role = decision.get("value") if action == "correct" else decision.get("role")
        return bool(found) and all((p.get("role") or "other") == role for p in found)
    found = [a for a in line.get("distillation_allegations", []) if goldmatch.name_match(a.get("accused"),
                                                                                         decision["accused"])]
    if action == "reject":
        return not found
    field = decision.get("field")
    return bool(found) and (not field or any(
        (a.get(field) == decision.get("value")) if field == "status" else _same_name(a.get(field), decision.get("value"))
        for a in found))


def why(decision: dict, pred: dict, observed: list[dict], line: Optional[dict]) -> str:
    """Why an extraction does (``right``) or does not get a decided fact right on its own, in the order a cause
    rules the later ones out: the editors' export does not carry the decision (a trainer never sees it); the fact
    is not extracted at all; the value is never among the rules' candidates the learned decision chooses from
    (a quote's speaker); a rule decides, not the learned model (a party's side read from the words); the learned
    decision saw the value and chose another (its features do not tell them apart). ``observed``: the document's
    decisions with the answers the models gave (learn.observing)."""
    if holds(decision, pred):
        return "right"
    kind, action = decision["kind"], decision["action"]
    if not exported(decision, line):
        return "not exported"
    if kind == "quote":
        mine = [o for o in observed if o["decision"] == "quote_speaker"
                and goldmatch.quote_match(decision["text"], o["meta"].get("text", ""))]
        if not mine:
            return "fact not found" if action != "reject" else "model keeps it"
        if action == "reject":
            return "model keeps it"
        speaker = decision.get("value") if action == "correct" else decision.get("speaker")
        names = [o["meta"].get("candidate") for o in mine]
        if not any((n == "None" and not speaker) or (n != "None" and _same_name(n, speaker)) for n in names):
            return "never a candidate"
        return "outranked"
    if kind == "party":
        mine = [o for o in observed if o["decision"] in ("party", "party_role")
                and goldmatch.name_match(o["meta"].get("name"), decision["name"])]
        if action == "reject":
            return "model keeps it" if mine else "other"
        if not mine:
            return "fact not found"
        role = decision.get("value") if action == "correct" else decision.get("role")
        chosen = [o for o in mine if o["decision"] == "party_role"]
        if any(o["default"] in ("plaintiff", "defendant") and o["default"] != role for o in chosen):
            return "side read by a rule"
        return "model chose another"
    return "other"
