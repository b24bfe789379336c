"""org.csv and staff.csv: the tree with its paths, staff with their logins, and every kind of bad row."""

from django.contrib.auth import get_user_model

from workbench.accounts.models import OrgUnit, Staff
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import ORG, STAFF, imported, write_csv

User = get_user_model()


def test_org_units_get_their_paths_when_parents_come_after_children(db, tmp_path):
    # when
    report = imported("org", write_csv(tmp_path / "org.csv", ORG))

    # then
    assert (report.rows_read, report.created, report.updated, report.unchanged) == (4, 4, 0, 0)
    assert list(OrgUnit.objects.values_list("code", "name", "kind", "parent__code", "path")) == [
        ("NJ", "南京市公司", "company", None, "/NJ/"),
        ("D1", "城区营销部", "department", "NJ", "/NJ/D1/"),
        ("T1", "玄武市场部", "team", "D1", "/NJ/D1/T1/"),
        ("T2", "鼓楼市场部", "team", "D1", "/NJ/D1/T2/"),
    ]


def test_reimporting_the_org_file_changes_nothing(db, tmp_path):
    path = write_csv(tmp_path / "org.csv", ORG)
    imported("org", path)

    report = imported("org", path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)


def test_moving_a_unit_moves_the_paths_below_it_too(db, tmp_path):
    # given the tree, and a second department
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    # when D2 arrives and T1 moves under it, in a file that names neither T1's parent chain nor T2
    rows = [ORG[0], ["D1", "城区营销部", "department", "D2"], ["D2", "新营销部", "department", "NJ"]]
    report = imported("org", write_csv(tmp_path / "move.csv", rows))

    # then D1 moved under D2, and T1, T2 (not in the file) follow
    assert (report.created, report.updated) == (1, 1)
    assert dict(OrgUnit.objects.values_list("code", "path")) == {
        "NJ": "/NJ/",
        "D2": "/NJ/D2/",
        "D1": "/NJ/D2/D1/",
        "T1": "/NJ/D2/D1/T1/",
        "T2": "/NJ/D2/D1/T2/",
    }


def test_bad_org_rows_are_all_listed_and_nothing_is_written(db, tmp_path):
    # given
    rows = [
        ORG[0],
        ["NJ", "南京市公司", "company", ""],
        ["T1", "玄武市场部", "team", "XX"],  # unknown parent
        ["T2", "鼓楼市场部", "squad", "NJ"],  # unknown kind word
        ["T3", "", "team", "NJ"],  # missing name
        ["T4", "自己", "team", "T4"],  # its own parent
        ["A1", "甲", "team", "A2"],  # A1 → A2 → A1
        ["A2", "乙", "team", "A1"],
        ["NJ", "重复", "company", ""],  # duplicate key
    ]

    # when
    report = import_file("org", write_csv(tmp_path / "org.csv", rows))

    # then
    assert report.sorted_errors() == [
        RowError(3, "parent_code", "XX", "Unknown parent org code."),
        RowError(
            4,
            "kind",
            "squad",
            "Unknown value (expected one of: company/company/市公司, department/department/营销部, team/team/市场部).",
        ),
        RowError(5, "name", "", "A value is required."),
        RowError(6, "parent_code", "T4", "A unit cannot be its own parent."),
        RowError(7, "parent_code", "A2", "The parents form a loop: A1 → A2 → A1."),
        RowError(8, "parent_code", "A1", "The parents form a loop: A2 → A1 → A2."),
        RowError(9, "org_code", "NJ", "Duplicate org_code: already in row 2."),
    ]
    assert (report.created, report.updated) == (0, 0)
    assert OrgUnit.objects.count() == 0


def test_staff_get_logins_named_by_their_code(db, tmp_path):
    # given
    imported("org", write_csv(tmp_path / "org.csv", ORG))

    # when
    report = imported("staff", write_csv(tmp_path / "staff.csv", STAFF))

    # then
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert list(
        Staff.objects.values_list(
            "code", "name", "role", "org_unit__code", "mobile", "is_active", "user__username", "user__is_active"
        )
    ) == [
        ("AD1", "管理员", "admin", "NJ", "", True, "AD1", True),
        ("CM1", "张伟", "customer_manager", "T1", "13800000001", True, "CM1", True),
        ("CM2", "李娜", "customer_manager", "T1", "", True, "CM2", True),
        ("LD9", "刘退休", "leader", "NJ", "", False, "LD9", False),
        ("MM1", "王强", "market_manager", "T1", "", True, "MM1", True),
    ]
    assert list(User.objects.filter(is_staff=True, is_superuser=True).values_list("username", flat=True)) == ["AD1"]
    assert not any(user.has_usable_password() for user in User.objects.all())


