"""记分卡录入: the month's list, its Excel copy, and one customer's scorecard of a month."""

from django.urls import path

from workbench.scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("", views.scorecard_list, name="scorecard_list"),
    # Before the customer's pages, so that "export" is never read as a customer code.
    path("export/", views.scorecard_export, name="scorecard_export"),
    path("<str:code>/", views.scorecard_current, name="scorecard_current"),
    path("<str:code>/<str:month>/", views.scorecard_edit, name="scorecard_edit"),
]
