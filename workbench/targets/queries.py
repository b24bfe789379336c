"""What the 目标 screens read: each customer manager's target of a month beside his forecast, his actual, the
completion and the pace; teams and the whole scope as sums (docs/definitions.md#targets-and-forecast).

A fixed number of queries whatever the number of managers: the staff, their targets, two grouped reads for the
forecasts and one for the actuals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from workbench.accounts.access import Action
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.numbers import per_carton, rate
from workbench.lib.periods import Period, last_of_month, working_days
from workbench.orders.facts import OrderFacts, Totals
from workbench.targets.baselines import actual_period, actuals, is_met
from workbench.targets.forecast import Forecast, forecasts_by_manager, sum_forecasts
from workbench.targets.models import ImprovementTarget, KpiMetric, KpiTarget, SalesTarget, working_and_newest


@dataclass(frozen=True)
class Pace:
    """Working days of the month, those elapsed to today, and the share of the target expected by now."""

    working_days: int
    elapsed: int

    @property
    def share(self) -> float | None:
        """elapsed ÷ working days (None for a month without working days)."""
        return rate(self.elapsed, self.working_days)


def pace_of(month: date, today: date) -> Pace:
    """The month's working days and those elapsed by `today` (today included; every one for a past month)."""
    days = working_days(Period(month, last_of_month(month)))
    return Pace(len(days), sum(1 for day in days if day <= today))


def on_pace(actual, target, pace: Pace) -> bool | None:
    """on_pace: actual ÷ (target × elapsed ÷ working days) ≥ 1; None without a target or an elapsed working day."""
    if not target or not pace.elapsed or not pace.working_days:
        return None
    return Decimal(actual) * pace.working_days >= Decimal(target) * pace.elapsed


@dataclass
class SalesRow:
    """One customer manager's month (or a team's, or the scope's: sums)."""

    label: str
    staff: Staff | None
    target: SalesTarget | None  # the working version: its figures are the row's
    forecast: Forecast
    actual: Totals
    pace: Pace
    target_qty: int | None = None
    target_amount: Decimal | None = None
    states: dict = field(default_factory=dict)  # a team's count of targets per state
    newest: SalesTarget | None = None  # the newest version: its state is the row's

    @property
    def pending(self) -> SalesTarget | None:
        """A newer version than the one in force, waiting to be approved (None when there is none)."""
        if self.newest is None or self.target is None or self.newest.pk == self.target.pk:
            return None
        return self.newest

    @property
    def target_value_per_carton(self) -> Decimal | None:
        return None if self.target_qty is None else per_carton(self.target_amount, self.target_qty)

    @property
    def actual_value_per_carton(self) -> Decimal | None:
        return per_carton(self.actual.amount, self.actual.order_qty)

    @property
    def qty_completion(self) -> float | None:
        """target_completion of 条."""
        return rate(self.actual.order_qty, self.target_qty)

    @property
    def amount_completion(self) -> float | None:
        """target_completion of 金额."""
        return rate(self.actual.amount, self.target_amount)

    @property
    def value_per_carton_completion(self) -> float | None:
        """target_completion of 单条值: actual 单条值 ÷ target 单条值."""
        target = self.target_value_per_carton
        actual = per_carton(self.actual.amount, self.actual.order_qty, exact=True)
        return None if actual is None else rate(actual, target)

    @property
    def is_on_pace(self) -> bool | None:
        """on_pace of 条."""
        return on_pace(self.actual.order_qty, self.target_qty, self.pace)

    def as_export(self) -> dict:
        """The row as the Excel export writes it."""
        return {
            "label": self.label,
            "state": self.newest.get_review_state_display() if self.newest else "",
            "forecast_qty": self.forecast.qty,
            "forecast_amount": self.forecast.amount,
            "target_qty": self.target_qty,
            "target_amount": self.target_amount,
            "target_value_per_carton": self.target_value_per_carton,
            "actual_qty": self.actual.order_qty,
            "actual_amount": self.actual.amount,
            "qty_completion": self.qty_completion,
            "amount_completion": self.amount_completion,
            "on_pace": "" if self.is_on_pace is None else ("✓" if self.is_on_pace else "✗"),
        }


@dataclass
class Team:
    """A team of customer managers with its sum row."""

    name: str
    rows: list[SalesRow]
    total: SalesRow


def actuals_by_manager(manager_ids: list[int], month: date, today: date) -> dict[int, Totals]:
    """Σ 订购量 and 金额 of each manager's customers in `month` up to today (one grouped read)."""
    period = actual_period(month, today)
    if period is None or not manager_ids:
        return {}
    facts = OrderFacts(Customer.objects.filter(manager_id__in=manager_ids), period)
    return {key[0]: totals for key, totals in facts.totals(["manager"], measures=("order_qty", "amount")).items()}


def _sum_row(label: str, rows: list[SalesRow], month: date, pace: Pace) -> SalesRow:
    actual = Totals()
    for row in rows:
        actual += row.actual
    targets = [row for row in rows if row.target_qty is not None]
    states: dict = {}
    for row in rows:
        if row.newest:
            states[row.newest.review_state] = states.get(row.newest.review_state, 0) + 1
    return SalesRow(
        label=label,
        staff=None,
        target=None,
        forecast=sum_forecasts([row.forecast for row in rows], month),
        actual=actual,
        pace=pace,
        target_qty=sum(row.target_qty or 0 for row in targets) if targets else None,
        target_amount=sum((row.target_amount or Decimal(0) for row in targets), Decimal("0.00")) if targets else None,
        states=states,
    )


