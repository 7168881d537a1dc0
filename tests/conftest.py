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
