"""The customer list, its Excel export and the customer page: scope, filters, paging, figures, query counts."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from workbench import testing
from workbench.customers.models import GradeChange
from workbench.orders.models import CustomerMonth, CustomerSpecMonth

# Which of the `customers` fixture's codes each persona sees (workbench/conftest.py).
VISIBLE_CODES = {
    "customer_manager": ["C001", "C002"],
    "colleague": ["C003"],
    "market_manager": ["C001", "C002", "C003"],
    "outsider": ["C004"],
    "leader": ["C001", "C002", "C003", "C004"],
    "brand_manager": ["C001", "C002", "C003", "C004"],
    "admin_staff": ["C001", "C002", "C003", "C004"],
}


def listed_codes(response) -> list[str]:
    """The customer codes on the list page, in order."""
    return [customer.code for customer in response.context["page"].object_list]


def exported_table(response) -> tuple[list, list[list]]:
    """The header row and the data rows of an exported sheet (the rows after the first empty row)."""
    rows = [list(row) for row in testing.active_sheet(response.content).iter_rows(values_only=True)]
    blank = next(index for index, row in enumerate(rows) if all(value is None for value in row))
    return rows[blank + 1], rows[blank + 2 :]


# ---- the access matrix -------------------------------------------------------------------------------------------

# The list and its export are open to every staff member (each sees his own scope); anonymous goes to the login.
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

test_customer_list_access = testing.view_matrix(reverse("customers:customer_list"), EVERY_STAFF_MEMBER)
test_customer_export_access = testing.view_matrix(reverse("customers:customer_export"), EVERY_STAFF_MEMBER)

# C001 is CM1's, in team T1: a customer outside the scope is not found (404), not forbidden.
test_customer_page_access = testing.view_matrix(
    lambda customers: reverse("customers:customer_detail", args=[customers["c1"].code]),
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_list_shows_exactly_the_customers_in_scope(client, request, customers, persona):
    # given
    testing.login_as(client, request, persona)

    # when
    response = client.get(reverse("customers:customer_list"))

    # then
    assert listed_codes(response) == VISIBLE_CODES[persona]
    assert response.context["page"].paginator.count == len(VISIBLE_CODES[persona])


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_export_holds_exactly_the_customers_in_scope(client, request, customers, persona):
    # given
    testing.login_as(client, request, persona)

    # when
    response = client.get(reverse("customers:customer_export"))

    # then
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _header, rows = exported_table(response)
    assert [row[0] for row in rows] == VISIBLE_CODES[persona]


def test_user_without_staff_record_sees_no_customer(client, customers, django_user_model):
    # given
    user = django_user_model.objects.create_user(username="nobody", password=testing.PASSWORD)
    client.force_login(user)

    # when
    response = client.get(reverse("customers:customer_list"))

    # then
    assert listed_codes(response) == []
    assert client.get(reverse("customers:customer_detail", args=["C001"])).status_code == 404


# ---- filters, search, sorting --------------------------------------------------------------------------------------


@pytest.fixture
def assorted(customer_manager, colleague):
    """Six customers with different attributes: CM1 has K1–K4, CM2 has K5–K6."""
    make = testing.make_customer
    return [
        make(
            "K1",
            customer_manager,
            name="玄武食杂店",
            format="Z",
            market_type="C",
            scale="1",
            grade=5,
            address="玄武区北京东路1号",
            license_no="320102100001",
        ),
        make(
            "K2",
            customer_manager,
            name="长江便利店",
            format="B",
            market_type="C",
            scale="2",
            grade=12,
            address="鼓楼区长江路2号",
            license_no="320102100002",
        ),
        make(
            "K3",
            customer_manager,
            name="乡村烟酒",
            format="Y",
            market_type="X",
            scale="3",
            grade=20,
            status="suspended",
            address="江宁区秣陵3号",
            license_no="320115100003",
        ),
        make(
            "K4",
            customer_manager,
            name="城东超市",
            format="S",
            market_type="C",
            scale="1",
            grade=30,
            status="closed",
            closed_on=date(2025, 6, 30),
            license_no="320102100004",
        ),
        make(
            "K5",
            colleague,
            name="中山食杂",
            format="Z",
            market_type="C",
            scale="2",
            grade=12,
            license_no="320102100005",
        ),
        make(
            "K6",
            colleague,
            name="新街口商场",
            format="N",
            market_type="C",
            scale="1",
            grade=25,
            license_no="320102100006",
        ),
    ]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({}, ["K1", "K2", "K3", "K4", "K5", "K6"]),
        ({"class_code": "CZ1"}, ["K1"]),
        ({"class_code": "cz"}, ["K1", "K5"]),  # two letters: every scale; lower case is accepted
        ({"format": "Z"}, ["K1", "K5"]),
        ({"market_type": "X"}, ["K3"]),
        ({"scale": "1"}, ["K1", "K4", "K6"]),
        ({"grade_from": "12"}, ["K2", "K3", "K4", "K5", "K6"]),
        ({"grade_to": "12"}, ["K1", "K2", "K5"]),
        ({"grade_from": "12", "grade_to": "20"}, ["K2", "K3", "K5"]),
        ({"status": "closed"}, ["K4"]),
        ({"manager": "CM2"}, ["K5", "K6"]),
        ({"q": "K3"}, ["K3"]),  # code
        ({"q": "食杂"}, ["K1", "K5"]),  # name
        ({"q": "320115"}, ["K3"]),  # licence number
        ({"q": "长江路"}, ["K2"]),  # address
        ({"q": "  便利  "}, ["K2"]),  # surrounding spaces are ignored
        ({"format": "Z", "manager": "CM1"}, ["K1"]),
        ({"q": "nothing like this"}, []),
    ],
)
def test_filters_give_exact_results(client, market_manager, assorted, query, codes):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(reverse("customers:customer_list"), query)

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert listed_codes(response) == codes


@pytest.mark.parametrize(
    ("sort", "codes"),
    [
        ("grade", ["K1", "K2", "K5", "K3", "K6", "K4"]),  # ties broken by code
        ("-grade", ["K4", "K6", "K3", "K5", "K2", "K1"]),  # descending reverses the whole order
        ("-code", ["K6", "K5", "K4", "K3", "K2", "K1"]),
        ("manager", ["K1", "K2", "K3", "K4", "K5", "K6"]),
        ("status", ["K1", "K2", "K5", "K6", "K4", "K3"]),  # active < closed < suspended
        ("no-such-column", ["K1", "K2", "K3", "K4", "K5", "K6"]),  # an edited link falls back to the code
    ],
)
def test_sorting(client, market_manager, assorted, sort, codes):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(reverse("customers:customer_list"), {"sort": sort})

    # then
    assert listed_codes(response) == codes


def test_filters_apply_to_the_export_and_are_listed_in_it(client, market_manager, assorted):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(
        reverse("customers:customer_export"),
        {"format": "Z", "q": "食杂", "sort": "-code", "page": "2"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then: every matching row (the page number is ignored), in the list's order, the filters above the table
    _header, rows = exported_table(response)
    assert [row[0] for row in rows] == ["K5", "K1"]
    sheet = testing.active_sheet(response.content)
    assert sheet["A1"].value == "Customers"
    assert sheet["A2"].value == "Exported at"
    assert [(sheet["A3"].value, sheet["B3"].value), (sheet["A4"].value, sheet["B4"].value)] == [
        ("Search", "食杂"),
        ("Format", "Grocery"),
    ]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ({"grade_from": "abc"}, "grade_from", "invalid"),
        ({"grade_to": "31"}, "grade_to", "max_value"),
        ({"grade_from": "0"}, "grade_from", "min_value"),
        ({"grade_from": "20", "grade_to": "10"}, "grade_to", None),
        ({"class_code": "ZZ9"}, "class_code", "invalid_class_code"),
        ({"format": "W"}, "format", "invalid_choice"),
        ({"manager": "CM3"}, "manager", "invalid_choice"),  # someone else's team is not a choice
    ],
)
def test_invalid_filters_say_what_is_wrong_and_keep_the_input(client, market_manager, assorted, query, field, code):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(reverse("customers:customer_list"), query)

    # then
    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.errors) == [field]
    if code:
        assert form.has_error(field, code)
    assert response.context["page"] is None
    assert 'class="errorlist' in response.content.decode()


def test_invalid_filters_keep_the_typed_text(client, market_manager, assorted):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(
        reverse("customers:customer_list"), {"grade_from": "abc", "grade_to": "20", "class_code": "ZZ9"}
    )

    # then
    html = response.content.decode()
    assert 'name="grade_from" value="abc"' in html
    assert 'name="grade_to" value="20"' in html
    assert 'name="class_code" value="ZZ9"' in html


def test_export_with_invalid_filters_gives_the_form_back(client, market_manager, assorted):
    # given
    client.force_login(market_manager.user)

    # when
    response = client.get(reverse("customers:customer_export"), {"grade_from": "20", "grade_to": "10"})

    # then
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert list(response.context["form"].errors) == ["grade_to"]


# ---- paging ----------------------------------------------------------------------------------------------------------


def test_pages_keep_the_filters_in_their_links(client, settings, market_manager, assorted):
    # given
    settings.PAGE_SIZE = 2
    client.force_login(market_manager.user)

    # when
    first = client.get(reverse("customers:customer_list"), {"status": "active", "sort": "-code"})
    second = client.get(reverse("customers:customer_list"), {"status": "active", "sort": "-code", "page": "2"})
    beyond = client.get(reverse("customers:customer_list"), {"status": "active", "sort": "-code", "page": "99"})

    # then: active customers are K1, K2, K5, K6
    assert listed_codes(first) == ["K6", "K5"]
    assert listed_codes(second) == ["K2", "K1"]
    assert listed_codes(beyond) == ["K2", "K1"]  # a page past the end gives the last one
    assert first.context["page"].paginator.count == 4
    assert 'href="?status=active&amp;sort=-code&amp;page=2"' in first.content.decode()
    assert 'href="?status=active&amp;sort=-code&amp;page=1"' in second.content.decode()


def test_empty_state(client, customer_manager):
    # given: a customer manager without customers
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_list"))

    # then
    assert response.context["page"].paginator.count == 0
    assert 'class="empty-state"' in response.content.decode()
    assert reverse("customers:customer_export") not in response.content.decode()


# ---- export contents -------------------------------------------------------------------------------------------------


def test_export_row_has_every_contract_field(client, customer_manager):
    # given
    testing.make_customer(
        "C100",
        customer_manager,
        name="玄武食杂店",
        license_no="320102100100",
        owner_name="王五",
        phone="025-1234",
        address="北京东路1号",
        format="Y",
        market_type="X",
        scale="3",
        grade=17,
        credit_class="A",
        terminal_type="modern",
        order_channel="online",
        route="R01",
        order_weekday=3,
        status="closed",
        opened_on=date(2019, 5, 1),
        closed_on=date(2025, 12, 31),
    )
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_export"), HTTP_ACCEPT_LANGUAGE="en")

    # then
    header, rows = exported_table(response)
    assert len(header) == 21
    record = dict(zip(header, rows[0], strict=True))
    assert record["Customer code"] == "C100"
    assert record["Licence number"] == "320102100100"
    assert record["Class"] == "XY3"
    assert record["Format"] == "Tobacco and liquor shop"
    assert record["Market type"] == "Rural"
    assert record["Scale"] == "Small"
    assert record["Grade"] == 17
    assert record["Terminal type"] == "Modern terminal"
    assert record["Order channel"] == "Online"
    assert record["Customer manager code"] == "CM1"
    assert record["Customer manager"] == "张伟"
    assert record["Order day"] == 3
    assert record["Status"] == "Closed"
    assert record["Opened on"].date() == date(2019, 5, 1)
    assert record["Closed on"].date() == date(2025, 12, 31)


# ---- the customer page -----------------------------------------------------------------------------------------------


def month_summary(customer, month: date, **values) -> CustomerMonth:
    """A customer's monthly summary as the import writes it: it sums at least one order line."""
    return CustomerMonth.objects.create(customer=customer, month=month, **{"lines": 1, **values})


