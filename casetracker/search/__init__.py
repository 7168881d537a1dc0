"""Ranked full-text search over PostgreSQL: stored weighted vectors (``vectors``), web-search syntax and
fuzzy party names (``query``, ``names``), ranking with bounded candidates (``engine``), facets and
highlights (``facets``, ``hits``). No other search server."""
from casetracker.search.engine import CAP, PAGE_SIZE, TYPES, Filters, Hit, Results, search
from casetracker.search.hits import hit_dict, hit_snippet, hit_title, hit_url
from casetracker.search.query import MAX_QUERY, clean_query, parse
from casetracker.search.vectors import (
    CONFIG, refresh_allegations, refresh_cases, refresh_document, refresh_documents, refresh_parties, refresh_quotes,
)

__all__ = [
    "CAP", "CONFIG", "MAX_QUERY", "PAGE_SIZE", "TYPES", "Filters", "Hit", "Results", "clean_query", "hit_dict",
    "hit_snippet", "hit_title", "hit_url", "parse", "refresh_allegations", "refresh_cases", "refresh_document",
    "refresh_documents", "refresh_parties", "refresh_quotes", "search",
]
