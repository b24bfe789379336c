"""customers.csv: values in both header languages, 档位 history, licence moves, and every kind of bad row."""

from datetime import date
from decimal import Decimal

import time_machine

from workbench.customers.models import Customer, GradeChange
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import CUSTOMER_HEADER, CUSTOMERS, ORG, STAFF, imported, write_csv, write_xlsx

CHINESE_HEADER = [
    "客户编码",
    "许可证号",
    "客户名称",
    "负责人",
    "订货电话",
    "经营地址",
    "业态",
    "市场类型",
    "经营规模",
    "档位",
    "诚信等级",
    "终端类型",
    "订货方式",
    "客户经理工号",
    "线路",
    "订货日",
    "状态",
    "开业日期",
    "注销日期",
    "经度",
    "纬度",
]


def staffed(tmp_path):
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))


def customer_row(code="C009", **values) -> list[str]:
    """A valid customers.csv row (English header order) with some values replaced."""
    row = dict.fromkeys(CUSTOMER_HEADER, "")
    row.update(
        customer_code=code,
        license_no=f"L{code}",
        name=f"店{code}",
        format="Z",
        market_type="C",
        grade="10",
        manager_code="CM1",
        status="active",
        opened_on="2020-01-01",
    )
    row.update(values)
    return [row[key] for key in CUSTOMER_HEADER]


