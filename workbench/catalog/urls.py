from django.urls import include, path

from workbench.catalog import views

app_name = "catalog"
urlpatterns: list = [
    path("sets/", include("workbench.catalog.set_urls")),
    path("specs/", views.spec_list, name="spec_list"),
    # Before the spec page, so that "export" is never read as a spec code.
    path("specs/export/", views.spec_export, name="spec_export"),
    path("specs/<str:code>/", views.spec_detail, name="spec_detail"),
]
