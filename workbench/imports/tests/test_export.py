"""Export then import into an empty database gives every field back."""

import csv
import io
from datetime import date

import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Model, QuerySet

from workbench.accounts.models import OrgUnit, Staff
from workbench.catalog.models import Brand, Spec
from workbench.customers.models import Customer, GradeChange
from workbench.imports.services import KINDS
from workbench.imports.tests.conftest import CUSTOMER_HEADER, CUSTOMERS, imported, write_csv
from workbench.imports.tests.test_orders import LINES
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine

FILES = dict(zip(KINDS, ["org.csv", "staff.csv", "customers.csv", "specs.csv", "order_lines.csv"], strict=True))
# What identifies a row of each model across databases (primary keys do not survive a round trip).
NATURAL_KEYS = {
    OrgUnit: ("code",),
    Staff: ("code",),
    Customer: ("code",),
    Brand: ("name",),
    Spec: ("code",),
    OrderLine: ("order_no", "spec"),
    CustomerSpecMonth: ("month", "customer", "spec"),
    CustomerMonth: ("month", "customer"),
}


def natural(obj) -> tuple:
    return tuple(natural(value) if hasattr(value, "_meta") else value for value in natural_values(obj))


def natural_values(obj):
    for name in NATURAL_KEYS.get(type(obj), ("username",)):
        yield getattr(obj, name)


def snapshot() -> dict:
    """Every field of every imported model, with foreign keys and primary keys replaced by natural keys."""
    models: dict[type[Model], QuerySet] = {
        **{model: model._default_manager.all() for model in NATURAL_KEYS},
        get_user_model(): get_user_model().objects.exclude(password=""),
    }
    state: dict[str, dict] = {}
    for model, queryset in models.items():
        rows = {}
        for obj in queryset:
            values = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name in ("password", "last_login", "date_joined"):
                    continue
                value = getattr(obj, field.name)
                values[field.name] = natural(value) if hasattr(value, "_meta") else value
            rows[natural(obj)] = values
        state[model.__name__] = rows
    state["grades"] = {
        change.customer.code: (change.grade_to, change.changed_on)
        for change in GradeChange.objects.order_by("changed_on", "pk").select_related("customer")
    }
    return state


def empty_the_database() -> None:
    for model in (OrderLine, CustomerSpecMonth, CustomerMonth, GradeChange, Customer, Spec, Brand, Staff):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    for unit in OrgUnit.objects.order_by("-path"):  # children first: a parent is protected
        unit.delete()


@time_machine.travel(date(2025, 3, 15), tick=False)
def test_export_then_import_into_an_empty_database_is_lossless(city, tmp_path):
    # given the city with its lines, and a grade change on 1 March
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))
    regraded = [CUSTOMER_HEADER + ["grade_since"], CUSTOMERS[1][:9] + ["14"] + CUSTOMERS[1][10:] + ["2025-03-01"]]
    imported("customers", write_csv(tmp_path / "regrade.csv", regraded))
    before = snapshot()

    # when exported, the database emptied, and the five files imported back
    call_command("export", str(tmp_path / "out"), stdout=io.StringIO())
    empty_the_database()
    for kind in KINDS:
        imported(kind, tmp_path / "out" / FILES[kind])

    # then every field is back
    assert snapshot() == before
    assert before["OrderLine"]
    assert before["CustomerMonth"]
    assert before["Customer"]["C001",]["grade"] == 14


def test_export_writes_english_headers_in_contract_order(city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    call_command("export", str(tmp_path / "out"), stdout=io.StringIO())

    with (tmp_path / "out" / "order_lines.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[:2] == [
        [
            "order_no",
            "order_date",
            "customer_code",
            "spec_code",
            "demand_qty",
            "limit_qty",
            "order_qty",
            "price",
            "amount",
        ],
        ["O1", "2025-01-06", "C001", "6901", "10", "5", "5", "96.00", "480.00"],
    ]
    with (tmp_path / "out" / "org.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["org_code", "name", "kind", "parent_code"],
            ["NJ", "南京市公司", "company", ""],
            ["D1", "城区营销部", "department", "NJ"],
            ["T1", "玄武市场部", "team", "D1"],
            ["T2", "鼓楼市场部", "team", "D1"],
        ]
