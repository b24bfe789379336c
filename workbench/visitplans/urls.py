from django.urls import path

from workbench.visitplans import views

app_name = "visitplans"
urlpatterns = [
    path("", views.visitplan_mine, name="visitplan_mine"),
    path("start/", views.visitplan_start, name="visitplan_start"),
    path("propose/", views.visitplan_propose, name="visitplan_propose"),
    path("plans/<int:pk>/", views.visitplan_detail, name="visitplan_detail"),
    path("plans/<int:pk>/propose/", views.visitplan_repropose, name="visitplan_repropose"),
    path("plans/<int:pk>/add/", views.visit_add, name="visit_add"),
    path("plans/<int:pk>/commit/", views.visitplan_commit, name="visitplan_commit"),
    path("plans/<int:pk>/export/", views.visitplan_export, name="visitplan_export"),
    path("plans/<int:pk>/move/", views.visit_move, name="visit_move"),
    path("plans/<int:pk>/remove/", views.visit_remove, name="visit_remove"),
    path("team/", views.team_visit_plans, name="team_visitplans"),
    path("team/export/", views.team_visit_plans_export, name="team_visitplans_export"),
]
