from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "apps.reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from apps.filings.page_extras import page_extras_from
        from apps.filings.permissions import assigned_reviewers_from

        from . import derived
        from .filer_page import return_for_filer
        from .permissions import assigned_reviewer_ids

        assigned_reviewers_from(assigned_reviewer_ids)
        page_extras_from("reviews", return_for_filer)
        derived.connect()
