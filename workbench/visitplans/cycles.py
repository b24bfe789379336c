"""The visit cycle of each customer (拜访周期, docs/definitions.md#visit-cycle): one function every page, the
proposal and the overdue list read."""

from collections.abc import Iterable, Sequence

from django.conf import settings

from workbench.customers.models import Customer
from workbench.visitplans.models import CycleRule


def cycle_of(
    *, override: int | None, imported: int | None, format_code: str, grade: int, rules: Sequence[CycleRule]
) -> int:
    """The cycle of one customer: the override, else customers.csv's column, else the shorter of the rules of its
    业态 and of its 档位 band, else the setting WORKBENCH_VISIT_CYCLE_DAYS."""
    if override:
        return override
    if imported:
        return imported
    matching = [rule.days for rule in rules if covers(rule, format_code, grade)]
    return min(matching) if matching else settings.WORKBENCH_VISIT_CYCLE_DAYS


def covers(rule: CycleRule, format_code: str, grade: int) -> bool:
    """Whether the rule is the one of this 业态, or of the 档位 band holding this grade."""
    if rule.format:
        return rule.format == format_code
    return rule.grade_min is not None and rule.grade_max is not None and rule.grade_min <= grade <= rule.grade_max


def cycle_days(customer_ids: Iterable[int]) -> dict[int, int]:
    """The visit cycle in days of each customer of `customer_ids` (two queries, whatever their number)."""
    ids = list(customer_ids)
    if not ids:
        return {}
    rules = list(CycleRule.objects.all())
    rows = Customer.objects.filter(pk__in=ids).values_list(
        "pk", "visit_cycle__days", "visit_cycle_days", "format", "grade"
    )
    return {
        pk: cycle_of(override=override, imported=imported, format_code=format_code, grade=grade, rules=rules)
        for pk, override, imported, format_code, grade in rows
    }
