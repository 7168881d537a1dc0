"""Atom feeds: a case (its documents and events), a party, and any search."""
from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode

from ingest.readers.base import strip_controls

from casetracker import search as search_mod
from casetracker import selectors
from casetracker.models import Case, Document, Party


def _clean(value):
    return strip_controls(value) if isinstance(value, str) else value


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose every string is free of control characters (XML 1.0 cannot carry them: one stored ESC made
    every feed that listed its document a 500), and whose summaries are `type="text"`: ingested text is
    untrusted, so a feed reader must show it, never render it as HTML."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item_elements(self, handler, item):
        summary = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if summary:
            handler.addQuickElement("summary", summary, {"type": "text"})


class _AtomFeed(Feed):
    feed_type = PlainTextAtomFeed

    def item_title(self, item):
        return str(item)

    def item_pubdate(self, item):
        return getattr(item, "published_at", None) or getattr(item, "created_at", None)

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_description(self, item):
        return (item.text[:400] + "…") if isinstance(item, Document) else str(item)


class CaseFeed(_AtomFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Case, slug=slug)

    def title(self, case):
        return f"{case.case_name} — casetracker"

    def link(self, case):
        return case.get_absolute_url()

    def subtitle(self, case):
        return f"New documents and timeline events of {case.case_name} and the cases of its family"

    def items(self, case):
        """The case's and its members' (consolidated, "In re" members, appeals): following a lead case
        follows its family."""
        family = selectors.family_members(case)
        documents = list(Document.objects.filter(case_links__case__in=family).distinct().order_by("-created_at")[:30])
        events = list(selectors.event_list().filter(case__in=family).order_by("-created_at")[:30])
        return sorted(documents + events, key=lambda i: i.created_at, reverse=True)[:50]

    def item_title(self, item):
        if isinstance(item, Document):
            return f"Document: {item.title or item.pk}"
        when = item.date.isoformat() if item.date else "undated"
        return f"Event ({item.kind}, {when}): {item.title} [{item.case.case_name}]"

    def item_link(self, item):
        if isinstance(item, Document):
            return item.get_absolute_url()
        return f"{item.case.get_absolute_url()}#event-{item.pk}"

    def item_guid(self, item):
        return f"{type(item).__name__.lower()}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at


class PartyFeed(_AtomFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Party, slug=slug)

    def title(self, party):
        return f"{party.name} — casetracker"

    def link(self, party):
        return party.get_absolute_url()

    def subtitle(self, party):
        return f"Documents that mention {party.name}"

    def items(self, party):
        return Document.objects.filter(mentions__party=party).distinct().order_by("-created_at")[:50]

    def item_link(self, item):
        return item.get_absolute_url()


class SearchFeed(_AtomFeed):
    """Any search, as a feed: the same query, type and facet filters as the search page's URL."""

    PARAMS = ("q", "type", "court", "status", "party", "year", "publisher")

    def get_object(self, request):
        return {k: request.GET.get(k, "")[:600] for k in self.PARAMS}

    def title(self, obj):
        return f"casetracker search: {search_mod.clean_query(obj['q'])[:80]}"

    def subtitle(self, obj):
        filters = ", ".join(f"{k}={v}" for k, v in obj.items() if v and k != "q")
        return "Newest matches first" + (f" ({filters})" if filters else "")

    def link(self, obj):
        return reverse("search") + "?" + urlencode({k: v for k, v in obj.items() if v})

    def items(self, obj):
        types = {obj["type"]} if obj["type"] in search_mod.TYPES else None
        return search_mod.search(obj["q"], types=types, page_size=30, sort="date",
                                 filters=search_mod.Filters.from_params(obj)).hits

    def item_title(self, hit):
        return f"{hit.type}: {search_mod.hit_title(hit)}"

    def item_link(self, hit):
        return search_mod.hit_url(hit)

    def item_guid(self, hit):
        return f"{hit.type}-{hit.obj.pk}"

    item_guid_is_permalink = False

    def item_description(self, hit):
        return search_mod.hit_snippet(hit) or search_mod.hit_title(hit)

    def item_pubdate(self, hit):
        return hit.date or getattr(hit.obj, "created_at", None)
