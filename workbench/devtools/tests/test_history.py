"""double_history: the growth benchmark's copy of the order history, exact down to the summaries."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from workbench.devtools.history import double_history
from workbench.imports.tests.conftest import city, imported  # noqa: F401  (the fixture of the small city)
from workbench.imports.tests.test_summaries import FIRST, SECOND, stored_summaries, write_lines
from workbench.orders.models import CustomerMonth, OrderLine
from workbench.orders.summaries import rebuild_all_summaries


@pytest.mark.usefixtures("city")
def test_doubling_copies_lines_and_summaries_back_by_the_span_in_whole_years(tmp_path):
    # given January and February 2025: a span of one year
    write_lines(tmp_path / "orders.csv", FIRST + SECOND)
    imported("orders", tmp_path / "orders.csv")
    lines_before = OrderLine.objects.count()

    # when
    doubling = double_history()

    # then every line has a copy a year earlier, same day of the month, order number prefixed
    assert (doubling.years, doubling.lines) == (1, lines_before)
    assert OrderLine.objects.count() == 2 * lines_before
    copy = OrderLine.objects.get(order_no="1Y-O5")
    assert (copy.order_date, copy.customer.code, copy.order_qty) == (date(2024, 1, 20), "C001", 4)
    assert sorted(CustomerMonth.objects.values_list("month", flat=True).distinct()) == [
        date(2024, 1, 1),
        date(2024, 2, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]
    # and the copied summaries are exactly those of the copied lines
    copied = stored_summaries()
    rebuild_all_summaries()
    assert stored_summaries() == copied

    # when doubled again, the span is now two years
    assert double_history().years == 2
    assert OrderLine.objects.count() == 4 * lines_before


@pytest.mark.usefixtures("city")
def test_the_command_asks_for_confirmation_and_needs_orders():
    with pytest.raises(CommandError, match="--yes"):
        call_command("double-history", stdout=StringIO())
    with pytest.raises(CommandError, match="No order data"):
        call_command("double-history", "--yes", stdout=StringIO())
