"""Story clusters: documents that report one story, kept apart but grouped so the UI can say
"reported by N sources".

Two signals, neither an all-pairs comparison:
- near-duplicates (syndicated copies): MinHash over word 3-shingles, cut into LSH bands stored in
  StoryBand; documents that share a band value are candidates, and join when their estimated
  Jaccard similarity passes NEAR_DUPLICATE;
- rewrites of one original (AI-rewritten or retold articles share few shingles): documents that
  credit the same original ("Source: The Verge", "AI-processed from The Verge") are candidates
  through an attribution band, and join when their content words overlap enough (REWRITE).
"""
from __future__ import annotations

import hashlib
import re
import struct

from datasketch import MinHash
from django.db.models import Q
from django.db.models.expressions import RawSQL

from casetracker import writes
from casetracker.models import Document, StoryBand, StoryCluster

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: a pair at Jaccard 0.3 shares a band with probability ~0.23, at 0.5 ~0.87
ROWS = NUM_PERM // BANDS
ATTRIBUTION_BAND = 1000
NEAR_DUPLICATE = 0.3
REWRITE = 0.15
SHINGLE = 3
CANDIDATES = 200
_WORD = re.compile(r"[a-z0-9]+")
_ATTRIBUTION = re.compile(
    r"(?im)^(?:[^\n]{0,60}?[-–—|·]\s*)?(?:(?:source|via|original(?:ly published)?(?: by| in| at)?)\s*[:\-–—]|"
    r"(?:ai-)?(?:processed|adapted|rewritten|translated) from)\s*(?P<name>[A-Z][\w.&'’ ]{1,40}?)\s*(?:[;,.|→]|$)")
_STOP = set("the a an and or of to in on at for by with from as is was are were be been it its this that these those "
            "he she they his her their we you i not but if so than then there here which who whom what when where "
            "how also has have had will would can could may might said says about into over after before more most "
            "such other some any all no".split())


_JACCARD_SQL = f"""
CASE WHEN jsonb_typeof(casetracker_document.minhash) = 'array' AND jsonb_array_length(casetracker_document.minhash) > 0
THEN (SELECT count(*) FROM jsonb_array_elements(casetracker_document.minhash) WITH ORDINALITY AS a(v, i)
        JOIN unnest(%s::bigint[]) WITH ORDINALITY AS b(w, j) ON i = j WHERE (a.v)::bigint = b.w)::float8 / {NUM_PERM}
END"""


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM, seed=7)
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch(list(shingles))
    return m


def attribution(text: str) -> str:
    """The original a text credits ("The Verge"), lower-cased, or ''."""
    for match in _ATTRIBUTION.finditer(text):
        name = " ".join(match.group("name").split()).strip(" .").lower()
        if 2 <= len(name) <= 40:
            return name
    return ""


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _value(data: bytes) -> int:
    return struct.unpack("<q", hashlib.blake2b(data, digest_size=8).digest())[0]


def _band_values(m: MinHash) -> list[int]:
    return [_value(struct.pack(f"<{ROWS}Q", *map(int, m.hashvalues[b * ROWS:(b + 1) * ROWS]))) for b in range(BANDS)]


@writes.atomic(savepoint=False)
def assign(document: Document) -> StoryCluster | None:
    """Put a document in the story cluster of its nearest match, creating a cluster when needed."""
    m = signature(document.text)
    values = _band_values(m)
    credited = attribution(document.text)
    Document.objects.filter(pk=document.pk).update(minhash=[int(v) for v in m.hashvalues])
    StoryBand.objects.filter(document=document).delete()
    bands = [StoryBand(document=document, band=b, value=v) for b, v in enumerate(values)]
    if credited:
        bands.append(StoryBand(document=document, band=ATTRIBUTION_BAND, value=_value(credited.encode())))
    StoryBand.objects.bulk_create(bands)

    best, best_score = None, 0.0
    match = Q()
    for b, v in enumerate(values):
        match |= Q(band=b, value=v)
    near = StoryBand.objects.filter(match).exclude(document=document).values("document_id")
    # MinHash's Jaccard estimate (equal hash values / NUM_PERM) computed where the signatures are: only
    # (id, score) crosses the wire, not 128 numbers of every candidate
    scored = Document.objects.filter(pk__in=near).only("pk", "story_id", "title").annotate(
        sim=RawSQL(_JACCARD_SQL, ([int(v) for v in m.hashvalues],)))
    for other in scored[:CANDIDATES]:
        sim = other.sim
        if sim is not None and sim >= NEAR_DUPLICATE and sim > best_score:
            best, best_score = other, sim
    if best is None and credited:
        words = content_words(document.text)
        same_origin = StoryBand.objects.filter(band=ATTRIBUTION_BAND, value=_value(credited.encode())).exclude(
            document=document).order_by("-document_id").values("document_id")[:CANDIDATES]
        for other in Document.objects.filter(pk__in=same_origin).only("pk", "text", "story_id", "title"):
            sim = _jaccard(words, content_words(other.text))
            if sim >= REWRITE and sim > best_score:
                best, best_score = other, sim
    if best is None:
        return None
    cluster = best.story or StoryCluster.objects.create(label=(best.title or document.title)[:500])
    if best.story_id is None:
        Document.objects.filter(pk=best.pk).update(story=cluster)
    Document.objects.filter(pk=document.pk).update(story=cluster)
    document.story = cluster
    return cluster
