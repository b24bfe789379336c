"""URLs of 品牌集设置 (brand sets), kept apart from the spec screens' urls.py."""

from django.urls import path

from workbench.catalog import set_views

urlpatterns: list = [
    path("", set_views.brandset_list, name="brandset_list"),
    path("new/", set_views.brandset_create, name="brandset_create"),
    path("<int:pk>/", set_views.brandset_detail, name="brandset_detail"),
    path("<int:pk>/edit/", set_views.brandset_edit, name="brandset_edit"),
    path("<int:pk>/delete/", set_views.brandset_delete, name="brandset_delete"),
]
