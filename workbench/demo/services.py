"""Load a generated demo city through the real import path and make its accounts usable."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from workbench.accounts.models import OrgKind, Staff
from workbench.demo.generator import FILE_NAMES, IMPORT_KINDS
from workbench.imports.report import ImportReport


class DemoLoadError(Exception):
    """A demo file did not import; `report` says why (nothing of that file was written)."""

    def __init__(self, kind: str, report):
        super().__init__(report.as_text())
        self.kind = kind
        self.report = report


def load_demo(*, directory: Path, on_report: Callable[[str, ImportReport], None] | None = None) -> list:
    """Import the files of `directory` in contract order with `imports.services.import_file`.

    Returns the import reports; raises DemoLoadError at the first file that fails.
    """
    from workbench.imports.services import import_file

    reports = []
    for key, file_name in FILE_NAMES.items():
        kind = IMPORT_KINDS.get(key, key)
        report = import_file(kind, directory / file_name)
        reports.append(report)
        if on_report is not None:
            on_report(kind, report)
        if not report.ok:
            raise DemoLoadError(kind, report)
    return reports


def set_demo_passwords(*, password: str) -> int:
    """Give every staff login the demo password; returns how many logins were set.

    The password is hashed once and the same hash stored for everyone: hashing it per user would cost about a
    second each (the hasher is slow on purpose), and the demo password is public anyway.
    """
    return get_user_model().objects.filter(staff__isnull=False).update(password=make_password(password))


@dataclass(frozen=True)
class DemoAccount:
    """A login worth trying in the demo."""

    role: str  # label of the role
    username: str
    name: str
    org_unit: str


def demo_accounts() -> list[DemoAccount]:
    """One customer manager with customers, his market manager, a company leader, a brand manager and an admin."""
    staff = Staff.objects.select_related("org_unit", "user").filter(user__isnull=False, is_active=True).order_by("code")
    chosen: list[Staff] = []
    manager = staff.customer_managers().filter(customers__isnull=False).first()
    if manager is not None:
        chosen.append(manager)
        market_manager = staff.market_managers().filter(org_unit=manager.org_unit).first()
        if market_manager is not None:
            chosen.append(market_manager)
    leader = staff.leaders().filter(org_unit__kind=OrgKind.COMPANY).first() or staff.leaders().first()
    for person in (leader, staff.brand_managers().first(), staff.admins().first()):
        if person is not None:
            chosen.append(person)
    return [
        DemoAccount(
            role=str(person.get_role_display()),
            username=person.user.username,
            name=person.name,
            org_unit=person.org_unit.name,
        )
        for person in chosen
        if person.user is not None  # (always: `staff` holds logins only)
    ]
