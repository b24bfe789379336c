"""The month's visit plan of 计划 (客户拜访计划, docs/definitions.md#visit-plans).

Each customer has a visit cycle (拜访周期, days): the override set on the customer (`CustomerCycle`), else the
cycle of customers.csv (`Customer.visit_cycle_days`), else the defaults an admin sets per 业态 and per 档位 band
(`CycleRule`), else the setting WORKBENCH_VISIT_CYCLE_DAYS.

A customer manager's `VisitPlan` of a month holds his planned visits (`PlannedVisit`, one customer on one day). The
platform proposes it from the cycles; he moves, adds and removes visits and commits it. A team's office (`Office`)
is where the day's route starts.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import RestrictedQuerySet, ReviewedByTeamLead, Territory
from workbench.customers.models import Format
from workbench.lib.stale import Versioned

# A visit cycle is one day to a quarter.
CYCLE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(92)]


class CycleRule(models.Model):
    """A default visit cycle: for the customers of one 业态, or of one 档位 band (grade_min–grade_max)."""

    format = models.CharField(_("format"), max_length=1, choices=Format.choices, blank=True)
    grade_min = models.PositiveSmallIntegerField(_("lowest grade"), null=True, blank=True)
    grade_max = models.PositiveSmallIntegerField(_("highest grade"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("visit cycle (days)"), validators=CYCLE_VALIDATORS)

    class Meta:
        verbose_name = _("visit cycle rule")
        verbose_name_plural = _("visit cycle rules")
        ordering = ["format", "grade_min"]
        constraints = [
            models.UniqueConstraint(
                fields=["format"], condition=~models.Q(format=""), name="one_cycle_rule_per_format"
            ),
        ]

    def __str__(self) -> str:
        if self.format:
            return f"{self.get_format_display()}: {self.days}"
        return f"{self.grade_min}–{self.grade_max}: {self.days}"

    def clean(self):
        band = self.grade_min is not None or self.grade_max is not None
        if bool(self.format) == band:
            raise ValidationError(_("A rule names either a format or a band of grades (lowest and highest), not both."))
        if band:
            if self.grade_min is None or self.grade_max is None:
                raise ValidationError(_("A band of grades needs both its lowest and its highest grade."))
            if self.grade_min > self.grade_max:
                raise ValidationError({"grade_max": _("The highest grade is below the lowest.")})
            overlapping = CycleRule.objects.filter(
                grade_min__isnull=False, grade_min__lte=self.grade_max, grade_max__gte=self.grade_min
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("This band overlaps another band of grades."))


class CustomerCycleQuerySet(RestrictedQuerySet):
    pass


class CustomerCycle(Versioned):
    """The visit cycle set on one customer, overriding customers.csv and the rules."""

    customer = models.OneToOneField(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="visit_cycle"
    )
    days = models.PositiveSmallIntegerField(_("visit cycle (days)"), validators=CYCLE_VALIDATORS)
    set_by = models.ForeignKey(
        "accounts.Staff", verbose_name=_("set by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CustomerCycleQuerySet.as_manager()
    access_rule = Territory("customer__manager")

    class Meta:
        verbose_name = _("customer visit cycle")
        verbose_name_plural = _("customer visit cycles")

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.days}"


class Office(models.Model):
    """A team's office: where its customer managers' day routes start (WGS-84 coordinates)."""

    unit = models.OneToOneField(
        "accounts.OrgUnit", verbose_name=_("team"), on_delete=models.CASCADE, related_name="office"
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    lng = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    lat = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name


class VisitPlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草稿
    COMMITTED = "committed", _("Committed")  # 已确认


class VisitPlanQuerySet(RestrictedQuerySet):
    pass


class VisitPlan(Versioned):
    """A customer manager's visit plan of one month (客户拜访计划)."""

    staff = models.ForeignKey(
        "accounts.Staff", verbose_name=_("customer manager"), on_delete=models.PROTECT, related_name="visit_plans"
    )
    month = models.DateField(_("month"))  # its first day
    state = models.CharField(_("state"), max_length=10, choices=VisitPlanState.choices, default=VisitPlanState.DRAFT)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VisitPlanQuerySet.as_manager()
    # Seen like its customer manager; changed by him only; the market manager of his team reviews it with the
    # monthly plan (accounts.access.ReviewedByTeamLead).
    access_rule = ReviewedByTeamLead("staff")

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-month", "staff__code"]
        constraints = [models.UniqueConstraint(fields=["staff", "month"], name="one_visit_plan_per_staff_month")]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.month:%Y-%m}"


class VisitSource(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")  # 系统建议
    ADDED = "added", _("Added")  # 手动添加
    SUGGESTED = "suggested", _("Suggested visit")  # 推荐拜访


class GaveWay(models.TextChoices):
    """The rule of the proposal that could not hold for a visit (docs/definitions.md#visit-plans)."""

    DAILY_MAX = "daily_max", _("Daily maximum")  # 每日上限
    ORDER_DAY = "order_day", _("Order day")  # 访销日
    ROUTE = "route", _("Route")  # 线路
    CYCLE = "cycle", _("Visit cycle")  # 拜访周期


class PlannedVisit(models.Model):
    """One customer to visit on one day of a visit plan."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="visits")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="planned_visits"
    )
    day = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=10, choices=VisitSource.choices, default=VisitSource.PROPOSED)
    gave_way = models.CharField(_("rule given way"), max_length=10, choices=GaveWay.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)  # a suggested visit's reason, in words

    class Meta:
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        ordering = ["day", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "customer", "day"], name="one_planned_visit_a_day")]
        indexes = [models.Index(fields=["customer", "day"], name="planned_visit_customer_day")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.day}"
