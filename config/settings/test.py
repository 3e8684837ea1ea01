"""Settings for the test suite."""

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789abcdef"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run in the test process; the tests that start a real worker turn this off
# and use CELERY_BROKER_URL (set by CI to the local Redis).
CELERY_TASK_ALWAYS_EAGER = True
# Report jobs render inline in tests that ask for them, not in a thread beside the request.
REPORTS_EAGER_IN_THREAD = False

# client.login() authenticates without a request, which django-axes refuses; the tests of
# login throttling (tests/accounts/test_login_throttle.py) turn it on.
AXES_ENABLED = False
WHITENOISE_USE_FINDERS = True
