"""order_lines.csv: lines in both header languages, defaults, re-imports, corrections and every kind of bad row."""

from datetime import date
from decimal import Decimal

from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import ORDER_HEADER, imported, write_csv, write_xlsx
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine

CHINESE_HEADER = ["订单号", "订货日期", "客户编码", "卷烟编码", "需求量", "限量", "订购量", "单价", "金额"]

LINES = [
    ORDER_HEADER,
    ["O1", "2025-01-06", "C001", "6901", "10", "5", "5", "", ""],
    ["O1", "2025-01-06", "C001", "6902", "3", "", "3", "140", "420"],
    ["O2", "2025-01-13", "C002", "6901", "2", "", "0", "95.5", "0"],
    ["O3", "2025-02-03", "C001", "6903", "4", "4", "4", "19.20", "76.80"],
]


def line_values():
    return list(
        OrderLine.objects.order_by("order_no", "spec__code").values_list(
            "order_no",
            "order_date",
            "customer__code",
            "spec__code",
            "demand_qty",
            "limit_qty",
            "order_qty",
            "price",
            "amount",
        )
    )


EXPECTED = [
    ("O1", date(2025, 1, 6), "C001", "6901", 10, 5, 5, Decimal("96.00"), Decimal("480.00")),
    ("O1", date(2025, 1, 6), "C001", "6902", 3, None, 3, Decimal("140.00"), Decimal("420.00")),
    ("O2", date(2025, 1, 13), "C002", "6901", 2, None, 0, Decimal("95.50"), Decimal("0.00")),
    ("O3", date(2025, 2, 3), "C001", "6903", 4, 4, 4, Decimal("19.20"), Decimal("76.80")),
]


def counts() -> tuple[int, int, int]:
    return OrderLine.objects.count(), CustomerSpecMonth.objects.count(), CustomerMonth.objects.count()


def test_order_lines_are_imported_with_default_price_and_amount(city, tmp_path):
    report = imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    assert (report.rows_read, report.created, report.updated, report.unchanged) == (4, 4, 0, 0)
    assert line_values() == EXPECTED


def test_chinese_headers_in_xlsx_give_the_same_lines(city, tmp_path):
    # given the lines in a workbook: date cells, number cells, empty cells
    rows: list[list] = [CHINESE_HEADER]
    for row in LINES[1:]:
        order_no, day, customer, spec, *numbers = row
        rows.append(
            [order_no, date.fromisoformat(day), customer, int(spec), *(float(n) if n else None for n in numbers)]
        )

    imported("orders", write_xlsx(tmp_path / "orders.xlsx", rows))

    assert line_values() == EXPECTED


def test_reimporting_changes_nothing_and_a_correction_updates_only_its_line(city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))
    again = imported("orders", write_csv(tmp_path / "orders.csv", LINES))
    corrected = [ORDER_HEADER, ["O2", "2025-01-13", "C002", "6901", "2", "", "1", "95.5", "95.50"], *LINES[4:]]

    report = imported("orders", write_csv(tmp_path / "corrected.csv", corrected))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert line_values()[2] == ("O2", date(2025, 1, 13), "C002", "6901", 2, None, 1, Decimal("95.50"), Decimal("95.50"))


def test_a_whole_order_may_move_to_another_date_and_customer(city, tmp_path):
    # given the lines
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))
    # when every line of order O1 is corrected to C002 in February
    moved = [
        ORDER_HEADER,
        ["O1", "2025-02-10", "C002", "6901", "10", "5", "5", "", ""],
        ["O1", "2025-02-10", "C002", "6902", "3", "", "3", "140", "420"],
    ]
    report = imported("orders", write_csv(tmp_path / "moved.csv", moved))

    # then
    assert report.updated == 2
    assert [(line[0], line[1], line[2]) for line in line_values()[:2]] == [
        ("O1", date(2025, 2, 10), "C002"),
        ("O1", date(2025, 2, 10), "C002"),
    ]


