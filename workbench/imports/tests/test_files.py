"""Whole-file problems give one clear message and write nothing; headers match in either language."""

import io
import random
import zipfile
from datetime import date

import pytest

from workbench.accounts.models import OrgUnit
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import ORG, write_csv, write_xlsx

NOT_UTF8 = (
    "The file is not UTF-8 text (it may have been saved as GBK/ANSI). Save it as “CSV UTF-8” or as an XLSX "
    "workbook and import it again."
)


def only_error(report) -> RowError:
    assert not report.ok
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


def test_a_gbk_file_is_refused_with_one_message(db, tmp_path):
    # given the org file saved as GBK, as Excel does on a Chinese Windows
    path = write_csv(tmp_path / "org.csv", ORG, encoding="gbk")

    # when
    report = import_file("org", path)

    # then
    assert only_error(report) == RowError(None, "", "", NOT_UTF8)
    assert OrgUnit.objects.count() == 0


def test_a_gbk_row_late_in_the_file_names_its_row(db, tmp_path):
    # given a UTF-8 file whose 5th row was pasted in GBK, far beyond the part read to sniff the file
    rows = [ORG[0], ["NJ", "南京市公司", "company", ""]] + [[f"T{n}", f"T{n}", "team", "NJ"] for n in range(5000)]
    path = tmp_path / "org.csv"
    path.write_bytes(write_csv(tmp_path / "head.csv", rows).read_bytes() + "X1,玄武,team,NJ\r\n".encode("gbk"))

    # when
    report = import_file("org", path)

    # then
    assert only_error(report).reason == f"Row 5003: {NOT_UTF8}"
    assert OrgUnit.objects.count() == 0


