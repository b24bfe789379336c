from django.urls import path

from workbench.targets import views

app_name = "targets"

urlpatterns = [
    path("sales/", views.salestarget_list, name="salestarget_list"),
    path("sales/mine/", views.salestarget_mine, name="salestarget_mine"),
    path("sales/<int:pk>/", views.salestarget_detail, name="salestarget_detail"),
    path("sales/<int:pk>/submit/", views.salestarget_submit, name="salestarget_submit"),
    path("sales/<int:pk>/approve/", views.salestarget_approve, name="salestarget_approve"),
    path("sales/<int:pk>/return/", views.salestarget_return, name="salestarget_return"),
    path("sales/<int:pk>/lines/", views.salestargetline_add, name="salestargetline_add"),
    path("sales/lines/<int:pk>/delete/", views.salestargetline_delete, name="salestargetline_delete"),
    path("improvement/", views.improvementtarget_list, name="improvementtarget_list"),
    path("improvement/new/", views.improvementtarget_create, name="improvementtarget_create"),
    path("improvement/<int:pk>/", views.improvementtarget_edit, name="improvementtarget_edit"),
    path("improvement/<int:pk>/delete/", views.improvementtarget_delete, name="improvementtarget_delete"),
    path("kpi/", views.kpitarget_list, name="kpitarget_list"),
    path("kpi/new/", views.kpitarget_create, name="kpitarget_create"),
    path("kpi/<int:pk>/", views.kpitarget_edit, name="kpitarget_edit"),
    path("kpi/<int:pk>/delete/", views.kpitarget_delete, name="kpitarget_delete"),
]