def spec_summary(**values) -> CustomerSpecMonth:
    """A customer's monthly summary of one spec, summing at least one order line."""
    return CustomerSpecMonth.objects.create(**{"lines": 1, **values})


def test_customer_page_twelve_months_exact_figures(client, customers, customer_manager):
    # given: two months with orders; one outside the 12 months; another customer's month
    c1 = customers["c1"]
    month_summary(
        c1,
        date(2026, 1, 1),
        order_qty=90,
        demand_qty=100,
        limit_qty=80,
        limited_order_qty=60,
        amount=Decimal("9000.00"),
        order_days=4,
    )
    month_summary(
        c1,
        date(2026, 3, 1),
        order_qty=30,
        demand_qty=30,
        limit_qty=0,
        limited_order_qty=0,
        amount=Decimal("4500.00"),
        order_days=2,
    )
    month_summary(c1, date(2025, 3, 1), order_qty=999, amount=Decimal("1.00"))  # 13 months back: left out
    month_summary(customers["c2"], date(2026, 1, 1), order_qty=7, amount=Decimal("7.00"))
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_detail", args=["C001"]), {"until": "2026-03"})

    # then
    months = response.context["months"]
    assert [row.month for row in months] == [date(2025, m, 1) for m in range(4, 13)] + [
        date(2026, m, 1) for m in range(1, 4)
    ]
    january, february, march = months[-3:]
    assert (january.qty, january.amount, january.order_days) == (90, Decimal("9000.00"), 4)
    assert (january.demand_qty, january.limit_qty) == (100, 80)
    assert january.value_per_carton == Decimal("100.00")
    assert january.fill_rate == 0.9
    assert january.limit_fill_rate == 0.75
    assert (february.qty, february.amount, february.value_per_carton, february.fill_rate) == (
        0,
        Decimal("0.00"),
        None,
        None,
    )
    assert march.value_per_carton == Decimal("150.00")
    assert march.fill_rate == 1.0
    assert march.limit_fill_rate is None  # no line had a limit
    total = response.context["months_total"]
    assert (total.qty, total.amount, total.order_days, total.demand_qty) == (120, Decimal("13500.00"), 6, 130)
    assert total.value_per_carton == Decimal("112.50")
    assert total.fill_rate == 120 / 130
    assert total.limit_fill_rate == 0.75
    assert response.context["chart"]["qty"] == [0] * 9 + [90, 0, 30]
    assert response.context["chart"]["labels"][-1] == "2026-03"
    html = response.content.decode()
    assert '<script id="month-chart-data" type="application/json">' in html
    assert "90.0%" in html
    assert "75.0%" in html


