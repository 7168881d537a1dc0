"""htmx pages: function views; a page renders whole, or just its named partial for htmx requests.

Every page works without JavaScript: filters and the search are plain GET forms whose state lives in the
URL (shareable, bookmarkable); htmx only swaps the results in place and pushes the URL.
"""
from __future__ import annotations


from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from casetracker import exports, following, graph, provenance, records, review_queue, search as search_mod, selectors
from casetracker.courts import court_display
from casetracker.marking import render_headline, render_marked
from casetracker.models import Allegation, Case, CaseParty, Party

SEARCH_TYPES = [("", "Everything"), ("case", "Cases"), ("party", "Parties"), ("document", "Documents"),
                ("quote", "Quotes"), ("allegation", "Allegations")]
SORTS = [("rank", "best match"), ("date", "newest")]
FACET_LABELS = {"court": "Court", "status": "Case status", "party": "Party", "year": "Year", "publisher": "Publisher"}
SEARCH_PARAMS = ("q", "type", "court", "status", "party", "year", "publisher", "sort")


def _page(request, template: str, context: dict, partial: str):
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
        context["oob"] = True
    return render(request, template, context)


def _url(path: str, params: dict, **changes) -> str:
    query = QueryDict(mutable=True)
    for key, value in {**params, **changes}.items():
        if value not in (None, "", False):
            query[key] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def _search_context(request, path: str) -> dict:
    get = request.GET
    state = {k: get.get(k, "")[:600] for k in SEARCH_PARAMS}
    kind = state["type"] if state["type"] in dict(SEARCH_TYPES) else ""
    state["type"] = kind
    state["sort"] = state["sort"] if state["sort"] == "date" else ""
    filters = search_mod.Filters.from_params(get)
    try:
        page = max(1, int(get.get("page", 1)))
    except ValueError:
        page = 1
    results = search_mod.search(state["q"], types={kind} if kind else None, page=page, filters=filters,
                                sort=state["sort"] or "rank", facets=bool(state["q"]))
    state["q"] = results.query
    hits = [{"type": h.type, "url": search_mod.hit_url(h), "obj": h.obj, "sources": h.sources, "date": h.date,
             "title": render_headline(h.title_headline) if h.title_headline else search_mod.hit_title(h),
             "snippet": render_headline(h.headline) if h.headline else search_mod.hit_snippet(h)}
            for h in results.hits]
    facets = []
    for name, values in results.facets.items():
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": [
                {"label": v.label, "value": v.value, "count": v.count, "selected": v.selected,
                 "url": _url(path, state, **{name: "" if v.selected else v.value})} for v in values]})
    type_facet = [{"label": label, "value": value, "selected": value == kind,
                   "count": sum(c for c, _ in results.type_counts.values()) if not value
                   else results.type_counts.get(value, (0, False))[0],
                   "capped": results.capped if not value else results.type_counts.get(value, (0, False))[1],
                   "url": _url(path, state, type=value)} for value, label in SEARCH_TYPES]
    pages = {"number": results.page, "count": results.num_pages,
             "previous": _url(path, state, page=results.page - 1) if results.page > 1 else "",
             "next": _url(path, state, page=results.page + 1) if results.page < results.num_pages else ""}
    active = [{"label": f"{FACET_LABELS[k]}: {v}", "url": _url(path, state, **{k: ""})}
              for k, v in filters.as_dict().items()]
    return {"q": results.query, "type": kind, "types": SEARCH_TYPES, "hits": hits, "error": results.error,
            "total": results.total, "capped": results.capped, "facets": facets, "type_facet": type_facet,
            "facets_sampled": results.facets_sampled, "facet_sample": search_mod.engine.FACET_SAMPLE,
            "pages": pages, "state": state, "sorts": SORTS, "active_filters": active,
            "corrections": [{"typed": m.owner_of or m.text, "names": m.names[:2]} for m in results.corrections],
            "feed_url": _url("/search/feed/", state), "api_url": _url("/api/v1/search/", state),
            "filters": {k: state[k] for k in ("court", "status", "party", "year", "publisher")},
            **_follow(request, query=following.query_of(state) if results.query and not results.error else "")}


def _follow(request, **thing) -> dict:
    """The follow button's context (no query for anonymous visitors)."""
    if not any(thing.values()):
        return {}
    state = following.follow_state(request.user, **thing)
    keys = {k: getattr(v, "slug", v) for k, v in thing.items()}
    return {"follow": state, "follow_thing": keys, "next": request.get_full_path()}


def home(request):
    context = _search_context(request, "/search/")
    context.update({"cases": selectors.recent_cases(10), "counts": selectors.site_counts()})
    return _page(request, "home.html", context, "results")


def search_page(request):
    return _page(request, "search.html", _search_context(request, "/search/"), "results")


CASE_ORDERINGS = {"caption": ["case_name"], "activity": ["-last_activity", "case_name"],
                  "filed": ["-date_filed", "case_name"], "sources": ["-n_documents", "case_name"],
                  "court": ["court", "case_name"], "status": ["status", "case_name"]}


