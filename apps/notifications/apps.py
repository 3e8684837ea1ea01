from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from apps.filings.signals import filing_transition_recorded, filing_transitioned

        from .receivers import on_filing_transition_recorded, on_filing_transitioned

        filing_transition_recorded.connect(
            on_filing_transition_recorded,
            dispatch_uid="notifications.on_filing_transition_recorded",
        )
        filing_transitioned.connect(
            on_filing_transitioned, dispatch_uid="notifications.on_filing_transitioned"
        )
