"""The visit cycle override of one customer (拜访周期, docs/definitions.md#visit-cycle)."""

from django.urls import path

from workbench.visitplans import cycle_views

app_name = "visitcycles"

urlpatterns = [
    path("", cycle_views.customercycle_list, name="customercycle_list"),
    path("<str:code>/", cycle_views.customercycle_edit, name="customercycle_edit"),
]
