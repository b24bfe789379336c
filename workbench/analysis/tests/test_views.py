"""The report screens and their Excel exports: same numbers as the functions, scope on every report, clear errors,
drill-down links, sorting and pinned query counts."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from workbench import testing
from workbench.analysis.tests.data import add_line
from workbench.customers.models import CustomerSet
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.registry import reports_of
from workbench.reporting.tables import format_value

# The 分析 step's nine: the registry also holds the 实施 step's sample-point reports (workbench/implementation),
# tested in their own app and under /implementation/.
REPORTS = {report.name: report for report in reports_of("analysis")}
JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}
FIRST_QUARTER = {"from": "2026-01-01", "to": "2026-03-31"}


@pytest.fixture
def shared_set(territory, admin_staff, org):
    """A customer set of C001 and C005 that the admin published to the whole company (CM1's brand set too, so
    that every persona may use both)."""
    territory["brand_set"].shared_with = org["company"]
    territory["brand_set"].save()
    customers = territory["customers"]
    customer_set = CustomerSet.objects.create(owner=admin_staff, name="重点户", shared_with=org["company"])
    customer_set.members.set([customers["C001"], customers["C005"]])
    return customer_set


def parameters_for(name, territory, shared_set, period=JANUARY) -> dict:
    """Parameters every report accepts: the brand set where specs are needed, the shared customer set."""
    report = REPORTS[name]
    data = dict(period)
    if report.specs is not None:
        data["brand_set"] = str(territory["brand_set"].pk)
    if report.customer_set is not None:
        data["customer_set"] = str(shared_set.pk)
    if report.target:
        data["target"] = "60%"
    return data


def read_xlsx(content: bytes) -> tuple[list, list[list], list]:
    """(header, data rows, total row) of an exported sheet (lib.exports layout: title, parameters, blank, table)."""
    sheet = testing.active_sheet(content)
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = next(index for index, row in enumerate(values) if index > 0 and all(cell is None for cell in row))
    header, *rest = values[blank + 1 :]
    return header, rest[:-1], rest[-1]


def test_the_index_lists_the_nine_reports(client, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/")

    # then
    assert response.status_code == 200
    for name in REPORTS:
        assert f'href="/analysis/{name}/"' in response.content.decode()
    assert len(REPORTS) == 9


@pytest.mark.parametrize("name", list(REPORTS))
def test_anonymous_users_are_sent_to_the_login(client, name):
    # given / when
    response = client.get(f"/analysis/{name}/")

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("customer_manager", 200),  # his own scope
        ("colleague", 404),  # same team, not his customers
        ("market_manager", 200),  # his team
        ("outsider", 404),  # another team
        ("leader", 200),  # the company
        ("admin_staff", 200),
    ],
)
def test_scope_cm1_on_every_report_and_export(client, request, territory, shared_set, name, persona, expected):
    # given
    testing.login(client, request.getfixturevalue(persona))
    data = {**parameters_for(name, territory, shared_set), "scope": "CM1"}

    # when
    page = client.get(f"/analysis/{name}/", data)
    export = client.get(f"/analysis/{name}/export/", data)

    # then
    assert page.status_code == expected
    assert export.status_code == expected
    if expected == 404:
        assert "Unknown scope “CM1”, or outside your own." in page.content.decode()
        assert "result" not in page.context
    else:
        assert export["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_every_persona_sees_every_report_for_his_own_scope(client, request, territory, shared_set, name, persona):
    # given
    testing.login(client, request.getfixturevalue(persona))

    # when
    response = client.get(f"/analysis/{name}/", parameters_for(name, territory, shared_set))

    # then
    assert response.status_code == 200
    assert response.context["result"].report.name == name


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_screen_shows_the_functions_numbers(client, run, territory, shared_set, customer_manager, name):
    # given
    testing.login(client, customer_manager)
    data = parameters_for(name, territory, shared_set)
    expected = run(name, customer_manager, **data)

    # when
    response = client.get(f"/analysis/{name}/", data)

    # then: every cell, formatted, and the total
    shown = [[cell["text"] for cell in row] for row in response.context["table_rows"]]
    assert shown == [
        [format_value(column, row.get(column.key)) for column in expected.columns] for row in expected.rows
    ]
    html = response.content.decode()
    for cell in response.context["total_row"][1:]:
        assert cell["text"] in html


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_excel_file_has_the_functions_numbers(client, run, territory, shared_set, customer_manager, name):
    # given
    testing.login(client, customer_manager)
    data = parameters_for(name, territory, shared_set)
    expected = run(name, customer_manager, **data)

    # when
    response = client.get(f"/analysis/{name}/export/", data)

    # then: numbers are numbers (rates as fractions), choices by their label, "Total" under the first column
    header, rows, total = read_xlsx(response.content)
    assert header == [str(column.label) for column in expected.columns]
    assert rows == [[excel_cell(column, row.get(column.key)) for column in expected.columns] for row in expected.rows]
    assert total[0] == "Total"
    assert total[1:] == [excel_cell(column, expected.total.get(column.key)) for column in expected.columns[1:]]


def excel_cell(column, value):
    """What the Excel file holds for a value: labels for choices, text for codes, numbers for numbers."""
    if value is None or isinstance(value, dict):
        return None
    if column.choices is not None:
        return str(column.display(value))
    if column.kind == "money":
        return float(value)  # openpyxl reads numbers back as int or float
    if column.kind in ("integer", "rate"):
        return value
    return str(value)


def test_distribution_rate_page_draws_the_target(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/distribution-rate/", {**JANUARY, "specs": "6901", "target": "60%"})

    # then
    datasets = response.context["chart"]["data"]["datasets"]
    assert [dataset["data"] for dataset in datasets] == [[75.0], [60.0]]


def test_rows_link_to_the_customer_the_class_and_the_spec(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    supply = client.get("/analysis/supply-demand/", JANUARY).content.decode()
    classes = client.get("/analysis/classification-overview/", JANUARY).content.decode()
    specs = client.get("/analysis/distribution-rate/", {**JANUARY, "specs": "6901"}).content.decode()

    # then
    assert '<a href="/customers/C001/">C001</a>' in supply
    assert '<a href="/customers/?class_code=CB1">CB1</a>' in classes
    assert '<a href="/catalog/specs/6901/">6901</a>' in specs


def test_the_table_sorts_by_a_column_with_empty_values_last(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/supply-demand/", {**JANUARY, "sort": "-limit_fill_rate"})

    # then: C001 100%, C002 80%, then C005 and C006 without a limit
    assert [row[0]["text"] for row in response.context["table_rows"]] == ["C001", "C002", "C005", "C006"]
    response = client.get("/analysis/supply-demand/", {**JANUARY, "sort": "fill_rate"})
    assert [row[0]["text"] for row in response.context["table_rows"]] == ["C002", "C001", "C005", "C006"]


def test_a_missing_spec_is_explained_on_screen(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/four-rates/", JANUARY)

    # then
    assert response.status_code == 400
    assert "Choose one or more specs, or a brand set." in response.content.decode()


def test_contradictory_parameters_are_explained_on_screen(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/four-rates/", {**JANUARY, "specs": "6901", "brand_set": territory["brand_set"].pk})

    # then
    assert response.status_code == 400
    assert "Give either specs or a brand set, not both." in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "export/"], ids=["page", "export"])
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"from": "0001-01-01", "to": "9999-12-31"}, "Dates must lie between 1900-01-01 and 2999-12-31."),
        ({"from": "2019-01-01", "to": "2026-01-31"}, "The period may span at most 5 years."),
    ],
)
def test_an_unusable_period_is_a_400_on_the_page_and_the_export(
    client, territory, customer_manager, suffix, data, message
):
    # given
    testing.login(client, customer_manager)

    # when: the 35 MB page of issue 9, and a period past the bound
    response = client.get(f"/analysis/classification-sales/{suffix}", data)

    # then: the form with the reason, no report
    assert response.status_code == 400
    assert f'<div role="alert" class="errorlist">{message}</div>' in response.content.decode()
    assert "result" not in response.context


def test_an_export_past_the_row_limit_is_refused_with_the_reason(client, territory, customer_manager, settings):
    # given: exports of at most 3 rows, and order frequency's four customers in January
    settings.WORKBENCH_EXPORT_MAX_ROWS = 3
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/order-frequency/export/", JANUARY)

    # then
    assert response.status_code == 400
    assert (
        '<p class="message message-error" role="alert">The export would have 4 rows, more than the limit of 3: '
        "narrow the scope or shorten the period.</p>"
    ) in response.content.decode()


def test_an_export_at_the_row_limit_is_a_file(client, territory, customer_manager, settings):
    # given: exports of at most 4 rows
    settings.WORKBENCH_EXPORT_MAX_ROWS = 4
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/order-frequency/export/", JANUARY)

    # then: the four customers, then the histogram and the chart on their own sheets
    header, rows, total = read_xlsx(response.content)
    assert [row[0] for row in rows] == ["C001", "C002", "C005", "C006"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1:] == ["Customers by order count", "Chart"]
    histogram = [list(row) for row in workbook["Customers by order count"].iter_rows(min_row=3, values_only=True)]
    assert histogram == [["Order count", "Customers"], [0, 0], [1, 3], [2, 1]]


def test_a_first_visit_invites_rather_than_scolds(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/distribution-rate/")

    # then
    assert response.status_code == 200
    assert response.context["invitation"] == "Choose one or more specs, or a brand set."
    assert response.context["error"] is None


def test_a_first_visit_shows_last_month(client, territory, customer_manager, time_machine):
    # given: today is 10 February 2026
    time_machine.move_to(date(2026, 2, 10))
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/business-overview/")

    # then
    params = response.context["result"].params
    assert (params.period.start, params.period.end) == (date(2026, 1, 1), date(2026, 1, 31))
    assert response.context["result"].total["qty"] == 22


def test_an_unknown_report_is_404(client, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when / then
    assert client.get("/analysis/five-rates/").status_code == 404


# Queries of each report page over January–March for CM1: session, user, staff and the form's choices, then the
# report's own queries (distribution-rate's monthly trend adds one read of the customers' opening and closing
# dates, not a rerun per month).
PAGE_QUERIES = {
    "business-overview": 17,
    "supply-demand": 17,  # the total is summed by the database; the short-spec chart reads totals per spec
    "customer-set-sales": 16,
    "classification-overview": 9,
    "classification-sales": 16,
    "opportunity-analysis": 9,
    "distribution-rate": 19,  # per spec, set and month from one read of the pairs, and the KPI targets to draw;
    # the target's gap reads 2 more
    "order-frequency": 16,
    "four-rates": 18,
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_pages_have_a_fixed_number_of_queries(
    client, territory, shared_set, customer_manager, django_assert_num_queries, name
):
    # given: more customers with orders must not mean more queries
    testing.login(client, customer_manager)
    specs = territory["specs"]
    for number in range(5):
        customer = testing.make_customer(f"N{number}", customer_manager)
        shared_set.members.add(customer)
        add_line(customer, specs["6901"], date(2026, 2, 3 + number), 2, 2)
        add_line(customer, specs["6902"], date(2026, 2, 3 + number), 1, 1)
    rebuild_all_summaries()
    data = parameters_for(name, territory, shared_set, FIRST_QUARTER)

    # when / then
    with django_assert_num_queries(PAGE_QUERIES[name] + 1):  # + 数据截至, the data's end (orders.freshness)
        response = client.get(f"/analysis/{name}/", data)
    assert response.status_code == 200
