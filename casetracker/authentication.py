"""Who may log in, how often, and who may ingest.

- Login lockout: after LOGIN_FAILURE_LIMIT failed logins for one username, or LOGIN_FAILURE_IP_LIMIT from one
  client address, within LOGIN_FAILURE_WINDOW seconds, further attempts are refused for LOGIN_LOCKOUT_SECONDS
  *before* any password is hashed (a flood of bad credentials must not eat the CPU every other request needs).
  One backend (admin and API Basic auth go through it), one admin login form, and the API's Basic and Token
  authentication check the same counters; the counters live in the shared cache (Redis or the database cache),
  so every gunicorn worker sees them.
- Hostile credentials (NUL or other control characters, undecodable Basic headers, malformed tokens) are a
  failed login (401), never a database error.
- Ingesting through the API needs the `casetracker.add_rawinput` permission ("Can add raw input"), given to a
  user or group in the admin; a plain account only reads.
"""
from __future__ import annotations

import hashlib
import math
import re
import time
from typing import Optional

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from rest_framework import authentication, exceptions, permissions
from rest_framework.throttling import BaseThrottle

INGEST_PERMISSION = "casetracker.add_rawinput"
_HOSTILE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TOKEN = re.compile(r"^[0-9a-f]{40}$")


# --------------------------------------------------------------------------- counters
def client_ident(request) -> str:
    """The client's address as the throttles see it (REMOTE_ADDR, or X-Forwarded-For behind API_NUM_PROXIES)."""
    if request is None:
        return ""
    return BaseThrottle().get_ident(request) or ""


def _keys(kind: str, value: str) -> tuple[str, str]:
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}", f"login-lock:{kind}:{digest}"


def _subjects(username: Optional[str], ident: str) -> list[tuple[str, str, int]]:
    subjects = []
    if username:
        subjects.append(("user", username.strip().lower(), settings.LOGIN_FAILURE_LIMIT))
    if ident:
        subjects.append(("ip", ident, settings.LOGIN_FAILURE_IP_LIMIT))
    return subjects


def locked_for(username: Optional[str], request) -> int:
    """Seconds this username or client is still locked out (0: not locked)."""
    if not settings.LOGIN_LOCKOUT_SECONDS:
        return 0
    now, longest = time.time(), 0
    for kind, value, _ in _subjects(username, client_ident(request)):
        until = cache.get(_keys(kind, value)[1])
        if until and until > now:
            longest = max(longest, math.ceil(until - now))
    return longest


def record_failure(username: Optional[str], request) -> None:
    if not settings.LOGIN_LOCKOUT_SECONDS:
        return
    for kind, value, limit in _subjects(username, client_ident(request)):
        count_key, lock_key = _keys(kind, value)
        cache.add(count_key, 0, settings.LOGIN_FAILURE_WINDOW)
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, settings.LOGIN_FAILURE_WINDOW)
            count = 1
        if count >= limit:
            cache.set(lock_key, time.time() + settings.LOGIN_LOCKOUT_SECONDS, settings.LOGIN_LOCKOUT_SECONDS)


def record_success(username: Optional[str]) -> None:
    if username:
        cache.delete(_keys("user", username.strip().lower())[0])


def is_hostile(*values: Optional[str]) -> bool:
    return any(value is not None and _HOSTILE.search(value) for value in values)


# --------------------------------------------------------------------------- Django: admin and every authenticate()
class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses locked-out usernames and clients before hashing, and counts failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from django.contrib.auth import get_user_model

        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        if locked_for(username, request):
            raise PermissionDenied("too many failed logins")  # stops authenticate(): no hasher runs
        if is_hostile(username) or "\x00" in password:
            record_failure(username, request)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(username, request)
        else:
            record_success(username)
        return user


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return f"Too many failed logins. Try again in {minutes} minute{'s' if minutes != 1 else ''}."


class LockoutAdminLoginForm(AdminAuthenticationForm):
    """The admin login: says plainly when a username or client is locked out."""

    def clean(self):
        wait = locked_for(self.data.get("username"), self.request)
        if wait:
            raise forms.ValidationError(lockout_message(wait), code="locked")
        return super().clean()


# --------------------------------------------------------------------------- DRF
def _locked(username: Optional[str], request) -> None:
    wait = locked_for(username, request)
    if wait:
        raise exceptions.Throttled(wait=wait, detail=lockout_message(wait))


class BasicAuthentication(authentication.BasicAuthentication):
    """HTTP Basic with the lockout; hostile or undecodable credentials are a 401."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except (UnicodeError, ValueError) as e:
            raise exceptions.AuthenticationFailed("Invalid basic header. Credentials not correctly encoded.") from e

    def authenticate_credentials(self, userid, password, request=None):
        _locked(userid, request)
        if is_hostile(userid) or "\x00" in password:
            record_failure(userid, request)
            raise exceptions.AuthenticationFailed("Invalid username/password.")
        return super().authenticate_credentials(userid, password, request)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`; a malformed key is refused without a query, and bad keys count per client."""

    def authenticate(self, request):
        self._request = request
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        request = getattr(self, "_request", None)
        _locked(None, request)
        if not _TOKEN.match(key):
            record_failure(None, request)
            raise exceptions.AuthenticationFailed("Invalid token.")
        try:
            return super().authenticate_credentials(key)
        except exceptions.AuthenticationFailed:
            record_failure(None, request)
            raise


class CanIngest(permissions.BasePermission):
    """Reads for everyone; writes (ingesting) only for users with the casetracker.add_rawinput permission."""

    message = "Ingesting needs the 'casetracker.add_rawinput' permission (admin → Users or Groups)."
    anonymous_reads = True  # the OpenAPI schema marks safe methods as open to anonymous clients (api.schema)

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(INGEST_PERMISSION))


class CanSeeIngests(permissions.BasePermission):
    """Where an ingest stands (its source URL, its error) is for those who may ingest, reads included."""

    message = CanIngest.message

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(INGEST_PERMISSION))


class HasRole(permissions.BasePermission):
    """A signed-in user whom ``role(user)`` admits (a subclass names the role's check and its message); no
    credentials is a 401: the authenticators say how to authenticate."""

    role = staticmethod(lambda user: False)

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated) and bool(self.role(user))


# --------------------------------------------------------------------------- OpenAPI (drf-spectacular)
from drf_spectacular.extensions import OpenApiAuthenticationExtension  # noqa: E402


class BasicAuthScheme(OpenApiAuthenticationExtension):
    target_class = BasicAuthentication
    name = "basicAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "basic",
                "description": "Username and password; repeated failures lock the username and address out (429)."}
