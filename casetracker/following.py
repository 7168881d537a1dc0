"""Following a case, a party or a search: the alert services (create, change, pause, delete) and the helpers the
pages, the API and the sender share. A saved search is a search URL's query string, kept to the parameters the
search page reads."""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from casetracker.models import Alert, Case, Party

SEARCH_PARAMS = ("q", "type", "court", "status", "party", "year", "publisher")
MAX_QUERY = 2000


# --------------------------------------------------------------------------- saved searches
def query_of(params) -> str:
    """The query string of a search's parameters (the search page's, in one order; no database)."""
    out = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        value = str(params.get(name) or "").strip()
        if value:
            out[name] = value[:600]
    return out.urlencode()


def normalise_query(raw: str) -> str:
    """A search URL, path or query string → its query string, with only the search page's parameters, in one
    order. ValueError when it has no words to search for."""
    from casetracker import search

    raw = (raw or "").strip()
    if "?" in raw or raw.startswith(("http://", "https://", "/")):
        raw = urlsplit(raw).query if "?" in raw else ""
    given = QueryDict(raw[:MAX_QUERY * 2])
    if given.get("type") and given["type"] not in search.TYPES:
        raise ValueError(f"unknown result type {given['type']!r}; types: {', '.join(search.TYPES)}")
    parsed = search.parse(given.get("q", ""))
    if not parsed.text or parsed.empty or parsed.only_exclusions:
        raise ValueError("a followed search needs words to search for (q=...)")
    encoded = query_of(given)
    if len(encoded) > MAX_QUERY:
        raise ValueError(f"the search is longer than {MAX_QUERY} characters")
    return encoded


def query_label(query: str) -> str:
    params = QueryDict(query)
    extra = ", ".join(f"{k}: {params[k]}" for k in SEARCH_PARAMS[1:] if params.get(k))
    return f"“{params.get('q', '')}”" + (f" ({extra})" if extra else "")


def search_results(query: str, limit: int = 100) -> list:
    """The newest matches of a saved search: documents and cases, or the type it names."""
    from casetracker import search

    params = QueryDict(query)
    kind = params.get("type", "")
    types = {kind} if kind in search.TYPES else {"document", "case"}
    return search.search(params.get("q", ""), types=types, page_size=limit, sort="date",
                         filters=search.Filters.from_params(params)).hits


def result_key(hit) -> str:
    return f"{hit.type}-{hit.obj.pk}"


# --------------------------------------------------------------------------- alerts
@transaction.atomic
def alert_create(*, user, case: Optional[Case] = None, party: Optional[Party] = None, role: str = "",
                 query: str = "", frequency: str = Alert.Frequency.REALTIME, note: str = "", email: bool = True,
                 webhook: bool = True) -> Alert:
    """Follow one thing. A search remembers its current results: only later ones are news."""
    now = timezone.now()
    query = normalise_query(query) if query else ""
    alert = Alert(user=user, case=case, party=party, role=role if party else "", query=query, frequency=frequency,
                  note=note[:1000], email=email, webhook=webhook, since=now)
    if query:
        alert.seen = [result_key(h) for h in search_results(query)]
    alert.save()
    return alert


@transaction.atomic
def alert_update(*, alert: Alert, **changes) -> Alert:
    """Change an alert's frequency, note, channels, role or pause; resuming starts from now (what happened while
    it was paused is not sent), and a changed search remembers its current results."""
    if changes.get("query"):
        changes["query"] = normalise_query(changes["query"])
    fields = []
    for name in ("frequency", "note", "email", "webhook", "role", "query", "paused"):
        if name in changes and getattr(alert, name) != changes[name]:
            setattr(alert, name, changes[name])
            fields.append(name)
    if "paused" in fields and not alert.paused or "query" in fields:
        alert.since = timezone.now()
        fields.append("since")
    if "query" in fields and alert.query:
        alert.seen = [result_key(h) for h in search_results(alert.query)]
        fields.append("seen")
    if fields:
        alert.save(update_fields=fields)
    return alert


def alert_delete(*, alert: Alert) -> None:
    alert.delete()


def follow_state(user, *, case: Optional[Case] = None, party: Optional[Party] = None, query: str = "") -> dict:
    """What a page's follow button shows: a sign-in link, the member's alerts on this thing, or the form."""
    from casetracker.accounts import is_member

    if not getattr(user, "is_authenticated", False):
        return {"anonymous": True}
    if not is_member(user):
        return {"not_member": True}
    alerts = Alert.objects.filter(user=user)
    if case is not None:
        alerts = alerts.filter(case=case)
    elif party is not None:
        alerts = alerts.filter(party=party)
    else:
        alerts = alerts.filter(query=query)
    return {"alerts": list(alerts), "frequencies": Alert.Frequency.choices, "roles": Alert.Role.choices}
