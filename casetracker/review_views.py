"""Editors' pages and actions: the review queue, confirm / correct / reject in place (htmx, and plain forms without
JavaScript), a case's changes (page and Atom feed), reverting a change, merging and splitting parties and cases
with a preview of what moves. Every action checks its input and calls one service (casetracker.review)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from casetracker import feeds, review, review_merges, review_queue, selectors
from casetracker.accounts import editor_required, is_editor, safe_next
from casetracker.models import Case, Document, Party, Revision

MAX_REASON = 2000


def _error(request, message: str, item=None):
    """Bad input: said plainly, nothing changed. htmx gets the message in the item's error slot (422, which the
    page's htmx config swaps); a plain form gets a page with it (400)."""
    if request.htmx and item is not None:
        response = render(request, "review/error.html", {"message": message}, status=422)
        response["HX-Retarget"] = f"#{item}-error"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "review/error_page.html", {"message": message, "back": safe_next(request, "/review/")},
                  status=400)


# --------------------------------------------------------------------------- the queue
def _queue_filters(get) -> tuple[dict, list[str]]:
    errors, out = [], {"case": None, "kind": "", "state": "unchecked", "below": None, "after": None}
    if get.get("after"):
        out["after"] = review_queue.parse_cursor(get["after"][:80])
        if out["after"] is None:
            errors.append("after: a cursor from the queue's own next link")
    slug = get.get("case", "")[:520]
    if slug:
        out["case"] = Case.objects.filter(slug=slug).first()
        if out["case"] is None:
            errors.append(f"no case has the address {slug!r}")
    kind = get.get("kind", "")
    if kind and kind not in dict(review_queue.KINDS):
        errors.append(f"kind: one of {', '.join(dict(review_queue.KINDS))}")
    else:
        out["kind"] = kind
    state = get.get("state", "unchecked") or "unchecked"
    if state not in dict(review_queue.STATES):
        errors.append("state: unchecked, checked or all")
    else:
        out["state"] = state
    below = get.get("below", "")
    if below:
        try:
            out["below"] = float(below)
            if not 0 <= out["below"] <= 1:
                raise ValueError
        except ValueError:
            errors.append("confidence below: a number from 0 to 1")
            out["below"] = None
    return out, errors


@editor_required
def queue(request):
    filters, errors = _queue_filters(request.GET)
    items, total = review_queue.queue(**filters, limit=PAGE) if not errors else ([], 0)
    cases = Case.objects.filter(is_ai_litigation=True).order_by("case_name").values_list("slug", "case_name")[:3000]
    more = None
    if len(items) == PAGE:
        query = request.GET.copy()
        query["after"] = items[-1].cursor
        more = f"/review/?{query.urlencode()}"
    return render(request, "review/queue.html", {
        "items": items, "total": total, "errors": errors, "filters": filters, "cases": cases,
        "kinds": review_queue.KINDS, "states": review_queue.STATES, "more": more, "cap": review_queue.COUNT_CAP,
        "next": request.get_full_path(),
    }, status=400 if errors else 200)


PAGE = 100  # facts a queue page shows; the next link continues after the last


def _party_names():
    return Party.objects.filter(merged_into__isnull=True).order_by("name").values_list("name", flat=True)[:3000]


# --------------------------------------------------------------------------- deciding in place
def _values(request, kind: str) -> dict:
    return {f: request.POST.get(f, "")[:500] for f in review.KINDS[kind].fields if f in request.POST}


@require_POST
@editor_required
def fact_review(request, kind, pk):
    if kind not in review.KINDS:
        raise Http404("no such kind of fact")
    fact = get_object_or_404(review.KINDS[kind].model, pk=pk)
    action = request.POST.get("action", "")
    dom = request.POST.get("dom", "")[:80] or f"q-{kind}-{pk}"
    try:
        case_id = review.case_of(kind, fact)
        review.fact_review(kind=kind, fact=fact, action=action, values=_values(request, kind), user=request.user,
                           reason=request.POST.get("reason", "")[:MAX_REASON])
    except review.ReviewError as e:
        return _error(request, str(e), dom)
    return _done(request, kind, pk, case_id, dom)


