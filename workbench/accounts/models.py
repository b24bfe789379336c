"""Org units (公司 / 营销部 / 市场部) and staff with their roles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import RestrictedQuerySet, Territory, UnitTerritory
from workbench.accounts.roles import ROLE_WORDS, Role

__all__ = ["ORG_KIND_WORDS", "ROLE_WORDS", "OrgKind", "OrgUnit", "Role", "Staff", "StaffQuerySet"]


class OrgKind(models.TextChoices):
    """Level of an org unit."""

    COMPANY = "company", _("Company")  # 市公司
    DEPARTMENT = "department", _("Marketing department")  # 营销部
    TEAM = "team", _("Market team")  # 市场部 / 片区


ORG_KIND_WORDS = {
    "company": ("company", "市公司"),
    "department": ("department", "营销部"),
    "team": ("team", "市场部"),
}


class OrgUnit(models.Model):
    """An org unit: the company, a 营销部 (department) or a 市场部 (team).

    `path` is the chain of codes from the root ("/NJ/D01/T03/") so that "everything below this unit" is a
    prefix match and needs no recursive query.
    """

    code = models.CharField(_("org code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("path"), max_length=400, db_index=True, editable=False)

    objects = RestrictedQuerySet.as_manager()
    access_rule = UnitTerritory()  # a unit is reached through itself: the viewer's unit and those below it

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        super().save(*args, **kwargs)

    def compute_path(self) -> str:
        """The path from the root down to this unit, from the parent's stored path."""
        prefix = self.parent.path if self.parent is not None else "/"
        return f"{prefix}{self.code}/"


class StaffQuerySet(RestrictedQuerySet):
    """Staff, with filters by role: data filters only; what a role may do is decided in accounts.access."""

    def customer_managers(self):
        """Staff whose role is customer manager (客户经理)."""
        return self.filter(role=Role.CUSTOMER_MANAGER)

    def market_managers(self):
        """Staff whose role is market manager (市场经理)."""
        return self.filter(role=Role.MARKET_MANAGER)

    def brand_managers(self):
        """Staff whose role is brand manager (品牌经理)."""
        return self.filter(role=Role.BRAND_MANAGER)

    def leaders(self):
        """Staff whose role is leader (领导)."""
        return self.filter(role=Role.LEADER)

    def admins(self):
        """Staff whose role is administrator (管理员)."""
        return self.filter(role=Role.ADMIN)

    def below(self, unit: OrgUnit):
        """Staff of `unit` and of every unit below it."""
        return self.filter(org_unit__path__startswith=unit.path)


class Staff(models.Model):
    """A person who uses the platform; his login name is his staff code (工号)."""

    code = models.CharField(_("staff code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="staff")
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )

    objects = StaffQuerySet.as_manager()
    access_rule = Territory()  # a staff member is reached through himself

    class Meta:
        ordering = ["code"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
