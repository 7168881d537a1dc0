import pytest


@pytest.fixture(autouse=True)
def _no_network_surprises(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = False


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Tasks run in-process in tests, whatever broker CI configures; the end-to-end test starts a real worker
    and switches this off itself."""
    from casetracker.celery import app

    saved = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved
