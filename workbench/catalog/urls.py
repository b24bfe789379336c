from django.urls import include, path  # noqa: F401

app_name = "catalog"
urlpatterns: list = [
    path("sets/", include("workbench.catalog.set_urls")),
]
