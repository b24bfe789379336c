from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "workbench.implementation"

    def ready(self):
        # The 实施 reports (sample points) join the shared registry before any URL, menu or API description reads it.
        from workbench.implementation.reports import register_reports

        register_reports()
