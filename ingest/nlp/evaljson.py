"""`manage.py extract --jsonl` without Django: files → score.py lines."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

HEADER = re.compile(r"^(source_url|url|title|published|kind|publisher|author):\s?(.*)$")


def split_header(raw: str) -> tuple[dict, str]:
    """A leading block of `key: value` lines then a blank line, or no header at all."""
    lines = raw.split("\n")
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line)
    if head and len(head) < len(lines) and all(HEADER.match(line) for line in head):
        meta = {HEADER.match(line).group(1): HEADER.match(line).group(2).strip() for line in head}
        return meta, "\n".join(lines[len(head) + 1:])
    return {}, raw


def extract_files(paths: Iterable[str]) -> Iterator[dict]:
    from ingest.nlp.pipeline import extract_many

    paths = list(paths)
    items = []
    for path in paths:
        meta, text = split_header(Path(path).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n"))
        items.append((text, {"published": meta.get("published"), "title": meta.get("title", "")}))
    for path, extraction in zip(paths, extract_many(items)):
        yield extraction.to_eval(Path(path).name)
