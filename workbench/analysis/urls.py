"""/analysis/: the index of the nine reports, then one page and one Excel export per report (`analysis:<name>`),
and the POST that saves 铺货率查询's customers still to win as a customer set."""

from django.urls import path

from workbench.analysis import views
from workbench.analysis.reports import STEP
from workbench.reporting.urls import report_urlpatterns

app_name = "analysis"
urlpatterns = [
    *report_urlpatterns(STEP),
    path("distribution-rate/save-not-ordered/", views.save_not_ordered, name="distribution-rate-save"),
]
