from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitPlansConfig(AppConfig):
    name = "workbench.visitplans"
    verbose_name = _("Visit plans")
