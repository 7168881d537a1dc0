"""Edges every request and response passes: hostile input refused, a Content-Security-Policy, rate-limit headers."""
from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_MESSAGE = "NUL characters are not allowed in the URL, its query or form data."


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, message: str):
    """A 400: JSON on the API, the site's own 400 page elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def _has_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values if isinstance(v, str))
               for key, values in query.lists())


class RejectNulMiddleware:
    """NUL bytes anywhere in the path, the query, form keys or values, or a cookie are a 400 on every page and
    endpoint. PostgreSQL cannot store or compare text with NUL, so without this each view that filters on a
    parameter would need its own guard (and one it forgot would be a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._hostile(request):
            return bad_request(request, NUL_MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _hostile(request) -> bool:
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "") or _has_nul(request.GET):
            return True
        if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
            return True
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                return _has_nul(request.POST)
            except Exception:  # noqa: BLE001 - a malformed body is the view's 400 to give, not ours
                return False
        return False


def content_security_policy() -> str:
    return "; ".join(f"{directive} {value}" for directive, value in settings.CONTENT_SECURITY_POLICY.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every response (no inline script anywhere; htmx's own indicator styles are
    switched off by the htmx-config meta tag in base.html), and the API's rate-limit headers, taken from the state
    the throttles (casetracker.throttling) leave on the request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        state = getattr(request, "rate_limit", None)
        if state:
            limit, remaining, reset = state
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(remaining)
            response["X-RateLimit-Reset"] = str(reset)
        return response
