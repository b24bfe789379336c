"""What every app's tests share: small builders (an org tree, staff with logins, customers, specs), the persona
names and `login()` (personas.py), and the role × view access matrix (matrix.py). docs/testing.md explains them.
"""

import io
import uuid
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from workbench.accounts.models import OrgKind, OrgUnit, Staff
from workbench.catalog.models import Brand, Spec
from workbench.customers.models import Customer
from workbench.testing.matrix import rows, view_matrix
from workbench.testing.personas import PERSONAS, STAFF_PERSONAS, login, login_as
from workbench.visits.models import Visit

__all__ = [
    "PASSWORD",
    "PERSONAS",
    "STAFF_PERSONAS",
    "active_sheet",
    "login",
    "login_as",
    "make_customer",
    "make_org",
    "make_spec",
    "make_staff",
    "rows",
    "view_matrix",
]

PASSWORD = "test-pass-123"


def active_sheet(source) -> Worksheet:
    """The sheet an Excel file opens on, from its bytes (a response's content), a path or a file object."""
    sheet = load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source).active
    if not isinstance(sheet, Worksheet):  # a chart sheet, or no sheet at all: never what an export writes
        raise AssertionError(f"the workbook opens on {sheet!r}, not a worksheet")
    return sheet


def make_org(code: str, kind: str = OrgKind.TEAM, parent: OrgUnit | None = None, name: str = "") -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name or code, kind=kind, parent=parent)


def make_staff(code: str, role: str, org_unit: OrgUnit, name: str = "") -> Staff:
    user = get_user_model().objects.create_user(username=code, password=PASSWORD)
    return Staff.objects.create(code=code, name=name or code, role=role, org_unit=org_unit, user=user)


def make_customer(code: str, manager: Staff, **fields) -> Customer:
    values = {
        "license_no": f"L{code}",
        "name": f"店{code}",
        "format": "Z",
        "market_type": "C",
        "scale": "2",
        "grade": 10,
        "status": "active",
        "opened_on": date(2020, 1, 1),
    }
    values.update(fields)
    return Customer.objects.create(code=code, manager=manager, **values)


def make_spec(code: str, name: str = "", brand: str = "南京", transfer_price: str = "80", **fields) -> Spec:
    brand_obj, _ = Brand.objects.get_or_create(name=brand)
    values = {"wholesale_price": Decimal(transfer_price) * Decimal("1.2")}
    values.update(fields)
    return Spec.objects.create(
        code=code, name=name or f"{brand}({code})", brand=brand_obj, transfer_price=Decimal(transfer_price), **values
    )


def make_visit(customer: Customer, day: date, **fields) -> Visit:
    """A visit recorded to `customer` on `day` by its customer manager (09:00–09:10 in person), as the form would."""
    values = {"staff": customer.manager, "start_time": "09:00", "end_time": "09:10"}
    values.update(fields)
    return Visit.objects.create(client_id=uuid.uuid4(), customer=customer, visited_on=day, **values)
