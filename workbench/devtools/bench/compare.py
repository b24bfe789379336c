"""Our report rows against the DuckDB reference's, number by number (`workbench bench reports --check`).

Counts, quantities and money must be equal; rates may differ by 1e-9 (float division in two engines); 单条值
(value per carton) may differ by half a cent, because the report rounds it to the cent and the reference does not.
Every key of our rows and total is compared; the reference may carry more (four-rates computes every rate, the
report shows those of settings.FOUR_RATES).
"""

from __future__ import annotations

from decimal import Decimal

from workbench.devtools.bench.duckdb_reference import ReferenceResult
from workbench.reporting.results import ReportResult

RATE_TOLERANCE = 1e-9
CENT_TOLERANCE = 0.005 + 1e-9
ROUNDED_TO_THE_CENT = {"value_per_carton"}
# The keys that name a row (in this order): rows are matched on them when the two sides differ in length.
IDENTITY_KEYS = (
    "format",
    "class_code",
    "grade",
    "market_type",
    "type",
    "status",
    "month",
    "customer_code",
    "spec_code",
)


def same_value(key: str, ours, theirs) -> bool:
    """Whether two values of column `key` agree (None only matches None)."""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if isinstance(ours, dict) or isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and isinstance(theirs, dict)
            and ours.keys() == theirs.keys()
            and all(same_value(key, ours[item], theirs[item]) for item in ours)
        )
    numbers = (int, float, Decimal)
    if isinstance(ours, numbers) and isinstance(theirs, numbers) and not isinstance(ours, bool):
        if key in ROUNDED_TO_THE_CENT:
            return abs(float(ours) - float(theirs)) <= CENT_TOLERANCE
        if isinstance(ours, float) or isinstance(theirs, float):
            return abs(float(ours) - float(theirs)) <= RATE_TOLERANCE
        return Decimal(ours) == Decimal(theirs)
    return ours == theirs


def row_identity(row: dict) -> tuple:
    """What names a row: its values of the identity keys it has (e.g. (format, month) or (customer_code,))."""
    return tuple(row[key] for key in IDENTITY_KEYS if key in row)


def _label(row: dict, index: int) -> str:
    names = ", ".join(f"{key} {row[key]}" for key in IDENTITY_KEYS if key in row)
    return f"row {index}" + (f" ({names})" if names else "")


def _compare_values(label: str, ours: dict, theirs: dict) -> list[str]:
    problems = []
    for key, value in ours.items():
        if key not in theirs:
            problems.append(f"{label}: {key} is missing from DuckDB's answer")
        elif not same_value(key, value, theirs[key]):
            problems.append(f"{label}: {key} ours {_show(value)}, DuckDB {_show(theirs[key])}")
    return problems


def _show(value) -> str:
    if isinstance(value, float):
        return f"{value:.12g}"
    return str(value)


def disagreements(ours: ReportResult, theirs: ReferenceResult) -> list[str]:
    """Every difference between our result and the reference's, one sentence each (empty when they agree)."""
    problems = []
    if len(ours.rows) == len(theirs.rows):
        pairs = list(zip(ours.rows, theirs.rows, strict=True))
    else:
        problems.append(f"rows: ours {len(ours.rows)}, DuckDB {len(theirs.rows)}")
        # Match the rows by what names them, to say which are missing on either side.
        by_identity = {row_identity(row): row for row in theirs.rows}
        ours_identities = {row_identity(row) for row in ours.rows}
        pairs = [(row, by_identity[row_identity(row)]) for row in ours.rows if row_identity(row) in by_identity]
        for index, row in enumerate(ours.rows, 1):
            if row_identity(row) not in by_identity:
                problems.append(f"{_label(row, index)}: only in ours")
        for index, row in enumerate(theirs.rows, 1):
            if row_identity(row) not in ours_identities:
                problems.append(f"{_label(row, index)}: only in DuckDB's")
    for index, (row, other) in enumerate(pairs, 1):
        problems.extend(_compare_values(_label(row, index), row, other))
    problems.extend(_compare_values("total", ours.total, theirs.total))
    return problems
