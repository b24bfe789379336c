"""URLs of 客户集设置 (customer sets), kept apart from the customer screens' urls.py."""

from django.urls import path

from workbench.customers import set_views

urlpatterns: list = [
    path("", set_views.customerset_list, name="customerset_list"),
    path("new/", set_views.customerset_create, name="customerset_create"),
    path("<int:pk>/", set_views.customerset_detail, name="customerset_detail"),
    path("<int:pk>/edit/", set_views.customerset_edit, name="customerset_edit"),
    path("<int:pk>/delete/", set_views.customerset_delete, name="customerset_delete"),
]
