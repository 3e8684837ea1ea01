"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env(name: str, default: str = "") -> str:
    """Read a setting from the environment."""
    import os

    return os.environ.get(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated setting from the environment."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


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
    "apps.core",
    "apps.accounts",
    "apps.organizations",
    "apps.budgets",
    "apps.indicators",
    "apps.evaluations",
    "apps.reviews",
    "apps.notifications",
    "apps.reports",
    "apps.dashboard",
    "apps.exchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
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
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "reports-recover-stale": {"task": "reports.recover_stale", "schedule": 60.0},
}
