from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development-only commands (bench, double-history); no models."""

    name = "workbench.devtools"
