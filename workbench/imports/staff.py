"""Import staff.csv: the people who use the platform, upserted by staff_code, with their Django logins.

Each staff member gets a login whose username is the staff code. A new login has an unusable password (an
administrator sets one, or single sign-on is wired in later). The staff file is the source of truth for the login's
flags: `is_active` follows the `active` column, and the 管理员 (admin) role — and only it — makes the login
`is_staff` and `is_superuser`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext as _

from workbench.accounts.access import CUSTOMER_OWNER_ROLES, has_admin_rights, must_sit_on_team
from workbench.accounts.models import ROLE_WORDS, OrgKind, OrgUnit, Role, Staff
from workbench.imports.columns import Column, Record, boolean, choice, field_text, match_header, read_records
from workbench.imports.reading import Table
from workbench.imports.report import ImportReport


def columns() -> list[Column]:
    return [
        Column("staff_code", "工号", True, field_text(Staff, "code")),
        Column("name", "姓名", True, field_text(Staff, "name")),
        Column("role", "角色", True, choice(Role, ROLE_WORDS)),
        Column("org_code", "所属机构编码", True, field_text(OrgUnit, "code")),
        Column("mobile", "手机", False, field_text(Staff, "mobile")),
        Column("active", "在岗", False, boolean(("在岗",), ("离岗",))),
    ]


def run(table: Table, report: ImportReport, *, dry_run: bool = False) -> None:
    """Validate every row, then (when all are valid) upsert the staff and their logins."""
    column_map = match_header(table.header, columns(), report)
    if column_map is None:
        return
    unit_ids = dict(OrgUnit.objects.values_list("code", "pk"))
    unit_kinds = dict(OrgUnit.objects.values_list("code", "kind"))
    records: dict[str, Record] = {}
    for record in read_records(table, columns(), column_map, report):
        code = record.get("staff_code")
        org_code = record.get("org_code")
        role = record.get("role")
        if org_code is not None and org_code not in unit_ids:
            record.error("org_code", _("Unknown org code."))
        elif org_code is not None and role is not None and must_sit_on_team(role):
            # docs/data-contract.md (staff.csv): a market manager leads a team (市场部); on a department he would
            # lead nobody's customers and see a whole department's.
            if unit_kinds[org_code] != OrgKind.TEAM:
                record.error(
                    "org_code",
                    _("A %(role)s must belong to a market team, not to a %(kind)s.")
                    % {"role": Role(role).label.lower(), "kind": OrgKind(unit_kinds[org_code]).label.lower()},
                )
        if code is None:
            continue
        if code in records:
            record.error("staff_code", _("Duplicate staff_code: already in row %(row)s.") % {"row": records[code].row})
            continue
        records[code] = record
    if not report.ok:
        return

    staff_by_code = {staff.code: staff for staff in Staff.objects.filter(code__in=list(records)).select_related("user")}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=list(records))}
    for code, record in records.items():
        values = {
            "name": record.get("name"),
            "role": record.get("role"),
            "org_unit_id": unit_ids[record.get("org_code")],
        }
        if "mobile" in column_map:
            values["mobile"] = record.get("mobile") or ""
        if "active" in column_map:
            values["is_active"] = record.get("active") is not False  # empty means 1 (in post)
        existing = staff_by_code.get(code)
        if existing is None:
            staff, changed = Staff(code=code, **values), True
        else:
            staff = existing
            changed = any(getattr(staff, name) != value for name, value in values.items())
            for name, value in values.items():
                setattr(staff, name, value)
        if _sync_login(staff, users.get(code)):
            changed = True
        if not changed:
            report.unchanged += 1
            continue
        staff.save()
        if existing is None:
            report.created += 1
        else:
            report.updated += 1
    _warn_about_orphaned_customers(report, list(records))


def _warn_about_orphaned_customers(report: ImportReport, codes: list[str]) -> None:
    """A staff member who is no longer a customer manager may still be named by customers: say so."""
    from workbench.customers.models import Customer

    orphaned = (
        Customer.objects.filter(manager__code__in=codes)
        .exclude(manager__role__in=CUSTOMER_OWNER_ROLES)
        .values_list("manager__code")
        .annotate(count=Count("pk"))
        .order_by("manager__code")
    )
    for code, count in orphaned:
        report.warnings.append(
            _("%(code)s is no longer a customer manager but still has %(count)s customers; reassign them.")
            % {"code": code, "count": count}
        )


def _sync_login(staff: Staff, user) -> bool:
    """Give the staff member his login (username = staff code) and align its flags; True when anything changed."""
    changed = False
    if staff.user_id is not None:
        user = staff.user
    elif user is None:
        user = get_user_model()(username=staff.code)
        user.set_unusable_password()
        changed = True
    admin_rights = has_admin_rights(staff.role)
    flags = {"is_active": staff.is_active, "is_staff": admin_rights, "is_superuser": admin_rights}
    if user.pk is None or any(getattr(user, name) != value for name, value in flags.items()):
        for name, value in flags.items():
            setattr(user, name, value)
        user.save()
        changed = True
    if staff.user_id != user.pk:
        staff.user = user
        changed = True
    return changed
