"""Forms of the staff screens: the list's filters and the admin's "set a new password"."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workbench.accounts.models import OrgUnit, Role, Staff

IDEOGRAPHIC_SPACE = "\u3000"  # a full-width space: indents alike in Chinese and Latin text


class OrgUnitChoiceField(forms.ModelChoiceField):
    """Org units in tree order (by path), each indented by its depth below the company."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        depth = obj.path.count("/") - 2
        return IDEOGRAPHIC_SPACE * depth + obj.name


class StaffFilterForm(forms.Form):
    """Search and filters of the staff list (GET); every field is optional."""

    LOGIN_CHOICES = [("", _("All")), ("active", _("Login allowed")), ("inactive", _("Login refused"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Staff code, name or mobile"), "type": "search"}),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    org_unit = OrgUnitChoiceField(
        label=_("Org unit"), required=False, queryset=OrgUnit.objects.all(), empty_label=_("All org units")
    )
    login = forms.ChoiceField(label=_("Login"), required=False, choices=LOGIN_CHOICES)

    def filter(self, queryset):
        """The staff of `queryset` that match the (valid) filters; the unit filter includes the units below it."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if q := data["q"].strip():
            queryset = queryset.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(mobile__icontains=q))
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["org_unit"] is not None:
            queryset = queryset.below(data["org_unit"])
        if data["login"] == "active":
            queryset = queryset.filter(user__is_active=True)
        elif data["login"] == "inactive":
            queryset = queryset.exclude(user__is_active=True)
        return queryset


class StaffPasswordForm(forms.Form):
    """An admin sets a new password for a staff member; Django's password rules apply.

    The password fields are not filled in again after an error (Django's PasswordInput default): a password
    is never written back into a page.
    """

    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, staff: Staff, *args, **kwargs):
        self.staff = staff
        super().__init__(*args, **kwargs)

    def clean_new_password2(self):
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError(_("The two passwords do not match."), code="password_mismatch")
        # The similarity rule compares the password with the login name, so check against the login the
        # staff member has or will get (his 工号).
        user = self.staff.user or get_user_model()(username=self.staff.code)
        password_validation.validate_password(second, user)
        return second
