"""The visit pages (visits/views.py), under /visits/."""

from django.urls import path

from workbench.visits import views

app_name = "visits"
urlpatterns = [
    path("", views.visit_day_page, name="day"),
    path("new/", views.visit_new, name="visit_new"),
    path("list/", views.visit_list, name="visit_list"),
    path("list/export/", views.visit_list_export, name="visit_list_export"),
    path("<int:pk>/", views.visit_detail, name="visit_detail"),
    path("<int:pk>/requests/<int:request_id>/state/", views.visit_request_state, name="visit_request_state"),
    path("<int:pk>/photos/", views.visit_photo_upload, name="visit_photo_upload"),
    path("photos/<int:pk>/", views.visit_photo, name="visit_photo"),
]
