from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeaturesConfig(AppConfig):
    name = "workbench.features"
    verbose_name = _("Market features")
