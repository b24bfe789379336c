"""The spec list, its Excel export and the spec page: every user sees specs, sales figures are scoped."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workbench import testing
from workbench.orders.models import CustomerSpecMonth, OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS


def listed_codes(response) -> list[str]:
    """The spec codes on the list page, in order."""
    return [spec.code for spec in response.context["page"].object_list]


def exported_table(response) -> tuple[list, list[list]]:
    """The header row and the data rows of an exported sheet (the rows after the first empty row)."""
    rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    blank = next(index for index, row in enumerate(rows) if all(value is None for value in row))
    return rows[blank + 1], rows[blank + 2 :]


@pytest.fixture
def specs(db):
    """Five specs: two 南京 (in province), two 七匹狼 (out of province), one 中华 no longer on sale."""
    return {
        "red": testing.make_spec(
            "6901028300063",
            name="南京(红)",
            brand="南京",
            transfer_price="80",
            is_in_province=True,
            launched_on=date(2010, 1, 1),
        ),
        "rain": testing.make_spec(
            "6901028300200", name="南京(雨花石)", brand="南京", transfer_price="400", is_in_province=True
        ),
        "soft": testing.make_spec(
            "6901028300100", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="40", is_in_province=False
        ),
        "white": testing.make_spec(
            "6901028300101", name="七匹狼(白)", brand="七匹狼", transfer_price="20", is_in_province=False
        ),
        "china": testing.make_spec(
            "6901028300300", name="中华(硬)", brand="中华", transfer_price="120", is_on_sale=False
        ),
    }


def spec_summary(**values) -> CustomerSpecMonth:
    """A customer's monthly summary of one spec as the import writes it: it sums at least one order line."""
    return CustomerSpecMonth.objects.create(**{"lines": 1, **values})


# ---- access ----------------------------------------------------------------------------------------------------------

# Specs are not scoped: every staff member opens every page (only the sales figures on them are); anonymous logs in.
EVERY_STAFF_MEMBER = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}

test_spec_list_access = testing.view_matrix(reverse("catalog:spec_list"), EVERY_STAFF_MEMBER)
test_spec_export_access = testing.view_matrix(reverse("catalog:spec_export"), EVERY_STAFF_MEMBER)
test_spec_page_access = testing.view_matrix(
    lambda specs: reverse("catalog:spec_detail", args=[specs["red"].code]), EVERY_STAFF_MEMBER
)


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_every_persona_sees_every_spec(client, request, specs, persona):
    # given
    testing.login_as(client, request, persona)

    # when
    listing = client.get(reverse("catalog:spec_list"))

    # then
    assert listed_codes(listing) == [
        "6901028300063",
        "6901028300100",
        "6901028300101",
        "6901028300200",
        "6901028300300",
    ]


