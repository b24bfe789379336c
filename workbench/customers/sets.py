"""客户集 (customer sets): the services that write them, and reading customer codes from pasted text or a file.

Views and any other caller go through these functions; each write runs in one transaction and re-checks the
owner's scope, so a set never holds a customer its owner could not pick.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workbench.accounts.access import publishable_units, visible_staff
from workbench.accounts.models import OrgUnit, Staff
from workbench.customers.models import Customer, CustomerSet, CustomerSetKind, Format

# The criteria of a saved rule (条件规则) and their "any" value; a criterion left at "any" does not narrow.
RULE_DEFAULTS = {
    "rule_formats": [],
    "rule_market_type": "",
    "rule_scale": "",
    "rule_grade_min": None,
    "rule_grade_max": None,
    "rule_status": "",
    "rule_order_channel": "",
    "rule_class_codes": [],
    "rule_terminal_type": "",
    "rule_manager": None,
}
# Column names accepted for the customer code in an uploaded file (data-contract.md: English key or Chinese header).
CODE_COLUMNS = ("customer_code", "客户编码")
CODE_SEPARATORS = re.compile(r"[\s,，;；、]+")


class CodeFileError(ValueError):
    """An uploaded file of customer codes that cannot be read."""


@dataclass
class CodeResolution:
    """Customer codes resolved against the database and the user's scope."""

    customers: list[Customer] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # no customer has this code
    out_of_scope: list[str] = field(default_factory=list)  # a customer the user may not see

    @property
    def is_valid(self) -> bool:
        """Whether every code named a customer in the user's scope."""
        return not self.unknown and not self.out_of_scope


def parse_code_text(text: str) -> list[str]:
    """Customer codes pasted one per line or separated by commas; duplicates dropped, first order kept."""
    codes = (code.strip() for code in CODE_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(code for code in codes if code))


def read_code_file(uploaded) -> list[str]:
    """The customer codes of an uploaded CSV or XLSX file's customer_code / 客户编码 column (first sheet)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(uploaded)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = _csv_rows(uploaded)
    else:
        raise CodeFileError(_("Upload a CSV or XLSX file."))
    header = next(rows, None)
    if header is None:
        raise CodeFileError(_("The file is empty."))
    wanted = {column.lower() for column in CODE_COLUMNS}
    normalised = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    try:
        index = next(i for i, cell in enumerate(normalised) if cell in wanted)
    except StopIteration:
        raise CodeFileError(_("The file has no customer_code (客户编码) column.")) from None
    codes = []
    for row in rows:
        if index < len(row) and row[index] is not None:
            codes.append(_cell_text(row[index]))
    return list(dict.fromkeys(code for code in codes if code))


def _cell_text(value) -> str:
    """A cell as text; spreadsheet programs turn numeric codes into floats, which are turned back here."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(uploaded):
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodeFileError(_("The CSV file is not UTF-8 text.")) from None
    return iter(list(csv.reader(io.StringIO(text))))


def _xlsx_rows(uploaded):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged or foreign file
        raise CodeFileError(_("The file is not a readable XLSX workbook.")) from None
    try:
        return iter([list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)])
    finally:
        workbook.close()


def resolve_customer_codes(user, codes: Iterable[str]) -> CodeResolution:
    """Look codes up: the customers the user may see, and the codes that are unknown or outside his scope."""
    codes = list(dict.fromkeys(codes))
    found = {customer.code: customer for customer in Customer.objects.filter(code__in=codes)}
    visible_ids = set(Customer.objects.visible_to(user).filter(code__in=codes).values_list("pk", flat=True))
    resolution = CodeResolution()
    for code in codes:
        customer = found.get(code)
        if customer is None:
            resolution.unknown.append(code)
        elif customer.pk not in visible_ids:
            resolution.out_of_scope.append(code)
        else:
            resolution.customers.append(customer)
    return resolution


def _check_publishing(owner: Staff, shared_with: OrgUnit | None) -> None:
    if shared_with is not None and not publishable_units(owner.user).filter(pk=shared_with.pk).exists():
        raise ValidationError({"shared_with": _("You may not publish a set to this unit.")})


def _check_members(owner: Staff, member_ids: set[int]) -> None:
    visible = Customer.objects.visible_to(owner.user).filter(pk__in=member_ids).count()
    if visible != len(member_ids):
        raise ValidationError({"members": _("A set may only hold customers its owner can see.")})


