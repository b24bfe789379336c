"""The day's route page (visitplans/route_views.py), under /visit-plans/route/."""

from django.urls import path

from workbench.visitplans import route_views

app_name = "route"

urlpatterns = [
    path("", route_views.route_day, name="route_day"),
]
