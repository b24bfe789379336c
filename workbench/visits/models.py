"""实施 (Implement): what the customer manager records in the field — for now 市场机会 (market opportunities).

Visit feedback, scorecards and market features join this module later (domain.md §7).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.accounts.access import RestrictedQuerySet, Territory


class OpportunityType(models.TextChoices):
    """Kind of event that may create or change demand (domain.md §7.3)."""

    NEW_RESIDENTIAL = "new_residential", _("New residential block")  # 新建小区
    CONSTRUCTION_SITE = "construction_site", _("Construction site")  # 工地
    NEW_SHOP = "new_shop", _("New shop")  # 新开店
    EVENT = "event", _("Exhibition or event")  # 展会活动
    HOLIDAY_PEAK = "holiday_peak", _("Holiday peak")  # 节假日
    DEMOLITION = "demolition", _("Demolition")  # 拆迁
    COMPETITOR_CLOSING = "competitor_closing", _("Competitor closing")  # 竞争店关闭
    CONSUMER_REQUEST = "consumer_request", _("Consumer request")  # 消费者需求
    OTHER = "other", _("Other")  # 其他


class OpportunityStatus(models.TextChoices):
    """Where the follow-up of a market opportunity stands."""

    PENDING = "pending", _("Pending")  # 待跟进
    FOLLOWING = "following", _("Following up")  # 跟进中
    CONVERTED = "converted", _("Converted")  # 已转化
    DROPPED = "dropped", _("Dropped")  # 放弃


CLOSED_STATUSES = (OpportunityStatus.CONVERTED, OpportunityStatus.DROPPED)


class MarketOpportunityQuerySet(RestrictedQuerySet):
    """Opportunities; `restrict(user, action)` by the staff member who found them (accounts.access)."""


class MarketOpportunity(models.Model):
    """A 市场机会 (market opportunity): an event a manager spots that may create or change demand."""

    staff = models.ForeignKey(
        "accounts.Staff", verbose_name=_("found by"), on_delete=models.PROTECT, related_name="market_opportunities"
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="market_opportunities",
    )
    area = models.CharField(_("area"), max_length=100, blank=True)  # 区域 / 商圈
    type = models.CharField(_("type"), max_length=20, choices=OpportunityType.choices)
    description = models.TextField(_("description"))
    related_specs = models.ManyToManyField(
        "catalog.Spec", verbose_name=_("related specs"), blank=True, related_name="market_opportunities"
    )
    estimated_qty = models.PositiveIntegerField(_("estimated demand (cartons/week)"), null=True, blank=True)  # 条/周
    found_on = models.DateField(_("found on"))
    status = models.CharField(
        _("status"), max_length=10, choices=OpportunityStatus.choices, default=OpportunityStatus.PENDING
    )
    action = models.TextField(_("action taken"), blank=True)  # 跟进措施
    result = models.TextField(_("result"), blank=True)  # 结果
    # 关闭日期: when the follow-up ended; the context keeps it apart from a customer's 注销日期 (same English words).
    closed_on = models.DateField(pgettext_lazy("market opportunity", "closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MarketOpportunityQuerySet.as_manager()
    # Found by a staff member: visible when he is in the user's scope (his own for a customer manager).
    access_rule = Territory("staff")

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("market opportunity")
        verbose_name_plural = _("market opportunities")
        indexes = [models.Index(fields=["staff", "found_on"], name="opportunity_staff_found")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.found_on})"

    def clean(self):
        errors = {}
        if self.closed_on is not None and self.found_on is not None and self.closed_on < self.found_on:
            errors["closed_on"] = _("An opportunity cannot be closed before it was found.")
        if self.status in CLOSED_STATUSES and self.closed_on is None:
            errors["closed_on"] = _("Give the date a converted or dropped opportunity was closed.")
        if self.status not in CLOSED_STATUSES and self.closed_on is not None:
            errors["closed_on"] = _("Only a converted or dropped opportunity has a closing date.")
        if errors:
            raise ValidationError(errors)
