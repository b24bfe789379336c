"""The sales forecast (销售预测), the pre-fill of a monthly sales target: docs/definitions.md#sales-forecast.

For month m and a customer manager's customers: qty(m − 12) × trend, trend = Σ qty of the 3 whole months before m ÷
Σ qty of the same 3 months a year earlier; when either sum is 0, the mean qty of the 3 whole months before m. The
same for the amount; the forecast 单条值 = amount ÷ qty.

Every sum is read through orders.facts.OrderFacts grouped by ("manager", "month"), so the forecast of the whole
city's customer managers costs two grouped queries (months m − 15 … m − 12, and m − 3 … m − 1), whatever their
number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from workbench.customers.models import Customer
from workbench.lib.numbers import CENT, per_carton
from workbench.lib.periods import Period, add_months, first_of_month
from workbench.orders.facts import OrderFacts, Totals

RECENT_MONTHS = 3  # the "3 whole months before m"
TREND = "trend"  # qty(m − 12) × trend
MEAN = "mean"  # the fallback: the mean of the 3 whole months before m


@dataclass(frozen=True)
class Projection:
    """One measure's forecast (条 or 金额) with its workings: the sums read, the trend, the path taken."""

    base: Decimal  # Σ of m − 12
    recent: Decimal  # Σ of the 3 whole months before m
    year_ago: Decimal  # Σ of the same 3 months a year earlier
    method: str  # TREND or MEAN
    trend: Decimal | None  # recent ÷ year_ago; None on the fallback path
    value: Decimal  # the forecast, unrounded


def project(base, recent, year_ago) -> Projection:
    """The forecast of one measure from its three sums (docs/definitions.md#sales-forecast)."""
    base, recent, year_ago = Decimal(base), Decimal(recent), Decimal(year_ago)
    if recent and year_ago:
        trend = recent / year_ago
        return Projection(base, recent, year_ago, TREND, trend, base * recent / year_ago)
    return Projection(base, recent, year_ago, MEAN, None, recent / RECENT_MONTHS)


@dataclass(frozen=True)
class Forecast:
    """The forecast of one month for one scope, with the months its sums come from."""

    month: date
    quantity: Projection  # 条
    amount_projection: Projection  # 金额

    @property
    def qty(self) -> int:
        """forecast_qty: whole 条, rounded half up."""
        return int(self.quantity.value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def amount(self) -> Decimal:
        """forecast_amount: 元, to the cent."""
        return self.amount_projection.value.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def value_per_carton(self) -> Decimal | None:
        """The forecast 单条值 = forecast_amount ÷ forecast_qty (None for a forecast of 0 条)."""
        return per_carton(self.amount, self.qty)

    @property
    def base_month(self) -> date:
        """m − 12: the same month a year earlier."""
        return add_months(self.month, -12)

    @property
    def recent_months(self) -> Period:
        """The 3 whole months before m."""
        return recent_period(self.month)

    @property
    def year_ago_months(self) -> Period:
        """The same 3 months a year earlier."""
        return Period.months_from(add_months(self.month, -12 - RECENT_MONTHS), RECENT_MONTHS)

    def __add__(self, other: Forecast) -> Forecast:
        """A team's forecast: the sum of its members' forecasts as each row shows them (rounded), so that a team's
        figure is the sum of its rows."""
        return Forecast(
            self.month,
            _add(self.quantity, other.quantity, Decimal(self.qty + other.qty)),
            _add(self.amount_projection, other.amount_projection, self.amount + other.amount),
        )


def _add(first: Projection, second: Projection, value: Decimal) -> Projection:
    """Two projections summed into `value`: their sums add up; a trend is shown only when both took that path."""
    method = TREND if first.method == second.method == TREND else MEAN
    year_ago = first.year_ago + second.year_ago
    trend = (first.recent + second.recent) / year_ago if method == TREND and year_ago else None
    return Projection(
        first.base + second.base,
        first.recent + second.recent,
        year_ago,
        method,
        trend,
        value,
    )


def recent_period(month: date) -> Period:
    """The 3 whole months before `month`."""
    return Period.months_from(add_months(month, -RECENT_MONTHS), RECENT_MONTHS)


def year_ago_span(month: date) -> Period:
    """m − 15 … m − 12: the year-ago 3 months and the base month, one run read at once."""
    return Period.months_from(add_months(month, -12 - RECENT_MONTHS), RECENT_MONTHS + 1)


def forecasts_by_manager(manager_ids: Iterable[int] | None, month: date) -> dict[int, Forecast]:
    """The forecast of `month` for each customer manager (by id), from the customers currently assigned to him.

    `manager_ids` None means every manager with customers (the whole city: then no customer filter at all). Two
    grouped reads through OrderFacts; a manager without any order in the months read gets a forecast of 0.
    """
    month = first_of_month(month)
    customers: QuerySet = Customer.objects.all()
    ids = None if manager_ids is None else sorted(set(manager_ids))
    if ids is not None:
        customers = customers.filter(manager_id__in=ids)
    sums: dict[tuple[int, date], Totals] = {}
    for period in (year_ago_span(month), recent_period(month)):
        sums.update(OrderFacts(customers, period).totals(("manager", "month"), measures=("order_qty", "amount")))
    if ids is None:
        ids = sorted({manager_id for manager_id, _month in sums})
    return {manager_id: _forecast_of(month, manager_id, sums) for manager_id in ids}


def _forecast_of(month: date, manager_id: int, sums: dict[tuple[int, date], Totals]) -> Forecast:
    def total(months: list[date], measure: str):
        return sum((getattr(sums[(manager_id, each)], measure) for each in months if (manager_id, each) in sums), 0)

    base = [add_months(month, -12)]
    recent = recent_period(month).months()
    year_ago = Period.months_from(add_months(month, -12 - RECENT_MONTHS), RECENT_MONTHS).months()
    quantity = project(total(base, "order_qty"), total(recent, "order_qty"), total(year_ago, "order_qty"))
    amount = project(total(base, "amount"), total(recent, "amount"), total(year_ago, "amount"))
    return Forecast(month, quantity, amount)


def forecast_for(manager_id: int, month: date) -> Forecast:
    """The forecast of one customer manager's month (see forecasts_by_manager)."""
    return forecasts_by_manager([manager_id], month)[manager_id]


def sum_forecasts(forecasts: Iterable[Forecast], month: date) -> Forecast:
    """The forecast of a team or unit: the sum of its customer managers' forecasts (zero for none)."""
    total: Forecast | None = None
    for forecast in forecasts:
        total = forecast if total is None else total + forecast
    if total is None:
        zero = Projection(Decimal(0), Decimal(0), Decimal(0), MEAN, None, Decimal(0))
        return Forecast(first_of_month(month), zero, zero)
    return total
