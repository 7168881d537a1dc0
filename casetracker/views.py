"""htmx pages: function views; a page renders whole, or just its named partial for htmx requests."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from casetracker import search as search_mod
from casetracker import selectors
from casetracker.marking import render_headline, render_marked
from casetracker.models import Allegation, Case, Document, Party, Quote

SEARCH_TYPES = [("", "Everything"), ("case", "Cases"), ("party", "Parties"), ("document", "Documents"),
                ("quote", "Quotes"), ("allegation", "Allegations")]


def _page(request, template: str, context: dict, partial: str):
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context)


def _search_context(request) -> dict:
    q = request.GET.get("q", "")
    kind = request.GET.get("type", "")
    kind = kind if kind in dict(SEARCH_TYPES) else ""
    results = search_mod.search(q, types={kind} if kind else None, limit=20 if kind else 8)
    hits = [{"type": h.type, "title": search_mod.hit_title(h), "url": search_mod.hit_url(h),
             "snippet": render_headline(h.headline) if h.headline else
             (h.obj.evidence.sentence if h.type in ("quote", "allegation") else ""), "obj": h.obj}
            for h in results.hits]
    return {"q": results.query, "type": kind, "types": SEARCH_TYPES, "hits": hits, "error": results.error}


def home(request):
    context = _search_context(request)
    context.update({
        "cases": selectors.case_list().order_by("-last_activity", "case_name")[:10],
        "counts": {"cases": Case.objects.count(), "documents": Document.objects.count(),
                   "parties": Party.objects.filter(merged_into__isnull=True).count(),
                   "allegations": Allegation.objects.filter(rejected=False).count(),
                   "quotes": Quote.objects.filter(rejected=False).count()},
    })
    return _page(request, "home.html", context, "results")


def search_page(request):
    return _page(request, "search.html", _search_context(request), "results")


def case_list(request):
    qs = selectors.case_list()
    court, status = request.GET.get("court", ""), request.GET.get("status", "")
    if court:
        qs = qs.filter(court=court)
    if status:
        qs = qs.filter(status=status)
    order = request.GET.get("order", "caption")
    orderings = {"caption": ["case_name"], "activity": ["-last_activity", "case_name"],
                 "filed": ["-date_filed", "case_name"], "sources": ["-n_documents", "case_name"]}
    qs = qs.order_by(*orderings.get(order, ["case_name"]), "id")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    courts = Case.objects.exclude(court="").values_list("court", flat=True).distinct().order_by("court")
    return _page(request, "cases.html", {"page": page, "court": court, "status": status, "order": order,
                                         "courts": courts, "statuses": Case.Status.choices}, "table")


def case_detail(request, slug):
    case = get_object_or_404(selectors.case_detail_qs(), slug=slug)
    facts = selectors.case_facts(case)
    return render(request, "case.html", {
        "case": case, "timeline": selectors.timeline(case), "roles": selectors.roles(case),
        "conflicts": selectors.role_conflicts(case), **facts,
    })


def party_list(request):
    qs = selectors.party_list().annotate(n_mentions=Count("mentions", filter=Q(mentions__rejected=False)))
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("-n_mentions", "name"), 50).get_page(request.GET.get("page"))
    return render(request, "parties.html", {"page": page, "kind": kind, "kinds": Party.Kind.choices})


def party_detail(request, slug):
    party = get_object_or_404(selectors.party_list(), slug=slug)
    return render(request, "party.html", {
        "party": party,
        "roles": party.case_roles.select_related("case").order_by("case__case_name"),
        "quotes": selectors.quote_list().filter(speaker=party)[:100],
        "made": selectors.allegation_list().filter(accuser=party),
        "received": selectors.allegation_list().filter(accused=party),
        "documents": Document.objects.filter(mentions__party=party).distinct().order_by("-published_at", "-id")[:100],
        "products": party.products.all(),
    })


def allegation_list(request):
    status = request.GET.get("status", "")
    qs = selectors.allegation_list().order_by("accused__name", "accuser__name", "id")
    if status:
        qs = qs.filter(status=status)
    return render(request, "allegations.html", {"allegations": qs, "status": status,
                                                "statuses": Allegation.Status.choices})


def document_detail(request, pk):
    document = get_object_or_404(selectors.document_list(), pk=pk)
    marks = selectors.document_marks(document)
    story = list(document.story.documents.exclude(pk=document.pk)) if document.story_id else []
    return render(request, "document.html", {
        "document": document, "body": render_marked(document.text, marks), "story": story,
        "cases": document.case_links.select_related("case"),
        "quotes": selectors.quote_list().filter(document=document),
        "allegations": selectors.allegation_list().filter(document=document),
    })