@require_POST
@editor_required
def case_field_review(request, slug, name):
    case = get_object_or_404(Case, slug=slug)
    dom = request.POST.get("dom", "")[:80] or f"q-casefield-{name}"
    try:
        review.case_field_review(case=case, name=name, action=request.POST.get("action", ""),
                                 value=request.POST.get(name, request.POST.get("value", ""))[:500], user=request.user,
                                 reason=request.POST.get("reason", "")[:MAX_REASON])
    except review.ReviewError as e:
        return _error(request, str(e), dom)
    return _done(request, "casefield", name, case.pk, dom)


def _done(request, kind, pk, case_id, dom):
    """After a decision: in the queue (htmx), the item as it stands now; elsewhere, back to the page (htmx swaps
    the fact's element out of it, ``hx-select``)."""
    if request.htmx and request.POST.get("mode") == "queue":
        case = Case.objects.filter(pk=case_id).first()
        item = review_queue.item(kind, pk, case) if case else None
        return render(request, "review/item.html", {"item": item, "done": True, "gone": item is None,
                                                    "dom": dom, "next": safe_next(request, "/review/")})
    return redirect(safe_next(request, _page_of(kind, pk, case_id)))


def _page_of(kind, pk, case_id) -> str:
    case = Case.objects.filter(pk=case_id).first()
    return case.get_absolute_url() if case else "/review/"


# --------------------------------------------------------------------------- history
def case_changes(request, slug):
    case = _case_or_redirect(slug)
    if not isinstance(case, Case):
        return case
    revisions = (Revision.objects.filter(case=case).select_related("user", "reverts")
                 .prefetch_related("reverted_by")[:500])
    return render(request, "review/changes.html", {"case": case, "revisions": revisions,
                                                   "editor": is_editor(request.user)})


def _case_or_redirect(slug):
    case = Case.objects.filter(slug=slug).first()
    if case is None:
        from casetracker.models import CaseRedirect

        moved = CaseRedirect.objects.select_related("case").filter(slug=slug).first()
        if moved is None:
            raise Http404("no such case")
        return redirect(moved.case.get_absolute_url(), permanent=True)
    return case


@require_POST
@editor_required
def revert(request, pk):
    revision = get_object_or_404(Revision, pk=pk)
    try:
        review.revert(revision=revision, user=request.user, reason=request.POST.get("reason", "")[:MAX_REASON])
    except review.ReviewError as e:
        return _error(request, str(e))
    messages.success(request, f"Reverted: {revision.subject} — {revision.field} is {revision.before or 'unset'} again.")
    case = revision.case
    return redirect(safe_next(request, f"/cases/{case.slug}/changes/" if case else "/review/"))


class CaseChangesFeed(feeds._AtomFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Case, slug=slug)

    def title(self, case):
        return f"{case.case_name}: changes — casetracker"

    def link(self, case):
        return f"/cases/{case.slug}/changes/"

    def subtitle(self, case):
        return f"Every change to the facts and fields of {case.case_name}: by editors, re-extraction and ingestion"

    def items(self, case):
        return Revision.objects.filter(case=case).select_related("user")[:100]

    def item_title(self, item):
        return f"{item.subject}: {item.field} {item.before or '—'} → {item.after or '—'}"

    def item_description(self, item):
        return f"by {item.who}" + (f" — {item.reason}" if item.reason else "")

    def item_link(self, item):
        return f"/cases/{item.case.slug}/changes/#revision-{item.pk}" if item.case_id else "/"

    def item_guid(self, item):
        return f"revision-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at