def _apply_rule(customer_set: CustomerSet, rule: dict | None) -> None:
    rule = rule or {}
    unknown = set(rule) - set(RULE_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown rule criteria: {sorted(unknown)}")
    for name, default in RULE_DEFAULTS.items():
        value = rule.get(name, default)
        setattr(customer_set, name, list(value or []) if isinstance(default, list) else value)
    manager = customer_set.rule_manager
    managers = visible_staff(customer_set.owner.user).customer_managers()
    if manager is not None and not managers.filter(pk=manager.pk).exists():
        raise ValidationError({"rule_manager": _("Pick a customer manager in your scope.")})


@transaction.atomic
def create_customer_set(
    *,
    owner: Staff,
    name: str,
    description: str = "",
    kind: str = CustomerSetKind.FIXED,
    shared_with: OrgUnit | None = None,
    members: Iterable[Customer] = (),
    rule: dict | None = None,
) -> CustomerSet:
    """Create a 客户集: a fixed list of `members`, or a saved `rule` (a dict of RULE_FIELDS values)."""
    _check_publishing(owner, shared_with)
    customer_set = CustomerSet(owner=owner, name=name, description=description, kind=kind, shared_with=shared_with)
    member_ids = {customer.pk for customer in members}
    if kind == CustomerSetKind.RULE:
        if member_ids:
            raise ValidationError({"members": _("A saved rule has no fixed members.")})
        _apply_rule(customer_set, rule)
    else:
        _check_members(owner, member_ids)
    customer_set.full_clean()
    customer_set.save()
    customer_set.members.set(member_ids)
    return customer_set


@transaction.atomic
def update_customer_set(
    *,
    customer_set: CustomerSet,
    name: str,
    description: str = "",
    shared_with: OrgUnit | None = None,
    members: Iterable[Customer] | None = None,
    rule: dict | None = None,
) -> CustomerSet:
    """Change a 客户集's name, description, publishing, and its members (a fixed list) or rule (a saved rule).

    Members the owner can no longer see (customers moved to another manager) stay in a fixed list: he could
    not pick them again, and they are hidden from him anyway by `customers(user)`.
    """
    owner = customer_set.owner
    _check_publishing(owner, shared_with)
    customer_set.name = name
    customer_set.description = description
    customer_set.shared_with = shared_with
    if customer_set.is_rule:
        _apply_rule(customer_set, rule)
    customer_set.full_clean()
    customer_set.save()
    if not customer_set.is_rule and members is not None:
        member_ids = {customer.pk for customer in members}
        _check_members(owner, member_ids)
        hidden_ids = set(
            customer_set.members.exclude(pk__in=Customer.objects.visible_to(owner.user).values("pk")).values_list(
                "pk", flat=True
            )
        )
        customer_set.members.set(member_ids | hidden_ids)
    return customer_set


@transaction.atomic
def delete_customer_set(*, customer_set: CustomerSet) -> None:
    """Delete a 客户集 (its member links go with it; the customers stay)."""
    customer_set.delete()


def describe_rule(customer_set: CustomerSet) -> list[tuple[str, str]]:
    """The criteria of a saved rule as (label, value) pairs, for people to read; criteria left at "any" are left out."""
    labels = {name: CustomerSet._meta.get_field(name).verbose_name for name in RULE_DEFAULTS}
    lines: list[tuple[str, str]] = []
    if customer_set.rule_formats:
        names = dict(Format.choices)
        lines.append((labels["rule_formats"], ", ".join(str(names[code]) for code in customer_set.rule_formats)))
    for name in ("rule_market_type", "rule_scale", "rule_status", "rule_order_channel", "rule_terminal_type"):
        if getattr(customer_set, name):
            lines.append((labels[name], getattr(customer_set, f"get_{name}_display")()))
    low, high = customer_set.rule_grade_min, customer_set.rule_grade_max
    if low is not None or high is not None:
        grade_label = _("Grade")
        if high is None:
            lines.append((grade_label, f"≥ {low}"))
        elif low is None:
            lines.append((grade_label, f"≤ {high}"))
        else:
            lines.append((grade_label, f"{low}–{high}"))
    if customer_set.rule_class_codes:
        lines.append((labels["rule_class_codes"], ", ".join(customer_set.rule_class_codes)))
    if customer_set.rule_manager_id is not None:
        lines.append((labels["rule_manager"], str(customer_set.rule_manager)))
    return [(str(label), value) for label, value in lines]
