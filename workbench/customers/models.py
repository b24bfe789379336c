"""Retail customers (零售客户), their classification (中烟销网〔2008〕52号) and 档位 history."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


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


CREDIT_CLASS_WORDS: dict = {}


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


class CustomerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Customers the user may see (the one place that decides: accounts.access)."""
        from workbench.accounts.access import visible_customers

        return visible_customers(user, self)

    def in_business(self, start: date, end: date):
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
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = CustomerQuerySet.as_manager()

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