def test_unknown_spec_is_404(client, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when / then
    assert client.get(reverse("catalog:spec_detail", args=["nope"])).status_code == 404


# C001 and C002 belong to CM1, C003 to CM2 (same team), C004 to CM3 (team T2). Each buys a power of two, so a sum
# names exactly the customers behind it.
QTY = {"C001": 1, "C002": 2, "C003": 4, "C004": 8}
SCOPE_FIGURES = {
    # persona: (qty, customers ordering, customers in scope)
    "customer_manager": (3, 2, 2),
    "colleague": (4, 1, 1),
    "market_manager": (7, 3, 3),
    "outsider": (8, 1, 1),
    "leader": (15, 4, 4),
    "brand_manager": (15, 4, 4),
    "admin_staff": (15, 4, 4),
}


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_spec_page_figures_are_restricted_to_the_scope(client, request, customers, specs, persona):
    # given
    for code, customer in zip(["C001", "C002", "C003", "C004"], customers.values(), strict=True):
        spec_summary(
            customer=customer,
            spec=specs["red"],
            month=date(2026, 2, 1),
            order_qty=QTY[code],
            amount=Decimal(QTY[code] * 96),
        )
    testing.login_as(client, request, persona)

    # when
    response = client.get(reverse("catalog:spec_detail", args=["6901028300063"]), {"until": "2026-02"})

    # then
    february = response.context["months"][-1]
    qty, ordering, in_scope = SCOPE_FIGURES[persona]
    assert february.month == date(2026, 2, 1)
    assert (february.qty, february.customers_ordering, february.customers_in_scope) == (qty, ordering, in_scope)
    assert february.amount == Decimal(qty * 96)
    assert response.context["months_total"].qty == qty


def test_spec_page_twelve_months_exact_figures(client, customer_manager, colleague, specs):
    # given: CM1's customers — one closed in March 2025, one opened in February 2026
    c1 = testing.make_customer("C001", customer_manager)
    c2 = testing.make_customer("C002", customer_manager, status="closed", closed_on=date(2025, 3, 15))
    c3 = testing.make_customer("C003", customer_manager, opened_on=date(2026, 2, 10))
    other = testing.make_customer("C009", colleague)
    red = specs["red"]
    spec_summary(customer=c1, spec=red, month=date(2025, 3, 1), order_qty=10, amount=Decimal("960.00"))
    spec_summary(customer=c2, spec=red, month=date(2025, 3, 1), order_qty=5, amount=Decimal("480.00"))
    spec_summary(customer=c1, spec=red, month=date(2026, 2, 1), order_qty=0, demand_qty=4)
    spec_summary(customer=c3, spec=red, month=date(2026, 2, 1), order_qty=6, amount=Decimal("576.00"))
    spec_summary(
        customer=c1, spec=specs["soft"], month=date(2026, 2, 1), order_qty=50, amount=Decimal("2400.00")
    )  # another spec
    spec_summary(
        customer=other, spec=red, month=date(2026, 2, 1), order_qty=70, amount=Decimal("6720.00")
    )  # outside the scope
    spec_summary(
        customer=c1, spec=red, month=date(2025, 2, 1), order_qty=99, amount=Decimal("1.00")
    )  # before the 12 months
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_detail", args=["6901028300063"]), {"until": "2026-02"})

    # then
    rows = {row.month: row for row in response.context["months"]}
    assert list(rows) == [date(2025, m, 1) for m in range(3, 13)] + [date(2026, 1, 1), date(2026, 2, 1)]
    march, april, february = rows[date(2025, 3, 1)], rows[date(2025, 4, 1)], rows[date(2026, 2, 1)]
    assert (march.qty, march.amount, march.customers_ordering, march.customers_in_scope) == (
        15,
        Decimal("1440.00"),
        2,
        2,
    )
    assert march.value_per_carton == Decimal("96.00")
    assert march.distribution_rate == 1.0
    assert (april.qty, april.customers_ordering, april.customers_in_scope, april.distribution_rate) == (0, 0, 1, 0.0)
    assert (february.qty, february.customers_ordering, february.customers_in_scope) == (6, 1, 2)
    assert february.distribution_rate == 0.5
    assert rows[date(2026, 1, 1)].customers_in_scope == 1
    total = response.context["months_total"]
    assert (total.qty, total.amount, total.customers_ordering) == (21, Decimal("2016.00"), None)
    assert "50.0%" in response.content.decode()


def order_line(customer, spec, day: date, qty: int) -> OrderLine:
    """One order line of `qty` 条 at the spec's wholesale price."""
    price = Decimal(str(spec.wholesale_price))
    return OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=qty,
        order_qty=qty,
        price=price,
        amount=price * qty,
    )


