"""Import customers.csv: retail customers (零售客户), upserted by customer_code, with their 档位 history.

Every new customer gets its first GradeChange (from nothing to its grade, effective `grade_since` or the opening
date); a customer whose grade changes gets a GradeChange from the old grade to the new one, effective
`grade_since` or today. A city has ≈ 30,000 customers: they are compared in memory and written in bulk.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import may_own_customers
from workbench.accounts.models import Role, Staff
from workbench.customers.models import (
    FORMAT_WORDS,
    MARKET_TYPE_WORDS,
    ORDER_CHANNEL_WORDS,
    SCALE_WORDS,
    STATUS_WORDS,
    TERMINAL_TYPE_WORDS,
    CreditClass,
    Customer,
    Format,
    GradeChange,
    MarketType,
    OrderChannel,
    Scale,
    Status,
    TerminalType,
    class_code_for,
)
from workbench.imports.columns import (
    Column,
    Record,
    boolean,
    choice,
    field_decimal,
    field_text,
    integer_between,
    match_header,
    parse_date,
    read_records,
)
from workbench.imports.reading import Table
from workbench.imports.report import ImportReport
from workbench.imports.saving import plan_upsert

# Column → model field (attname) for the columns copied as they are; None becomes "" for text fields.
TEXT_FIELDS = {
    "license_no": "license_no",
    "name": "name",
    "owner_name": "owner_name",
    "phone": "phone",
    "address": "address",
    "format": "format",
    "market_type": "market_type",
    "scale": "scale",
    "credit_class": "credit_class",
    "terminal_type": "terminal_type",
    "order_channel": "order_channel",
    "route": "route",
    "status": "status",
}
NULLABLE_FIELDS = {
    "grade": "grade",
    "order_weekday": "order_weekday",
    "opened_on": "opened_on",
    "closed_on": "closed_on",
    "lng": "lng",
    "lat": "lat",
    "visit_cycle_days": "visit_cycle_days",
}
# A visit cycle is one day to a quarter (visitplans.models.CYCLE_VALIDATORS, an app above this one).
CYCLE_MIN, CYCLE_MAX = 1, 92


def columns() -> list[Column]:
    grade_message = _("The grade must be between %(min)s and %(max)s.") % {
        "min": settings.GRADE_MIN,
        "max": settings.GRADE_MAX,
    }
    weekday_message = _("The order day must be between 1 (Monday) and 7 (Sunday).")
    cycle_message = _("The visit cycle must be between %(min)s and %(max)s days.") % {
        "min": CYCLE_MIN,
        "max": CYCLE_MAX,
    }
    return [
        Column("customer_code", "客户编码", True, field_text(Customer, "code")),
        Column("license_no", "许可证号", True, field_text(Customer, "license_no")),
        Column("name", "客户名称", True, field_text(Customer, "name")),
        Column("owner_name", "负责人", False, field_text(Customer, "owner_name")),
        Column("phone", "订货电话", False, field_text(Customer, "phone")),
        Column("address", "经营地址", False, field_text(Customer, "address")),
        Column("format", "业态", True, choice(Format, FORMAT_WORDS)),
        Column("market_type", "市场类型", True, choice(MarketType, MARKET_TYPE_WORDS)),
        Column("scale", "经营规模", False, choice(Scale, SCALE_WORDS)),
        Column("grade", "档位", True, integer_between(settings.GRADE_MIN, settings.GRADE_MAX, grade_message)),
        Column("credit_class", "诚信等级", False, choice(CreditClass, {})),
        Column("terminal_type", "终端类型", False, choice(TerminalType, TERMINAL_TYPE_WORDS)),
        Column("order_channel", "订货方式", False, choice(OrderChannel, ORDER_CHANNEL_WORDS)),
        Column("manager_code", "客户经理工号", True, field_text(Staff, "code")),
        Column("route", "线路", False, field_text(Customer, "route")),
        Column("order_weekday", "订货日", False, integer_between(1, 7, weekday_message)),
        Column("status", "状态", True, choice(Status, STATUS_WORDS)),
        Column("opened_on", "开业日期", True, parse_date),
        Column("closed_on", "注销日期", False, parse_date),
        Column("lng", "经度", False, field_decimal(Customer, "lng", minimum=None)),
        Column("lat", "纬度", False, field_decimal(Customer, "lat", minimum=None)),
        Column("grade_since", "档位生效日期", False, parse_date),
        Column("visit_cycle_days", "拜访周期", False, integer_between(CYCLE_MIN, CYCLE_MAX, cycle_message)),
        Column("sample_point", "信息采集点", False, boolean()),
    ]


def run(table: Table, report: ImportReport, *, dry_run: bool = False) -> None:
    """Validate every row, then (when all are valid) upsert the customers and record their grade changes."""
    column_map = match_header(table.header, columns(), report)
    if column_map is None:
        return
    managers = {code: (pk, role) for code, pk, role in Staff.objects.values_list("code", "pk", "role")}
    records: dict[str, Record] = {}
    for record in read_records(table, columns(), column_map, report):
        _check_row(record, managers)
        code = record.get("customer_code")
        if code is None:
            continue
        if code in records:
            record.error(
                "customer_code", _("Duplicate customer_code: already in row %(row)s.") % {"row": records[code].row}
            )
            continue
        records[code] = record
    _check_licences(records)
    if not report.ok:
        return

    rows = {}
    for code, record in records.items():
        values: dict[str, object] = {"manager_id": managers[record.get("manager_code")][0]}
        for key, name in TEXT_FIELDS.items():
            if key in column_map:
                values[name] = record.get(key) or ""
        for key, name in NULLABLE_FIELDS.items():
            if key in column_map:
                values[name] = record.get(key)
        if "sample_point" in column_map:
            values["is_sample_point"] = record.get("sample_point") is True  # empty means 0 (not a sample point)
        rows[code] = values
    plan = plan_upsert(
        Customer,
        "code",
        rows,
        derived={"class_code": lambda customer: class_code_for(customer.market_type, customer.format, customer.scale)},
    )
    # A licence number may move from one customer to another in the same file: park the changed ones on a
    # placeholder first, so that no intermediate state breaks the unique constraint.
    moved = [change.obj for change in plan.changed if "license_no" in change.old]
    if moved:
        final = {customer.pk: customer.license_no for customer in moved}
        for customer in moved:
            customer.license_no = f"~{customer.pk}"
        Customer.objects.bulk_update(moved, ["license_no"], batch_size=500)
        for customer in moved:
            customer.license_no = final[customer.pk]
    plan.save(Customer)

    today = timezone.localdate()
    grade_changes = [
        GradeChange(
            customer=customer,
            changed_on=records[customer.code].get("grade_since") or customer.opened_on,
            grade_from=None,
            grade_to=customer.grade,
        )
        for customer in plan.new
    ]
    for change in plan.changed:
        if "grade" in change.old:
            customer = change.obj
            grade_changes.append(
                GradeChange(
                    customer=customer,
                    changed_on=records[customer.code].get("grade_since") or today,
                    grade_from=change.old["grade"],
                    grade_to=customer.grade,
                )
            )
    GradeChange.objects.bulk_create(grade_changes, batch_size=1000)
    report.created += len(plan.new)
    report.updated += len(plan.changed)
    report.unchanged += plan.unchanged


def _check_row(record: Record, managers: dict[str, tuple[int, str]]) -> None:
    """The checks that involve several columns of one row, or other tables."""
    manager_code = record.get("manager_code")
    if manager_code is not None:
        manager = managers.get(manager_code)
        if manager is None:
            record.error("manager_code", _("Unknown staff code."))
        elif not may_own_customers(manager[1]):
            record.error(
                "manager_code",
                _("This staff member is a %(role)s, not a customer manager.") % {"role": Role(manager[1]).label},
            )
    status, opened_on, closed_on = record.get("status"), record.get("opened_on"), record.get("closed_on")
    if status == Status.CLOSED and closed_on is None and record.raw("closed_on") is None:
        record.error("closed_on", _("A closing date is required when the status is closed."))
    elif status is not None and status != Status.CLOSED and closed_on is not None:
        record.error("closed_on", _("Must be empty unless the status is closed."))
    elif opened_on is not None and closed_on is not None and closed_on < opened_on:
        record.error("closed_on", _("The closing date is before the opening date."))
    if record.get("lng") is not None and abs(record.get("lng")) > 180:
        record.error("lng", _("The longitude must be between -180 and 180."))
    if record.get("lat") is not None and abs(record.get("lat")) > 90:
        record.error("lat", _("The latitude must be between -90 and 90."))


def _check_licences(records: dict[str, Record]) -> None:
    """Licence numbers must stay unique once the file is applied (a file may move one from customer to customer)."""
    stored = dict(Customer.objects.values_list("license_no", "code"))
    taken = {licence: code for licence, code in stored.items() if code not in records}
    seen: dict[str, int] = {}
    for record in records.values():
        licence = record.get("license_no")
        if licence is None:
            continue
        if licence in seen:
            record.error("license_no", _("Duplicate licence number: already in row %(row)s.") % {"row": seen[licence]})
        elif licence in taken:
            record.error(
                "license_no",
                _("This licence number belongs to customer %(code)s already.") % {"code": taken[licence]},
            )
        else:
            seen[licence] = record.row
