"""客户集 (customer sets): reading customer codes from pasted text or a file, and describing a saved rule.

The services that write the sets are in customers.services.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Field
from django.utils.translation import gettext as _

from workbench.customers.models import Customer, CustomerSet, Format
from workbench.lib.fields import model_field

# The criteria of a saved rule (条件规则) and their "any" value; a criterion left at "any" does not narrow.
RULE_DEFAULTS: dict[str, object] = {
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
# Column names accepted for the customer code in an uploaded file: its English key or its Chinese header, as in every
# import file (docs/data-contract.md#general-rules).
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
    visible_ids = set(Customer.objects.restrict(user, "view").filter(code__in=codes).values_list("pk", flat=True))
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


def describe_rule(customer_set: CustomerSet) -> list[tuple[str, str]]:
    """The criteria of a saved rule as (label, value) pairs, for people to read; criteria left at "any" are left out."""
    labels = {name: str(model_field(CustomerSet, name, Field).verbose_name) for name in RULE_DEFAULTS}
    lines: list[tuple[str, str]] = []
    if customer_set.rule_formats:
        names = dict(Format.choices)
        lines.append((labels["rule_formats"], ", ".join(str(names[code]) for code in customer_set.rule_formats)))
    for name in ("rule_market_type", "rule_scale", "rule_status", "rule_order_channel", "rule_terminal_type"):
        if getattr(customer_set, name):
            lines.append((labels[name], getattr(customer_set, f"get_{name}_display")()))
    low, high = customer_set.rule_grade_min, customer_set.rule_grade_max
    if low is not None or high is not None:
        grade_label = str(_("Grade"))
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
    return lines
