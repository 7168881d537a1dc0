import socket

import pytest


@pytest.fixture(autouse=True)
def _no_network_surprises(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = False


@pytest.fixture(scope="session", autouse=True)
def _tasks_in_process():
    """Tasks run in-process in tests, whatever broker CI configures (module fixtures ingest too, so this is
    session-wide); the end-to-end test starts a real worker and switches it off for itself."""
    from django.conf import settings

    from casetracker.celery import app

    saved = settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager = saved


@pytest.fixture(scope="session", autouse=True)
def _plain_http_and_no_shared_limits():
    """The suite runs with DEBUG off, as production does, but the test client speaks plain http: no HTTPS
    redirect. The API throttles and the login lockout keep counters in the shared cache (Redis in CI), so they
    are off except in the tests about them (tests/casetracker/test_security_limits.py turns them on)."""
    from django.conf import settings

    saved = settings.SECURE_SSL_REDIRECT, settings.API_THROTTLE_RATES, settings.LOGIN_LOCKOUT_SECONDS
    settings.SECURE_SSL_REDIRECT = False
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    settings.LOGIN_LOCKOUT_SECONDS = 0
    yield
    settings.SECURE_SSL_REDIRECT, settings.API_THROTTLE_RATES, settings.LOGIN_LOCKOUT_SECONDS = saved


@pytest.fixture
def no_outside_connects(monkeypatch):
    """Any outgoing connect to an address that is not loopback fails loudly: a broken URL guard (ingest, webhooks)
    fails its test instead of reaching a private address."""
    real = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"the URL guard let a connection to {address} through")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
