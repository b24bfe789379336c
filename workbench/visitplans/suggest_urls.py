from django.urls import path

from workbench.visitplans import suggest_views

app_name = "suggestions"

urlpatterns = [
    path("", suggest_views.suggestion_list, name="suggestion_list"),
    path("add/", suggest_views.suggestion_add, name="suggestion_add"),
]
