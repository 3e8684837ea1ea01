from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    name = "apps.narratives"
    verbose_name = _("Evaluation reports")

    def ready(self) -> None:
        from . import documents, part

        part.register()
        # The kinds register their reports later (their apps come after this one): each is
        # named for the report's document then (registry.register).
        documents.register()
