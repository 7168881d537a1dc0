"""Throttles, login lockout, API tokens and the ingest permission.

The throttles and the lockout are off in the rest of the suite (tests/conftest.py); here they run with the
limits the settings publish, on the real shared cache (Redis in CI, else the database cache)."""
from __future__ import annotations

import base64
import time
import uuid

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.models import Permission, User
from django.core.cache import cache

pytestmark = pytest.mark.django_db
ANON_IP = "198.51.100.7"  # each test its own client address, so leftovers in the shared cache never meet it


@pytest.fixture
def limits(settings):
    from casetracker import settings as defaults

    settings.API_THROTTLE_RATES = dict(defaults.API_THROTTLE_RATES)
    settings.LOGIN_LOCKOUT_SECONDS = defaults.LOGIN_LOCKOUT_SECONDS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; the count is what matters
    return settings


def _fresh_ip() -> str:
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def _clear(ip: str) -> None:
    cache.delete_many([f"throttle_anon_{ip}"])


@pytest.fixture
def counting_hasher(limits, monkeypatch):
    """Counts the passwords hashed (an outermost encode or verify: PBKDF2's verify calls encode itself)."""
    hasher_class = type(get_hasher("default"))
    calls = {"n": 0, "depth": 0}
    for name in ("encode", "verify"):
        original = getattr(hasher_class, name)

        def wrapped(self, *args, _original=original, **kwargs):
            calls["n"] += calls["depth"] == 0
            calls["depth"] += 1
            try:
                return _original(self, *args, **kwargs)
            finally:
                calls["depth"] -= 1

        monkeypatch.setattr(hasher_class, name, wrapped)
    return calls


def test_published_defaults():
    from casetracker import settings as defaults

    assert defaults.API_THROTTLE_RATES == {"anon": "60/min", "user": "600/min"}
    assert defaults.LOGIN_FAILURE_LIMIT == 5 and defaults.LOGIN_FAILURE_IP_LIMIT == 20
    assert defaults.LOGIN_LOCKOUT_SECONDS == 900
    assert "RedisCache" in defaults.CACHES["default"]["BACKEND"] or "DatabaseCache" in defaults.CACHES["default"]["BACKEND"]


def test_anonymous_api_requests_are_throttled_with_headers(client, limits):
    ip = _fresh_ip()
    _clear(ip)
    codes, first = [], None
    for i in range(200):
        r = client.get("/api/v1/cases/", REMOTE_ADDR=ip)
        codes.append(r.status_code)
        if i == 0:
            first = r
        if r.status_code == 429:
            break
    assert first.status_code == 200
    assert first["X-RateLimit-Limit"] == "60" and first["X-RateLimit-Remaining"] == "59"
    assert 0 < int(first["X-RateLimit-Reset"]) <= 60
    assert codes.count(200) == 60 and codes[-1] == 429
    assert 0 < int(r["Retry-After"]) <= 60 and r["X-RateLimit-Remaining"] == "0"
    assert "throttled" in r.json()["detail"].lower()
    other = client.get("/api/v1/cases/", REMOTE_ADDR=_fresh_ip())  # another client is not affected
    assert other.status_code == 200


