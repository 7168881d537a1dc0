"""Each input kind gives a correct document; each bad input a clear error."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest.readers import ReadError, normalise_url, parse_docket, parse_feed, read_bytes, text_sha256

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "samples" / "000_3533d663893043f7.txt").read_bytes()


def _pdf(pages: list[str]) -> bytes:
    """A real PDF with a text layer, one page a string (built by hand: a tiny valid PDF)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        lines = "".join(f"({line}) Tj T* " for line in text.split("\n"))
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {lines}ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_plain_text_seed_without_a_header():
    doc = read_bytes(SEED, filename="000.txt")
    assert doc.title == "Elon Musk Testifies xAI Used OpenAI Models in Training Grok"
    assert doc.published_at is None and doc.kind == "news" and doc.text.startswith("Elon Musk Testifies")


def test_header_block_gives_metadata_and_is_not_part_of_the_text():
    raw = (b"source_url: https://example.com/a\ntitle: Judge rules\npublished: 2026-05-01\nkind: opinion\n\n"
           b"The court ruled for Anthropic.\n")
    doc = read_bytes(raw, filename="a.txt")
    assert (doc.title, doc.kind, doc.url) == ("Judge rules", "opinion", "https://example.com/a")
    assert doc.published_at.date().isoformat() == "2026-05-01" and doc.text == "The court ruled for Anthropic."


def test_a_headers_kind_of_court_paper_is_kept_as_a_court_paper_not_news():
    for said, kept in [("order", "opinion"), ("Transcript", "filing"), ("blog", "news"), ("docket", "docket")]:
        doc = read_bytes(f"title: T\nkind: {said}\n\nThe court ruled for Anthropic.\n".encode(), filename="a.txt")
        assert doc.kind == kept, said


def test_non_utf8_text_decodes():
    raw = "Musk said \u201cpartly\u201d \u2014 caf\u00e9".encode("cp1252")
    assert read_bytes(raw, filename="x.txt").text == "Musk said \u201cpartly\u201d \u2014 caf\u00e9"


@pytest.mark.parametrize("raw,message", [
    (b"", "empty file"), (b"   \n\n ", "empty file"), (bytes(range(256)) * 20, "binary data is not text"),
    (b"\x00\x01\x02" * 500, "binary data is not text"),
])
def test_bad_text_inputs(raw, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(raw, filename="junk.txt")


def test_html_article_with_metadata_and_boilerplate_removed():
    body = "".join(f"<p>{p}</p>" for p in SEED.decode().split("\n\n")[3:9])
    html = (f"<html><head><title>Musk testifies</title><meta property='og:site_name' content='The Verge'>"
            f"<meta name='author' content='Jane Reporter'><meta property='article:published_time' "
            f"content='2026-04-30T18:00:00Z'></head><body><nav>Home Tech Science</nav><script>var x=1;</script>"
            f"<article><h1>Musk testifies</h1>{body}</article><footer>Subscribe now</footer></body></html>")
    doc = read_bytes(html.encode(), content_type="text/html; charset=utf-8", url="https://theverge.com/a?utm_source=x")
    assert doc.publisher == "The Verge" and doc.published_at.date().isoformat() == "2026-04-30"
    assert "took the stand" in doc.text or "xAI" in doc.text
    assert "Subscribe now" not in doc.text and "var x" not in doc.text


def test_html_with_scripts_and_no_article():
    html = b"<html><head><script>window.location='x'</script></head><body><div id=app></div><script>boot()</script></body></html>"
    with pytest.raises(ReadError, match="no article text"):
        read_bytes(html, filename="page.html")


def test_pdf_pages_are_kept():
    raw = _pdf(["UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA", "Case No. 4:24-cv-04722-YGR\nORDER"])
    doc = read_bytes(raw, filename="order.pdf")
    assert doc.kind == "filing" and len(doc.pages) == 2 and doc.pages[0] == 0
    assert doc.text[doc.pages[1]:].startswith("Case No. 4:24-cv-04722-YGR")


def test_truncated_pdf_and_pdf_without_text():
    raw = _pdf(["A page of text that is long enough to count as a text layer."])
    with pytest.raises(ReadError):
        read_bytes(raw[: len(raw) // 3], filename="cut.pdf")
    with pytest.raises(ReadError, match="no text layer; OCR it first"):
        read_bytes(_pdf([""]), filename="scan.pdf")


def test_a_feed_is_not_a_document_and_parses_as_a_feed():
    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>AI</title>"
           b"<item><title>One</title><link>https://example.com/1?utm_medium=rss</link></item>"
           b"<item><title>No link</title></item></channel></rss>")
    with pytest.raises(ReadError, match="feed"):
        read_bytes(rss, filename="feed.xml")
    result = parse_feed(rss)
    assert [i.url for i in result.items] == ["https://example.com/1"] and result.skipped == 1
    with pytest.raises(ReadError):
        parse_feed(b"<html><body>no feed</body></html>")


def test_docket_json():
    raw = (ROOT / "tests/ingest/assets/courtlistener_docket_musk_v_openai.json").read_bytes()
    doc = read_bytes(raw, filename="docket.json")
    assert doc.kind == "docket" and doc.docket.docket_number == "4:24-cv-04722-YGR"
    assert doc.docket.court == "N.D. Cal." and doc.docket.judge == "Yvonne Gonzalez Rogers"
    roles = {p.name: p.role for p in doc.docket.parties}
    assert roles["Elon Musk"] == "plaintiff" and roles["OpenAI, Inc."] == "defendant"
    assert "Minute Entry for Jury Trial" in doc.text
    with pytest.raises(ReadError):
        parse_docket({"hello": "world"})


def test_urls_and_hashes_normalise():
    assert normalise_url("HTTPS://Example.COM:443/a?utm_source=x&b=2&a=1#top") == "https://example.com/a?a=1&b=2"
    assert normalise_url("http://example.com/a?fbclid=1") == normalise_url("http://example.com:80/a")
    assert text_sha256("Hello\r\nworld  ") == text_sha256("Hello\nworld")


def test_a_pdf_s_small_capitals_are_joined_back_into_words():
    from ingest.readers.base import normalise_text

    text = normalise_text("*1 U NITED S TATES D ISTRICT C OURT\nM IDDLE D ISTRICT O F F LORIDA O RLANDO D IVISION MEGAN "
                          "GARCIA, Plaintiff,\nI AM A B student")
    assert text.split("\n") == ["*1 UNITED STATES DISTRICT COURT",
                                "MIDDLE DISTRICT OF FLORIDA ORLANDO DIVISION MEGAN GARCIA, Plaintiff,",
                                "I AM A B student"]  # (two such words on a line are left as they are)
