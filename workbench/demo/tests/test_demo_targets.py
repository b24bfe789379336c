"""The demo's targets: every month and state a page shows, the same targets on a second run."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from workbench.accounts.models import Staff
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.targets import generate_targets
from workbench.reviews.models import ReviewState
from workbench.targets.models import ImprovementTarget, KpiTarget, SalesTarget

pytestmark = pytest.mark.django_db


def picture() -> list[tuple]:
    """The targets as comparable rows, without ids or timestamps."""
    sales = SalesTarget.objects.order_by("staff__code", "month", "number").values_list(
        "staff__code", "month", "number", "qty", "amount", "review_state", "is_in_force"
    )
    improvements = ImprovementTarget.objects.order_by("customer__code", "month", "metric").values_list(
        "customer__code", "month", "metric", "baseline", "target"
    )
    return [*sales, *improvements]


def test_the_tiny_city_gets_targets_for_three_past_months_and_the_current_one(tmp_path):
    # given the tiny city loaded with orders to 31 March 2025
    out = StringIO()
    with translation.override("en"):
        call_command("demo", "--preset", "tiny", "--end", "2025-03-31", "--dir", str(tmp_path), stdout=out)
    managers = Staff.objects.customer_managers().filter(is_active=True).count()
    teams = Staff.objects.market_managers().filter(is_active=True).count()

    # then one sales target per customer manager and month, Dec 2024 – Mar 2025
    months = sorted(set(SalesTarget.objects.values_list("month", flat=True)))
    assert months == [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    assert SalesTarget.objects.filter(number=1).count() == 4 * managers
    # the first approved target of the current month was raised by 5 % afterwards: version 2 waits, 1 in force
    (changed,) = SalesTarget.objects.filter(number=2)
    in_force = SalesTarget.objects.get(staff=changed.staff, month=changed.month, number=1)
    assert (changed.month, changed.review_state, changed.is_in_force) == (date(2025, 3, 1), "submitted", False)
    assert (in_force.review_state, in_force.is_in_force) == ("approved", True)
    assert changed.qty == int((in_force.qty * Decimal("1.05")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    # every other approved target is the one in force of its month
    assert not SalesTarget.objects.filter(review_state="approved", is_in_force=False).exists()
    # past months approved; the current month's states taken in turn over the managers
    assert set(SalesTarget.objects.exclude(month=date(2025, 3, 1)).values_list("review_state", flat=True)) == {
        "approved"
    }
    current = set(SalesTarget.objects.filter(month=date(2025, 3, 1)).values_list("review_state", flat=True))
    assert current == set(ReviewState.values)
    assert SalesTarget.objects.filter(review_state=ReviewState.RETURNED).exclude(return_comment="").exists()
    # two improvement targets per manager in February and March; a KPI target per team
    assert ImprovementTarget.objects.count() == 2 * 2 * managers
    assert KpiTarget.objects.count() == teams
    assert f"Targets: {4 * managers} sales targets" in out.getvalue()

    # when generated again, the same targets
    first = picture()
    generate_targets(end=date(2025, 3, 31), seed=DEFAULT_SEED)
    assert picture() != []
    assert picture() == first