def test_signed_in_users_have_their_own_higher_limit(client, limits):
    limits.API_THROTTLE_RATES = {"anon": "3/min", "user": "5/min"}
    user = User.objects.create_user(f"u{uuid.uuid4().hex[:8]}", password="pw")
    client.force_login(user)
    codes = [client.get("/api/v1/parties/", REMOTE_ADDR=_fresh_ip()).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    r = client.get("/api/v1/parties/")
    assert r.status_code == 429 and int(r["Retry-After"]) > 0


def test_pages_are_not_api_throttled(client, limits):
    limits.API_THROTTLE_RATES = {"anon": "2/min", "user": "2/min"}
    ip = _fresh_ip()
    assert [client.get("/cases/", REMOTE_ADDR=ip).status_code for _ in range(4)] == [200] * 4


def test_the_throttle_counts_in_the_shared_cache(client, limits):
    """Not per-process memory: the history is in the configured cache, which every worker shares."""
    from django.conf import settings

    assert "LocMem" not in settings.CACHES["default"]["BACKEND"]
    ip = _fresh_ip()
    client.get("/api/v1/cases/", REMOTE_ADDR=ip)
    assert len(cache.get(f"throttle_anon_{ip}")) == 1


def _admin_login(client, username, password, ip):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_repeated_wrong_admin_passwords_lock_the_username(client, limits, counting_hasher):
    name = f"admin{uuid.uuid4().hex[:8]}"
    User.objects.create_superuser(name, password="right-password")
    counting_hasher["n"] = 0
    ip = _fresh_ip()
    answers = [_admin_login(client, name, f"wrong{i}", ip) for i in range(30)]
    assert all(r.status_code == 200 for r in answers)  # the form again, with its error
    assert "Too many failed logins" in answers[-1].content.decode()
    assert counting_hasher["n"] <= 5  # only the first LOGIN_FAILURE_LIMIT attempts were hashed
    # locked: even the right password is refused, from anywhere, without hashing
    before = counting_hasher["n"]
    r = _admin_login(client, name, "right-password", _fresh_ip())
    assert r.status_code == 200 and "Too many failed logins" in r.content.decode()
    assert counting_hasher["n"] == before
    # another user still logs in
    other = f"admin{uuid.uuid4().hex[:8]}"
    User.objects.create_superuser(other, password="pw2")
    assert _admin_login(client, other, "pw2", _fresh_ip()).status_code == 302


def test_failures_from_one_address_lock_that_address(client, limits, counting_hasher):
    ip = _fresh_ip()
    for i in range(25):
        _admin_login(client, f"nobody{uuid.uuid4().hex[:6]}", "x", ip)
    assert counting_hasher["n"] <= 20
    name = f"admin{uuid.uuid4().hex[:8]}"
    User.objects.create_superuser(name, password="pw")
    assert "Too many failed logins" in _admin_login(client, name, "pw", ip).content.decode()
    assert _admin_login(client, name, "pw", _fresh_ip()).status_code == 302


def _basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_200_wrong_basic_passwords_are_locked_out_and_answered_fast(client, limits, counting_hasher):
    name = f"api{uuid.uuid4().hex[:8]}"
    User.objects.create_user(name, password="right")
    counting_hasher["n"] = 0
    ip = _fresh_ip()
    codes = [client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, f"bad{i}"), REMOTE_ADDR=ip).status_code
             for i in range(200)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    assert counting_hasher["n"] == 5  # 195 attempts refused before the hasher
    r = client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "right"), REMOTE_ADDR=_fresh_ip())
    assert r.status_code == 429 and int(r["Retry-After"]) > 0 and "Too many failed logins" in r.json()["detail"]
    assert counting_hasher["n"] == 5


def test_a_success_resets_the_username_count(client, limits):
    name = f"api{uuid.uuid4().hex[:8]}"
    User.objects.create_user(name, password="right")
    for _ in range(3):
        for i in range(4):
            client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "bad"), REMOTE_ADDR=_fresh_ip())
        assert client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "right"),
                          REMOTE_ADDR=_fresh_ip()).status_code == 200


def test_bad_tokens_lock_the_address(client, limits):
    ip = _fresh_ip()
    codes = [client.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {uuid.uuid4().hex}{i:08x}",
                        REMOTE_ADDR=ip).status_code for i in range(25)]
    assert codes[:20] == [401] * 20 and set(codes[20:]) == {429}
    assert client.get("/api/v1/cases/", HTTP_AUTHORIZATION="Token a\x00b", REMOTE_ADDR=_fresh_ip()).status_code == 401


def test_lockout_expires(client, limits):
    limits.LOGIN_LOCKOUT_SECONDS = 1
    name = f"api{uuid.uuid4().hex[:8]}"
    User.objects.create_user(name, password="right")
    for i in range(6):
        client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "bad"), REMOTE_ADDR=_fresh_ip())
    assert client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "right"),
                      REMOTE_ADDR=_fresh_ip()).status_code == 429
    time.sleep(1.2)
    assert client.get("/api/v1/cases/", HTTP_AUTHORIZATION=_basic(name, "right"),
                      REMOTE_ADDR=_fresh_ip()).status_code == 200


# --------------------------------------------------------------------------- tokens and the ingest permission
def test_ingest_needs_the_permission_and_a_token_works(client):
    from rest_framework.authtoken.models import Token

    user = User.objects.create_user(f"w{uuid.uuid4().hex[:8]}", password="pw")
    token = Token.objects.create(user=user)
    body = {}  # invalid on purpose: reaching validation (400) proves the permission passed
    assert client.post("/api/v1/documents/", body, content_type="application/json").status_code == 401
    r = client.post("/api/v1/documents/", body, content_type="application/json",
                    HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code == 403 and "add_rawinput" in r.json()["detail"]
    user.user_permissions.add(Permission.objects.get(codename="add_rawinput"))
    r = client.post("/api/v1/documents/", body, content_type="application/json",
                    HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code in (400, 422), r.content
    # reading needs nothing
    assert client.get("/api/v1/documents/").status_code == 200


def test_tokens_are_created_in_the_admin_and_documented(admin_client):
    assert admin_client.get("/admin/authtoken/tokenproxy/add/").status_code == 200
    schema = admin_client.get("/api/v1/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["in"] == "header" and "Token" in schemes["tokenAuth"]["description"]
    assert schemes["basicAuth"]["scheme"] == "basic"
    post = schema["paths"]["/api/v1/documents/"]["post"]
    assert {"tokenAuth": []} in post["security"]
