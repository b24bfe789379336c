from django.urls import path

from workbench.visitplans import suggest_views

app_name = "suggestions"

urlpatterns = [
    path("", suggest_views.suggestion_list, name="suggestion_list"),
    path("panel/", suggest_views.suggestion_panel, name="suggestion_panel"),
    path("add/", suggest_views.suggestion_add, name="suggestion_add"),
]