def test_customers_are_imported_with_every_field(db, tmp_path):
    # given
    staffed(tmp_path)

    # when
    report = imported("customers", write_csv(tmp_path / "customers.csv", CUSTOMERS))

    # then
    assert (report.rows_read, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    c1, c2, c3 = Customer.objects.order_by("code")
    assert (c1.license_no, c1.name, c1.owner_name, c1.phone, c1.address) == (
        "L001",
        "玄武食杂店",
        "陈一",
        "025-1",
        "玄武路1号",
    )
    assert (c1.format, c1.market_type, c1.scale, c1.class_code, c1.grade) == ("Z", "C", "2", "CZ2", 10)
    assert (c1.credit_class, c1.terminal_type, c1.order_channel, c1.manager.code) == (
        "A",
        "traditional",
        "online",
        "CM1",
    )
    assert (c1.route, c1.order_weekday, c1.status, c1.opened_on, c1.closed_on) == (
        "R1",
        1,
        "active",
        date(2020, 1, 1),
        None,
    )
    assert (c1.lng, c1.lat) == (Decimal("118.780000"), Decimal("32.040000"))
    assert (c2.format, c2.market_type, c2.class_code, c2.order_channel, c2.status) == (
        "B",
        "C",
        "CB1",
        "phone",
        "active",
    )
    assert (c3.format, c3.market_type, c3.scale, c3.class_code, c3.status, c3.closed_on) == (
        "Y",
        "X",
        "",
        "XY",
        "closed",
        date(2024, 6, 30),
    )


def test_chinese_headers_in_xlsx_give_the_same_customers(db, tmp_path):
    # given the same rows under Chinese headers, in a workbook with real date cells
    staffed(tmp_path)
    rows: list[list] = [CHINESE_HEADER]
    for row in CUSTOMERS[1:]:
        values: list[object] = list(row)
        values[17] = date.fromisoformat(row[17])
        rows.append(values)

    # when
    imported("customers", write_xlsx(tmp_path / "customers.xlsx", rows))

    # then
    assert list(Customer.objects.values_list("code", "class_code", "grade", "opened_on", "closed_on")) == [
        ("C001", "CZ2", 10, date(2020, 1, 1), None),
        ("C002", "CB1", 12, date(2019, 5, 1), None),
        ("C003", "XY", 20, date(2018, 3, 1), date(2024, 6, 30)),
    ]


def test_a_new_customer_gets_its_first_grade_change(db, tmp_path):
    # given one customer with grade_since, one without (its opening date counts)
    staffed(tmp_path)
    rows = [
        [*CUSTOMER_HEADER, "档位生效日期"],
        [*customer_row("C001", grade="8"), "2023-07-01"],
        [*customer_row("C002", grade="9", opened_on="2021-02-03"), ""],
    ]

    imported("customers", write_csv(tmp_path / "customers.csv", rows))

    assert list(GradeChange.objects.values_list("customer__code", "grade_from", "grade_to", "changed_on")) == [
        ("C001", None, 8, date(2023, 7, 1)),
        ("C002", None, 9, date(2021, 2, 3)),
    ]


@time_machine.travel(date(2025, 3, 15), tick=False)
def test_a_grade_change_is_recorded_from_grade_since_or_today(db, tmp_path):
    # given two customers at grade 10
    staffed(tmp_path)
    imported("customers", write_csv(tmp_path / "c1.csv", [CUSTOMER_HEADER, customer_row("C001"), customer_row("C002")]))

    # when C001 moves to 12 from 1 March and C002 to 7 without a date, and the file is imported twice
    rows = [
        [*CUSTOMER_HEADER, "grade_since"],
        [*customer_row("C001", grade="12"), "2025-03-01"],
        [*customer_row("C002", grade="7"), ""],
    ]
    path = write_csv(tmp_path / "c2.csv", rows)
    first = imported("customers", path)
    second = imported("customers", path)

    # then
    assert (first.updated, second.updated, second.unchanged) == (2, 0, 2)
    assert list(
        GradeChange.objects.filter(grade_from__isnull=False).values_list(
            "customer__code", "grade_from", "grade_to", "changed_on"
        )
    ) == [("C001", 10, 12, date(2025, 3, 1)), ("C002", 10, 7, date(2025, 3, 15))]


def test_reimporting_customers_changes_nothing(db, tmp_path):
    staffed(tmp_path)
    path = write_csv(tmp_path / "customers.csv", CUSTOMERS)
    imported("customers", path)

    report = imported("customers", path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert GradeChange.objects.count() == 3


def test_two_customers_may_swap_licence_numbers_in_one_file(db, tmp_path):
    staffed(tmp_path)
    imported("customers", write_csv(tmp_path / "c1.csv", [CUSTOMER_HEADER, customer_row("C001"), customer_row("C002")]))
    rows = [CUSTOMER_HEADER, customer_row("C001", license_no="LC002"), customer_row("C002", license_no="LC001")]

    report = imported("customers", write_csv(tmp_path / "c2.csv", rows))

    assert report.updated == 2
    assert dict(Customer.objects.values_list("code", "license_no")) == {"C001": "LC002", "C002": "LC001"}


def test_absent_optional_columns_keep_stored_values(db, tmp_path):
    # given C001 with a route and coordinates
    staffed(tmp_path)
    imported("customers", write_csv(tmp_path / "customers.csv", CUSTOMERS))
    # when a file with only the required columns changes his name
    required = [
        "customer_code",
        "license_no",
        "name",
        "format",
        "market_type",
        "grade",
        "manager_code",
        "status",
        "opened_on",
    ]
    rows = [required, ["C001", "L001", "玄武新店", "Z", "C", "10", "CM1", "active", "2020-01-01"]]
    report = imported("customers", write_csv(tmp_path / "names.csv", rows))

    # then
    assert report.updated == 1
    assert Customer.objects.filter(code="C001").values_list("name", "route", "scale", "class_code", "lng").get() == (
        "玄武新店",
        "R1",
        "2",
        "CZ2",
        Decimal("118.780000"),
    )


def test_each_bad_customer_row_has_its_own_message_and_nothing_is_written(db, tmp_path):
    # given one valid customer already there, and a file where every row but the first has one problem
    staffed(tmp_path)
    imported("customers", write_csv(tmp_path / "c1.csv", [CUSTOMER_HEADER, customer_row("C001")]))
    rows = [
        CUSTOMER_HEADER,
        customer_row("C002"),  # row 2 is valid
        customer_row("C003", name=""),
        customer_row("C004", opened_on="2020-13-01"),
        customer_row("C005", lng="east"),
        customer_row("C006", format="kiosk"),
        customer_row("C007", manager_code="CM9"),
        customer_row("C008", manager_code="MM1"),
        customer_row("C002", name="重复"),
        customer_row("C010", license_no="LC002"),
        customer_row("C011", license_no="LC001"),
        customer_row("C012", status="closed"),
        customer_row("C013", closed_on="2024-01-01"),
        customer_row("C014", grade="31"),
        customer_row("C015", order_weekday="8"),
        customer_row("C016", opened_on="2020-01-01", status="closed", closed_on="2019-12-31"),
        customer_row("C017", lat="91"),
    ]

    # when
    report = import_file("customers", write_csv(tmp_path / "c2.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(3, "name", "", "A value is required."),
        RowError(4, "opened_on", "2020-13-01", "Not a valid date (expected YYYY-MM-DD)."),
        RowError(5, "lng", "east", "Not a number."),
        RowError(
            6,
            "format",
            "kiosk",
            "Unknown value (expected one of: Z/grocery/食杂店, B/convenience/便利店, S/supermarket/超市, "
            "N/department store/商场, Y/tobacco and liquor/烟酒商店, F/entertainment/娱乐服务类, Q/other/其他).",
        ),
        RowError(7, "manager_code", "CM9", "Unknown staff code."),
        RowError(8, "manager_code", "MM1", "This staff member is a Market manager, not a customer manager."),
        RowError(9, "customer_code", "C002", "Duplicate customer_code: already in row 2."),
        RowError(10, "license_no", "LC002", "Duplicate licence number: already in row 2."),
        RowError(11, "license_no", "LC001", "This licence number belongs to customer C001 already."),
        RowError(12, "closed_on", "", "A closing date is required when the status is closed."),
        RowError(13, "closed_on", "2024-01-01", "Must be empty unless the status is closed."),
        RowError(14, "grade", "31", "The grade must be between 1 and 30."),
        RowError(15, "order_weekday", "8", "The order day must be between 1 (Monday) and 7 (Sunday)."),
        RowError(16, "closed_on", "2019-12-31", "The closing date is before the opening date."),
        RowError(17, "lat", "91", "The latitude must be between -90 and 90."),
    ]
    assert list(Customer.objects.values_list("code", flat=True)) == ["C001"]
    assert GradeChange.objects.count() == 1


def test_the_grade_range_is_a_setting(db, tmp_path, settings):
    settings.GRADE_MIN, settings.GRADE_MAX = 1, 5
    staffed(tmp_path)

    report = import_file("customers", write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, customer_row(grade="6")]))

    assert report.errors == [RowError(2, "grade", "6", "The grade must be between 1 and 5.")]
