"""记分卡录入 (实施): the admin's scorecard templates in versions, and a customer manager's monthly scorecard of each of
his customers (docs/definitions.md#scorecards).

A template version that holds a scorecard is never changed: a change is a new version (services.new_template_version),
so a past scorecard keeps the items, maxima and total it was scored with.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import NOTHING, Action, RestrictedQuerySet, Territory, Viewer
from workbench.lib.stale import Versioned


@dataclass(frozen=True)
class ScoredByOwnManager(Territory):
    """Seen like the customer (Territory: his manager, that manager's market manager, the leaders and brand managers
    above, an admin); changed (scored) by the customer's own manager only — not his market manager, not an admin.

    No role is compared: the change is the viewer being the staff member the object belongs to.
    """

    def q(self, viewer: Viewer, action: Action) -> Q:
        if action == Action.CHANGE:
            if viewer.staff is None or action not in self.actions:
                return NOTHING
            return Q(**{self.staff_field: viewer.staff.pk})
        return super().q(viewer, action)


class ScorecardTemplate(models.Model):
    """One version of a scorecard template (记分卡模板): its dimensions and items; one version is current."""

    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scorecard template")
        verbose_name_plural = _("scorecard templates")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="one_scorecard_template_version"),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_scorecard_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def maximum(self) -> int:
        """The version's maximum: Σ of its items' maximum points (normally 100)."""
        total = ScorecardItem.objects.filter(dimension__template=self).aggregate(total=Sum("max_points"))["total"]
        return total or 0

    def is_used(self) -> bool:
        """Whether a scorecard was scored with this version (then it is never changed)."""
        return self.scorecards.exists()


class ScorecardDimension(models.Model):
    """A dimension of a template version (诚信守法, 经营能力 …) with its points (its items' maxima added up)."""

    template = models.ForeignKey(
        ScorecardTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="dimensions"
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    points = models.PositiveSmallIntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("scorecard dimension")
        verbose_name_plural = _("scorecard dimensions")
        ordering = ["template", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.points})"


class ScorecardItem(models.Model):
    """An item of a dimension (月购烟总量 15 …): scored 0 … max_points."""

    dimension = models.ForeignKey(
        ScorecardDimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("name"), max_length=100)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("scorecard item")
        verbose_name_plural = _("scorecard items")
        ordering = ["dimension__order", "dimension_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


class ScorecardQuerySet(RestrictedQuerySet):
    pass


class Scorecard(Versioned):
    """A customer's scorecard of one month (客户记分卡), scored by his customer manager against one template version."""

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="scorecards"
    )
    month = models.DateField(_("month"))  # its first day
    template = models.ForeignKey(
        ScorecardTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="scorecards"
    )
    scored_by = models.ForeignKey(
        "accounts.Staff",
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.PositiveSmallIntegerField(_("total"), default=0)  # score_total
    stars = models.PositiveSmallIntegerField(_("stars"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScorecardQuerySet.as_manager()
    access_rule = ScoredByOwnManager("customer__manager")

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["-month", "customer__code"]
        constraints = [models.UniqueConstraint(fields=["customer", "month"], name="one_scorecard_per_customer_month")]
        indexes = [models.Index(fields=["month", "customer"], name="scorecard_month_customer")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.month:%Y-%m}"


class ScorecardScore(models.Model):
    """One item's score on a scorecard, with the manager's comment."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(ScorecardItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("scorecard score")
        verbose_name_plural = _("scorecard scores")
        ordering = ["scorecard", "item__dimension__order", "item__order", "item_id"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "item"], name="one_score_per_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.score}"
