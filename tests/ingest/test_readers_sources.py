"""Documents' publisher and clean title (issue 14): no Django, the readers' own functions and read_bytes."""
from __future__ import annotations

import pytest

from ingest.readers import read_bytes
from ingest.readers.sources import clean_title, publisher, site_name


@pytest.mark.parametrize("given, url, expected", [
    ("", "https://www.reuters.com/legal/x", "Reuters"),
    ("", "https://news.bloomberglaw.com/ip-law/x", "Bloomberg Law"),
    ("", "https://www.bbc.co.uk/news/x", "BBC"),
    ("", "https://tomorrowspublisher.today/ethics/x", "tomorrowspublisher.today"),  # unknown: the host, no www
    ("", "https://www.example.org/a", "example.org"),
    ("reuters.com", "", "Reuters"),  # a page without og:site_name: trafilatura's hostname
    ("The Verge", "https://example.com/x", "The Verge"),  # the page's own name wins
    ("", "", ""),
    ("", "javascript:alert(1)", ""),
])
def test_publisher_from_the_page_the_header_or_the_url(given, url, expected):
    assert publisher(given, url) == expected


def test_site_names_come_from_the_registrable_domain():
    assert site_name("jobsearch.law360.com") == "Law360" and site_name("WWW.NYTimes.com") == "The New York Times"


@pytest.mark.parametrize("title, site, expected", [
    ("The Verge→ original", "", ""),
    ("VERIFIEDBy Xavier Rivera· ·1.5 min read", "", ""),
    ("Judge tosses xAI case | Reuters", "Reuters", "Judge tosses xAI case"),
    ("Judge tosses xAI case | Some Outlet", "", "Judge tosses xAI case"),
    ("OpenAI sued - The Verge", "The Verge", "OpenAI sued"),
    ("Musk wins - reuters.com", "", "Musk wins"),
    ("Getty v. Stability: the ruling · 5 min read", "", "Getty v. Stability: the ruling"),
    ("By Jane Doe · OpenAI loses appeal", "", "OpenAI loses appeal"),
    ("By the way, OpenAI lost", "", "By the way, OpenAI lost"),  # "By" before words that are no name
    ("Lehrman v. Lovo, Inc. — Class Action Complaint (S.D.N.Y.)", "", "Lehrman v. Lovo, Inc. — Class Action "
                                                                      "Complaint (S.D.N.Y.)"),
    ("OpenAI - a history of lawsuits", "Reuters", "OpenAI - a history of lawsuits"),  # a dash that is the title's
])
def test_clean_title(title, site, expected):
    assert clean_title(title, site) == expected


def test_a_headerless_text_takes_its_first_real_title_line_and_the_header_publisher_wins():
    raw = "The Verge→ original\n\nMusk admits xAI used OpenAI models\n\nElon Musk confirmed in court that xAI " \
          "partly used OpenAI models to improve Grok, he said on Thursday in a federal court in Oakland."
    doc = read_bytes(raw.encode())
    assert doc.title == "Musk admits xAI used OpenAI models" and doc.publisher == ""
    byline = "VERIFIEDBy Xavier Rivera· ·1.5 min read\n\nMusk: xAI partly used OpenAI models\n\n" + raw
    assert read_bytes(byline.encode()).title == "Musk: xAI partly used OpenAI models"
    header = ("source_url: https://www.reuters.com/legal/musk\ntitle: Musk testifies | Reuters\n\n"
              "Elon Musk testified on Thursday that xAI used OpenAI models to train its Grok chatbot in court.")
    doc = read_bytes(header.encode())
    assert (doc.title, doc.publisher) == ("Musk testifies", "Reuters")
    named = header.replace("title:", "publisher: Reuters Legal\ntitle:")
    assert read_bytes(named.encode()).publisher == "Reuters Legal"


def test_an_html_page_gives_its_site_name_or_its_host():
    body = "<p>" + "Elon Musk testified that xAI used OpenAI models to train Grok in a federal court. " * 5 + "</p>"
    page = (f'<html><head><title>Musk testifies - Reuters</title><meta property="og:site_name" content="Reuters">'
            f'</head><body><article><h1>Musk testifies</h1>{body}</article></body></html>')
    doc = read_bytes(page.encode(), content_type="text/html", url="https://www.reuters.com/legal/musk")
    assert doc.publisher == "Reuters" and doc.title == "Musk testifies"
    bare = page.replace('<meta property="og:site_name" content="Reuters">', "").replace(" - Reuters", "")
    doc = read_bytes(bare.encode(), content_type="text/html", url="https://www.thewrap.com/musk")
    assert doc.publisher == "TheWrap"


@pytest.mark.parametrize("url, day", [
    ("https://www.reuters.com/legal/2025/09/05/anthropic-settles/", "2025-09-05"),
    ("https://example.com/news/2024-08-19-authors-sue", "2024-08-19"),
    ("https://example.com/20250612/meta-wins.html", "2025-06-12"),
    ("https://example.com/2025/13/40/not-a-date", None),
    ("https://example.com/tag/2025/", None),
    ("https://example.com/story?d=2025/09/05", None),  # only the path counts
])
def test_a_news_url_dates_its_article(url, day):
    from ingest.readers.sources import date_from_url

    found = date_from_url(url)
    assert (found.isoformat() if found else None) == day


def test_a_document_without_a_date_takes_its_urls():
    from ingest.readers.detect import read_bytes

    doc = read_bytes(b"source_url: https://www.example.com/2025/09/05/story\n\nAnthropic settled.", filename="a.txt")
    assert doc.published_at.date().isoformat() == "2025-09-05"
    dated = read_bytes(b"source_url: https://www.example.com/2025/09/05/story\npublished: 2025-09-07\n\nText.",
                       filename="b.txt")
    assert dated.published_at.date().isoformat() == "2025-09-07"
