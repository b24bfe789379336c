"""The plans of 计划 (docs/definitions.md#plans).

The market manager's team plan (市场经理月工作计划, `TeamPlan`) is published to his team without review: key points
for 客户 / 品牌 / 市场, brand-cultivation tasks (`CultivationTask`) and weekly arrangements (`TeamWeek`); a leader
above the team may comment (`TeamPlanComment`).

The customer manager's monthly plan (月工作计划, `MonthlyPlan`) is reviewed. Its content lives in versions
(`PlanVersion`, a reviews.Reviewable): the problems found in 分析 per key point (`Problem`), the cultivation tasks
he takes from his market manager's plan, and the tasks (`PlanItem`) of the month, each in a week (周工作安排) and,
once the week is split into days, on a date (日安排). Changing an approved plan starts a new version, submitted
again; the version in force stays the last approved one until the new one is approved.

A task's day and done state are the execution of the plan, not its content: they are set on the version that
guides the work (`working_version`) without a new review, and carried over to the next approved version.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.accounts.access import RestrictedQuerySet, ReviewedByTeamLead, TeamPublication
from workbench.lib.periods import first_of_month
from workbench.lib.stale import Versioned
from workbench.reviews.models import Reviewable, ReviewState


class KeyPoint(models.TextChoices):
    """The three key points of the 135 method (三要点)."""

    CUSTOMER = "customer", pgettext_lazy("key point", "Customer")  # 客户
    BRAND = "brand", pgettext_lazy("key point", "Brand")  # 品牌
    MARKET = "market", pgettext_lazy("key point", "Market")  # 市场


class ItemKind(models.TextChoices):
    """What a plan task is."""

    VISIT = "visit", _("Customer visit")  # 客户拜访
    BRAND_PROMOTION = "brand_promotion", _("Brand promotion")  # 品牌推广
    INFORMATION = "information", _("Information collection")  # 信息采集
    MEETING = "meeting", _("Meeting")  # 会议
    OTHER = "other", _("Other")  # 其他


def check_first_of_month(value: date) -> None:
    """A plan's month is stored as its first day."""
    if value.day != 1:
        raise ValidationError(_("A month is stored as its first day."))


def check_monday(value: date) -> None:
    """A week is stored as its Monday (ISO week)."""
    if value.weekday() != 0:
        raise ValidationError(_("A week is stored as its Monday."))


def check_local_link(value: str) -> None:
    """A problem's link points at a page of the platform (a report with its parameters), never elsewhere."""
    # "//host" and "/\\host" are read by browsers as addresses of another host.
    if value and (not value.startswith("/") or value[1:2] in ("/", "\\")):
        raise ValidationError(_("Give the address of a page of the platform, starting with “/”."))


# 市场经理的计划: published to the team, not reviewed.


class TeamPlanQuerySet(RestrictedQuerySet):
    def of_month(self, month: date):
        """The team plans of one month."""
        return self.filter(month=first_of_month(month))


class TeamPlan(Versioned):
    """A market manager's monthly work plan for his team (市场经理月工作计划)."""

    team = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("team"), on_delete=models.PROTECT, related_name="team_plans"
    )
    author = models.ForeignKey(
        "accounts.Staff", verbose_name=_("market manager"), on_delete=models.PROTECT, related_name="team_plans"
    )
    month = models.DateField(_("month"), validators=[check_first_of_month])
    customer_points = models.TextField(_("key points: customer"), blank=True)  # 客户
    brand_points = models.TextField(_("key points: brand"), blank=True)  # 品牌
    market_points = models.TextField(_("key points: market"), blank=True)  # 市场
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TeamPlanQuerySet.as_manager()
    access_rule = TeamPublication(unit_field="team", author_field="author", published_field="is_published")

    class Meta:
        verbose_name = _("team plan")
        verbose_name_plural = _("team plans")
        ordering = ["-month", "team__code"]
        constraints = [models.UniqueConstraint(fields=["author", "month"], name="one_team_plan_per_author_month")]

    def __str__(self) -> str:
        return f"{self.team.name} {self.month:%Y-%m}"


class CultivationTask(models.Model):
    """A brand-cultivation task of a team plan (品牌培育任务): a brand set, the customers, the dates."""

    team_plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    brand_set = models.ForeignKey(
        "catalog.BrandSet", verbose_name=_("brand set"), on_delete=models.PROTECT, related_name="+"
    )
    customer_set = models.ForeignKey(
        "customers.CustomerSet",
        verbose_name=_("customer set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("cultivation task")
        verbose_name_plural = _("cultivation tasks")
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})


class TeamWeek(models.Model):
    """The market manager's arrangement of one week (市场经理周工作安排), published with his team plan."""

    team_plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="weeks")
    week_start = models.DateField(_("week"), validators=[check_monday])
    text = models.TextField(_("arrangement"))

    class Meta:
        verbose_name = _("weekly arrangement")
        verbose_name_plural = _("weekly arrangements")
        ordering = ["week_start"]
        constraints = [models.UniqueConstraint(fields=["team_plan", "week_start"], name="one_team_week")]


