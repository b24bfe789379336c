"""The Django admin's login goes through the same throttle and says how long a lock lasts (forms.py)."""

from django.contrib import admin

from workbench.security.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm
