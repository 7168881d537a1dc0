import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")

app = Celery("casetracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