def test_spec_page_distribution_rate_is_the_reports_for_each_month(client, customer_manager, colleague, specs):
    # given CM1's customers in January 2026: C001 and C004 in business all month, C003 opening on the 20th,
    # C002 closed in December yet with a January line (a late correction), and C009 of his colleague
    red = specs["red"]
    c1 = testing.make_customer("C001", customer_manager)
    c2 = testing.make_customer("C002", customer_manager, status="closed", closed_on=date(2025, 12, 15))
    c3 = testing.make_customer("C003", customer_manager, opened_on=date(2026, 1, 20))
    testing.make_customer("C004", customer_manager)
    other = testing.make_customer("C009", colleague)
    order_line(c1, red, date(2026, 1, 5), 10)
    order_line(c2, red, date(2026, 1, 6), 3)
    order_line(c3, red, date(2026, 1, 21), 2)
    order_line(other, red, date(2026, 1, 7), 50)
    order_line(c1, red, date(2025, 12, 8), 4)
    order_line(c2, red, date(2025, 12, 9), 1)  # closed on the 15th: in business in December
    rebuild_all_summaries()
    client.force_login(customer_manager.user)

    # when the spec page shows the 12 months up to January, and the report runs for each of the two months
    response = client.get(reverse("catalog:spec_detail", args=[red.code]), {"until": "2026-01"})
    rows = {row.month: row for row in response.context["months"]}
    report = REPORTS["distribution-rate"]
    for month, last_day in [(date(2025, 12, 1), "2025-12-31"), (date(2026, 1, 1), "2026-01-31")]:
        data = {"scope": "CM1", "from": month.isoformat(), "to": last_day, "specs": red.code}
        expected = report.run(parse_params(customer_manager.user, report, data, today=date(2026, 2, 1))).rows[0]

        # then each month's counts and 铺货率 are the report's
        row = rows[month]
        assert (row.customers_ordering, row.customers_in_scope, row.distribution_rate) == (
            expected["customers_ordering"],
            expected["customers_in_scope"],
            expected["distribution_rate"],
        )

    # and, by hand: January counts C001 and C003 of C001, C003, C004 (C002 is not in business); December counts
    # C001 and C002 of C001, C002, C004; the quantities are every line of the scope, C002's late one included
    january, december = rows[date(2026, 1, 1)], rows[date(2025, 12, 1)]
    assert (january.customers_ordering, january.customers_in_scope, january.distribution_rate) == (2, 3, 2 / 3)
    assert (december.customers_ordering, december.customers_in_scope, december.distribution_rate) == (2, 3, 2 / 3)
    assert (january.qty, january.amount, december.qty) == (15, Decimal("1440.00"), 5)
    assert "66.7%" in response.content.decode()


def test_spec_page_with_a_month_beyond_the_calendar_says_so(client, customer_manager, specs, time_machine):
    # given
    time_machine.move_to("2026-01-05 09:00 +08:00")
    client.force_login(customer_manager.user)

    # when
    response = client.get(
        reverse("catalog:spec_detail", args=["6901028300063"]), {"until": "0001-03"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then the month is refused and the page shows the current 12 months
    assert response.status_code == 200
    assert response.context["month_form"].errors["until"] == ["Dates must lie between 1900-01-01 and 2999-12-31."]
    assert response.context["months"][-1].month == date(2026, 1, 1)


def test_spec_page_defaults_to_the_current_month(client, customer_manager, specs, time_machine):
    # given
    time_machine.move_to("2026-01-05 09:00 +08:00")
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_detail", args=["6901028300063"]))

    # then
    assert [response.context["months"][0].month, response.context["months"][-1].month] == [
        date(2025, 2, 1),
        date(2026, 1, 1),
    ]


def test_spec_page_shows_the_attributes(client, customer_manager, specs):
    # given
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_detail", args=["6901028300063"]), HTTP_ACCEPT_LANGUAGE="en")

    # then
    html = response.content.decode()
    assert response.context["spec"].price_class == 2
    assert "Class 2" in html
    assert "In province" in html
    assert "96.00" in html  # wholesale price
    assert "2010-01-01" in html


# ---- filters, paging, export -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({}, ["6901028300063", "6901028300100", "6901028300101", "6901028300200", "6901028300300"]),
        ({"q": "七匹狼"}, ["6901028300100", "6901028300101"]),
        ({"q": "300063"}, ["6901028300063"]),
        ({"price_class": "1"}, ["6901028300200", "6901028300300"]),
        ({"price_class": "3"}, ["6901028300100"]),
        ({"origin": "out"}, ["6901028300100", "6901028300101"]),
        ({"origin": "in"}, ["6901028300063", "6901028300200"]),  # 中华 has no origin recorded
        ({"sale": "no"}, ["6901028300300"]),
        ({"sale": "yes", "price_class": "1"}, ["6901028300200"]),
    ],
)
def test_spec_filters_give_exact_results(client, customer_manager, specs, query, codes):
    # given
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_list"), query)

    # then
    assert response.context["form"].errors == {}
    assert listed_codes(response) == codes