def test_an_empty_file_is_refused(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(b"")

    report = import_file("org", path)

    assert only_error(report).reason == "The file is empty."


def test_a_file_with_only_a_header_is_valid_and_says_so(db, tmp_path):
    report = import_file("org", write_csv(tmp_path / "org.csv", [ORG[0]]))

    assert report.ok
    assert (report.rows_read, report.created) == (0, 0)
    assert report.warnings == ["The file has a header but no data rows."]


def test_a_truncated_xlsx_is_refused(db, tmp_path):
    # given the first half of a real workbook
    whole = write_xlsx(tmp_path / "whole.xlsx", ORG).read_bytes()
    path = tmp_path / "org.xlsx"
    path.write_bytes(whole[: len(whole) // 2])

    report = import_file("org", path)

    assert only_error(report).reason == "The XLSX file is damaged or truncated."
    assert OrgUnit.objects.count() == 0


def test_binary_garbage_is_refused(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(bytes(range(256)) * 4)

    report = import_file("org", path)

    assert only_error(report).reason == "This is not a CSV or XLSX file (it contains binary data)."


def test_an_old_xls_workbook_is_refused(db, tmp_path):
    path = tmp_path / "org.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    report = import_file("org", path)

    assert only_error(report).reason == (
        "Old Excel .xls files are not supported: save the sheet as .xlsx or as CSV UTF-8."
    )


def test_a_text_file_named_xlsx_is_refused(db, tmp_path):
    path = write_csv(tmp_path / "org.xlsx", ORG)

    report = import_file("org", path)

    assert only_error(report).reason == (
        "The file is named .xlsx but is not an Excel workbook: it is damaged or of another type."
    )


def test_a_zip_that_is_not_a_workbook_is_refused(db, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = tmp_path / "org.xlsx"
    path.write_bytes(buffer.getvalue())

    report = import_file("org", path)

    assert only_error(report).reason == (
        "This is not a CSV or XLSX file (it is a ZIP archive but not an Excel workbook)."
    )


def test_a_missing_file_is_reported(db, tmp_path):
    report = import_file("org", tmp_path / "nowhere.csv")

    assert only_error(report).reason == f"File not found: {tmp_path / 'nowhere.csv'}"


def test_broken_csv_quoting_is_reported_with_its_row(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_text('org_code,name,kind,parent_code\r\nNJ,南京市公司,company,\r\nD1,"城区,department,NJ\r\n')

    report = import_file("org", path)

    assert only_error(report).reason == "Row 3 is not valid CSV (unexpected end of data)."
    assert OrgUnit.objects.count() == 0


def test_a_bom_is_accepted(db, tmp_path):
    report = import_file("org", write_csv(tmp_path / "org.csv", ORG, encoding="utf-8-sig"))

    assert report.ok
    assert report.created == 4


def test_headers_match_ignoring_case_spaces_and_underscores(db, tmp_path):
    rows = [[" ORG CODE ", "Name", "kind ", "Parent_Code"], ["NJ", "南京市公司", "company", ""]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.ok
    assert OrgUnit.objects.get().code == "NJ"


def test_chinese_headers_in_an_xlsx_file(db, tmp_path):
    rows: list[list] = [
        ["机构编码", "机构名称", "机构类型", "上级机构编码"],
        ["NJ", "南京市公司", "市公司", None],
        ["D1", "城区营销部", "营销部", "NJ"],
    ]

    report = import_file("org", write_xlsx(tmp_path / "org.xlsx", rows))

    assert report.ok
    assert list(OrgUnit.objects.values_list("code", "kind", "path")) == [
        ("NJ", "company", "/NJ/"),
        ("D1", "department", "/NJ/D1/"),
    ]


def test_unknown_columns_are_ignored_with_a_warning(db, tmp_path):
    rows = [[*ORG[0], "remark"], ["NJ", "南京市公司", "company", "", "总部"]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.ok
    assert report.warnings == ["Unknown column “remark” ignored."]


def test_missing_required_columns_give_one_error(db, tmp_path):
    rows = [["org_code", "parent_code"], ["NJ", ""]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert only_error(report) == RowError(
        1, "", "", "Required columns are missing from the header: name / 机构名称, kind / 机构类型."
    )


def test_a_column_named_twice_is_an_error(db, tmp_path):
    rows = [["org_code", "name", "kind", "机构编码"], ["NJ", "南京市公司", "company", "NJ"]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert only_error(report) == RowError(
        1, "机构编码", "机构编码", "Column org_code / 机构编码 appears twice in the header."
    )


def test_a_row_longer_than_the_header_is_an_error(db, tmp_path):
    rows = [ORG[0], ["NJ", "南京市公司", "company", "", "extra"]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert only_error(report) == RowError(2, "", "", "The row has more cells than the header has columns.")


def test_blank_rows_are_skipped(db, tmp_path):
    rows = [ORG[0], ["", "", "", ""], ["NJ", "南京市公司", "company", ""], []]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.ok
    assert report.rows_read == 1


def test_unknown_kind_is_a_programming_error(db, tmp_path):
    with pytest.raises(ValueError, match="unknown import kind 'brands'"):
        import_file("brands", tmp_path / "x.csv")


def test_as_text_lists_counts_errors_and_warnings(db, tmp_path):
    rows = [[*ORG[0], "remark"], ["NJ", "南京市公司", "firm", "", ""]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.as_text() == (
        "Import of org units from org.csv failed: 1 rows read.\n"
        "Warnings:\n"
        "  - Unknown column “remark” ignored.\n"
        "Errors (1):\n"
        "  row 2, column kind, value “firm”: Unknown value (expected one of: company/company/市公司, "
        "department/department/营销部, team/team/市场部).\n"
        "Nothing was written."
    )


def test_xlsx_date_cells_are_dates(db, tmp_path):
    # given a spec file whose launch date is a real date cell and whose prices are numbers
    header = ["spec_code", "name", "brand", "transfer_price", "wholesale_price", "launched_on"]
    rows: list[list] = [header, [6901028001234, "南京(红)", "南京", 80, 96.5, date(2010, 1, 1)]]

    report = import_file("specs", write_xlsx(tmp_path / "specs.xlsx", rows))

    assert report.ok, report.as_text()
    from workbench.catalog.models import Spec

    spec = Spec.objects.get()
    assert (spec.code, str(spec.wholesale_price), spec.launched_on) == ("6901028001234", "96.50", date(2010, 1, 1))


def test_random_binary_without_nul_bytes_is_not_a_csv(db, tmp_path):
    # given random bytes with no NUL among them: neither UTF-8 nor GBK (it was taken for GBK text)
    path = tmp_path / "org.csv"
    path.write_bytes(random.Random(9).randbytes(5000).replace(b"\x00", b"\x01"))

    report = import_file("org", path)

    assert only_error(report).reason == "This is not a CSV or XLSX file (it contains binary data)."
    assert report.warnings == []


def test_control_character_garbage_is_not_a_csv(db, tmp_path):
    # given bytes below 128 — valid UTF-8, but mostly control characters (it failed as "header missing",
    # with an unknown-column warning full of them)
    path = tmp_path / "org.csv"
    path.write_bytes(bytes(random.Random(3).randrange(1, 128) for _ in range(5000)))

    report = import_file("org", path)

    assert only_error(report).reason == "This is not a CSV or XLSX file (it contains binary data)."
    assert report.warnings == []


def test_a_pdf_renamed_to_csv_is_named(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")

    report = import_file("org", path)

    assert only_error(report).reason == "This is not a CSV or XLSX file (it is a PDF document)."


def test_a_stray_control_character_in_a_cell_is_still_text(db, tmp_path):
    # given a valid org file where one name holds a vertical tab pasted from elsewhere
    rows = [ORG[0], ["NJ", "南京市\x0b公司", "company", ""]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.ok, report.as_text()
    assert OrgUnit.objects.get().name == "南京市\x0b公司"


def test_a_formula_without_a_saved_value_is_refused_by_row_and_column(db, tmp_path):
    # given a workbook written by a program: openpyxl stores the formula and no result
    rows = [ORG[0], ["NJ", "南京市公司", "company", ""], ["D1", '=CONCAT("城区","营销部")', "department", "NJ"]]
    path = write_xlsx(tmp_path / "org.xlsx", rows)

    report = import_file("org", path)

    assert only_error(report).reason == (
        "Row 3, column B “name” holds a formula whose result was not saved in the file. Open the file in Excel and "
        "save it (or paste the values over the formulas), then import it again."
    )
    assert OrgUnit.objects.count() == 0


def test_a_formula_with_its_saved_value_is_read_as_the_value(db, tmp_path):
    # given the same workbook as Excel saves it: the formula and its result
    rows = [ORG[0], ["NJ", "南京市公司", "company", ""], ["D1", '=CONCAT("城区","营销部")', "department", "NJ"]]
    path = with_saved_result(write_xlsx(tmp_path / "org.xlsx", rows), "B3", "城区营销部")

    report = import_file("org", path)

    assert report.ok, report.as_text()
    assert OrgUnit.objects.get(code="D1").name == "城区营销部"


def with_saved_result(path, cell: str, value: str):
    """Add a saved text result to the formula of `cell`, as Excel does (`t="str"` and a `<v>` after the `<f>`)."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    sheet = contents[member].decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start)
    formula = sheet[sheet.index("<f>", start) : sheet.index("</f>", start) + len("</f>")]
    sheet = sheet[:start] + f'<c r="{cell}" t="str">{formula}<v>{value}</v>' + sheet[end:]
    contents[member] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def test_reading_stops_at_the_error_limit(db, tmp_path, settings):
    # given a limit of 2 errors and five units of an unknown kind
    settings.IMPORT_MAX_ERRORS = 2
    rows = [ORG[0], *[[f"X{n}", "某单位", "shop", ""] for n in range(5)]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert [(error.row, error.column) for error in report.errors] == [(2, "kind"), (3, "kind")]
    assert (report.stopped, report.rows_read) == (True, 2)
    assert OrgUnit.objects.count() == 0


def test_unknown_columns_are_named_up_to_twenty_and_cut_short(db, tmp_path):
    # given the org header followed by 25 unknown columns, the first of them 50 characters long
    extra = ["x" * 50] + [f"extra{n}" for n in range(1, 25)]
    rows = [ORG[0] + extra, ["NJ", "南京市公司", "company", ""] + [""] * 25]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert report.ok, report.as_text()
    assert report.warnings[0] == f"Unknown column “{'x' * 40}…” ignored."
    assert report.warnings[19] == "Unknown column “extra19” ignored."
    assert report.warnings[20:] == ["… and 5 more unknown columns ignored."]


def test_a_long_bad_value_is_quoted_cut_short(db, tmp_path):
    rows = [ORG[0], ["NJ", "南京市公司", "k" * 500, ""]]

    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    assert only_error(report).value == "k" * 100 + "…"
