from django.urls import path

from workbench.api import views

app_name = "api"
urlpatterns: list = [
    path("reports/<str:name>", views.report, name="report"),
    path("plans/monthly", views.monthly_plans, name="monthly_plans"),
    path("plans/monthly/<int:pk>", views.monthly_plan, name="monthly_plan"),
    path("plans/monthly/<int:pk>/tick", views.tick_plan_item, name="tick_plan_item"),
    path("plans/items", views.plan_items, name="plan_items"),
    path("plans/team", views.team_plans, name="team_plans"),
    path("targets/sales", views.sales_targets, name="sales_targets"),
    path("targets/improvement", views.improvement_targets, name="improvement_targets"),
    path("targets/kpi", views.kpi_targets, name="kpi_targets"),
    path("openapi.json", views.openapi_description, name="openapi"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("visit-plans/day", views.visit_plan_day, name="visit_plan_day"),
    path("visit-plans/month", views.visit_plan_month, name="visit_plan_month"),
    path("visits/", views.visits_endpoint, name="visits"),
    path("visits/sync", views.visit_sync, name="visits_sync"),
    path("features/", views.market_features, name="market_features"),
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/<int:pk>/follow-up", views.opportunity_follow_up, name="opportunity_follow_up"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("visits/day", views.visit_day, name="visits_day"),
]
