"""customers.csv's optional sample_point column (信息采集点, docs/data-contract.md): 1/0, 是/否, all-or-nothing."""

from workbench.customers.models import Customer
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import CUSTOMER_HEADER, ORG, STAFF, imported, write_csv
from workbench.imports.tests.test_customers import customer_row


def staffed(tmp_path):
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))


def test_a_bad_sample_point_value_names_row_and_field_and_nothing_is_written(db, tmp_path):
    # given a customers file whose third row says "maybe"
    staffed(tmp_path)
    header = [*CUSTOMER_HEADER, "sample_point"]
    rows = [header, [*customer_row("C001"), "1"], [*customer_row("C002"), "0"], [*customer_row("C003"), "maybe"]]
    # when
    report = import_file("customers", write_csv(tmp_path / "bad.csv", rows))
    # then the row and the field are named, and nothing is written
    assert report.sorted_errors() == [
        RowError(4, "sample_point", "maybe", "Not a yes/no value (expected one of: 1, 0, 是, 否)."),
    ]
    assert Customer.objects.count() == 0


def test_the_column_marks_sample_points_in_either_language(db, tmp_path):
    # given 1, 是, 否 and an empty cell under the Chinese header
    staffed(tmp_path)
    header = [*CUSTOMER_HEADER, "信息采集点"]
    rows = [
        header,
        [*customer_row("C001"), "1"],
        [*customer_row("C002"), "是"],
        [*customer_row("C003"), "否"],
        [*customer_row("C004"), ""],
    ]
    # when
    imported("customers", write_csv(tmp_path / "customers.csv", rows))
    # then
    assert dict(Customer.objects.values_list("code", "is_sample_point")) == {
        "C001": True,
        "C002": True,
        "C003": False,
        "C004": False,
    }


def test_a_file_without_the_column_keeps_the_admins_marks(db, tmp_path):
    # given C001 marked by an admin
    staffed(tmp_path)
    imported("customers", write_csv(tmp_path / "first.csv", [CUSTOMER_HEADER, customer_row("C001")]))
    Customer.objects.filter(code="C001").update(is_sample_point=True)
    # when the file is imported again without the column, the name changed
    imported("customers", write_csv(tmp_path / "again.csv", [CUSTOMER_HEADER, customer_row("C001", name="新名")]))
    # then the mark stays
    assert Customer.objects.get(code="C001").is_sample_point is True
    # and a file with the column clears it
    rows = [[*CUSTOMER_HEADER, "sample_point"], [*customer_row("C001"), "0"]]
    imported("customers", write_csv(tmp_path / "clear.csv", rows))
    assert Customer.objects.get(code="C001").is_sample_point is False
