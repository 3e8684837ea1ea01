from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectEvaluationsConfig(AppConfig):
    name = "apps.project_evaluations"
    verbose_name = _("Project self-evaluations")

    def ready(self) -> None:
        from . import kind

        kind.register_kind()
