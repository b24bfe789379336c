"""Retail customers (零售客户), their classification (中烟销网〔2008〕52号) and 档位 history."""

import operator
import re
from datetime import date
from functools import reduce
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import RestrictedQuerySet, Territory
from workbench.sets.models import SavedSet, saved_set_owner


class Format(models.TextChoices):
    """经营业态 (retail format)."""

    GROCERY = "Z", _("Grocery")  # 食杂店
    CONVENIENCE = "B", _("Convenience store")  # 便利店
    SUPERMARKET = "S", _("Supermarket")  # 超市
    DEPARTMENT_STORE = "N", _("Department store")  # 商场
    TOBACCO_LIQUOR = "Y", _("Tobacco and liquor shop")  # 烟酒商店
    ENTERTAINMENT = "F", _("Entertainment and services")  # 娱乐服务类
    OTHER = "Q", _("Other")  # 其他


FORMAT_WORDS = {
    "Z": ("grocery", "食杂店"),
    "B": ("convenience", "便利店"),
    "S": ("supermarket", "超市"),
    "N": ("department store", "商场"),
    "Y": ("tobacco and liquor", "烟酒商店"),
    "F": ("entertainment", "娱乐服务类"),
    "Q": ("other", "其他"),
}


class MarketType(models.TextChoices):
    """市场类型."""

    URBAN = "C", _("Urban")  # 城镇
    RURAL = "X", _("Rural")  # 乡村


MARKET_TYPE_WORDS = {"C": ("urban", "城镇"), "X": ("rural", "乡村")}


class Scale(models.TextChoices):
    """经营规模."""

    LARGE = "1", _("Large")  # 大
    MEDIUM = "2", _("Medium")  # 中
    SMALL = "3", _("Small")  # 小


SCALE_WORDS = {"1": ("large", "大"), "2": ("medium", "中"), "3": ("small", "小")}


class CreditClass(models.TextChoices):
    """诚信等级."""

    A = "A", _("A – law-abiding")  # 诚信经营户
    B = "B", _("B – minor violations")  # 一般违法户
    C = "C", _("C – serious violations")  # 严重违法户
    W = "W", _("W – licence withdrawn")


class TerminalType(models.TextChoices):
    """终端类型."""

    MODERN = "modern", _("Modern terminal")  # 现代终端
    TRADITIONAL = "traditional", _("Traditional terminal")  # 传统终端


TERMINAL_TYPE_WORDS = {"modern": ("modern", "现代终端"), "traditional": ("traditional", "传统终端")}


class OrderChannel(models.TextChoices):
    """订货方式."""

    ONLINE = "online", _("Online")  # 网上
    PHONE = "phone", _("Phone")  # 电话
    VISIT = "visit", _("Visit")  # 访销


ORDER_CHANNEL_WORDS = {"online": ("online", "网上"), "phone": ("phone", "电话"), "visit": ("visit", "访销")}


class Status(models.TextChoices):
    """客户状态."""

    ACTIVE = "active", _("Active")  # 正常
    SUSPENDED = "suspended", _("Suspended")  # 暂停
    CLOSED = "closed", _("Closed")  # 注销


STATUS_WORDS = {"active": ("active", "正常"), "suspended": ("suspended", "暂停"), "closed": ("closed", "注销")}


def class_code_for(market_type: str, format_code: str, scale: str) -> str:
    """The 42-class code (市场类型 + 业态 + 规模), e.g. CZ1; without a scale, the first two letters."""
    return f"{market_type}{format_code}{scale or ''}"


class CustomerQuerySet(RestrictedQuerySet):
    """Customers; `restrict(user, action)` (accounts.access) narrows them to the user's scope."""

    def in_business(self, start: date, end: date) -> Self:
        """Customers in business during [start, end]: opened by the end, not closed before the start."""
        return self.filter(opened_on__lte=end).filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=start))


