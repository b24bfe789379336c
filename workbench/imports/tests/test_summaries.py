"""The monthly summaries stay exactly equal to their lines through imports, re-imports and corrections."""

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from workbench.customers.models import Customer
from workbench.imports.tests.conftest import ORDER_HEADER, imported, write_csv
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine
from workbench.orders.summaries import SUMMARY_COLUMNS, rebuild_all_summaries, refresh_summaries

PRICES = {"6901": Decimal("96"), "6902": Decimal("140"), "6903": Decimal("19.20")}

# Four files imported one after the other: (order_no, date, customer, spec, demand, limit or "", order).
FIRST = [
    ("O1", "2025-01-06", "C001", "6901", 10, 5, 5),
    ("O1", "2025-01-06", "C001", "6902", 3, "", 3),
    ("O2", "2025-01-13", "C001", "6901", 4, "", 0),
    ("O3", "2025-01-13", "C002", "6903", 2, "", 2),
    ("O4", "2025-02-03", "C001", "6901", 6, 6, 6),
]
SECOND = [
    # C001 orders 6901 twice on 20 January (two orders the same day), and once more with nothing supplied.
    ("O5", "2025-01-20", "C001", "6901", 8, 4, 4),
    ("O6", "2025-01-20", "C001", "6901", 1, "", 1),
    ("O7", "2025-01-27", "C001", "6902", 5, 0, 0),
    ("O8", "2025-02-10", "C003", "6902", 7, "", 6),
]
# Corrections: O1 moves to C002 in February with a new quantity; O3's demand changes; O5 moves to 31 January.
THIRD = [
    ("O1", "2025-02-17", "C002", "6901", 10, 5, 4),
    ("O1", "2025-02-17", "C002", "6902", 3, "", 3),
    ("O3", "2025-01-13", "C002", "6903", 9, "", 2),
    ("O5", "2025-01-31", "C001", "6901", 8, 4, 4),
]


def write_lines(path, lines) -> None:
    rows = [ORDER_HEADER]
    for order_no, day, customer, spec, demand, limit, order in lines:
        rows.append([order_no, day, customer, spec, str(demand), str(limit), str(order), "", ""])
    write_csv(path, rows)


def expected_summaries(lines: dict) -> tuple[dict, dict]:
    """Summaries computed here from the rows themselves, as the model's field comments define them."""
    spec_months: dict = defaultdict(lambda: defaultdict(int))
    customer_months: dict = defaultdict(lambda: defaultdict(int))
    spec_days: dict = defaultdict(set)
    customer_days: dict = defaultdict(set)
    for (_, spec), (day, customer, demand, limit, order) in lines.items():
        day = date.fromisoformat(day)
        month = day.replace(day=1)
        for key, totals, days in (
            ((customer, month, spec), spec_months, spec_days),
            ((customer, month), customer_months, customer_days),
        ):
            total = totals[key]
            total["demand_qty"] += demand
            total["limit_qty"] += limit if limit != "" else 0
            total["limited_order_qty"] += order if limit != "" else 0
            total["order_qty"] += order
            total["amount"] += order * PRICES[spec]
            total["lines"] += 1
            total["limited_lines"] += limit != ""
            total["demand_lines"] += demand > 0
            total["stockout_lines"] += demand > 0 and order == 0
            total["short_lines"] += order < demand
            if order > 0:
                days[key].add(day.day)
    for totals, days in ((spec_months, spec_days), (customer_months, customer_days)):
        for key, total in totals.items():
            total["order_days"] = len(days[key])
            total["order_day_mask"] = sum(1 << (day - 1) for day in days[key])
    return (
        {key: dict(total) for key, total in spec_months.items()},
        {key: dict(total) for key, total in customer_months.items()},
    )


FIELDS = list(SUMMARY_COLUMNS)


def stored_summaries() -> tuple[dict, dict]:
    spec_months = {
        (row.pop("customer__code"), row.pop("month"), row.pop("spec__code")): row
        for row in CustomerSpecMonth.objects.values("customer__code", "month", "spec__code", *FIELDS)
    }
    customer_months = {
        (row.pop("customer__code"), row.pop("month")): row
        for row in CustomerMonth.objects.values("customer__code", "month", *FIELDS)
    }
    return spec_months, customer_months


def orm_aggregates() -> dict:
    """Customer × month × spec totals straight from the order lines with the ORM (all but the day mask)."""
    rows = (
        OrderLine.objects.annotate(month=TruncMonth("order_date"))
        .values("customer__code", "month", "spec__code")
        .annotate(
            demand=Sum("demand_qty"),
            limit=Sum("limit_qty", default=0),
            limited_order=Sum("order_qty", filter=Q(limit_qty__isnull=False), default=0),
            order=Sum("order_qty"),
            amount_sum=Sum("amount"),
            line_count=Count("pk"),
            limited=Count("limit_qty"),
            demanded=Count("pk", filter=Q(demand_qty__gt=0)),
            stockout=Count("pk", filter=Q(demand_qty__gt=0, order_qty=0)),
            short=Count("pk", filter=Q(order_qty__lt=F("demand_qty"))),
            days=Count("order_date", distinct=True, filter=Q(order_qty__gt=0)),
        )
    )
    return {
        (row["customer__code"], row["month"], row["spec__code"]): [
            row["demand"],
            row["limit"],
            row["limited_order"],
            row["order"],
            row["amount_sum"],
            row["line_count"],
            row["limited"],
            row["demanded"],
            row["stockout"],
            row["short"],
            row["days"],
        ]
        for row in rows
    }