def test_a_dry_run_counts_but_writes_nothing(city, tmp_path):
    report = import_file("orders", write_csv(tmp_path / "orders.csv", LINES), dry_run=True)

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert report.as_text().endswith("Dry run: the file is valid; nothing was written.")
    assert counts() == (0, 0, 0)


def test_each_bad_order_row_has_its_own_message_and_nothing_is_written(city, tmp_path):
    # given orders P1 and P2 of C001 on 6 January in the database
    stored = [
        ORDER_HEADER,
        ["P1", "2025-01-06", "C001", "6901", "1", "", "1", "", ""],
        ["P2", "2025-01-06", "C001", "6901", "1", "", "1", "", ""],
    ]
    imported("orders", write_csv(tmp_path / "stored.csv", stored))
    before = counts()
    rows = [
        ORDER_HEADER,
        ["A1", "2025-01-06", "C001", "6901", "1", "", "1", "", ""],  # row 2 is valid
        ["A2", "", "C001", "6901", "1", "", "1", "", ""],
        ["A3", "2025-1-32", "C001", "6901", "1", "", "1", "", ""],
        ["A4", "2025-01-06", "C001", "6901", "one", "", "1", "", ""],
        ["A5", "2025-01-06", "C001", "6901", "1", "", "-1", "", ""],
        ["A6", "2025-01-06", "C001", "6901", "1", "", "1", "9.999", ""],
        ["A7", "2025-01-06", "C999", "6901", "1", "", "1", "", ""],
        ["A8", "2025-01-06", "C001", "6999", "1", "", "1", "", ""],
        ["A9", "2025-01-06", "C001", "6901", "9", "5", "6", "", ""],
        ["B1", "2025-01-06", "C001", "6901", "1", "", "1", "96", "96.02"],
        ["A1", "2025-01-06", "C001", "6901", "2", "", "2", "", ""],  # same line as row 2
        ["A1", "2025-01-07", "C001", "6902", "1", "", "1", "", ""],  # order A1 on another day
        ["A1", "2025-01-06", "C002", "6903", "1", "", "1", "", ""],  # order A1 for another customer
        ["P1", "2025-01-08", "C001", "6902", "1", "", "1", "", ""],  # P1 is dated 6 January in the database
        ["P2", "2025-01-06", "C002", "6903", "1", "", "1", "", ""],  # P2 belongs to C001 in the database
        ["B2", "2025-01-06", "C001", "6901", "1", "", "1", "", "", "surplus"],
    ]

    # when
    report = import_file("orders", write_csv(tmp_path / "bad.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(3, "order_date", "", "A value is required."),
        RowError(4, "order_date", "2025-1-32", "Not a valid date (expected YYYY-MM-DD)."),
        RowError(5, "demand_qty", "one", "Not a whole number."),
        RowError(6, "order_qty", "-1", "Quantity must not be negative."),
        RowError(7, "price", "9.999", "At most 2 decimal places."),
        RowError(8, "customer_code", "C999", "Unknown customer code."),
        RowError(9, "spec_code", "6999", "Unknown spec code."),
        RowError(10, "order_qty", "6", "The ordered quantity exceeds the limit (5)."),
        RowError(11, "amount", "96.02", "The amount differs from order_qty × price (96.00) by more than 0.01."),
        RowError(12, "spec_code", "6901", "Duplicate line: order A1 has this spec in row 2 already."),
        RowError(13, "order_date", "2025-01-07", "Order A1 is dated 2025-01-06 in row 2."),
        RowError(14, "customer_code", "C002", "Order A1 belongs to customer C001 in row 2."),
        RowError(15, "order_date", "2025-01-08", "Order P1 already has lines dated 2025-01-06 in the database."),
        RowError(16, "customer_code", "C002", "Order P2 already belongs to customer C001 in the database."),
        RowError(17, "", "", "The row has more cells than the header has columns."),
    ]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    assert counts() == before


def test_a_missing_optional_column_means_no_limit_and_the_default_price(city, tmp_path):
    rows = [
        ["order_no", "order_date", "customer_code", "spec_code", "demand_qty", "order_qty"],
        ["O1", "2025-01-06", "C001", "6901", "10", "5"],
    ]

    imported("orders", write_csv(tmp_path / "orders.csv", rows))

    assert line_values() == [("O1", date(2025, 1, 6), "C001", "6901", 10, None, 5, Decimal("96.00"), Decimal("480.00"))]


def test_order_numbers_keep_tabs_and_backslashes(city, tmp_path):
    rows = [ORDER_HEADER, ["A\\1\t2", "2025-01-06", "C001", "6901", "1", "", "1", "", ""]]

    imported("orders", write_csv(tmp_path / "orders.csv", rows))

    assert OrderLine.objects.get().order_no == "A\\1\t2"


def test_unusual_but_valid_spellings_are_accepted(city, tmp_path):
    # given numbers written with a plus sign, leading zeros, a decimal point on whole numbers, and a slash date
    rows = [ORDER_HEADER, ["O1", "2025/1/6", "C001", "6901", "+10", "05", "5.0", "96.000", "480"]]

    imported("orders", write_csv(tmp_path / "orders.csv", rows))

    assert line_values() == [("O1", date(2025, 1, 6), "C001", "6901", 10, 5, 5, Decimal("96.00"), Decimal("480.00"))]


def test_reading_stops_at_the_error_limit_and_says_so(city, tmp_path, settings):
    # given a limit of 3 errors and a file of 10 rows, each with an unknown customer
    settings.IMPORT_MAX_ERRORS = 3
    rows = [ORDER_HEADER] + [[f"O{n}", "2025-01-06", "C404", "6901", "1", "", "1", "", ""] for n in range(10)]

    # when
    report = import_file("orders", write_csv(tmp_path / "orders.csv", rows))

    # then reading stopped at the third error (row 4), and the report says so
    assert [error.row for error in report.errors] == [2, 3, 4]
    assert (report.error_count, report.stopped, report.rows_read) == (3, True, 3)
    assert report.as_text().splitlines()[-2] == (
        "Checking stopped at 3 errors (the last one in row 4): the rest of the file was not checked. Correct these "
        "and import the file again."
    )
    assert OrderLine.objects.count() == 0


def test_a_spec_repeated_within_an_order_is_a_duplicate_line(city, tmp_path):
    # the repeated line follows the first directly: the duplicate is seen while the rows stream in
    rows = [
        ORDER_HEADER,
        ["A1", "2025-01-06", "C001", "6901", "1", "", "1", "", ""],
        ["A1", "2025-01-06", "C001", "6902", "1", "", "1", "", ""],
        ["A1", "2025-01-06", "C001", "6901", "2", "", "2", "", ""],
    ]

    report = import_file("orders", write_csv(tmp_path / "orders.csv", rows))

    assert report.sorted_errors() == [
        RowError(4, "spec_code", "6901", "Duplicate line: order A1 has this spec in row 2 already."),
    ]
    assert counts()[0] == 0


def test_an_order_whose_lines_are_apart_in_the_file_is_accepted(city, tmp_path):
    rows = [
        ORDER_HEADER,
        ["A1", "2025-01-06", "C001", "6901", "1", "", "1", "", ""],
        ["A2", "2025-01-06", "C002", "6901", "1", "", "1", "", ""],
        ["A1", "2025-01-06", "C001", "6902", "3", "", "3", "", ""],
    ]

    report = imported("orders", write_csv(tmp_path / "orders.csv", rows))

    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)


def test_an_amount_formula_without_its_result_is_refused_not_recomputed(city, tmp_path):
    # given an XLSX order file whose amount is a formula with no saved result (it was read as empty, then
    # computed as order_qty × price)
    rows: list[list] = [ORDER_HEADER, ["O1", date(2025, 1, 6), "C001", "6901", 10, "", 5, 96, "=G2*H2"]]
    path = write_xlsx(tmp_path / "orders.xlsx", rows)

    report = import_file("orders", path)

    assert [error.reason for error in report.errors] == [
        "Row 2, column I “amount” holds a formula whose result was not saved in the file. Open the file in Excel and "
        "save it (or paste the values over the formulas), then import it again."
    ]
    assert OrderLine.objects.count() == 0
