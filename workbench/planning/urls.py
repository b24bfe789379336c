from django.urls import path

from workbench.planning import views

app_name = "planning"
urlpatterns = [
    path("month/", views.monthlyplan_mine, name="monthlyplan_mine"),
    path("month/start/", views.monthlyplan_start, name="monthlyplan_start"),
    path("weeks/", views.my_weeks, name="my_weeks"),
    path("days/", views.my_days, name="my_days"),
    path("plans/<int:pk>/", views.monthlyplan_detail, name="monthlyplan_detail"),
    path("plans/<int:pk>/edit/", views.monthlyplan_edit, name="monthlyplan_edit"),
    path("plans/<int:pk>/submit/", views.monthlyplan_submit, name="monthlyplan_submit"),
    path("plans/<int:pk>/review/", views.monthlyplan_review, name="monthlyplan_review"),
    path("plans/<int:pk>/history/", views.monthlyplan_history, name="monthlyplan_history"),
    path("plans/<int:pk>/print/", views.monthlyplan_print, name="monthlyplan_print"),
    path("plans/<int:pk>/export/", views.monthlyplan_export, name="monthlyplan_export"),
    path("plans/<int:pk>/days/", views.monthlyplan_days, name="monthlyplan_days"),
    path("plans/<int:pk>/days/export/", views.monthlyplan_days_export, name="monthlyplan_days_export"),
    path("team/", views.team_states, name="team_states"),
    path("team/export/", views.team_states_export, name="team_states_export"),
    path("team-plan/", views.teamplan_mine, name="teamplan_mine"),
    path("team-plan/start/", views.teamplan_start, name="teamplan_start"),
    path("team-plan/weeks/", views.team_weeks, name="team_weeks"),
    path("team-plan/weeks/export/", views.team_weeks_export, name="team_weeks_export"),
    path("team-plan/<int:pk>/", views.teamplan_detail, name="teamplan_detail"),
    path("team-plan/<int:pk>/edit/", views.teamplan_edit, name="teamplan_edit"),
    path("team-plan/<int:pk>/export/", views.teamplan_export, name="teamplan_export"),
    path("team-plan/<int:pk>/comment/", views.teamplan_comment, name="teamplan_comment"),
]
