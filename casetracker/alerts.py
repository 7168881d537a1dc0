"""Sending alerts: what is new for each alert, one message grouping it by case, by email and to webhooks.

``send_due(frequency)`` is what ``manage.py send_alerts``, the tasks queued after a commit and celery beat all run.
Each alert is sent in one transaction that holds its row (``FOR UPDATE SKIP LOCKED``: two workers never send
one alert at once): its news is read, the email handed to the SMTP server, the sent records and webhook
deliveries written, and only then does the transaction commit. A worker that dies before the commit leaves
everything as it was, so the next run sends it; once committed, the sent records keep every change from going
out again. Only a crash between the SMTP server's acceptance and the commit can repeat one message.

What is new: for a case, the changes (outbox) of the case and its family (casetracker.selectors.family_members);
for a party, the cases it joins on a side and the distillation allegations it makes or receives, in the role
followed; for a search, documents and cases among its newest matches that were not among them at its last run.
Changes from before the alert's ``since`` (its creation or resumption) are never sent.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Optional

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone

from casetracker import following, selectors, webhooks
from casetracker.models import Alert, AlertSent, Change

log = logging.getLogger(__name__)
PERIODS = {"realtime": timedelta(0), "daily": timedelta(days=1), "weekly": timedelta(days=7)}
SLACK = timedelta(hours=1)  # a digest run a little early is still due (beat's crontab fires on the hour)
CASE_KINDS = (Change.Kind.EVENT, Change.Kind.DOCUMENT, Change.Kind.STATUS, Change.Kind.STAGE)
PARTY_KINDS = (Change.Kind.PARTY_ROLE, Change.Kind.ALLEGATION)
MAX_ITEMS = 200  # per message; the rest follows in the next one
UNSUBSCRIBE_SALT = "casetracker.alerts.unsubscribe"


@dataclass
class Item:
    key: str
    kind: str
    summary: str
    sentence: str = ""
    source_url: str = ""
    page_url: str = ""
    change: Optional[Change] = None


@dataclass
class Group:
    title: str
    url: str
    items: list[Item] = field(default_factory=list)


# --------------------------------------------------------------------------- what is new
def _absolute(path: str) -> str:
    return settings.SITE_URL + path if path.startswith("/") else path


def pending_changes(alert: Alert):
    sent = AlertSent.objects.filter(alert=alert, change=OuterRef("pk"))
    changes = Change.objects.filter(created_at__gte=alert.since).filter(~Exists(sent))
    if alert.case_id:
        changes = changes.filter(case_id__in=selectors.family_members(alert.case), kind__in=CASE_KINDS)
    else:
        changes = changes.filter(party_id=alert.party_id, kind__in=PARTY_KINDS)
        if alert.role:
            changes = changes.filter(role=alert.role)
    return changes.select_related("case").order_by("id")[:MAX_ITEMS]


def _change_item(change: Change) -> Item:
    page = ""
    if change.evidence_id and change.document_id:
        page = f"/documents/{change.document_id}/#ev-{change.evidence_id}"
    elif change.document_id:
        page = f"/documents/{change.document_id}/"
    elif change.case_id:
        page = change.case.get_absolute_url()
    return Item(key=f"change-{change.pk}", kind=change.kind, summary=change.summary, sentence=change.sentence,
                source_url=change.source_url, page_url=_absolute(page) if page else "", change=change)


def _search_items(alert: Alert) -> tuple[list[Item], list[str]]:
    from casetracker import search
    from ingest.readers.base import http_url

    hits = following.search_results(alert.query)
    keys = [following.result_key(h) for h in hits]
    seen, done = set(alert.seen or []), set(AlertSent.objects.filter(alert=alert, key__in=keys)
                                            .values_list("key", flat=True))
    items = []
    for hit, key in zip(hits, keys):
        if key in seen or key in done:
            continue
        items.append(Item(key=key, kind=f"result:{hit.type}", summary=f"New {hit.type}: {search.hit_title(hit)}"[:1000],
                          sentence=search.hit_snippet(hit)[:600], page_url=_absolute(search.hit_url(hit)),
                          source_url=http_url(getattr(hit.obj, "url", "") or "") if hit.type == "document" else ""))
    return items[:MAX_ITEMS], keys


def groups_of(alert: Alert, items: list[Item]) -> list[Group]:
    """Items grouped by case, in the order they came; a search's results and a party's news without a case
    under one heading each."""
    groups: dict = {}
    for item in items:
        case = item.change.case if item.change is not None and item.change.case_id else None
        if case is not None:
            slot = ("case", case.pk)
            title, url = case.case_name, _absolute(case.get_absolute_url())
        elif alert.query:
            slot, title, url = ("search",), f"New results for {following.query_label(alert.query)}", _absolute(
                alert.get_absolute_url())
        else:
            slot, title, url = ("other",), f"{alert.party.name}: distillation allegations", _absolute(
                alert.party.get_absolute_url())
        groups.setdefault(slot, Group(title, url)).items.append(item)
    return list(groups.values())


# --------------------------------------------------------------------------- messages
def unsubscribe_token(alert: Alert) -> str:
    return signing.dumps(alert.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def alert_from_token(token: str) -> Optional[Alert]:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Alert.objects.filter(pk=pk).select_related("case", "party", "user").first() if isinstance(pk, int) else None


def unsubscribe_url(alert: Alert) -> str:
    return f"{settings.SITE_URL}/alerts/unsubscribe/{unsubscribe_token(alert)}/"


def _subject(alert: Alert, items: list[Item]) -> str:
    if alert.frequency == Alert.Frequency.REALTIME:
        what = items[0].summary if len(items) == 1 else f"{len(items)} changes"
        subject = f"{alert.target}: {what}"
    else:
        subject = f"Your {alert.frequency} digest for {alert.target}: {len(items)} change{'s' if len(items) > 1 else ''}"
    return " ".join(subject.split())[:200]  # no line breaks in a header, whatever a source's title held


def email_message(alert: Alert, groups: list[Group], n: int) -> EmailMultiAlternatives:
    context = {"alert": alert, "groups": groups, "count": n, "unsubscribe_url": unsubscribe_url(alert),
               "manage_url": f"{settings.SITE_URL}/accounts/", "target_url": _absolute(alert.get_absolute_url()),
               "site_url": settings.SITE_URL}
    items = [i for g in groups for i in g.items]
    message = EmailMultiAlternatives(
        subject=_subject(alert, items), body=render_to_string("alerts/email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[alert.user.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated"})
    message.attach_alternative(render_to_string("alerts/email.html", context), "text/html")
    return message


def webhook_data(alert: Alert, groups: list[Group]) -> dict:
    changes = []
    for group in groups:
        for item in group.items:
            case = item.change.case if item.change is not None and item.change.case_id else None
            changes.append({
                "kind": item.kind, "summary": item.summary, "sentence": item.sentence,
                "source_url": item.source_url or None, "page_url": item.page_url or None,
                "case": {"slug": case.slug, "case_name": case.case_name,
                         "url": _absolute(case.get_absolute_url())} if case else None,
                "created_at": item.change.created_at.isoformat() if item.change is not None else None})
    return {"alert": {"id": alert.pk, "target": alert.target, "frequency": alert.frequency, "note": alert.note,
                      "url": _absolute(alert.get_absolute_url()),
                      "api_url": f"{settings.SITE_URL}/api/v1/alerts/{alert.pk}/"},
            "count": len(changes), "changes": changes}


# --------------------------------------------------------------------------- sending
def send_alert(alert_id: int, *, search: bool = True) -> int:
    """Send one alert's news (the number of items sent; 0 when nothing is new, it is paused, or another worker
    holds it)."""
    now = timezone.now()
    with transaction.atomic():
        alert = (Alert.objects.select_for_update(skip_locked=True, of=("self",))
                 .select_related("user", "case", "party").filter(pk=alert_id, paused=False).first())
        if alert is None:
            return 0
        fields = ["last_checked_at"]
        alert.last_checked_at = now
        if alert.query:
            if not search:
                return 0
            items, current = _search_items(alert)
            alert.seen, fields = current, fields + ["seen"]
        else:
            items = [_change_item(c) for c in pending_changes(alert)]
        if items:
            groups = groups_of(alert, items)
            if alert.email and alert.user.email:
                email_message(alert, groups, len(items)).send()  # an SMTP error rolls everything back: sent next run
            AlertSent.objects.bulk_create([AlertSent(alert=alert, key=i.key, change=i.change) for i in items])
            if alert.webhook:
                endpoints = list(alert.user.webhook_endpoints.all())
                if endpoints:
                    webhooks.enqueue(endpoints=endpoints, event_type="alert.fired", data=webhook_data(alert, groups),
                                     alert=alert)
            alert.last_fired_at, fields = now, fields + ["last_fired_at"]
        alert.save(update_fields=fields)
    return len(items)


def due(frequency: str, now=None):
    """The unpaused alerts of a frequency that are due: real-time ones always, a digest when its period has
    passed since it was last checked (or it never was)."""
    now = now or timezone.now()
    alerts = Alert.objects.filter(paused=False, frequency=frequency)
    if frequency != Alert.Frequency.REALTIME:
        alerts = alerts.filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lte=now - PERIODS[frequency] + SLACK))
    return alerts


def send_due(frequency: Optional[str] = None, *, search: bool = True) -> dict:
    """Send what is due now for one frequency (or all): {"alerts": fired, "items": sent, "errors": n}."""
    if settings.ALERTS_TASK_PAUSE_SECONDS:  # tests only: a window in which to kill this worker
        log.warning("send_alerts: pausing %g s (ALERTS_TASK_PAUSE_SECONDS)", settings.ALERTS_TASK_PAUSE_SECONDS)
        time.sleep(settings.ALERTS_TASK_PAUSE_SECONDS)
    out = {"alerts": 0, "items": 0, "errors": 0}
    for freq in [frequency] if frequency else list(PERIODS):
        for pk in due(freq).order_by("id").values_list("pk", flat=True):
            try:
                n = send_alert(pk, search=search)
            except Exception:  # noqa: BLE001 - one alert's SMTP or data error must not stop the others
                log.exception("sending alert %s failed; it is tried again on the next run", pk)
                out["errors"] += 1
                continue
            out["alerts"] += bool(n)
            out["items"] += n
    return out
