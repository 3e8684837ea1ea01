"""django-axes under a Chinese name in the admin (it ships no Chinese catalog of its own)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Labels of django-axes' models that our admin shows; translated in our catalog.
AXES_LABELS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Username"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("Failed Logins"),
)


class LoginLockoutConfig(AxesAppConfig):
    """The "axes" app, named for the people who manage it."""

    verbose_name = _("Failed logins")
