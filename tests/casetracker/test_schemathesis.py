"""The OpenAPI schema is the API's contract: Schemathesis over every operation of /api/v1/schema/ with every
check (no server error, responses and status codes as documented, valid requests accepted, invalid ones
refused), in-process through WSGI, on samples/ and tests/data/heldout/ ingested for real.

Bounded and deterministic: a fixed seed, derandomized Hypothesis, a few examples per operation on top of the
examples and coverage phases (which probe every parameter's boundaries and wrong types).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tests.casetracker import schemathesis_hooks  # noqa: F401  (registers the cursor format)

ROOT = Path(__file__).resolve().parents[2]
SEED = 12
CONFIG = {
    "seed": SEED,
    "generation": {"max-examples": 10, "deterministic": True},
    "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True},
               "stateful": {"enabled": False}},
}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """Real data committed for the module (the app answers requests in autocommit, as in production);
    every operation is read-only or refused (POST without credentials), so nothing is written."""
    with django_db_blocker.unblock():
        from django.db import connection

        assert connection.settings_dict["NAME"].startswith("test_"), "only ever against the test database"
        call_command("ingest", str(ROOT / "samples"), str(ROOT / "tests" / "data" / "heldout"), "--no-progress")
        yield
        call_command("flush", interactive=False)
        from casetracker import services

        services._Parties.forget()


@pytest.fixture(scope="module")
def fast_hashing():
    """Schemathesis sends made-up Basic credentials; checking each against PBKDF2 costs a second of CPU, which
    says nothing about the contract."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="module")
def api_schema(corpus, fast_hashing):
    config = schemathesis.config.SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application(), config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # autocommit, as the app runs; tables are emptied after the run
@schema.parametrize()
@settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), print_blob=True)
def test_api_keeps_its_contract(case, corpus, fast_hashing):
    cache.clear()  # throttle counters live in the cache: each case starts unthrottled (throttles have own tests)
    case.call_and_validate()


@pytest.mark.django_db
def test_the_schema_documents_errors_lookups_and_cursors(client):
    """What the run above relies on."""
    schema = client.get("/api/v1/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "403", "404", "429"} <= set(operation["responses"]), (method, path)
    params = {p["name"]: p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert {"id__in", "id__gt", "id__lt", "date_filed__gte", "date_filed__lt", "party", "party_role"} <= set(params)
    assert "date_filed_after" not in params and params["cursor"]["schema"]["format"] == "cursor"
    assert params["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
