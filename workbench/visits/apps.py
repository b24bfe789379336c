from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "workbench.visits"
    verbose_name = _("Visits")
    # The modules declaring this app's part of the OpenAPI document (api.openapi): the market opportunities' own.
    api_modules = ("api", "opportunity_api")