def test_reimporting_staff_changes_nothing_and_keeps_passwords(db, tmp_path):
    # given the staff imported, and CM1 has set a password
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    path = write_csv(tmp_path / "staff.csv", STAFF)
    imported("staff", path)
    user = User.objects.get(username="CM1")
    user.set_password("secret-123")
    user.save()

    # when
    report = imported("staff", path)

    # then
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert User.objects.get(username="CM1").check_password("secret-123")


def test_a_demoted_admin_and_a_returning_leader_get_their_flags(db, tmp_path):
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))
    rows = [STAFF[0], ["AD1", "管理员", "leader", "NJ", "", "1"], ["LD9", "刘退休", "leader", "NJ", "", "在岗"]]

    report = imported("staff", write_csv(tmp_path / "change.csv", rows))

    assert (report.created, report.updated) == (0, 2)
    flags = {user.username: (user.is_active, user.is_staff, user.is_superuser) for user in User.objects.all()}
    assert flags["AD1"] == (True, False, False)
    assert flags["LD9"] == (True, False, False)


def test_an_existing_login_with_the_staff_code_is_linked(db, tmp_path):
    # given a login made before the staff file arrived
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    user = User.objects.create_user(username="CM1", password="kept-123")

    imported("staff", write_csv(tmp_path / "staff.csv", STAFF[:2]))

    assert Staff.objects.get(code="CM1").user == user
    assert User.objects.get(username="CM1").check_password("kept-123")


def test_absent_optional_columns_keep_stored_values(db, tmp_path):
    # given CM1 with a mobile number
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))

    # when a file without the mobile and active columns renames him
    rows = [["staff_code", "name", "role", "org_code"], ["CM1", "张伟伟", "customer_manager", "T1"]]
    imported("staff", write_csv(tmp_path / "rename.csv", rows))

    # then
    assert Staff.objects.filter(code="CM1").values_list("name", "mobile", "is_active").get() == (
        "张伟伟",
        "13800000001",
        True,
    )


def test_bad_staff_rows_are_all_listed_and_nothing_is_written(db, tmp_path):
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    rows = [
        STAFF[0],
        ["CM1", "张伟", "customer_manager", "T9", "", ""],  # unknown org
        ["CM2", "李娜", "salesman", "T1", "", ""],  # unknown role
        ["CM3", "王五", "customer_manager", "T1", "", "maybe"],  # not a yes/no
        ["CM4", "赵六", "customer_manager", "T1", "1" * 21, ""],  # too long for the mobile column
        ["CM2", "李娜", "customer_manager", "T1", "", ""],  # duplicate key
    ]

    report = import_file("staff", write_csv(tmp_path / "staff.csv", rows))

    assert report.sorted_errors() == [
        RowError(2, "org_code", "T9", "Unknown org code."),
        RowError(
            3,
            "role",
            "salesman",
            "Unknown value (expected one of: customer_manager/customer manager/客户经理, "
            "market_manager/market manager/市场经理, brand_manager/brand manager/品牌经理, leader/leader/领导, "
            "admin/administrator/管理员).",
        ),
        RowError(4, "active", "maybe", "Not a yes/no value (expected one of: 1, 0, 是, 否, 在岗, 离岗)."),
        RowError(5, "mobile", "1" * 21, "Too long: at most 20 characters."),
        RowError(6, "staff_code", "CM2", "Duplicate staff_code: already in row 3."),
    ]
    assert (Staff.objects.count(), User.objects.count()) == (0, 0)


def test_demoting_a_customer_manager_who_still_has_customers_warns(city, tmp_path):
    # given CM2 serves C003; when the staff file makes him a market manager
    rows = [STAFF[0], ["CM2", "李娜", "market_manager", "T1", "", ""]]

    report = imported("staff", write_csv(tmp_path / "demote.csv", rows))

    assert report.warnings == ["CM2 is no longer a customer manager but still has 1 customers; reassign them."]
