"""Story clusters: near-duplicate documents (syndicated rewrites) grouped by MinHash LSH.

Each document's MinHash over word shingles is cut into bands; documents that
share any band value are candidates, and join a cluster when their estimated
Jaccard similarity passes the threshold. Candidate lookup is an index query,
not a comparison with every document.
"""
from __future__ import annotations

import re
import struct
import hashlib

from datasketch import MinHash
from django.db.models import Q

from casetracker.models import Document, StoryBand, StoryCluster

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: a pair at Jaccard 0.3 shares a band with probability ~0.23, at 0.5 ~0.87
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.22
SHINGLE = 3
_WORD = re.compile(r"[a-z0-9]+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM, seed=7)
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch(list(shingles))
    return m


def _band_values(m: MinHash) -> list[int]:
    values = []
    for b in range(BANDS):
        chunk = m.hashvalues[b * ROWS:(b + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<{ROWS}Q", *map(int, chunk)), digest_size=8).digest()
        values.append(struct.unpack("<q", digest)[0])
    return values


def assign(document: Document) -> StoryCluster | None:
    """Put a document in the story cluster of its nearest near-duplicate, creating one when needed."""
    m = signature(document.text)
    values = _band_values(m)
    Document.objects.filter(pk=document.pk).update(minhash=[int(v) for v in m.hashvalues])
    StoryBand.objects.filter(document=document).delete()
    StoryBand.objects.bulk_create(StoryBand(document=document, band=b, value=v) for b, v in enumerate(values))
    match = Q()
    for b, v in enumerate(values):
        match |= Q(band=b, value=v)
    ids = StoryBand.objects.filter(match).exclude(document=document).values("document_id")
    candidates = Document.objects.filter(pk__in=ids).only("pk", "minhash", "story_id", "title")
    best, best_sim = None, 0.0
    for other in candidates:
        if not other.minhash:
            continue
        om = MinHash(num_perm=NUM_PERM, seed=7, hashvalues=other.minhash)
        sim = m.jaccard(om)
        if sim > best_sim:
            best, best_sim = other, sim
    if best is None or best_sim < THRESHOLD:
        return None
    cluster = best.story or StoryCluster.objects.create(label=best.title or document.title)
    if best.story_id is None:
        Document.objects.filter(pk=best.pk).update(story=cluster)
    Document.objects.filter(pk=document.pk).update(story=cluster)
    document.story = cluster
    return cluster
