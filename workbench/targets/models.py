"""目标 (targets): a customer manager's monthly sales target, per-customer improvement targets, KPI targets of a unit.

Definitions: docs/definitions.md#targets-and-forecast. Team and unit sales targets are sums, computed when shown
(queries.py), never stored.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import (
    NOTHING,
    Action,
    OwnedAndShared,
    RestrictedQuerySet,
    ReviewedByTeamLead,
    Rule,
    Territory,
    Viewer,
)
from workbench.lib.numbers import per_carton
from workbench.lib.stale import Versioned
from workbench.reviews.models import Reviewable


class SalesTargetQuerySet(RestrictedQuerySet):
    """Sales targets; `restrict(user, action)` with view, change (the owner) and approve (his market manager)."""

    def of_month(self, month):
        """The targets of one month (its first day), every version."""
        return self.filter(month=month)

    def newest_first(self):
        """Versions ordered so that each manager's and month's newest comes first."""
        return self.order_by("staff_id", "month", "-number")


def working_and_newest(versions) -> dict[tuple[int, date], tuple[SalesTarget, SalesTarget]]:
    """(staff id, month) → (working version, newest version) over `versions`, every version of those targets
    (docs/definitions.md#sales-target-versions: the version in force, else the newest while none is approved)."""
    newest: dict[tuple[int, date], SalesTarget] = {}
    in_force: dict[tuple[int, date], SalesTarget] = {}
    for target in versions:
        key = (target.staff_id, target.month)
        if key not in newest or target.number > newest[key].number:
            newest[key] = target
        if target.is_in_force:
            in_force[key] = target
    return {key: (in_force.get(key, last), last) for key, last in newest.items()}


class SalesTarget(Reviewable):
    """销售目标: a customer manager's sales target for one month, in 条 and 金额 (单条值 derived).

    Pre-filled from the forecast (forecast.py), set by him and reviewed by his market manager like a plan, through
    the one review mechanism (reviews: draft → submitted → approved, or returned with a comment and submitted
    again; its history in reviews.ReviewEvent).
    """

    staff = models.ForeignKey(
        "accounts.Staff", verbose_name=_("customer manager"), on_delete=models.CASCADE, related_name="sales_targets"
    )
    month = models.DateField(_("month"))  # its first day
    number = models.PositiveIntegerField(_("version number"), default=1)
    # The last approved version of its manager and month (docs/definitions.md#sales-target-versions).
    is_in_force = models.BooleanField(_("in force"), default=False)
    qty = models.PositiveIntegerField(_("target quantity (cartons)"))
    amount = models.DecimalField(
        _("target amount (yuan)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SalesTargetQuerySet.as_manager()
    # Seen like its owner, changed by him alone, approved by the market manager of his team (never by himself).
    access_rule = ReviewedByTeamLead(owner_field="staff")

    class Meta:
        ordering = ["-month", "staff__code", "number"]
        verbose_name = _("sales target")
        verbose_name_plural = _("sales targets")
        constraints = [
            models.UniqueConstraint(fields=["staff", "month", "number"], name="salestarget_staff_month_number"),
            models.UniqueConstraint(
                fields=["staff", "month"], condition=Q(is_in_force=True), name="salestarget_one_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.month:%Y-%m}"

    @property
    def value_per_carton(self) -> Decimal | None:
        """The target 单条值 = amount ÷ qty."""
        return per_carton(self.amount, self.qty)


class SalesTargetLine(models.Model):
    """A part of a sales target for one spec or one brand set (the cultivation specs), in 条 and 金额."""

    target = models.ForeignKey(
        SalesTarget, verbose_name=_("sales target"), on_delete=models.CASCADE, related_name="lines"
    )
    spec = models.ForeignKey(
        "catalog.Spec", verbose_name=_("spec"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    brand_set = models.ForeignKey(
        "catalog.BrandSet",
        verbose_name=_("brand set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    qty = models.PositiveIntegerField(_("target quantity (cartons)"))
    amount = models.DecimalField(
        _("target amount (yuan)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sales target line")
        verbose_name_plural = _("sales target lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(spec__isnull=False, brand_set__isnull=True) | Q(spec__isnull=True, brand_set__isnull=False),
                name="salestargetline_spec_or_set",
            )
        ]

    def __str__(self) -> str:
        return str(self.spec or self.brand_set)

    def clean(self):
        if (self.spec_id is None) == (self.brand_set_id is None):
            raise ValidationError(_("Pick a spec or a brand set, not both."))

    @property
    def value_per_carton(self) -> Decimal | None:
        """The line's 单条值 = amount ÷ qty."""
        return per_carton(self.amount, self.qty)


class Metric(models.TextChoices):
    """What an improvement target (提升目标) raises; every metric is higher-is-better."""

    VOLUME = "volume", _("Volume (cartons)")  # 销量
    VALUE_PER_CARTON = "value_per_carton", _("Value per carton")  # 单条值
    SPEC_COUNT = "spec_count", _("Specs ordered")  # 订购规格数
    SET_VOLUME = "set_volume", _("Ordering of a spec or brand set (cartons)")  # 规格/品牌集订购量
    ORDER_COUNT = "order_count", _("Order count")  # 订货次数
    ONLINE_ORDERING = "online_ordering", _("Online ordering")  # 网上订货


class CustomerTarget(Rule):
    """Improvement targets: seen like their customer (Territory), changed by the customer's own manager only."""

    def __init__(self):
        self.seen = Territory(staff_field="customer__manager", actions=frozenset({Action.VIEW}))

    def q(self, viewer: Viewer, action: Action) -> Q:
        if action == Action.VIEW:
            return self.seen.q(viewer, action)
        if action == Action.CHANGE and viewer.staff is not None:
            return Q(customer__manager=viewer.staff.pk)
        return NOTHING


class ImprovementTargetQuerySet(RestrictedQuerySet):
    """Improvement targets; `restrict(user, action)`: view like the customer, change by his manager."""


class ImprovementTarget(Versioned):
    """提升目标: a target for one customer, one month and one metric, against a baseline computed from the data
    when it is set (docs/definitions.md#improvement-target)."""

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="improvement_targets"
    )
    month = models.DateField(_("month"))  # its first day
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    spec = models.ForeignKey(
        "catalog.Spec", verbose_name=_("spec"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    brand_set = models.ForeignKey(
        "catalog.BrandSet",
        verbose_name=_("brand set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        "accounts.Staff", verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ImprovementTargetQuerySet.as_manager()
    access_rule = CustomerTarget()

    class Meta:
        ordering = ["-month", "customer__code", "metric", "pk"]
        verbose_name = _("improvement target")
        verbose_name_plural = _("improvement targets")

    def __str__(self) -> str:
        return f"{self.customer} {self.month:%Y-%m} {self.get_metric_display()}"

    def clean(self):
        needs_set = self.metric == Metric.SET_VOLUME
        has_one = (self.spec_id is None) != (self.brand_set_id is None)
        if needs_set and not has_one:
            raise ValidationError(_("Pick a spec or a brand set, not both."))
        if not needs_set and (self.spec_id or self.brand_set_id):
            raise ValidationError(_("Only the ordering of a spec or brand set names a spec or a brand set."))

    @property
    def subject(self) -> str:
        """The metric as a list shows it, with its spec or brand set."""
        label = str(self.get_metric_display())
        named = self.spec or self.brand_set
        return f"{label}: {named}" if named else label


class KpiMetric(models.TextChoices):
    """The indicator a KPI target sets (docs/definitions.md#indicators)."""

    DISTRIBUTION_RATE = "distribution_rate", _("Distribution rate")  # 铺货率
    MOVEMENT_RATE = "movement_rate", _("Movement rate")  # 动销率
    REPURCHASE_RATE = "repurchase_rate", _("Repurchase rate")  # 重购率


class KpiTargetQuerySet(RestrictedQuerySet):
    """KPI targets; seen in the unit they are set for and below it, changed by whoever set them."""


class KpiTarget(Versioned):
    """A KPI target: an indicator of a brand set in an org unit by a date, e.g. 七匹狼(软通泰) 铺货率 60 % by
    31 March (docs/definitions.md#kpi-target). Set by a market manager for his team, a brand manager for his unit."""

    owner = models.ForeignKey(
        "accounts.Staff", verbose_name=_("set by"), on_delete=models.CASCADE, related_name="kpi_targets"
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="kpi_targets"
    )
    brand_set = models.ForeignKey(
        "catalog.BrandSet", verbose_name=_("brand set"), on_delete=models.PROTECT, related_name="kpi_targets"
    )
    metric = models.CharField(
        _("indicator"), max_length=20, choices=KpiMetric.choices, default=KpiMetric.DISTRIBUTION_RATE
    )
    target_rate = models.DecimalField(
        _("target rate"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )  # a fraction: 0.6 is 60 %
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("due by"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = KpiTargetQuerySet.as_manager()
    access_rule = OwnedAndShared(owner_field="owner", shared_field="unit")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")

    def __str__(self) -> str:
        return f"{self.brand_set} {self.get_metric_display()} {self.due_on}"

    def clean(self):
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            raise ValidationError({"due_on": _("The due date is before the start date.")})
