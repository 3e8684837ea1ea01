from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinalAccountsConfig(AppConfig):
    name = "apps.final_accounts"
    verbose_name = _("Final accounts")
