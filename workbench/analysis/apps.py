from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "workbench.analysis"

    def ready(self):
        # The nine reports join the shared registry before any URL, menu or API description reads it.
        from workbench.analysis.reports import register_reports

        register_reports()
