"""Who published a document and its clean title (no Django).

The publisher comes from the page (og:site_name, which trafilatura reads as ``sitename``), a text file's header
``publisher:`` line, or else the URL's site: a small table knows the names of common sites ("reuters.com" ->
"Reuters"), any other site is its host without "www.". A title loses what pages and aggregators wrap it in: a
"→ original" marker, a " | Site" suffix, bylines and reading times ("5 min read")."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional
from urllib.parse import urlsplit

SITES = {
    "apnews.com": "AP News", "arstechnica.com": "Ars Technica", "axios.com": "Axios", "bbc.co.uk": "BBC",
    "bbc.com": "BBC", "billboard.com": "Billboard", "bloomberg.com": "Bloomberg",
    "bloomberglaw.com": "Bloomberg Law", "businessinsider.com": "Business Insider", "casetext.com": "Casetext",
    "cnbc.com": "CNBC", "cnn.com": "CNN", "courtlistener.com": "CourtListener", "deadline.com": "Deadline",
    "docketalarm.com": "Docket Alarm", "engadget.com": "Engadget", "forbes.com": "Forbes",
    "ft.com": "Financial Times", "geekwire.com": "GeekWire", "hollywoodreporter.com": "The Hollywood Reporter",
    "independent.co.uk": "The Independent", "justia.com": "Justia", "law.com": "Law.com", "law360.com": "Law360",
    "livemint.com": "Mint", "nytimes.com": "The New York Times", "plainsite.org": "PlainSite",
    "politico.com": "Politico", "reuters.com": "Reuters", "techcrunch.com": "TechCrunch",
    "theguardian.com": "The Guardian", "theinformation.com": "The Information", "theverge.com": "The Verge",
    "thewrap.com": "TheWrap", "variety.com": "Variety", "venturebeat.com": "VentureBeat",
    "washingtonpost.com": "The Washington Post", "wired.com": "Wired", "wsj.com": "The Wall Street Journal",
    "japantimes.co.jp": "The Japan Times", "sec.gov": "SEC", "uscourts.gov": "US Courts",
}
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu"}  # bbc.co.uk, abc.net.au: three labels


def site_of(url: str) -> str:
    """The host of a URL without "www." ("" when there is none)."""
    try:
        host = (urlsplit((url or "").strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _registrable(host: str) -> str:
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def site_name(host: str) -> str:
    """A host's publisher name: the table's ("news.bloomberglaw.com" -> "Bloomberg Law"), else the host."""
    host = host.lower().strip().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    return SITES.get(host) or SITES.get(_registrable(host)) or host


HOSTLIKE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.I)


def publisher(given: str = "", url: str = "") -> str:
    """The publisher a page or header names, else the URL's site. A name that is a bare host ("reuters.com", as
    pages without og:site_name give) becomes the site's name."""
    given = " ".join((given or "").split())
    if given and HOSTLIKE.match(given):
        return site_name(given)
    if given:
        return given
    host = site_of(url)
    return site_name(host) if host else ""


ORIGINAL = re.compile(r"\s*(?:→|->|&rarr;)\s*original\s*$", re.I)
READING_TIME = re.compile(r"[·•|\-–—,]?\s*\b\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|sec(?:ond)?s?)\.?\s+read\b\s*", re.I)
BYLINE = re.compile(r"^(?i:(?:verified\s*)?by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?=[·•|\-–—,]|$)")
SEPARATORS = " \t·•|-–—,:"
PIPE_SUFFIX = re.compile(r"\s+\|\s+([^|]{1,60})$")
DASH_SUFFIX = re.compile(r"\s+[-–—]\s+([^-–—]{1,60})$")


def _same_site(suffix: str, site: str) -> bool:
    norm = lambda s: re.sub(r"[^a-z0-9]", "", s.lower().removeprefix("the "))  # noqa: E731
    suffix_n = norm(suffix)
    return bool(suffix_n) and (suffix_n == norm(site) or suffix_n in {norm(v) for v in SITES.values()}
                               or bool(HOSTLIKE.match(suffix.strip())))


def clean_title(title: str, site: str = "") -> str:
    """A title without "→ original", a " | Site" (or " - Site" naming the publisher) suffix, a byline or a reading
    time; "" when nothing of a title is left ("VERIFIEDBy Xavier Rivera· ·1.5 min read")."""
    text = " ".join((title or "").split())
    attribution = bool(ORIGINAL.search(text))
    text = ORIGINAL.sub("", text)
    text = READING_TIME.sub(" ", text).strip(SEPARATORS)
    text = BYLINE.sub("", text).strip(SEPARATORS)
    m = PIPE_SUFFIX.search(text)
    if m and len(m.group(1).split()) <= 5:
        text = text[:m.start()]
    m = DASH_SUFFIX.search(text)
    if m and _same_site(m.group(1), site):
        text = text[:m.start()]
    text = text.strip(SEPARATORS)
    if (attribution or _same_site(text, site)) and len(text.split()) <= 4:
        return ""  # the line only names a site ("The Verge→ original")
    return text


_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/._-]|$)"
                       r"|/(20\d\d|19\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/._-])")


def date_from_url(url: str) -> Optional[date]:
    """The day a URL's path prints ("/2025/09/05/anthropic-settles", "/2025-09-05-...", "/20250905/"): news sites
    put the publication date there. None when the path has no full, valid date."""
    m = _URL_DATE.search(urlsplit(url or "").path)
    if not m:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return date(y, mo, d)
    except ValueError:
        return None
