from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    name = "apps.narratives"
    verbose_name = _("Evaluation reports")

    def ready(self) -> None:
        from . import part

        part.register()
