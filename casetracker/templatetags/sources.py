"""A document's publisher and title as pages show them, for documents stored before the readers named them:
``{{ document|publisher_of }}`` (stored, else the URL's site), ``{{ document|title_of }}`` (cleaned)."""
from django import template

from ingest.readers.sources import clean_title, publisher

register = template.Library()


@register.filter
def publisher_of(document) -> str:
    if document is None:
        return ""
    name = publisher(document.publisher, document.url)
    return f"{name} docket" if getattr(document, "kind", "") == "docket" and name == "CourtListener" else name


@register.filter
def title_of(document) -> str:
    if document is None:
        return ""
    return clean_title(document.title, publisher_of(document)) or document.title
