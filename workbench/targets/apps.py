from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    """目标: sales targets per customer manager, improvement targets per customer, KPI targets per unit."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "workbench.targets"
    verbose_name = _("Targets")
