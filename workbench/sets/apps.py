from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetsConfig(AppConfig):
    """The home of what every kind of saved set shares; it has no table (each kind keeps its own)."""

    name = "workbench.sets"
    verbose_name = _("Saved sets")
