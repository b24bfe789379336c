"""市场机会录入: enter an opportunity, the list and its Excel copy, one opportunity with its follow-up."""

from django.urls import path

from workbench.visits import opportunity_views

app_name = "opportunities"

urlpatterns = [
    path("", opportunity_views.opportunity_list, name="opportunity_list"),
    path("new/", opportunity_views.opportunity_new, name="opportunity_new"),
    path("export/", opportunity_views.opportunity_export, name="opportunity_export"),
    path("<int:pk>/", opportunity_views.opportunity_detail, name="opportunity_detail"),
]