# The case list is filtered by the API's CaseFilter (one definition for both): the page's query string is the
# API's, so its "API" link is the same filters. Old parameter names of the page still work.
CASE_FILTERS = ("court", "status", "stage", "jurisdiction", "docket_number", "party", "party_role",
                "date_filed__gte", "date_filed__lte", "has_allegations", "is_ai_litigation", "class_action")
CASE_LEGACY = {"filed_from": "date_filed__gte", "filed_to": "date_filed__lte", "distillation": "has_allegations"}
CASE_API_ORDER = {"caption": "case_name", "activity": "-last_activity", "filed": "-date_filed", "court": "court",
                  "status": "status"}
AI_CHOICES = [("true", "AI litigation only"), ("false", "not AI litigation"), ("all", "all cases")]


def case_filterset(get):
    """The case list's filters from a query string (the list page's and its exports'): CaseFilter, with the page's
    old names and its default, AI litigation only (``is_ai_litigation=all`` shows every case)."""
    from casetracker.api.filters import CaseFilter

    data = {new: get[old] for old, new in CASE_LEGACY.items() if get.get(old) and not get.get(new)}
    data.update({k: get[k] for k in CASE_FILTERS if get.get(k)})
    data = {k: v[:300] for k, v in data.items()}
    ai = data.pop("is_ai_litigation", "true")
    if ai != "all":
        data["is_ai_litigation"] = ai
    filterset = CaseFilter(data, queryset=selectors.case_list_filtered())
    valid = {k: v for k, v in data.items() if k not in filterset.errors}
    state = dict(valid, is_ai_litigation=valid.get("is_ai_litigation", "all"))
    if state["is_ai_litigation"] == "true":
        state.pop("is_ai_litigation")  # the default: not in the URL
    return filterset, valid, state


def case_list(request):
    get = request.GET
    filterset, valid, state = case_filterset(get)
    qs = filterset.qs
    order = get.get("order", "")
    order = order if order in CASE_ORDERINGS else "activity"
    state = {**state, "order": order}
    qs = qs.order_by(*[_nulls_last(o) for o in CASE_ORDERINGS[order]], "id")
    page = Paginator(qs, 25).get_page(get.get("page"))
    courts = [(c, court_display(c)) for c in
              Case.objects.exclude(court="").values_list("court", flat=True).distinct().order_by("court")]
    jurisdictions = [(j, records.label("jurisdiction", j)) for j in Case.objects.exclude(jurisdiction="")
                     .values_list("jurisdiction", flat=True).distinct().order_by("jurisdiction")]
    parties = (Party.objects.filter(case_roles__role__in=["plaintiff", "defendant"], merged_into__isnull=True)
               .distinct().order_by("name").values_list("slug", "name"))
    sort_urls = {k: _url("/cases/", state, order=k) for k in CASE_ORDERINGS}
    api_params = dict(valid, order_by=CASE_API_ORDER.get(order, ""))
    return _page(request, "cases.html", {
        "page": page, "state": state, "courts": courts, "statuses": Case.Status.choices, "parties": parties,
        "stages": Case.Stage.choices, "jurisdictions": jurisdictions, "ai_choices": AI_CHOICES,
        "ai_state": state.get("is_ai_litigation", "true"),
        "roles": CaseParty.Role.choices, "errors": {k: " ".join(v) for k, v in filterset.errors.items()},
        "sort_urls": sort_urls, "page_urls": {
            "previous": _url("/cases/", state, page=page.previous_page_number()) if page.has_previous() else "",
            "next": _url("/cases/", state, page=page.next_page_number()) if page.has_next() else ""},
        "api_url": _url("/api/v1/cases/", api_params),
        "export_urls": {fmt: _url(f"/cases/export.{fmt}", state) for fmt in ("csv", "json")},
        "dail_url": _url("/cases/export/dail.csv", state),
    }, "table")


def _nulls_last(order: str):
    from django.db.models import F

    field = order.lstrip("-")
    return F(field).desc(nulls_last=True) if order.startswith("-") else F(field).asc(nulls_last=True)


def case_detail(request, slug):
    case = selectors.case_detail_qs().filter(slug=slug).first()
    if case is None:  # a case merged into another: its old address leads there
        from casetracker.models import CaseRedirect

        moved = get_object_or_404(CaseRedirect.objects.select_related("case"), slug=slug)
        return redirect(moved.case.get_absolute_url(), permanent=True)
    return render(request, "case.html", _case_context(request, case))


def _case_context(request, case: Case, **extra) -> dict:
    from casetracker.authentication import INGEST_PERMISSION

    facts = {name: list(qs) for name, qs in selectors.case_facts(case).items()}
    timeline = selectors.timeline(case)
    for e in (e for group in timeline for e in group.events):
        docs = {s.document_id: s.document for s in e.sources.all()}
        e.n_sources, e.n_independent = len(docs), provenance.independent_count(docs.values())
    fields = records.field_rows(case)
    review_fields = review_queue.mark_fields(case, fields)
    return {
        "case": case, "timeline": timeline, "roles": selectors.roles(case), "fields": fields,
        "followed": list(case.followed_dockets.all()),
        "can_follow": request.user.is_authenticated and request.user.has_perm(INGEST_PERMISSION), **extra,
        "field_conflicts": [row for row in fields if row.conflicting], "stage_history": records.stage_history(case),
        "family": records.family(case), "counsel": records.counsel_by_side(case),
        "conflicts": provenance.case_conflicts(case, facts["allegations"]),
        "allegation_groups": provenance.allegation_groups(facts["allegations"]),
        "quote_groups": provenance.quote_groups(facts["quotes"]), **facts, **_follow(request, case=case),
        **review_fields,
    }


