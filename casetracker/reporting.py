"""What an error report may show: Django's filter, plus DATABASE_URL and any URL that carries credentials."""
from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter

CREDENTIAL_URL = re.compile(r"^\s*[a-z][a-z0-9+.\-]*://[^/\s]*@", re.I)


class ReporterFilter(SafeExceptionReporterFilter):
    """Hides DATABASE_URL (it names the host, user and database) and every setting or request/environment value
    that is a URL with a user or password in it (CELERY_BROKER_URL, CACHE_URL, a result backend ...), on the
    debug page and in error e-mails alike."""

    always_hidden = re.compile(r"^(DATABASE_URL|CACHE_URL)$", re.I)

    def cleanse_setting(self, key, value):
        if isinstance(key, str) and self.always_hidden.match(key):
            return self.cleansed_substitute
        if isinstance(value, str) and CREDENTIAL_URL.match(value):
            return self.cleansed_substitute
        return super().cleanse_setting(key, value)