# --------------------------------------------------------------------------- merge and split
@editor_required
def party_merge(request):
    """GET: the preview of merging ``source`` into ``target`` (what moves); POST: do it."""
    data = request.POST if request.method == "POST" else request.GET
    source = target = None
    errors = []
    if data.get("source"):
        try:
            source = review.party_named(data["source"])
        except review.ReviewError as e:
            errors.append(f"source: {e}")
    if data.get("target"):
        try:
            target = review.party_named(data["target"])
        except review.ReviewError as e:
            errors.append(f"target: {e}")
    if source and target and source.pk == target.pk:
        errors.append("a party cannot be merged into itself")
    preview = review_merges.party_merge_preview(source, target) if source and target and not errors else None
    if request.method == "POST" and preview and not errors:
        review_merges.party_merge(source=source, target=target, user=request.user,
                           reason=data.get("reason", "")[:MAX_REASON])
        messages.success(request, f"{source.name} is merged into {target.name}.")
        return redirect(target.get_absolute_url())
    return render(request, "review/merge_party.html", {
        "source": source, "target": target, "preview": preview, "errors": errors, "parties": _party_names(),
        "source_text": data.get("source", "")[:300], "target_text": data.get("target", "")[:300],
    }, status=400 if errors else 200)


@require_POST
@editor_required
def party_split(request, slug):
    party = get_object_or_404(Party, slug=slug)
    if not party.merged_into_id:
        return _error(request, f"{party.name} is not merged into another party")
    target = party.merged_into
    review_merges.party_split(party=party, user=request.user, reason=request.POST.get("reason", "")[:MAX_REASON])
    messages.success(request, f"{party.name} stands on its own again (no longer merged into {target.name}).")
    return redirect(party.get_absolute_url())


@editor_required
def case_merge(request):
    data = request.POST if request.method == "POST" else request.GET
    errors = []
    source = Case.objects.filter(slug=data.get("source", "")[:520]).first() if data.get("source") else None
    target = Case.objects.filter(slug=data.get("target", "")[:520]).first() if data.get("target") else None
    if data.get("source") and source is None:
        errors.append(f"source: no case has the address {data['source'][:100]!r}")
    if data.get("target") and target is None:
        errors.append(f"target: no case has the address {data['target'][:100]!r}")
    if source and target and source.pk == target.pk:
        errors.append("a case cannot be merged into itself")
    preview = review_merges.case_merge_preview(source, target) if source and target and not errors else None
    if request.method == "POST" and preview and not errors:
        merged = review_merges.case_merge(source=source, target=target, user=request.user,
                                   reason=data.get("reason", "")[:MAX_REASON])
        messages.success(request, f"{preview['source_name']} is merged into {merged.case_name}; its old address "
                         "leads here.")
        return redirect(merged.get_absolute_url())
    cases = Case.objects.order_by("case_name").values_list("slug", "case_name")[:3000]
    return render(request, "review/merge_case.html", {
        "source": source, "target": target, "preview": preview, "errors": errors, "cases": cases,
    }, status=400 if errors else 200)


@editor_required
def case_split(request, slug):
    """GET: pick the documents that tell another suit; POST: they become a case of their own."""
    case = get_object_or_404(selectors.case_detail_qs(), slug=slug)
    errors = []
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("document") if x.isdigit()]
        caption = request.POST.get("caption", "").strip()[:500]
        documents = list(Document.objects.filter(pk__in=ids, case_links__case=case).distinct())
        if not documents:
            errors.append("pick at least one of this case's documents")
        if not caption:
            errors.append("give the new case's caption")
        if len(documents) == case.case_documents.count() and documents:
            errors.append("leave at least one document to this case (or merge instead)")
        if not errors:
            new = review_merges.case_split(case=case, documents=documents, caption=caption, user=request.user,
                                    reason=request.POST.get("reason", "")[:MAX_REASON])
            messages.success(request, f"{len(documents)} document(s) now make {new.case_name}.")
            return redirect(new.get_absolute_url())
    return render(request, "review/split_case.html", {"case": case, "errors": errors},
                  status=400 if errors else 200)


def editor_context(request) -> dict:
    """For pages that show review controls: whether the visitor is an editor, and the names to choose from."""
    editor = is_editor(request.user)
    return {"editor": editor, "party_names": _party_names() if editor else ()}



def roles(request) -> dict:
    """Template context: ``is_editor`` (review controls are shown) — a context processor; the groups are read once
    per request, and only when a template asks."""
    from django.utils.functional import SimpleLazyObject

    editor = SimpleLazyObject(lambda: is_editor(getattr(request, "user", None)))
    return {"is_editor": editor, "party_names": SimpleLazyObject(lambda: list(_party_names()) if editor else [])}
