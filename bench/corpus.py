"""A benchmark corpus of real-looking documents recombined from real texts (samples/ and the dev set).

Each document takes a title and whole sentences from several real documents (a seeded RNG: the same
corpus every run), so word and entity distributions are real and no text is one copy of another.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "samples", ROOT / "tests" / "data" / "dev"]
_HEADER = re.compile(r"^(source_url|url|title|published|kind|publisher|author):\s")
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def _body(text: str) -> str:
    lines = text.splitlines()
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line)
    if head and all(_HEADER.match(line) for line in head):
        return "\n".join(lines[len(head) + 1:])
    return text


def real_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            texts.append(_body(path.read_text(encoding="utf-8")))
    return texts


def paragraphs(text: str) -> list[list[str]]:
    return [[s.strip() for s in _SENT.split(p) if s.strip()] for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def build(n: int, seed: int = 2026) -> list[tuple[str, str]]:
    """(file name, text) for n documents."""
    rng = random.Random(seed)
    pools = [paragraphs(t) for t in real_texts()]
    pools = [p for p in pools if p]
    docs = []
    for i in range(n):
        chosen = rng.sample(pools, k=min(len(pools), rng.randint(2, 4)))
        out: list[str] = []
        for pool in chosen:
            start = rng.randrange(len(pool))
            out += [" ".join(par) for par in pool[start:start + rng.randint(2, 6)]]
        title = chosen[0][0][0][:120]
        docs.append((f"bench_{i:05d}.txt", f"{title}\n\n" + "\n\n".join(out) + f"\n\n(bench document {i})\n"))
    return docs


def write(folder: Path, n: int) -> tuple[list[Path], int]:
    folder.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    for name, text in build(n):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words
