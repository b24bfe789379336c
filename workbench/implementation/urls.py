"""/implementation/: the index of the 实施 reports, then one page and one Excel export per report
(`implementation:<name>`), all from the shared reporting layer."""

from workbench.implementation.reports import STEP
from workbench.reporting.urls import report_urlpatterns

app_name = "implementation"
urlpatterns = report_urlpatterns(STEP)
