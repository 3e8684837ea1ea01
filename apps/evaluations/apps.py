from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    """The migration history of the filing tables from before they moved to their own apps.

    The tables of filings and of project self-evaluations were created by this app's
    migrations; apps.filings and apps.project_evaluations took them over without moving a
    row (their first migrations change only Django's state). It holds no code.
    """

    name = "apps.evaluations"
    verbose_name = _("Self-evaluations")