def assert_summaries_match(lines: dict) -> None:
    spec_months, customer_months = stored_summaries()
    assert (spec_months, customer_months) == expected_summaries(lines)
    assert {key: [row[name] for name in FIELDS[:-1]] for key, row in spec_months.items()} == orm_aggregates()


def apply(lines: dict, batch) -> None:
    """What an upsert does to the lines, in the test's own terms."""
    for order_no, day, customer, spec, demand, limit, order in batch:
        lines[(order_no, spec)] = (day, customer, demand, limit, order)


def test_summaries_follow_imports_reimports_and_corrections(city, tmp_path):
    lines: dict = {}
    for step, batch in enumerate([FIRST, SECOND, FIRST + SECOND, THIRD, THIRD]):
        # when each file is imported
        path = tmp_path / f"orders{step}.csv"
        write_lines(path, batch)
        imported("orders", path)
        apply(lines, batch)

        # then the summaries are those of the lines
        assert_summaries_match(lines)

    # and rebuilding everything from scratch gives the same rows
    before = stored_summaries()
    rebuild_all_summaries()
    assert stored_summaries() == before


def test_the_day_mask_and_day_count(city, tmp_path):
    # given C001's January: ordered on the 6th and 13th (twice that day), demanded but not supplied on the 20th
    write_lines(
        tmp_path / "orders.csv",
        [
            ("O1", "2025-01-06", "C001", "6901", 1, "", 1),
            ("O2", "2025-01-13", "C001", "6901", 1, "", 1),
            ("O3", "2025-01-13", "C001", "6902", 1, "", 1),
            ("O4", "2025-01-20", "C001", "6901", 1, "", 0),
        ],
    )

    imported("orders", tmp_path / "orders.csv")

    month = CustomerMonth.objects.get()
    assert (month.order_days, month.order_day_mask, month.lines, month.stockout_lines) == (
        2,
        (1 << 5) + (1 << 12),
        4,
        1,
    )
    spec_month = CustomerSpecMonth.objects.get(spec__code="6901")
    assert (spec_month.order_days, spec_month.order_day_mask) == (2, (1 << 5) + (1 << 12))


def test_refresh_summaries_after_a_change_outside_the_import(city, tmp_path):
    # given a line, then changed with the ORM
    write_lines(tmp_path / "orders.csv", [("O1", "2025-01-06", "C001", "6901", 5, "", 5)])
    imported("orders", tmp_path / "orders.csv")
    OrderLine.objects.update(order_qty=3, amount=Decimal("288"))
    customer = Customer.objects.get(code="C001")

    # when
    keys = refresh_summaries([(customer.pk, date(2025, 1, 6))])

    # then
    assert keys == 1
    assert CustomerMonth.objects.values_list("order_qty", "amount", "short_lines").get() == (3, Decimal("288.00"), 1)


def test_the_rebuild_command_recomputes_every_summary(city, tmp_path):
    write_lines(tmp_path / "orders.csv", FIRST)
    imported("orders", tmp_path / "orders.csv")
    before = stored_summaries()
    CustomerSpecMonth.objects.all().delete()
    CustomerMonth.objects.update(order_qty=0)

    call_command("rebuild-summaries", stdout=io.StringIO())

    assert stored_summaries() == before


def test_a_file_of_months_without_orders_yet_rebuilds_them_whole(city, tmp_path):
    # given January and February 2025 imported (the first file goes into the empty table)
    lines: dict = {}
    write_lines(tmp_path / "first.csv", FIRST)
    imported("orders", tmp_path / "first.csv")
    apply(lines, FIRST)

    # when a file of April and May follows: months with no summary yet, rebuilt whole rather than key by key
    later = [
        ("O20", "2025-04-07", "C001", "6901", 3, 2, 2),
        ("O20", "2025-04-07", "C001", "6903", 1, "", 1),
        ("O21", "2025-04-30", "C002", "6902", 4, "", 0),
        ("O22", "2025-05-05", "C003", "6902", 2, "", 2),
    ]
    write_lines(tmp_path / "later.csv", later)
    report = imported("orders", tmp_path / "later.csv")
    apply(lines, later)

    # then
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert_summaries_match(lines)


def test_a_load_into_the_empty_table_builds_its_indexes_again(city, tmp_path):
    write_lines(tmp_path / "orders.csv", FIRST)

    report = imported("orders", tmp_path / "orders.csv")

    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, OrderLine._meta.db_table))
    expected = {"orderline_customer_date", "orderline_spec_date"}
    if connection.vendor == "postgresql":
        expected.add("orderline_order_spec_key")  # SQLite's unique key is unnamed, part of the table
    assert expected <= names
    lines: dict = {}
    apply(lines, FIRST)
    assert_summaries_match(lines)
