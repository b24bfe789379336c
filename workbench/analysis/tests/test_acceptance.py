"""The two worked examples of the seed (shared/seed/README.md), end to end.

1. "铺货率 of 七匹狼(软通泰) in my territory must reach 60% within three months": define a brand set, run 铺货率查询
   over the three months with the 60% target on the chart.
2. "Sales of 七匹狼(软通泰) by 业态 for January–June": one query in 客户分类销售情况一览表, one table, one Excel file.
"""

import io
from datetime import date

from openpyxl import load_workbook

from workbench import testing
from workbench.analysis.tests.data import add_line
from workbench.catalog.models import BrandSet
from workbench.orders.summaries import rebuild_all_summaries


def test_distribution_rate_of_a_new_spec_against_a_60_percent_target(client, customer_manager, colleague):
    # given: ten customers of CM1, a spec launched on 1 January 2026 and a brand set holding it
    spec = testing.make_spec("6901028075862", name="七匹狼(软通泰)", brand="七匹狼", launched_on=date(2026, 1, 1))
    other = testing.make_spec("6901028000000", name="南京(红)", brand="南京")
    shop = {number: testing.make_customer(f"C{number:02d}", customer_manager) for number in range(1, 11)}
    elsewhere = testing.make_customer("C99", colleague)
    brand_set = BrandSet.objects.create(owner=customer_manager, name="新品")
    brand_set.specs.set([spec])
    # January: shops 1, 2; February: 1, 3, 4, 5; March: 1, 2, 3, 6, 7, 8 (and other specs, other managers' shops)
    for month, shops in ((1, [1, 2]), (2, [1, 3, 4, 5]), (3, [1, 2, 3, 6, 7, 8])):
        for number in shops:
            add_line(shop[number], spec, date(2026, month, 10), 2, 1)
    add_line(shop[9], other, date(2026, 3, 10), 5, 5)
    add_line(shop[10], spec, date(2026, 3, 11), 3, 0)  # asked for it, got none: not distributed
    add_line(elsewhere, spec, date(2026, 1, 12), 1, 1)
    rebuild_all_summaries()
    client.login(username="CM1", password=testing.PASSWORD)

    # when
    response = client.get(
        "/analysis/distribution-rate/",
        {"from": "2026-01-01", "to": "2026-03-31", "brand_set": brand_set.pk, "target": "60%"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then: shops 1–8 of 10 over the three months; month by month 20%, 40%, 60% against the 60% line
    result = response.context["result"]
    assert result.total == {"customers_in_scope": 10, "customers_ordering": 8, "distribution_rate": 0.8}
    datasets = response.context["chart"]["data"]["datasets"]
    assert response.context["chart"]["data"]["labels"] == ["2026-01", "2026-02", "2026-03"]
    assert [dataset["label"] for dataset in datasets] == ["Distribution rate", "Target"]
    assert [dataset["data"] for dataset in datasets] == [[20.0, 40.0, 60.0], [60.0, 60.0, 60.0]]
    assert "80.0%" in response.content.decode()

    # and the March figure alone, as the month's query shows it
    march = client.get(
        "/api/v1/reports/distribution-rate",
        {"from": "2026-03-01", "to": "2026-03-31", "brand_set": brand_set.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert march["total"] == {"customers_in_scope": 10, "customers_ordering": 6, "distribution_rate": 0.6}


def test_sales_of_one_spec_by_format_for_january_to_june_in_one_excel_file(client, customer_manager, market_manager):
    # given: a grocery, a convenience store and a tobacco-and-liquor shop; 七匹狼(软通泰) every month, 南京(红) too
    spec = testing.make_spec("6901028075862", name="七匹狼(软通泰)", brand="七匹狼", wholesale_price="120")
    other = testing.make_spec("6901028000000", name="南京(红)", brand="南京")
    grocery = testing.make_customer("C01", customer_manager, format="Z")
    grocery_2 = testing.make_customer("C02", customer_manager, format="Z")
    convenience = testing.make_customer("C03", customer_manager, format="B")
    liquor = testing.make_customer("C04", customer_manager, format="Y")
    for month in range(1, 7):
        add_line(grocery, spec, date(2026, month, 5), month, month)  # 1, 2, … 6 条
        add_line(convenience, spec, date(2026, month, 6), 10, 10)
        add_line(grocery, other, date(2026, month, 5), 50, 50)  # another spec: not counted
    add_line(grocery_2, spec, date(2026, 2, 7), 4, 4)
    add_line(liquor, spec, date(2026, 7, 1), 9, 9)  # July: outside the period
    rebuild_all_summaries()
    client.login(username="MM1", password=testing.PASSWORD)
    params = {"from": "2026-01-01", "to": "2026-06-30", "specs": spec.code}

    # when: one query, one Excel file
    page = client.get("/analysis/classification-sales/", params, HTTP_ACCEPT_LANGUAGE="en")
    export = client.get("/analysis/classification-sales/export/", params, HTTP_ACCEPT_LANGUAGE="en")

    # then: the table has 食杂店 and 便利店 for each of the six months
    rows = page.context["result"].rows
    assert [(row["format"], row["month"], row["qty"], row["customers_ordering"]) for row in rows] == [
        ("Z", "2026-01", 1, 1),
        ("Z", "2026-02", 6, 2),
        ("Z", "2026-03", 3, 1),
        ("Z", "2026-04", 4, 1),
        ("Z", "2026-05", 5, 1),
        ("Z", "2026-06", 6, 1),
        ("B", "2026-01", 10, 1),
        ("B", "2026-02", 10, 1),
        ("B", "2026-03", 10, 1),
        ("B", "2026-04", 10, 1),
        ("B", "2026-05", 10, 1),
        ("B", "2026-06", 10, 1),
    ]
    # the screen also lays the quantities out by hand's habit: one line per 业态, one column per month
    pivot = page.context["extras"]["pivot"]
    assert pivot["months"] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert [(str(line["label"]), line["values"], line["total"]) for line in pivot["lines"]] == [
        ("Grocery", [1, 6, 3, 4, 5, 6], 25),
        ("Convenience store", [10, 10, 10, 10, 10, 10], 60),
    ]
    assert (pivot["totals"], pivot["total"]) == ([11, 16, 13, 14, 15, 16], 85)
    # and the Excel file holds the same table, formats by name, with the total
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Sales by customer classification"
    header_index = values.index(
        ["Format", "Month", "Quantity (cartons)", "Amount (yuan)", "Value per carton (yuan)", "Customers ordering"]
    )
    table = values[header_index + 1 :]
    assert table[0] == ["Grocery", "2026-01", 1, 120, 120, 1]
    assert table[1] == ["Grocery", "2026-02", 6, 720, 120, 2]
    assert table[6] == ["Convenience store", "2026-01", 10, 1200, 120, 1]
    assert table[-1] == ["Total", None, 85, 10200, 120, 3]
    assert len(table) == 13
    assert ["Specs", "6901028075862 七匹狼(软通泰)", None, None, None, None] in values
    # and the pivot comes along as a sheet of its own, with the screen's numbers
    pivot_sheet = load_workbook(io.BytesIO(export.content))["Quantity (cartons) by month"]
    pivot_values = [list(row) for row in pivot_sheet.iter_rows(values_only=True)]
    assert pivot_values[2:] == [
        ["Format", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "Total"],
        ["Grocery", 1, 6, 3, 4, 5, 6, 25],
        ["Convenience store", 10, 10, 10, 10, 10, 10, 60],
        ["Total", 11, 16, 13, 14, 15, 16, 85],
    ]
