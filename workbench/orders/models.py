"""Order lines (what customers asked for and received) and the monthly summaries analysis reads.

The order-line table is the big one (≈ 20 million rows a year for a city). Its foreign keys carry no
single-column index of their own: each would cost hundreds of MB and every query that needs one is served by a
composite index whose first column is that key.

Nor do these tables' foreign keys have a database constraint (`db_constraint=False`): the import is their only
writer and resolves every customer and spec code against the database in its own transaction, while PostgreSQL's
per-row constraint triggers (fired at commit) cost more than the rest of an orders import together
(docs/performance.md#no-foreign-key-constraints). Django still applies `on_delete`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

CARTONS_PER_CASE = 250  # 1 箱 = 50,000 支 = 250 条


class OrderLine(models.Model):
    """One line of a customer's weekly order: demand (需求量), limit (限量), supplied (订购量)."""

    order_no = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )
    spec = models.ForeignKey(
        "catalog.Spec",
        verbose_name=_("spec"),
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )
    demand_qty = models.IntegerField(_("demand"))  # 需求量, 条
    limit_qty = models.IntegerField(_("limit"), null=True, blank=True)  # 限量, 条; empty = no limit
    order_qty = models.IntegerField(_("ordered"))  # 订购量, 条
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [models.UniqueConstraint(fields=["order_no", "spec"], name="orderline_order_spec_key")]
        indexes = [
            models.Index(fields=["customer", "order_date"], name="orderline_customer_date"),
            models.Index(fields=["spec", "order_date"], name="orderline_spec_date"),
        ]

    def __str__(self) -> str:
        return f"{self.order_no}/{self.spec_id}"


class MonthlyTotals(models.Model):
    """The sums a month of order lines reduces to; kept exact by every import (imports.summaries)."""

    month = models.DateField(_("month"))  # first day of the month
    demand_qty = models.BigIntegerField(_("demand"), default=0)  # Σ 需求量
    limit_qty = models.BigIntegerField(_("limit"), default=0)  # Σ 限量 over lines with a limit
    # Σ 订购量 over lines with a limit (订足率 numerator)
    limited_order_qty = models.BigIntegerField(_("ordered within a limit"), default=0)
    order_qty = models.BigIntegerField(_("ordered"), default=0)  # Σ 订购量
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, default=0)  # Σ 金额
    lines = models.IntegerField(_("lines"), default=0)
    limited_lines = models.IntegerField(_("lines with a limit"), default=0)  # lines with a limit
    demand_lines = models.IntegerField(_("lines with a demand"), default=0)  # lines with 需求量 > 0
    stockout_lines = models.IntegerField(_("stock-out lines"), default=0)  # lines with 需求量 > 0 and 订购量 = 0 (断货)
    short_lines = models.IntegerField(_("short lines"), default=0)  # lines with 订购量 < 需求量
    order_days = models.SmallIntegerField(_("order days"), default=0)  # distinct order dates with 订购量 > 0
    # Bit d-1 set when the customer ordered on day d; OR-ing masks counts distinct days across specs exactly.
    order_day_mask = models.BigIntegerField(_("order days (bit mask)"), default=0)

    class Meta:
        abstract = True


class CustomerSpecMonth(MonthlyTotals):
    """Customer × spec × month totals of the order lines."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )
    spec = models.ForeignKey(
        "catalog.Spec",
        verbose_name=_("spec"),
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("customer spec month")
        verbose_name_plural = _("customer spec months")
        constraints = [
            models.UniqueConstraint(fields=["month", "customer", "spec"], name="customerspecmonth_key"),
        ]
        indexes = [
            # Who ordered a spec set in a period (铺货率, 动销率, 重购率) is read from this index alone on PostgreSQL
            # (an index-only scan; elsewhere `include` is ignored), city-wide (docs/performance.md#summary-indexes).
            models.Index(fields=["spec", "month", "customer"], include=["order_qty"], name="customerspecmonth_spec"),
            # Scope × spec set × period: per customer of the scope, a short range per spec. A (customer, month)
            # index instead made PostgreSQL scan every row of popular specs (docs/performance.md#summary-indexes).
            # Covering too, so that for a small scope PostgreSQL prefers it to the spec index above.
            models.Index(
                fields=["customer", "spec", "month"], include=["order_qty"], name="customerspecmonth_customer"
            ),
            # A month's totals per spec over a whole company (客户供需分析's short specs, its city-wide export): an
            # index-only scan of the period's rows, not a scan of every month (docs/performance.md#summary-indexes).
            models.Index(
                fields=["month", "spec"],
                include=["customer", "demand_qty", "order_qty", "lines"],
                name="customerspecmonth_month",
            ),
        ]

    def __str__(self) -> str:
        # Ids, not codes: naming a summary row must not cost a query per row (the shell, a log line).
        return f"customer {self.customer_id} × spec {self.spec_id} × {self.month:%Y-%m}"


class CustomerMonth(MonthlyTotals):
    """Customer × month totals of the order lines (all specs)."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("customer month")
        verbose_name_plural = _("customer months")
        constraints = [models.UniqueConstraint(fields=["month", "customer"], name="customermonth_key")]
        indexes = [models.Index(fields=["customer", "month"], name="customermonth_customer")]

    def __str__(self) -> str:
        # Ids, not codes: naming a summary row must not cost a query per row (the shell, a log line).
        return f"customer {self.customer_id} × {self.month:%Y-%m}"
