"""实施 (Implement): what the customer manager records in the field — the visit (拜访情况反馈) with the customer's
requests (诉求), and 市场机会 (market opportunities). docs/definitions.md#visits.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.accounts.access import RestrictedQuerySet, Territory
from workbench.lib.stale import Versioned
from workbench.visits.photos import photo_path, private_storage


class VisitMode(models.TextChoices):
    """How the customer manager reached the customer (docs/definitions.md#visits)."""

    FIELD = "field", _("In person")  # 实地拜访
    PHONE = "phone", pgettext_lazy("visit mode", "Phone")  # 电话拜访
    ONLINE = "online", pgettext_lazy("visit mode", "Online")  # 网络拜访


class VisitPurpose(models.TextChoices):
    """What a visit was for; a visit has one or more."""

    BRAND_PROMOTION = "brand_promotion", _("Brand promotion")  # 品牌推介
    ORDER_GUIDANCE = "order_guidance", _("Order guidance")  # 订货指导
    INFORMATION = "information", _("Information collection")  # 信息采集
    POLICY = "policy", _("Policy briefing")  # 政策宣传
    DISPLAY = "display", _("Display guidance")  # 陈列指导
    REQUEST_HANDLING = "request_handling", _("Handling a request")  # 诉求处理
    NEW_PRODUCT = "new_product", _("New product follow-up")  # 新品跟踪
    OTHER = "other", pgettext_lazy("visit purpose", "Other")  # 其他


def visit_minutes(start, end) -> int:
    """A visit's length in whole minutes, from its start and end times (the one reading: the hours visited add it)."""
    return max((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute), 0)


class VisitQuerySet(RestrictedQuerySet):
    """Visits; `restrict(user, action)` by the staff member who made them (accounts.access)."""

    def with_request_count(self) -> "VisitQuerySet":
        """Each visit with `request_count`, its requests counted per row: a subquery on the requests' visit index,
        not a join grouped over every column (which made PostgreSQL scan all the requests and customers)."""
        counts = (
            VisitRequest.objects.filter(visit=models.OuterRef("pk"))
            .order_by()
            .values("visit")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(request_count=Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0))


class Visit(models.Model):
    """One visit to a customer (拜访情况反馈), as the customer manager recorded it, often on a phone offline.

    `client_id` is made on the phone when the form opens: sending the same visit again (a retried sync) finds it
    instead of making a second one. The location fields are what the phone reported, never typed in.
    """

    client_id = models.UUIDField(_("id on the phone"), unique=True, editable=False)
    staff = models.ForeignKey(
        "accounts.Staff", verbose_name=_("customer manager"), on_delete=models.PROTECT, related_name="visits"
    )
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="visits"
    )
    planned_visit = models.ForeignKey(
        "visitplans.PlannedVisit",
        verbose_name=_("planned visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="done_by",
    )
    visited_on = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    mode = models.CharField(_("mode"), max_length=10, choices=VisitMode.choices, default=VisitMode.FIELD)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)  # VisitPurpose codes
    # What was found on the three key points (三个要点): the customer, brands, the market.
    business = models.TextField(_("the customer's business"), blank=True)
    brands = models.TextField(_("brands and display"), blank=True)
    market = models.TextField(_("the market around"), blank=True)
    service_content = models.TextField(_("service given"), blank=True)
    service_method = models.TextField(_("how it was given"), blank=True)
    service_effect = models.TextField(_("its effect"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    next_action = models.TextField(_("next action"), blank=True)
    impressions = models.TextField(_("impressions"), blank=True)  # 感受
    start_lat = models.DecimalField(_("latitude at start"), max_digits=9, decimal_places=6, null=True, blank=True)
    start_lng = models.DecimalField(_("longitude at start"), max_digits=9, decimal_places=6, null=True, blank=True)
    start_accuracy_m = models.PositiveIntegerField(_("accuracy at start (m)"), null=True, blank=True)
    start_at = models.DateTimeField(_("located at start"), null=True, blank=True)
    end_lat = models.DecimalField(_("latitude at end"), max_digits=9, decimal_places=6, null=True, blank=True)
    end_lng = models.DecimalField(_("longitude at end"), max_digits=9, decimal_places=6, null=True, blank=True)
    end_accuracy_m = models.PositiveIntegerField(_("accuracy at end (m)"), null=True, blank=True)
    end_at = models.DateTimeField(_("located at end"), null=True, blank=True)
    # From the customer's coordinates to the nearer of the two stamps (docs/definitions.md#visits).
    distance_m = models.PositiveIntegerField(_("distance to the customer (m)"), null=True, blank=True)
    is_far = models.BooleanField(_("far from the customer"), default=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()
    access_rule = Territory("staff")

    class Meta:
        ordering = ["-visited_on", "-start_time", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["staff", "visited_on"], name="visit_staff_day"),
            models.Index(fields=["customer", "visited_on"], name="visit_customer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.visited_on}"

    @property
    def minutes(self) -> int:
        """The visit's length in whole minutes (end − start; both on the visit's day)."""
        return visit_minutes(self.start_time, self.end_time)


class RequestKind(models.TextChoices):
    """What a customer's request (诉求) is about; complaints are reported apart (评估, 改进)."""

    SUPPLY = "supply", _("Supply")  # 货源
    PRICE = "price", _("Price")  # 价格
    SERVICE = "service", _("Service")  # 服务
    COMPLAINT = "complaint", _("Complaint")  # 投诉
    OTHER = "other", pgettext_lazy("request kind", "Other")  # 其他


class RequestState(models.TextChoices):
    """Where the follow-up of a request stands."""

    OPEN = "open", _("Open")  # 待处理
    FOLLOWING = "following", pgettext_lazy("request state", "Following up")  # 处理中
    RESOLVED = "resolved", _("Resolved")  # 已解决


class VisitRequest(Versioned):
    """A request (诉求) the customer made during a visit, followed up to its resolution (its state is edited with the
    stale guard)."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    text = models.TextField(_("request"))
    state = models.CharField(_("state"), max_length=10, choices=RequestState.choices, default=RequestState.OPEN)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["visit", "id"]
        verbose_name = _("customer request")
        verbose_name_plural = _("customer requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:30]}"


class VisitPhoto(models.Model):
    """A photo taken at a visit: checked by its content (visits/photos.py), kept privately, served only through the
    visit's scope (visits.views.visit_photo)."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), storage=private_storage, upload_to=photo_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=20)  # image/jpeg, image/png or image/webp
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def __str__(self) -> str:
        return f"{self.visit_id} {self.uploaded_at:%Y-%m-%d %H:%M}"


class OpportunityType(models.TextChoices):
    """Kind of event that may create or change demand (docs/definitions.md#market-opportunities)."""

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


class SampleObservationQuerySet(RestrictedQuerySet):
    """Observations; `restrict(user, action)` through the visit's staff member (accounts.access)."""


class SampleObservation(models.Model):
    """One spec observed in a visit to a sample point (信息采集点, YC/T 455.2): the shop's stock, the retail price
    it asks and the days of the last week it was out of stock (docs/definitions.md#sample-observation).

    `customer` and `visited_on` repeat the visit's (written by visits.observations with it): the sample-point
    reports read a period of a city's observations by day and spec without joining the visits.
    """

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="observations")
    spec = models.ForeignKey("catalog.Spec", verbose_name=_("spec"), on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    visited_on = models.DateField(_("visit date"))
    stock_qty = models.PositiveIntegerField(_("stock (cartons)"))  # 库存, 条
    retail_price = models.DecimalField(
        _("retail price (yuan/carton)"), max_digits=10, decimal_places=2, null=True, blank=True
    )  # 零售价, 元/条
    stockout_days = models.PositiveSmallIntegerField(_("stock-out days (last week)"))  # 断货天数, 0–7

    objects = SampleObservationQuerySet.as_manager()
    access_rule = Territory("visit__staff")

    class Meta:
        ordering = ["visit", "spec"]
        verbose_name = _("sample observation")
        verbose_name_plural = _("sample observations")
        constraints = [
            models.UniqueConstraint(fields=["visit", "spec"], name="observation_visit_spec_key"),
            models.CheckConstraint(condition=models.Q(stockout_days__lte=7), name="observation_stockout_days_week"),
            models.CheckConstraint(
                condition=models.Q(retail_price__isnull=True) | models.Q(retail_price__gt=0),
                name="observation_retail_price_positive",
            ),
        ]
        indexes = [
            # The reports: a period's observations (per spec), and a customer's last one of a spec in it.
            models.Index(fields=["visited_on", "spec"], name="observation_day_spec"),
            models.Index(fields=["customer", "spec", "visited_on"], name="observation_customer_spec_day"),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}/{self.spec_id}"
