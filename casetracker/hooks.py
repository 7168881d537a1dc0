"""Webhooks from outside: CourtListener's docket alerts at /hooks/courtlistener/<secret>/.

The receiver answers at once and queues the work (ingest.courtlistener.sync.webhook_receive): it checks the secret
path (a constant-time comparison; no secret configured: 404), the sender's address when COURTLISTENER_WEBHOOK_IPS
is set, the size and the JSON, and takes each event once by its Idempotency-Key."""
from __future__ import annotations

import hmac
import ipaddress
import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

MAX_BODY = 5 * 1024 * 1024


def _allowed(address: str) -> bool:
    networks = settings.COURTLISTENER_WEBHOOK_IPS
    if not networks:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for net in networks:
        try:
            if ip in ipaddress.ip_network(net, strict=False):
                return True
        except ValueError:
            continue
    return False


@csrf_exempt
@require_POST
def courtlistener_webhook(request, secret: str):
    from casetracker.authentication import client_ident
    from ingest.courtlistener.sync import webhook_receive

    expected = settings.COURTLISTENER_WEBHOOK_SECRET
    if not expected or not hmac.compare_digest(secret.encode("utf-8", "surrogatepass"), expected.encode("utf-8")):
        raise Http404("no such hook")
    address = client_ident(request)
    if not _allowed(address):
        return JsonResponse({"detail": "this address may not deliver webhooks"}, status=403)
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return JsonResponse({"detail": f"body over {MAX_BODY // 1024 // 1024} MB"}, status=413)
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if not key or len(key) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in key):
        return JsonResponse({"detail": "an Idempotency-Key header (at most 200 characters) is required"}, status=400)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"detail": "the body is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"detail": "the body is not a JSON object"}, status=400)
    if "\\u0000" in json.dumps(payload):  # PostgreSQL stores no NUL character
        return JsonResponse({"detail": "the body holds a NUL character"}, status=400)
    try:
        ip = str(ipaddress.ip_address(address))
    except ValueError:
        ip = None
    event, created = webhook_receive(key=key, payload=payload, remote_addr=ip)
    return JsonResponse({"status": "queued" if created else "already received", "id": event.pk},
                        status=202 if created else 200)
