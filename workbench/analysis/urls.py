"""/analysis/: the index of the nine reports, then one page and one Excel export per report (`analysis:<name>`)."""

from workbench.analysis.reports import STEP
from workbench.reporting.urls import report_urlpatterns

app_name = "analysis"
urlpatterns = report_urlpatterns(STEP)
