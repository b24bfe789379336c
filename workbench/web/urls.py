from django.urls import path

from workbench.web import service_worker, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module_pending, name="module_pending"),
    # The offline visits' service worker: at the root, so that its scope is the whole site (service_worker.py).
    path("sw.js", service_worker.service_worker, name="service_worker"),
]
