"""/analysis/: the index of the reports, then one page and one Excel export per report (`analysis:<name>`)."""

from django.urls import path

from workbench.analysis import views
from workbench.analysis.registry import REPORTS

app_name = "analysis"
urlpatterns: list = [path("", views.report_index, name="index")]
for _name in REPORTS:
    urlpatterns += [
        path(f"{_name}/", views.report_page, {"name": _name}, name=_name),
        path(f"{_name}/export/", views.report_export, {"name": _name}, name=f"{_name}-export"),
    ]
