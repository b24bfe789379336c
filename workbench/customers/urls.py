from django.urls import include, path  # noqa: F401

app_name = "customers"
urlpatterns: list = [
    path("sets/", include("workbench.customers.set_urls")),
]
