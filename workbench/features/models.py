"""市场特征 (market features) of a customer, with their history (docs/definitions.md#market-features).

Every change is a new `MarketFeature` row, dated (`valid_from`) and signed (`entered_by`); a customer's features in
force are his row of the highest `version`. Rows are never updated: the history is the rows themselves.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import NOTHING, Action, RestrictedQuerySet, Rule, Territory, Viewer
from workbench.catalog.models import PriceClass
from workbench.lib.fields import model_field
from workbench.lib.stale import Versioned


class RimType(models.TextChoices):
    """商圈类型: the kind of area around the shop."""

    RESIDENTIAL = "residential", _("Residential area")  # 居民区
    COMMERCIAL = "commercial", _("Commercial area")  # 商业区
    TRANSPORT_HUB = "transport_hub", _("Transport hub")  # 交通枢纽
    SCHOOL = "school", _("Near a school")  # 学校周边
    CONSTRUCTION_SITE = "construction_site", _("Construction site")  # 工地
    MARKET_TOWN = "market_town", _("Market town")  # 集镇
    SCENIC_AREA = "scenic_area", _("Scenic area")  # 景区
    OTHER = "other", _("Other")  # 其他


class ConsumerGroup(models.TextChoices):
    """消费群体: who mostly buys there (流动客 passing customers against 固定客 regulars)."""

    TRANSIENT = "transient", _("Mostly passing customers")  # 流动客为主
    REGULAR = "regular", _("Mostly regular customers")  # 固定客为主
    BALANCED = "balanced", _("Both alike")  # 两者相当


class ConsumptionLevel(models.TextChoices):
    """消费层次: the spending level of the shop's customers."""

    HIGH = "high", _("High")  # 高
    MEDIUM = "medium", _("Medium")  # 中
    LOW = "low", _("Low")  # 低


class CustomerFeatureRule(Rule):
    """Market features: seen like their customer (Territory), changed by the customer's own manager only."""

    def __init__(self):
        self.seen = Territory(staff_field="customer__manager", actions=frozenset({Action.VIEW}))

    def q(self, viewer: Viewer, action: Action) -> Q:
        if action == Action.VIEW:
            return self.seen.q(viewer, action)
        if action == Action.CHANGE and viewer.staff is not None:
            return Q(customer__manager=viewer.staff.pk)
        return NOTHING


class MarketFeatureQuerySet(RestrictedQuerySet):
    """Market feature rows; `restrict(user, action)`: view like the customer, change by his manager."""

    def current(self):
        """Only each customer's row in force (his highest version)."""
        latest = MarketFeature.objects.filter(customer=OuterRef("customer")).order_by("-version").values("version")
        return self.filter(version=Subquery(latest[:1]))


# The fields a change compares: a save that changes none of them makes no new row.
FEATURE_FIELDS = (
    "rim_type",
    "consumer_group",
    "consumption_level",
    "opens",
    "closes",
    "is_night_shop",
    "is_chain",
    "area_m2",
    "competitors",
    "price_class",
    "note",
)


def label_of(name: str) -> str:
    """The label of one of the compared fields (its verbose name)."""
    return str(model_field(MarketFeature, name, models.Field).verbose_name)


class MarketFeature(Versioned):
    """One state of a customer's 市场特征, in force from `valid_from` until his next row (version + 1)."""

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="market_features"
    )
    valid_from = models.DateField(_("valid from"))
    entered_by = models.ForeignKey(
        "accounts.Staff",
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    rim_type = models.CharField(_("trade area type"), max_length=20, choices=RimType.choices)  # 商圈类型
    consumer_group = models.CharField(
        _("consumer group"), max_length=10, choices=ConsumerGroup.choices, blank=True
    )  # 消费群体
    consumption_level = models.CharField(
        _("consumption level"), max_length=10, choices=ConsumptionLevel.choices, blank=True
    )  # 消费层次
    opens = models.TimeField(_("opens at"), null=True, blank=True)
    closes = models.TimeField(_("closes at"), null=True, blank=True)
    is_night_shop = models.BooleanField(_("night shop"), default=False)  # 夜店
    is_chain = models.BooleanField(_("chain store"), default=False)  # 连锁
    area_m2 = models.PositiveIntegerField(
        _("area (m²)"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )  # 经营面积
    competitors = models.PositiveSmallIntegerField(
        _("competing outlets nearby"), null=True, blank=True, validators=[MaxValueValidator(999)]
    )  # 周边竞争网点
    price_class = models.PositiveSmallIntegerField(
        _("main price class"), choices=PriceClass.choices, null=True, blank=True
    )  # 主销价类
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = MarketFeatureQuerySet.as_manager()
    access_rule = CustomerFeatureRule()

    class Meta:
        ordering = ["customer", "-version"]
        verbose_name = _("market feature")
        verbose_name_plural = _("market features")
        constraints = [
            # Two saves racing from the same version cannot both make the next row (the stale guard's backstop).
            models.UniqueConstraint(fields=["customer", "version"], name="one_market_feature_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} v{self.version} ({self.valid_from})"

    def clean(self):
        if (self.opens is None) != (self.closes is None):
            field = "closes" if self.closes is None else "opens"
            raise ValidationError({field: _("Give both the opening and the closing time, or neither.")})

    def values(self) -> dict:
        """The compared fields of this row (FEATURE_FIELDS)."""
        return {name: getattr(self, name) for name in FEATURE_FIELDS}

    def changes_from(self, previous: "MarketFeature | None") -> list[str]:
        """The labels of the fields that differ from the previous row (every field set, for the first row)."""
        changed = []
        for name in FEATURE_FIELDS:
            value = getattr(self, name)
            if previous is None:
                if value not in (None, "", False):
                    changed.append(label_of(name))
            elif getattr(previous, name) != value:
                changed.append(label_of(name))
        return changed
