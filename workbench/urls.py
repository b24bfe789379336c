from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from workbench.security.forms import LoginForm

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("security/", include("workbench.security.urls")),
    path("accounts/", include("workbench.accounts.urls")),
    # Only the auth views the platform uses: no password reset, which needs e-mail the intranet may not have.
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("customers/", include("workbench.customers.urls")),
    path("catalog/", include("workbench.catalog.urls")),
    path("imports/", include("workbench.imports.urls")),
    # Each report step's screens under its own prefix (reporting.urls builds them from the registry).
    path("analysis/", include("workbench.analysis.urls")),
    path("implementation/", include("workbench.implementation.urls")),
    path("planning/", include("workbench.planning.urls")),
    path("targets/", include("workbench.targets.urls")),
    path("visit-plans/route/", include("workbench.visitplans.route_urls")),
    path("visit-plans/suggestions/", include("workbench.visitplans.suggest_urls")),
    path("visit-plans/", include("workbench.visitplans.urls")),
    path("visit-cycles/", include("workbench.visitplans.cycle_urls")),
    path("features/", include("workbench.features.urls")),
    path("opportunities/", include("workbench.visits.opportunity_urls")),
    path("scorecards/", include("workbench.scorecards.urls")),
    path("visits/", include("workbench.visits.urls")),
    path("api/v1/", include("workbench.api.urls")),
    path("", include("workbench.web.urls")),
]

# Under /api/ a 404 or a 500 is the API's JSON error object; elsewhere the usual pages (api/errors.py).
handler404 = "workbench.api.errors.page_not_found"
handler500 = "workbench.api.errors.server_error"
