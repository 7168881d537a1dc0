import pytest


@pytest.fixture(autouse=True)
def _no_network_surprises(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