def test_spec_brand_filter(client, customer_manager, specs):
    # given
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_list"), {"brand": specs["red"].brand_id, "sort": "-wholesale_price"})

    # then
    assert listed_codes(response) == ["6901028300200", "6901028300063"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"price_class": "9"}, "price_class"), ({"brand": "999999"}, "brand"), ({"origin": "moon"}, "origin")],
)
def test_invalid_spec_filters_are_reported(client, customer_manager, specs, query, field):
    # given
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_list"), query)

    # then
    assert list(response.context["form"].errors) == [field]
    assert response.context["page"] is None


def test_spec_pages_keep_the_filters(client, settings, customer_manager, specs):
    # given
    settings.PAGE_SIZE = 2
    client.force_login(customer_manager.user)

    # when
    first = client.get(reverse("catalog:spec_list"), {"sale": "yes"})
    second = client.get(reverse("catalog:spec_list"), {"sale": "yes", "page": "2"})

    # then
    assert listed_codes(first) == ["6901028300063", "6901028300100"]
    assert listed_codes(second) == ["6901028300101", "6901028300200"]
    assert 'href="?sale=yes&amp;page=2"' in first.content.decode()


def test_spec_export_has_every_filtered_spec(client, settings, customer_manager, specs):
    # given
    settings.PAGE_SIZE = 1
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("catalog:spec_export"), {"brand": specs["red"].brand_id}, HTTP_ACCEPT_LANGUAGE="en")

    # then
    header, rows = exported_table(response)
    assert header[:5] == ["Spec code", "Spec name", "Brand", "Manufacturer", "Origin"]
    record = dict(zip(header, rows[0], strict=True))
    assert [row[0] for row in rows] == ["6901028300063", "6901028300200"]
    assert record["Origin"] == "In province"
    assert record["Price class"] == "Class 2"
    assert record["Transfer price"] == 80
    assert record["Wholesale price"] == 96
    assert record["Retail price"] is None
    assert record["Launch date"].date() == date(2010, 1, 1)
    assert record["On sale"] == "Yes"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (sheet["A3"].value, sheet["B3"].value) == ("Brand", "南京")


# ---- query counts ----------------------------------------------------------------------------------------------------


def test_spec_list_query_count(client, customer_manager, django_assert_num_queries):
    # given: thirty specs of ten brands
    for index in range(30):
        testing.make_spec(f"S{index:03d}", brand=f"B{index % 10}")
    client.force_login(customer_manager.user)

    # when / then: session, user, count, staff (for the menu), brand choices, page
    with django_assert_num_queries(6):
        response = client.get(reverse("catalog:spec_list"))
    assert len(listed_codes(response)) == 30


def test_spec_page_query_count(client, customers, specs, market_manager, django_assert_num_queries):
    # given
    for month in range(1, 13):
        for customer in customers.values():
            spec_summary(
                customer=customer, spec=specs["red"], month=date(2025, month, 1), order_qty=1, amount=Decimal("96.00")
            )
    client.force_login(market_manager.user)

    # when / then: session, user, spec, staff, org unit, sales by month, customers ordering by month among those
    # in business, in-business counts
    with django_assert_num_queries(8):
        response = client.get(reverse("catalog:spec_detail", args=["6901028300063"]), {"until": "2025-12"})
    assert response.context["months_total"].qty == 36