def test_customer_page_defaults_to_the_current_month(client, customers, customer_manager, time_machine):
    # given
    time_machine.move_to("2026-05-20 10:00 +08:00")
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_detail", args=["C001"]))

    # then
    assert response.context["months"][0].month == date(2025, 6, 1)
    assert response.context["months"][-1].month == date(2026, 5, 1)


def test_customer_page_with_a_bad_month_says_so_and_uses_the_current_month(
    client, customers, customer_manager, time_machine
):
    # given
    time_machine.move_to("2026-05-20 10:00 +08:00")
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_detail", args=["C001"]), {"until": "2026-13"})

    # then
    assert response.context["month_form"].has_error("until", "invalid")
    assert response.context["months"][-1].month == date(2026, 5, 1)


def test_customer_page_with_a_month_beyond_the_calendar_says_so(client, customers, customer_manager, time_machine):
    # given
    time_machine.move_to("2026-05-20 10:00 +08:00")
    client.force_login(customer_manager.user)

    # when
    response = client.get(
        reverse("customers:customer_detail", args=["C001"]), {"until": "0001-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then the month is refused and the page shows the current 12 months
    assert response.status_code == 200
    assert response.context["month_form"].errors["until"] == ["Dates must lie between 1900-01-01 and 2999-12-31."]
    assert response.context["months"][-1].month == date(2026, 5, 1)


def test_customer_page_has_no_inline_script(client, customers, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when
    html = client.get(reverse("customers:customer_detail", args=["C001"])).content.decode()

    # then its chart is drawn by a static file reading the json_script data: the page itself adds no inline script
    # (base.html's own one-line class switch is the base layout's, not this page's)
    inline = re.findall(r"<script(?![^>]*src=)([^>]*)>(.*?)</script>", html, re.DOTALL)
    page_scripts = [attributes for attributes, body in inline if 'classList.add("js")' not in body]
    assert page_scripts == [' id="month-chart-data" type="application/json"']
    assert "js/customer-months.js" in html


def test_customer_page_top_specs_and_grade_history(client, customers, customer_manager):
    # given
    c1 = customers["c1"]
    red = testing.make_spec("6901028300063", name="南京(红)")
    septwolves = testing.make_spec("6901028300100", name="七匹狼(软通泰)", brand="七匹狼")
    idle = testing.make_spec("6901028300200", name="南京(雨花石)")
    spec_summary(customer=c1, spec=red, month=date(2026, 1, 1), order_qty=30, amount=Decimal("2910.00"))
    spec_summary(customer=c1, spec=red, month=date(2026, 2, 1), order_qty=30, amount=Decimal("2910.00"))
    spec_summary(customer=c1, spec=septwolves, month=date(2026, 2, 1), order_qty=20, amount=Decimal("2400.00"))
    spec_summary(customer=c1, spec=idle, month=date(2026, 2, 1), demand_qty=5, order_qty=0)
    spec_summary(
        customer=customers["c2"], spec=septwolves, month=date(2026, 2, 1), order_qty=500, amount=Decimal("60000.00")
    )
    GradeChange.objects.create(customer=c1, changed_on=date(2024, 1, 1), grade_from=None, grade_to=8)
    GradeChange.objects.create(customer=c1, changed_on=date(2025, 7, 1), grade_from=8, grade_to=10)
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_detail", args=["C001"]), {"until": "2026-03"})

    # then
    top = [(row.spec_code, row.qty, row.amount, row.share) for row in response.context["top_specs"]]
    assert top == [
        ("6901028300063", 60, Decimal("5820.00"), 0.75),
        ("6901028300100", 20, Decimal("2400.00"), 0.25),
    ]
    assert response.context["top_specs"][1].value_per_carton == Decimal("120.00")
    html = response.content.decode()
    assert f'href="{reverse("catalog:spec_detail", args=["6901028300100"])}"' in html
    assert [(g.changed_on, g.grade_from, g.grade_to) for g in response.context["grade_changes"]] == [
        (date(2025, 7, 1), 8, 10),
        (date(2024, 1, 1), None, 8),
    ]


def test_customer_page_profile_shows_the_contract_fields(client, customers, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("customers:customer_detail", args=["C001"]), HTTP_ACCEPT_LANGUAGE="en")

    # then
    profile = {str(label): value for label, value in response.context["profile"]}
    assert profile["customer code"] == "C001"
    assert profile["licence number"] == "LC001"
    assert profile["class"] == "CZ2"
    assert profile["format"] == "Grocery"
    assert profile["customer manager"] == customer_manager
    assert profile["status"] == "Active"
    assert profile["opened on"] == date(2020, 1, 1)
    assert profile["closed on"] is None
    assert len(profile) == 22


# ---- query counts ----------------------------------------------------------------------------------------------------


@pytest.fixture
def many_customers(customer_manager, colleague):
    """Forty customers across two customer managers, so that an N+1 would show."""
    return [
        testing.make_customer(f"M{index:03d}", customer_manager if index % 2 else colleague, grade=index % 30 + 1)
        for index in range(40)
    ]


def test_list_query_count_does_not_grow_with_rows(client, market_manager, many_customers, django_assert_num_queries):
    # given
    client.force_login(market_manager.user)
    url = reverse("customers:customer_list")

    # when / then: session, user, staff, org unit, manager choices, count, page
    with django_assert_num_queries(7):
        response = client.get(url, {"grade_from": "1"})
    assert len(listed_codes(response)) == 40


def test_export_query_count_does_not_grow_with_rows(client, market_manager, many_customers, django_assert_num_queries):
    # given
    client.force_login(market_manager.user)

    # when / then: session, user, staff, org unit, the rows
    with django_assert_num_queries(5):
        response = client.get(reverse("customers:customer_export"))
    assert len(exported_table(response)[1]) == 40


def test_detail_query_count(client, customers, customer_manager, django_assert_num_queries):
    # given
    spec = testing.make_spec("S1")
    for month in range(1, 13):
        month_summary(customers["c1"], date(2025, month, 1), order_qty=month)
        spec_summary(customer=customers["c1"], spec=spec, month=date(2025, month, 1), order_qty=month)
    GradeChange.objects.create(customer=customers["c1"], changed_on=date(2024, 1, 1), grade_to=10)
    client.force_login(customer_manager.user)

    # when / then: session, user, staff, customer, months, specs total, top specs, grade history
    with django_assert_num_queries(8):
        response = client.get(reverse("customers:customer_detail", args=["C001"]), {"until": "2025-12"})
    assert sum(row.qty for row in response.context["months"]) == 78
