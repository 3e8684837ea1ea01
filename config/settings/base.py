"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .environment import env, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "apps.accounts.lockout_app.LoginLockoutConfig",  # django-axes
    "csp",
    "apps.core",
    "apps.accounts",
    "apps.organizations",
    "apps.budgets",
    "apps.indicators",
    "apps.evaluations",
    "apps.filings",
    "apps.reviews",
    "apps.notifications",
    "apps.reports",
    "apps.dashboard",
    "apps.narratives",
    "apps.project_evaluations",
    "apps.department_evaluations",
    "apps.exchange",
    "apps.final_accounts",
    "apps.offline",
    "apps.interchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, so `make run` serves them with DEBUG off.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.core.memo.RequestMemoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "apps.budgets.context_processors.fiscal_year",
                "apps.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# SQLite, the embedded default, under two people saving at once: WAL lets readers go on beside
# a writer; IMMEDIATE takes the write lock when a transaction starts, so the second writer
# waits (up to `timeout` seconds) and then sees what the first did (a version conflict, a
# filing already decided) instead of failing with "database is locked" halfway through.
# Every transaction here is short (ATOMIC_REQUESTS is off), so waiting in line is cheap.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str) -> dict:
    """Connection settings for a DATABASE_URL.

    A connection is kept for a minute between requests and checked before a request uses it
    again, so one the server dropped (a restart, a failover) is replaced, not an error page.
    """
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {**database.get("OPTIONS", {}), **SQLITE_OPTIONS}
    return dict(database)


DATABASES = {
    "default": database_from_url(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# django-axes checks every login first; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every page is Chinese whatever the browser asks for: the forms are official Chinese forms.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Evidence (佐证材料) is kept outside MEDIA_ROOT and STATIC_ROOT: no web server
# location serves it, only a view that checks who may see the filing.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
EVIDENCE_MAX_BYTES = int(env("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ofd", "zip"]
# A project self-evaluation posts ~13 inputs a row: 500 rows (bounds.MAX_ROWS) with margin.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Without a broker, Celery runs every task in the calling process: a fresh
# install needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL") or None
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Deadline reminders; the day each bureau reminds on is its FinanceBureau.reminder_days.
    "send-filing-reminders": {
        "task": "apps.notifications.tasks.send_filing_reminders_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # The email outbox: notices whose email could not be queued or sent go out when they can.
    "send-pending-emails": {
        "task": "apps.notifications.tasks.send_pending_emails_task",
        "schedule": 300.0,
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "") in ("1", "true", "True")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "jixiao@localhost")
# The address people reach the site by, so links in emails are whole URLs.
SITE_URL = env("SITE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Reports (apps.reports). Rendered files go under PRIVATE_MEDIA_ROOT/reports unless
# REPORTS_ROOT names another private folder. A running job silent for
# REPORTS_STALE_AFTER_SECONDS belongs to a worker that died: it is queued again (or failed
# after three attempts) by Celery beat and whenever its page is polled. Without a broker,
# jobs render in a thread of the web process (REPORTS_EAGER_IN_THREAD) so pages can show
# progress; REPORTS_TEST_DELAY_SECONDS slows rendering down for the worker-kill test only.
# REPORTS_CELERY_QUEUE sends rendering to a queue of its own (celery worker -Q <name>).
REPORTS_ROOT = env("REPORTS_ROOT") or None
REPORTS_CELERY_QUEUE = env("REPORTS_CELERY_QUEUE") or None
REPORTS_STALE_AFTER_SECONDS = int(env("REPORTS_STALE_AFTER_SECONDS", "300"))
REPORTS_EAGER_IN_THREAD = env("REPORTS_EAGER_IN_THREAD", "1") in ("1", "true", "True")
REPORTS_TEST_DELAY_SECONDS = float(env("REPORTS_TEST_DELAY_SECONDS", "0"))
# Processes one job lays its documents out on (a year's tables, then its bundles): forked from
# the process running the job; Celery's prefork workers cannot fork, and render on one.
REPORTS_RENDER_PROCESSES = int(env("REPORTS_RENDER_PROCESSES", "1"))
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "reports-recover-stale": {"task": "reports.recover_stale", "schedule": 60.0},
}

from .security import *  # noqa: E402, F403  (login throttling, CSP, headers)

# A session lasts a working day from the login (SESSION_HOURS, default 9), and ends when the
# browser closes: a shared office computer is not left logged in overnight.
SESSION_COOKIE_AGE = int(float(env("SESSION_HOURS", "9")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Request bodies: a form of 500 indicator rows stays far below these; files go to disk
# past 2.5 MB and evidence is refused while it streams (apps.filings.evidence_uploads).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("DATA_UPLOAD_MAX_MEMORY_SIZE", "2621440"))
# A zip (or docx/xlsx/ofd, which are zips) may unpack to at most this, in at most this many
# entries: a small archive that unpacks to gigabytes is refused.
EVIDENCE_MAX_UNPACKED_BYTES = int(env("EVIDENCE_MAX_UNPACKED_BYTES", str(200 * 1024 * 1024)))
EVIDENCE_MAX_ARCHIVE_ENTRIES = int(env("EVIDENCE_MAX_ARCHIVE_ENTRIES", "2000"))