@require_POST
def case_follow_docket(request, slug):
    """Follow a CourtListener docket from the case's page (users who may ingest): the fetch is queued, the page
    shows how it stands. A docket reference that is not one is a 400 with the page and the error."""
    from casetracker.authentication import INGEST_PERMISSION
    from ingest.courtlistener import sync

    case = get_object_or_404(selectors.case_detail_qs(), slug=slug)
    if not (request.user.is_authenticated and request.user.has_perm(INGEST_PERMISSION)):
        raise PermissionDenied("following a docket needs the ingest permission")
    ref = request.POST.get("docket", "")[:500]
    try:
        sync.docket_id(ref)
    except ValueError as e:
        return render(request, "case.html", _case_context(request, case, follow_error=str(e), follow_value=ref),
                      status=400)
    sync.follow_queued(ref, case=case, user=request.user)
    return redirect(f"{case.get_absolute_url()}#courtlistener", permanent=False)


def case_family(request, slug):
    case = get_object_or_404(Case, slug=slug)
    lead, cases, relations = selectors.family_tree(case)
    return render(request, "case_family.html", {"case": case, "lead": lead, "cases": cases, "relations": relations})


def party_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Party.Kind.values else ""
    page = Paginator(selectors.party_directory(kind), 50).get_page(request.GET.get("page"))
    return render(request, "parties.html", {"page": page, "kind": kind, "kinds": Party.Kind.choices})


def party_detail(request, slug):
    party = get_object_or_404(selectors.party_list(), slug=slug)
    from casetracker.accounts import is_editor

    merged = list(Party.objects.filter(merged_into=party).order_by("name")) if is_editor(request.user) else []
    return render(request, "party.html", {"party": party, **selectors.party_page(party), **_follow(request, party=party),
                                          "merged": merged})


def allegation_list(request):
    status = request.GET.get("status", "")
    status = status if status in Allegation.Status.values else ""
    return render(request, "allegations.html", {"graph": graph.build(selectors.allegation_graph_facts(status)),
                                                "status": status, "statuses": Allegation.Status.choices})


def document_detail(request, pk):
    document = get_object_or_404(selectors.document_list(), pk=pk)
    story = selectors.document_story(document)
    return render(request, "document.html", {
        "document": document, "body": render_marked(document.text, selectors.document_marks(document)),
        "story": story, "story_sources": provenance.independent_count([document, *story]) if story else 1,
        "cases": selectors.document_cases(document), **_review_facts(request, document),
    })


def _review_facts(request, document) -> dict:
    """An editor's list of the document's quotes and allegations, to check them here (readers' pages are unchanged)."""
    from casetracker.accounts import is_editor

    if not is_editor(request.user):
        return {}
    return {"review_quotes": selectors.quote_list().filter(document=document).order_by("evidence__start"),
            "review_allegations": selectors.allegation_list().filter(document=document).order_by("evidence__start")}


# ------------------------------------------------------------------------------------------------- exports
EXPORT_FORMATS = ("csv", "json")


def _format(fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise Http404("exports are CSV or JSON")
    return fmt


def case_export(request, fmt):
    """The case list as it is filtered and sorted on the page, every row (not one page)."""
    filterset, _, _ = case_filterset(request.GET)
    order = request.GET.get("order", "")
    order = order if order in CASE_ORDERINGS else "activity"
    qs = filterset.qs.order_by(*[_nulls_last(o) for o in CASE_ORDERINGS[order]], "id")
    return exports.export("cases", qs, _format(fmt))


def case_export_dail(request):
    filterset, _, _ = case_filterset(request.GET)
    return exports.dail(filterset.qs.order_by("case_name", "id"))


def party_export(request, fmt):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Party.Kind.values else ""
    return exports.export("parties", selectors.party_directory(kind).select_related("owner")
                          .prefetch_related("aliases"), _format(fmt))


def allegation_export(request, fmt):
    status = request.GET.get("status", "")
    status = status if status in Allegation.Status.values else ""
    return exports.export("allegations", selectors.allegation_graph_facts(status), _format(fmt))


def quote_export(request, fmt):
    """Quotes, by ``case`` and/or ``speaker`` (slug or id) as the API filters them."""
    from casetracker.api.filters import QuoteFilter

    data = {k: request.GET[k][:300] for k in ("case", "speaker") if request.GET.get(k)}
    filterset = QuoteFilter(data, queryset=selectors.quote_list())
    return exports.export("quotes", filterset.qs.order_by("document_id", "id"), _format(fmt))
