"""The targets on the home page (docs/definitions.md#target-progress): a customer manager's progress on this
month's sales target — done / target, completion, on pace, how much and how many customers are still needed — and
a market manager's team, with who is behind and who is late. web.views reads it (web sits above targets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.accounts.access import may_own_customers, staff_of, writes_team_plans
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import Period, add_months, first_of_month, last_of_month
from workbench.orders.facts import OrderFacts
from workbench.reviews.models import ReviewState
from workbench.targets.baselines import actual_period
from workbench.targets.queries import SalesRow, sales_overview, sales_row_of, working_target


@dataclass(frozen=True)
class Ordering:
    """A manager's customers who ordered this month so far, and 条 and customers who ordered over last month."""

    customers: int = 0
    qty_before: int = 0
    customers_before: int = 0


@dataclass(frozen=True)
class TargetProgress:
    """One customer manager's month against his sales target (its working version), with what is still needed."""

    staff: Staff
    row: SalesRow | None  # None: no target set for the month
    customers_needed: int | None
    is_late: bool

    @property
    def qty_needed(self) -> int | None:
        """Still needed in 条: max(0, target − actual)."""
        if self.row is None or self.row.target_qty is None:
            return None
        return max(0, self.row.target_qty - self.row.actual.order_qty)

    @property
    def amount_needed(self) -> Decimal | None:
        """Still needed in 元: max(0, target − actual)."""
        if self.row is None or self.row.target_amount is None:
            return None
        return max(Decimal("0.00"), self.row.target_amount - self.row.actual.amount)

    @property
    def is_behind(self) -> bool:
        """Behind: on pace is false (None, undefined, is not behind)."""
        return self.row is not None and self.row.is_on_pace is False


def customers_needed(qty_needed: int | None, qty: int, ordering: Ordering) -> int | None:
    """⌈qty_needed ÷ q̄⌉, q̄ the mean 条 per ordering customer this month so far (`qty` 条 ordered), else over last
    month; 0 once the target is met; None without a target or with q̄ undefined or 0."""
    if qty_needed is None:
        return None
    if qty_needed == 0:
        return 0
    customers = ordering.customers
    if not customers:
        qty, customers = ordering.qty_before, ordering.customers_before
    if not customers or not qty:
        return None
    # ⌈needed ÷ (qty ÷ customers)⌉ in whole numbers, so that no rounding of the mean moves the answer.
    return -(-qty_needed * customers // qty)


def ordering_by_manager(manager_ids: list[int], month: date, today: date) -> dict[int, Ordering]:
    """Each manager's Ordering of `month` (to today) and of the month before: three grouped reads."""
    period = actual_period(month, today)
    if period is None or not manager_ids:
        return {}
    customers = Customer.objects.filter(manager_id__in=manager_ids)
    before = Period(add_months(month, -1), last_of_month(add_months(month, -1)))
    now, earlier = OrderFacts(customers, period), OrderFacts(customers, before)
    qty_before = {key[0]: t.order_qty for key, t in earlier.totals(["manager"], measures=("order_qty",)).items()}
    ordering = {key[0]: count for key, count in now.ordering_counts(["manager"]).items()}
    ordering_before = {key[0]: count for key, count in earlier.ordering_counts(["manager"]).items()}
    return {pk: Ordering(ordering.get(pk, 0), qty_before.get(pk, 0), ordering_before.get(pk, 0)) for pk in manager_ids}


def is_late(row: SalesRow | None, deadline: date, today: date) -> bool:
    """Late: the deadline is over and no version of the month's target is in force or waiting for review."""
    if today <= deadline:
        return False
    if row is None or row.target is None:
        return True
    waiting = row.newest is not None and row.newest.review_state == ReviewState.SUBMITTED
    return not row.target.is_in_force and not waiting


def my_progress(user, today: date, deadline: date) -> TargetProgress | None:
    """A customer manager's progress on this month's target; None for a user who owns no customers."""
    staff = staff_of(user)
    if staff is None or not may_own_customers(staff.role):
        return None
    month = first_of_month(today)
    target = working_target(staff, month)
    if target is None:
        return TargetProgress(staff, None, None, is_late(None, deadline, today))
    row = sales_row_of(target, today)
    ordering = ordering_by_manager([staff.pk], month, today).get(staff.pk, Ordering())
    needed = TargetProgress(staff, row, None, False).qty_needed
    found = customers_needed(needed, row.actual.order_qty, ordering)
    return TargetProgress(staff, row, found, is_late(row, deadline, today))


def team_progress(user, today: date, deadline: date) -> list[TargetProgress]:
    """A market manager's team: every customer manager he sees with his progress (empty for other roles)."""
    staff = staff_of(user)
    if staff is None or not writes_team_plans(staff.role):
        return []
    month = first_of_month(today)
    teams, _total = sales_overview(user, month, today)
    rows = [row for team in teams for row in team.rows]
    ordering = ordering_by_manager([row.staff.pk for row in rows if row.staff], month, today)
    progress = []
    for row in rows:
        assert row.staff is not None  # a manager's row, not a sum
        shown = row if row.target is not None else None
        needed = TargetProgress(row.staff, shown, None, False).qty_needed
        progress.append(
            TargetProgress(
                row.staff,
                shown,
                customers_needed(needed, row.actual.order_qty, ordering.get(row.staff.pk, Ordering())),
                is_late(shown, deadline, today),
            )
        )
    return progress
