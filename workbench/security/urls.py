from django.urls import path

from workbench.security import views

app_name = "security"

urlpatterns = [
    path("locks/", views.lock_list, name="lock_list"),
    path("locks/lift/", views.lock_lift, name="lock_lift"),
]
