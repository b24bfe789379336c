from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "workbench.accounts"
    verbose_name = _("Organisation and staff")