class Customer(models.Model):
    """A licensed tobacco retailer (零售客户) served by one customer manager."""

    code = models.CharField(_("customer code"), max_length=32, unique=True)
    license_no = models.CharField(_("licence number"), max_length=32, unique=True)
    name = models.CharField(_("shop name"), max_length=100)
    owner_name = models.CharField(_("owner"), max_length=50, blank=True)
    phone = models.CharField(_("order phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=1, choices=Format.choices)
    market_type = models.CharField(_("market type"), max_length=1, choices=MarketType.choices)
    scale = models.CharField(_("scale"), max_length=1, choices=Scale.choices, blank=True)
    class_code = models.CharField(_("class"), max_length=3, editable=False)
    grade = models.PositiveSmallIntegerField(_("grade"))  # 档位
    credit_class = models.CharField(_("credit class"), max_length=1, choices=CreditClass.choices, blank=True)
    terminal_type = models.CharField(_("terminal type"), max_length=12, choices=TerminalType.choices, blank=True)
    order_channel = models.CharField(_("order channel"), max_length=8, choices=OrderChannel.choices, blank=True)
    manager = models.ForeignKey(
        "accounts.Staff", verbose_name=_("customer manager"), on_delete=models.PROTECT, related_name="customers"
    )
    route = models.CharField(_("route"), max_length=50, blank=True)
    order_weekday = models.PositiveSmallIntegerField(_("order day"), null=True, blank=True)  # 1 = Monday
    # 拜访周期 from customers.csv (optional); an override set in the platform wins (visitplans.CustomerCycle).
    visit_cycle_days = models.PositiveSmallIntegerField(_("visit cycle (days)"), null=True, blank=True)
    # 信息采集点 (YC/T 455.2): marked by an admin or by customers.csv's sample_point column; its visits record stock,
    # retail price and stock-out days per spec (visits.SampleObservation).
    is_sample_point = models.BooleanField(_("sample point"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = CustomerQuerySet.as_manager()
    access_rule = Territory(staff_field="manager")  # a customer is reached through his customer manager

    class Meta:
        ordering = ["code"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.class_code = class_code_for(self.market_type, self.format, self.scale)
        super().save(*args, **kwargs)


class GradeChange(models.Model):
    """One change of a customer's 档位, with the date it took effect (the first row has no `grade_from`)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="grade_changes")
    changed_on = models.DateField(_("effective date"))
    grade_from = models.PositiveSmallIntegerField(_("from grade"), null=True, blank=True)
    grade_to = models.PositiveSmallIntegerField(_("to grade"))

    class Meta:
        ordering = ["customer", "changed_on", "id"]
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.grade_from} → {self.grade_to} ({self.changed_on})"


# A class code (市场类型 + 业态 + 规模, e.g. CZ1); without the scale digit it names both letters only (CZ).
CLASS_CODE_PATTERN = re.compile(r"[CX][ZBSNYFQ][123]?")


class CustomerSetKind(models.TextChoices):
    """How a 客户集 names its customers."""

    FIXED = "fixed", _("Fixed list")  # 固定名单
    RULE = "rule", _("Saved rule")  # 条件规则, evaluated when the set is used


class CustomerSet(SavedSet):
    """A 客户集 (customer set): a named fixed list of customers, or a saved rule evaluated when the set is used.

    A set is private to its owner until a market manager publishes it to his team, or a brand manager to his
    org unit (`shared_with`). Publishing never widens anyone's scope: `customers(user)` always stays inside the
    customers the user may see.
    """

    owner = saved_set_owner(related_name="customer_sets")
    kind = models.CharField(_("kind"), max_length=8, choices=CustomerSetKind.choices, default=CustomerSetKind.FIXED)
    # A fixed list (固定名单).
    members = models.ManyToManyField(Customer, verbose_name=_("customers"), blank=True, related_name="customer_sets")
    # A saved rule (条件规则); an empty criterion matches every customer.
    rule_formats = models.JSONField(_("formats"), default=list, blank=True)  # 业态 codes, e.g. ["Y", "B"]
    rule_market_type = models.CharField(_("market type"), max_length=1, choices=MarketType.choices, blank=True)
    rule_scale = models.CharField(_("scale"), max_length=1, choices=Scale.choices, blank=True)  # 规模
    rule_grade_min = models.PositiveSmallIntegerField(_("lowest grade"), null=True, blank=True)  # 档位 ≥
    rule_grade_max = models.PositiveSmallIntegerField(_("highest grade"), null=True, blank=True)  # 档位 ≤
    rule_status = models.CharField(_("status"), max_length=10, choices=Status.choices, blank=True)
    rule_order_channel = models.CharField(
        _("order channel"), max_length=8, choices=OrderChannel.choices, blank=True
    )  # 订货方式
    rule_class_codes = models.JSONField(_("classes"), default=list, blank=True)  # e.g. ["CY1", "CY2"]
    rule_terminal_type = models.CharField(
        _("terminal type"), max_length=12, choices=TerminalType.choices, blank=True
    )  # 终端类型
    rule_manager = models.ForeignKey(
        "accounts.Staff",
        verbose_name=_("customer manager"),
        null=True,
        blank=True,
        # A rule that silently lost its manager would widen to every manager's customers.
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(SavedSet.Meta):
        verbose_name = _("customer set")
        verbose_name_plural = _("customer sets")

    @property
    def is_rule(self) -> bool:
        """Whether the set is a saved rule (evaluated when used) rather than a fixed list."""
        return self.kind == CustomerSetKind.RULE

    def clean(self):
        errors = {}
        if not set(self.rule_formats or []) <= set(Format.values):
            errors["rule_formats"] = _("Unknown format code.")
        if any(not CLASS_CODE_PATTERN.fullmatch(code) for code in self.rule_class_codes or []):
            errors["rule_class_codes"] = _("A class code is a market type, a format and an optional scale, e.g. CZ1.")
        if self.rule_grade_min is not None and self.rule_grade_max is not None:
            if self.rule_grade_min > self.rule_grade_max:
                errors["rule_grade_max"] = _("The highest grade must not be below the lowest grade.")
        if errors:
            raise ValidationError(errors)

    def rule_q(self) -> models.Q:
        """The saved rule as a filter on Customer; criteria left empty do not narrow."""
        q = models.Q()
        if self.rule_formats:
            q &= models.Q(format__in=self.rule_formats)
        if self.rule_market_type:
            q &= models.Q(market_type=self.rule_market_type)
        if self.rule_scale:
            q &= models.Q(scale=self.rule_scale)
        if self.rule_grade_min is not None:
            q &= models.Q(grade__gte=self.rule_grade_min)
        if self.rule_grade_max is not None:
            q &= models.Q(grade__lte=self.rule_grade_max)
        if self.rule_status:
            q &= models.Q(status=self.rule_status)
        if self.rule_order_channel:
            q &= models.Q(order_channel=self.rule_order_channel)
        if self.rule_class_codes:
            # A two-letter code (market type + format) stands for every scale of that class.
            q &= reduce(
                operator.or_,
                (
                    models.Q(class_code=code) if len(code) == 3 else models.Q(class_code__startswith=code)
                    for code in self.rule_class_codes
                ),
            )
        if self.rule_terminal_type:
            q &= models.Q(terminal_type=self.rule_terminal_type)
        if self.rule_manager_id is not None:
            q &= models.Q(manager_id=self.rule_manager_id)
        return q

    def customers(self, user) -> CustomerQuerySet:
        """The set's customers that the user may see: a published set never widens anyone's scope."""
        visible = Customer.objects.restrict(user, "view")
        if self.is_rule:
            return visible.filter(self.rule_q())
        # A subquery rather than a join, so the result has no duplicates and composes with any other filter.
        member_ids = CustomerSet.members.through.objects.filter(customerset_id=self.pk).values("customer_id")
        return visible.filter(pk__in=member_ids)
