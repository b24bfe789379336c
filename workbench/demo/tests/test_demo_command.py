"""`workbench demo`: the tiny city loads through the import path and its logins work."""

import csv
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import translation

from workbench.accounts.models import OrgUnit, Role, Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer, GradeChange
from workbench.demo.catalogue import LAUNCH_SPEC
from workbench.orders.models import OrderLine

pytestmark = pytest.mark.django_db


def run_demo(directory, *extra) -> str:
    out = StringIO()
    with translation.override("en"):  # the output is read in English; the default language is zh-hans
        call_command("demo", "--preset", "tiny", "--end", "2025-03-31", "--dir", str(directory), *extra, stdout=out)
    return out.getvalue()


def test_demo_loads_the_tiny_city(tmp_path):
    # given an empty database

    # when the tiny demo is generated and loaded
    output = run_demo(tmp_path)

    # then the database holds what the files hold
    lines_in_file = len((tmp_path / "order_lines.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert OrgUnit.objects.count() == 5
    assert Staff.objects.count() == 14
    assert Customer.objects.count() == 120
    assert Spec.objects.count() == 40
    assert OrderLine.objects.count() == lines_in_file
    assert Customer.objects.filter(status="closed").count() == 4
    # and the command printed the timings, the accounts to try and where to go
    assert "Ready in" in output
    for login in ("cm001", "mm0101", "ld00", "bm01", "admin"):
        assert f" {login} " in output
    assert settings.DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000/" in output


def test_loaded_city_keeps_its_rules(tmp_path):
    # given the loaded tiny city
    run_demo(tmp_path)

    # then every customer's manager is a customer manager of a team
    assert not Customer.objects.exclude(manager__role=Role.CUSTOMER_MANAGER, manager__org_unit__kind="team").exists()
    # closed customers have no line after they closed
    assert not OrderLine.objects.filter(customer__status="closed", order_date__gt=F("customer__closed_on")).exists()
    assert OrderLine.objects.filter(customer__status="closed").exists()
    # the launch has no line before its launch date
    launch = Spec.objects.get(name=LAUNCH_SPEC)
    assert launch.launched_on == date(2025, 2, 10)
    assert not OrderLine.objects.filter(spec=launch, order_date__lt=launch.launched_on).exists()
    assert OrderLine.objects.filter(spec=launch).exists()
    # no order exceeds its limit, lines are priced at the wholesale price and amounts are quantity × price
    assert not OrderLine.objects.filter(limit_qty__isnull=False, order_qty__gt=F("limit_qty")).exists()
    lines = OrderLine.objects.values_list("order_qty", "price", "amount", "spec__wholesale_price")
    assert all(amount == qty * price and price == wholesale for qty, price, amount, wholesale in lines)
    assert OrderLine.objects.filter(spec__name="中华(硬)", limit_qty__isnull=True).count() == 0


def test_grade_changes_are_recorded_with_the_grade_before(tmp_path):
    # given the loaded tiny city
    run_demo(tmp_path)

    # then every customer whose 档位 changed during the data has two history rows: the grade it opened with, then
    # the change from that grade to its current one on the date of the change
    changed = list(csv.DictReader((tmp_path / "customers_before.csv").open(encoding="utf-8")))
    current = {row["customer_code"]: row for row in csv.DictReader((tmp_path / "customers.csv").open(encoding="utf-8"))}
    assert changed
    for before in changed:
        now = current[before["customer_code"]]
        history = list(
            GradeChange.objects.filter(customer__code=before["customer_code"]).values_list(
                "changed_on", "grade_from", "grade_to"
            )
        )
        assert history == [
            (date.fromisoformat(now["opened_on"]), None, int(before["grade"])),
            (date.fromisoformat(now["grade_since"]), int(before["grade"]), int(now["grade"])),
        ]
    # and the others have their opening grade only
    assert GradeChange.objects.count() == Customer.objects.count() + len(changed)


def test_every_login_gets_the_demo_password(tmp_path):
    # given the loaded tiny city
    run_demo(tmp_path)

    # then a customer manager and the admin log in with the demo password
    logins = [authenticate(username=name, password=settings.DEMO_PASSWORD) for name in ("cm001", "admin")]
    assert [user.staff.role if user else None for user in logins] == [Role.CUSTOMER_MANAGER, Role.ADMIN]


def test_if_empty_leaves_a_loaded_database_alone(tmp_path):
    # given the loaded tiny city
    run_demo(tmp_path / "first")
    total = OrderLine.objects.aggregate(total=Sum("order_qty"))["total"]

    # when the demo is asked for again, only if the database is empty
    output = run_demo(tmp_path / "second", "--if-empty")

    # then nothing is generated or loaded
    assert "already has customers" in output
    assert not (tmp_path / "second").exists()
    assert OrderLine.objects.aggregate(total=Sum("order_qty"))["total"] == total


def test_no_load_only_writes_the_files(tmp_path):
    # given an empty database

    # when the demo is generated without loading
    run_demo(tmp_path, "--no-load")

    # then the files are there and the database is still empty
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "customers.csv",
        "customers_before.csv",
        "order_lines.csv",
        "org.csv",
        "specs.csv",
        "staff.csv",
    ]
    assert not Customer.objects.exists()
