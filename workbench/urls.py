from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("workbench.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("customers/", include("workbench.customers.urls")),
    path("catalog/", include("workbench.catalog.urls")),
    path("imports/", include("workbench.imports.urls")),
    path("analysis/", include("workbench.analysis.urls")),
    path("visits/", include("workbench.visits.urls")),
    path("api/v1/", include("workbench.api.urls")),
    path("", include("workbench.web.urls")),
]