def sales_overview(user, month: date, today: date) -> tuple[list[Team], SalesRow]:
    """Every customer manager the user sees, by team: his target, forecast, actual; team sums and the total."""
    managers = list(
        Staff.objects.restrict(user, Action.VIEW)
        .customer_managers()
        .filter(is_active=True)
        .select_related("org_unit")
        .order_by("org_unit__path", "code")
    )
    ids = [manager.pk for manager in managers]
    targets = {
        staff_id: versions
        for (staff_id, _month), versions in working_and_newest(
            SalesTarget.objects.filter(staff_id__in=ids, month=month)
        ).items()
    }
    forecasts = forecasts_by_manager(ids, month)
    actual = actuals_by_manager(ids, month, today)
    pace = pace_of(month, today)
    teams: dict[int, Team] = {}
    for manager in managers:
        target, newest = targets.get(manager.pk, (None, None))
        row = SalesRow(
            label=str(manager),
            staff=manager,
            target=target,
            forecast=forecasts[manager.pk],
            actual=actual.get(manager.pk, Totals()),
            pace=pace,
            target_qty=target.qty if target else None,
            target_amount=target.amount if target else None,
            newest=newest,
        )
        team = teams.setdefault(manager.org_unit_id, Team(manager.org_unit.name, [], None))  # type: ignore[arg-type]
        team.rows.append(row)
    for team in teams.values():
        team.total = _sum_row(team.name, team.rows, month, pace)
    every_row = [row for team in teams.values() for row in team.rows]
    return list(teams.values()), _sum_row("", every_row, month, pace)


def working_target(staff: Staff, month: date) -> SalesTarget | None:
    """The working version of the manager's target of `month` (docs/definitions.md#sales-target-versions)."""
    found = working_and_newest(SalesTarget.objects.filter(staff=staff, month=month))
    return found[(staff.pk, month)][0] if found else None


def sales_row_of(target: SalesTarget, today: date) -> SalesRow:
    """One version's row: its figures beside its owner's forecast and actual of its month."""
    forecast = forecasts_by_manager([target.staff_id], target.month)[target.staff_id]
    actual = actuals_by_manager([target.staff_id], target.month, today).get(target.staff_id, Totals())
    return SalesRow(
        label=str(target.staff),
        staff=target.staff,
        target=target,
        forecast=forecast,
        actual=actual,
        pace=pace_of(target.month, today),
        target_qty=target.qty,
        target_amount=target.amount,
        newest=target,
    )


@dataclass(frozen=True)
class KpiProgress:
    """A KPI target's indicator so far: its numerator and denominator over the target's days up to today."""

    period: Period | None
    customers_ordering: int | None
    customers_in_scope: int | None

    @property
    def value(self) -> float | None:
        """The indicator so far (None before the start, or with no customer in scope)."""
        if self.customers_ordering is None:
            return None
        return rate(self.customers_ordering, self.customers_in_scope)


def kpi_progress(kpi, today: date) -> KpiProgress:
    """The 铺货率 of the target's brand set over the unit's customers in business, from its start to its due date
    (to today while it runs). The other indicators are the reporting layer's (not computed here yet: None)."""
    if kpi.metric != KpiMetric.DISTRIBUTION_RATE or kpi.starts_on > today:
        return KpiProgress(None, None, None)
    period = Period(kpi.starts_on, min(kpi.due_on, today))
    in_business = Customer.objects.filter(manager__org_unit__path__startswith=kpi.unit.path).in_business(
        period.start, period.end
    )
    ordering = OrderFacts(in_business, period, kpi.brand_set.spec_ids()).ordering_counts().get((), 0)
    return KpiProgress(period, ordering, in_business.count())


def kpi_targets_for_specs(
    user, spec_ids: list[int], day: date, metric: str | None = None, using: str = "default"
) -> list:
    """The KPI targets the user sees that are running on `day` for a brand set holding any of `spec_ids` (of one
    indicator when `metric` is given; read from the database `using`, a report's replica): what a 铺货率 chart of
    those specs draws by default (the 60 % line of the seed's 七匹狼(软通泰) example)."""
    kpis = KpiTarget.objects.db_manager(using).restrict(user, Action.VIEW)
    if metric is not None:
        kpis = kpis.filter(metric=metric)
    return list(
        kpis.filter(brand_set__specs__in=spec_ids, starts_on__lte=day, due_on__gte=day)
        .select_related("brand_set", "unit")
        .distinct()
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class ImprovementRow:
    """One improvement target of a list with its actual so far and whether it is met (target_met)."""

    target: ImprovementTarget
    actual: Decimal | None
    met: bool


def improvement_rows(user, month: date, today: date, customer_code: str = "") -> list[ImprovementRow]:
    """The improvement targets of `month` for the customers the user sees (one customer's with `customer_code`),
    each with its actual over the month to today (docs/definitions.md#improvement-target), as the list shows them."""
    targets = (
        ImprovementTarget.objects.restrict(user, Action.VIEW)
        .filter(month=month)
        .select_related("customer", "customer__manager", "spec", "brand_set")
    )
    if customer_code:
        targets = targets.filter(customer__code=customer_code)
    chosen = list(targets)
    actual = actuals(chosen, today)
    return [ImprovementRow(target, actual[target.pk], is_met(actual[target.pk], target.target)) for target in chosen]
