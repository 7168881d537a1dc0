"""PDF filings through pypdf, page by page; the offset where each page starts is kept for "p. 12"."""
from __future__ import annotations

import io

from ingest.readers.base import ReadDocument, ReadError, normalise_text

MAX_PAGES = 2000


def read_pdf(raw: bytes) -> ReadDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as e:  # noqa: BLE001
                raise ReadError("encrypted PDF: remove the password first", stage="parse") from e
        pages = list(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as e:
        raise ReadError(f"damaged or truncated PDF: {e}", stage="parse") from e
    if not pages:
        raise ReadError("PDF has no pages", stage="parse")
    texts, offsets, total = [], [], 0
    for page in pages[:MAX_PAGES]:
        try:
            chunk = normalise_text(page.extract_text() or "")
        except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on bad content streams
            raise ReadError(f"damaged PDF page: {e}", stage="parse") from e
        offsets.append(total)
        texts.append(chunk)
        total += len(chunk) + 2
    text = "\n\n".join(texts)
    if len("".join(text.split())) < 20:
        raise ReadError("PDF has no text layer; OCR it first", stage="extract")
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip() or next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    return ReadDocument(text=text, title=title[:300], kind="filing", content_type="application/pdf", pages=offsets,
                        author=str(info.get("/Author") or "").strip())