class TeamPlanComment(models.Model):
    """A leader's comment on a published team plan."""

    team_plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("accounts.Staff", verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


# 客户经理的计划: reviewed by his market manager.


class MonthlyPlanQuerySet(RestrictedQuerySet):
    def of_month(self, month: date):
        """The monthly plans of one month."""
        return self.filter(month=first_of_month(month))


class MonthlyPlan(models.Model):
    """A customer manager's monthly work plan (客户经理月工作计划): one per manager and month, in versions.

    `in_force` is the last approved version (None until one is); `first_submitted_at` is when version 1 was first
    submitted, which decides whether the plan was late (docs/definitions.md#plan-deadlines).
    """

    owner = models.ForeignKey(
        "accounts.Staff", verbose_name=_("customer manager"), on_delete=models.PROTECT, related_name="monthly_plans"
    )
    month = models.DateField(_("month"), validators=[check_first_of_month])
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    in_force = models.ForeignKey(
        "PlanVersion",
        verbose_name=_("version in force"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MonthlyPlanQuerySet.as_manager()
    access_rule = ReviewedByTeamLead(owner_field="owner")

    class Meta:
        verbose_name = _("monthly plan")
        verbose_name_plural = _("monthly plans")
        ordering = ["-month", "owner__code"]
        constraints = [models.UniqueConstraint(fields=["owner", "month"], name="one_monthly_plan_per_owner_month")]

    def __str__(self) -> str:
        return f"{self.owner} {self.month:%Y-%m}"

    def latest_version(self) -> "PlanVersion":
        """The newest version: the one being written, waiting for review, or the approved one (a plan is made with
        its version 1, so there always is one)."""
        return self.versions.order_by("-number")[0]

    def working_version(self) -> "PlanVersion":
        """The version that guides the work: the one in force, or the newest while none was approved."""
        return self.in_force or self.latest_version()


class PlanVersionQuerySet(RestrictedQuerySet):
    def waiting(self):
        """Versions submitted and not decided yet."""
        return self.filter(review_state=ReviewState.SUBMITTED)


class PlanVersion(Reviewable):
    """One version of a monthly plan: its content, reviewed as a whole."""

    plan = models.ForeignKey(MonthlyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    summary = models.TextField(_("summary"), blank=True)
    taken_tasks = models.ManyToManyField(
        CultivationTask, verbose_name=_("cultivation tasks taken"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanVersionQuerySet.as_manager()
    access_rule = ReviewedByTeamLead(owner_field="plan__owner")

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class Problem(models.Model):
    """A problem found in 分析 for one key point: the report that shows it, its cause, the actions planned."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="problems")
    line = models.PositiveIntegerField(_("line"))  # the same problem keeps its line across versions
    key_point = models.CharField(_("key point"), max_length=16, choices=KeyPoint.choices)
    title = models.CharField(_("problem found"), max_length=200)
    report_url = models.CharField(
        _("report link"), max_length=1000, blank=True, validators=[check_local_link]
    )  # a report with its parameters, e.g. /analysis/distribution-rate/?brand_set=3
    cause = models.TextField(_("cause"), blank=True)
    actions = models.TextField(_("actions"), blank=True)

    class Meta:
        ordering = ["key_point", "line"]
        constraints = [models.UniqueConstraint(fields=["version", "line"], name="one_problem_line")]

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    """A task of the plan (计划事项): what, for which customer or customer set, in which week, on which day, done.

    The week is the 周工作安排; the day the 日安排, set when the week is split into days; `is_done` is ticked by 实施.
    """

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    line = models.PositiveIntegerField(_("line"))  # the same task keeps its line across versions
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    description = models.CharField(_("task"), max_length=300)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer_set = models.ForeignKey(
        "customers.CustomerSet",
        verbose_name=_("customer set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    week_start = models.DateField(_("week"), validators=[check_monday])
    day = models.DateField(_("day"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["week_start", "day", "line"]
        constraints = [models.UniqueConstraint(fields=["version", "line"], name="one_item_line")]

    def __str__(self) -> str:
        return self.description

    def clean(self):
        if self.day and self.week_start and not (0 <= (self.day - self.week_start).days <= 6):
            raise ValidationError({"day": _("The day is not in the task's week.")})


class WeekSplit(models.Model):
    """That a customer manager split one week of his plan into days (日安排), and when: the week's deadline."""

    plan = models.ForeignKey(MonthlyPlan, on_delete=models.CASCADE, related_name="week_splits")
    week_start = models.DateField(_("week"), validators=[check_monday])
    split_at = models.DateTimeField(_("split at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "week_start"], name="one_week_split")]
