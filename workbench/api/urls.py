from django.urls import path

from workbench.api import views

app_name = "api"
urlpatterns: list = [
    path("reports/<str:name>", views.report, name="report"),
    path("openapi.json", views.openapi_description, name="openapi"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("visit-plans/day", views.visit_plan_day, name="visit_plan_day"),
    path("visit-plans/month", views.visit_plan_month, name="visit_plan_month"),
]
