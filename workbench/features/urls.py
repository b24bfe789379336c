"""市场特征录入: the list of the user's customers with their features, its Excel copy, one customer's page."""

from django.urls import path

from workbench.features import views

app_name = "features"

urlpatterns = [
    path("", views.marketfeature_list, name="marketfeature_list"),
    path("export/", views.marketfeature_export, name="marketfeature_export"),
    path("<str:code>/", views.marketfeature_detail, name="marketfeature_detail"),
]
