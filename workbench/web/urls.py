from django.urls import path

from workbench.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module_pending, name="module_pending"),
]
