from django.urls import include, path

from workbench.customers import views

app_name = "customers"
urlpatterns: list = [
    path("sets/", include("workbench.customers.set_urls")),
    path("", views.customer_list, name="customer_list"),
    # Before the customer page, so that "export" is never read as a customer code.
    path("export/", views.customer_export, name="customer_export"),
    path("<str:code>/", views.customer_detail, name="customer_detail"),
]
