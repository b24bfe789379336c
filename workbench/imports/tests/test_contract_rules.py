"""Data-contract rules the org and staff imports enforce: one root unit, market managers on team units.

Each refusal names the row and the field, like every other import message, and writes nothing.
"""

from django.contrib.auth import get_user_model

from workbench.accounts.models import OrgUnit, Staff
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import ORG, STAFF, imported, write_csv


def test_a_second_root_in_the_file_is_refused(db, tmp_path):
    # given a file whose rows 5 and 6 have no parent besides the company
    rows = [*ORG, ["SH", "上海市公司", "company", ""], ["X1", "无上级", "department", ""]]

    # when
    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(6, "parent_code", "", "A parent is required: NJ is already the root unit."),
        RowError(7, "parent_code", "", "A parent is required: NJ is already the root unit."),
    ]
    assert OrgUnit.objects.count() == 0


def test_a_second_root_beside_the_stored_one_is_refused(db, tmp_path):
    # given the tree imported
    imported("org", write_csv(tmp_path / "org.csv", ORG))

    # when a later file brings another company
    rows = [ORG[0], ["SH", "上海市公司", "company", ""]]
    report = import_file("org", write_csv(tmp_path / "more.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(2, "parent_code", "", "A parent is required: NJ is already the root unit."),
    ]
    assert sorted(OrgUnit.objects.values_list("code", flat=True)) == ["D1", "NJ", "T1", "T2"]


def test_the_root_may_be_imported_again_and_replaced_by_moving_it(db, tmp_path):
    # given the tree imported
    imported("org", write_csv(tmp_path / "org.csv", ORG))

    # when a file re-imports the root unchanged, and one puts a new root above it
    again = imported("org", write_csv(tmp_path / "again.csv", [ORG[0], ORG[4]]))
    moved = imported(
        "org",
        write_csv(
            tmp_path / "moved.csv", [ORG[0], ["JS", "江苏省局", "company", ""], ["NJ", "南京市公司", "company", "JS"]]
        ),
    )

    # then both are accepted: one root either way
    assert (again.unchanged, moved.created, moved.updated) == (1, 1, 1)
    assert OrgUnit.objects.get(code="T1").path == "/JS/NJ/D1/T1/"


def test_a_market_manager_on_a_department_is_refused(db, tmp_path):
    # given the tree
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    rows = [
        *STAFF,
        ["MM2", "周敏", "market_manager", "D1", "", ""],  # a department, not a team
        ["MM3", "吴刚", "市场经理", "NJ", "", ""],  # the company
        ["BM1", "郑洁", "brand_manager", "D1", "", ""],  # a brand manager may sit on a department
    ]

    # when
    report = import_file("staff", write_csv(tmp_path / "staff.csv", rows))

    # then every such row is listed, and nobody is written
    assert report.sorted_errors() == [
        RowError(7, "org_code", "D1", "A market manager must belong to a market team, not to a marketing department."),
        RowError(8, "org_code", "NJ", "A market manager must belong to a market team, not to a company."),
    ]
    assert (Staff.objects.count(), get_user_model().objects.count()) == (0, 0)


def test_a_team_holding_a_market_manager_cannot_become_a_department(db, tmp_path):
    # given the tree and the staff (MM1 leads team T1)
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))

    # when a file turns T1 (row 2) into a department and T2 (row 3, no market manager) too
    rows = [ORG[0], ["T1", "玄武市场部", "department", "D1"], ["T2", "鼓楼市场部", "department", "D1"]]
    report = import_file("org", write_csv(tmp_path / "kinds.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(2, "kind", "department", "MM1 is a market manager and must belong to a market team."),
    ]
    assert dict(OrgUnit.objects.filter(code__in=["T1", "T2"]).values_list("code", "kind")) == {
        "T1": "team",
        "T2": "team",
    }
