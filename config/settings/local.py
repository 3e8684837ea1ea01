"""Settings for a developer's or a single intranet machine: SQLite, in-process tasks."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR, env


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or one generated once into var/."""
    if env("SECRET_KEY"):
        return env("SECRET_KEY")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


# Off unless a developer asks with DEBUG=1: `make run` is how a small bureau runs the system,
# and a traceback page would show its settings and data to anyone who hits an error.
DEBUG = env("DEBUG", "0") in ("1", "true", "True")
# Static files come from static/ through WhiteNoise without a collectstatic step.
WHITENOISE_USE_FINDERS = True
SECRET_KEY = _secret_key()
