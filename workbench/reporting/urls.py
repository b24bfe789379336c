"""The URLs of a step's reports: `<step>:index`, then `<step>:<name>` and `<step>:<name>-export` per report.

A step's urls.py sets `app_name` and calls `report_urlpatterns(step)`; the project's urls.py gives it its prefix
(/analysis/), so every step's reports live under their own.
"""

from django.urls import path

from workbench.reporting import views
from workbench.reporting.registry import reports_of


def report_urlpatterns(step: str) -> list:
    """The index of the step's reports, then one page and one Excel export per report."""
    patterns: list = [path("", views.report_index, {"step": step}, name="index")]
    for report in reports_of(step):
        patterns += [
            path(f"{report.name}/", views.report_page, {"name": report.name}, name=report.name),
            path(f"{report.name}/export/", views.report_export, {"name": report.name}, name=f"{report.name}-export"),
        ]
    return patterns
