from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentEvaluationsConfig(AppConfig):
    name = "apps.department_evaluations"
    verbose_name = _("Department self-evaluations")

    def ready(self) -> None:
        from . import kind

        kind.register_kind()
