from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "workbench.visits"
    verbose_name = _("Visits")
    # The modules declaring this app's part of the OpenAPI document (api.openapi): the market opportunities' own.
    api_modules = ("api", "opportunity_api")

    def ready(self):
        # The cycles count from the visits really made (visitplans.lastvisits: the one reading of a last visit).
        from workbench.visitplans.lastvisits import register_source
        from workbench.visits.lastvisits import recorded_last_visits

        register_source(recorded_last_visits)
        # A sample point's visit carries its observations (visits/observations.py), checked and written with it.
        from workbench.visits.observations import register

        register()
