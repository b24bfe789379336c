from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """The shared reporting layer: parameters, results, the registry, the generic screens, exports and the
    `report` command. It imports no step app; the steps register their reports into it."""

    name = "workbench.reporting"
