"""`{{ value|http_url }}`: a stored external link, or "" unless it is an absolute http(s) URL. Every template that
links an external URL from the data (a document's original, a docket's CourtListener page) goes through it."""
from django import template

from ingest.readers.base import http_url as _http_url

register = template.Library()


@register.filter
def http_url(value) -> str:
    return _http_url(value)
