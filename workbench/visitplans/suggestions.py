"""推荐拜访: the customers of a customer manager worth a visit in a week, each with every reason that holds for him,
in words and figures (docs/definitions.md#suggested-visits).

Everything is read from the data before the week (to the Sunday before it), so a week's list does not change while
the week runs. A fixed number of grouped reads whatever the number of customers: his customers, two for the
customer warning, two for the stock-outs, a few per running cultivation task, a few per kind of improvement
target, one for the planned visits and one for the specs' names. Order sums come through orders.facts.OrderFacts.

Market opportunities (市场机会) are 实施's (the visits app, a layer above): it adds its reasons through
`REASON_SOURCES` below, as the report apps register into the reporting layer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workbench.accounts.models import Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.periods import Period, add_months, first_of_month, last_of_month, week_of
from workbench.orders.facts import OrderFacts
from workbench.planning.models import CultivationTask
from workbench.targets.baselines import actuals
from workbench.targets.models import ImprovementTarget, Metric
from workbench.targets.queries import on_pace, pace_of
from workbench.visitplans.models import PlannedVisit


class Kind:
    """The kinds of reason, in the order of how pressing they are (the list's order after the count)."""

    WARNING = "warning"  # 客户预警
    STOCKOUT = "stockout"  # 常订规格断货
    TARGET = "target"  # 提升目标落后
    CULTIVATION = "cultivation"  # 培育规格未订
    OPPORTUNITY = "opportunity"  # 市场机会 (实施 registers it)

    ORDER = (WARNING, STOCKOUT, TARGET, CULTIVATION, OPPORTUNITY)


# The improvement metrics that add up over the month, so that a part of the target is due by now (on pace); the
# others (单条值, online ordering) are levels, behind while below the target.
ACCUMULATING = frozenset({Metric.VOLUME, Metric.SET_VOLUME, Metric.SPEC_COUNT, Metric.ORDER_COUNT})
NAMED_SPECS = 3  # specs a reason names; the others are counted
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Reason:
    """Why a customer is worth a visit: its kind, the words a person reads, the figures behind them."""

    kind: str
    text: str
    figures: dict


@dataclass
class Suggestion:
    """A customer worth a visit this week, with all his reasons; `planned_days`: his planned visits of the week."""

    customer_id: int
    name: str
    reasons: list[Reason]
    code: str = ""
    planned_days: list[date] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        """The reasons in words, as a planned visit stores them (at most 200 characters)."""
        return pgettext("reasons separator", "; ").join(reason.text for reason in self.reasons)[:200]

    def sort_key(self) -> tuple:
        """More reasons first, then the most pressing kind, then the lower warning ratio, then the code."""
        ratios = [reason.figures["ratio"] for reason in self.reasons if reason.kind == Kind.WARNING]
        return (-len(self.reasons), min(map(rank, self.reasons)), ratios[0] if ratios else float("inf"), self.code)


def rank(reason: Reason) -> int:
    """How pressing a reason's kind is (0 first); a kind another app adds without a place comes last."""
    return Kind.ORDER.index(reason.kind) if reason.kind in Kind.ORDER else len(Kind.ORDER)


# A source of reasons another app adds (实施's open market opportunities): given the customer ids and the week, the
# reasons per customer id. Registered at start-up (AppConfig.ready); called in the order registered.
ReasonSource = Callable[[Sequence[int], Period], dict[int, list[Reason]]]
REASON_SOURCES: list[ReasonSource] = []


def register_reason_source(source: ReasonSource) -> ReasonSource:
    """Add a source of reasons to every week's suggestions (usable as a decorator)."""
    if source not in REASON_SOURCES:
        REASON_SOURCES.append(source)
    return source


def suggestions(staff: Staff, week_start: date) -> list[Suggestion]:
    """The week's suggested visits of `staff` (his own customers in business during the week), ordered and cut to
    WORKBENCH_SUGGESTED_VISITS_MAX (docs/definitions.md#suggested-visits)."""
    week = week_of(week_start)
    before = week.start - timedelta(days=1)  # the last day of data the list reads
    mine = Customer.objects.filter(manager=staff).in_business(week.start, week.end)
    rows = list(mine.order_by("code").values_list("pk", "code", "name", "class_code"))
    if not rows:
        return []
    reasons: dict[int, list[Reason]] = defaultdict(list)
    classes = {pk: class_code for pk, _code, _name, class_code in rows}
    for found in (
        warnings(mine, classes, before),
        stockouts(mine, before),
        behind_targets(mine, week.start, before),
        cultivation(staff, list(classes), week, before),
    ):
        for pk, reason in found:
            reasons[pk].append(reason)
    for source in REASON_SOURCES:
        for pk, extra in source(list(classes), week).items():
            if pk in classes:  # a source never widens the list beyond his customers
                reasons[pk].extend(extra)
    chosen = sorted(
        (
            Suggestion(pk, name, sorted(reasons[pk], key=rank), code=code)
            for pk, code, name, _class in rows
            if reasons.get(pk)
        ),
        key=Suggestion.sort_key,
    )[: settings.WORKBENCH_SUGGESTED_VISITS_MAX]
    name_specs(chosen)
    mark_planned(staff, chosen, week)
    return chosen


def last_whole_month(before: date) -> date:
    """The last whole calendar month ending on or before `before` (its first day)."""
    if before == last_of_month(before):
        return first_of_month(before)
    return add_months(first_of_month(before), -1)


def two_places(value: Decimal) -> float:
    """A figure rounded half up to two decimals, as the words show it."""
    return float(value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def class_quantities(both: Period) -> dict[tuple[str, date], int]:
    """Σ 订购量 per (class code, month) of the two months over the company's customers in business in both.

    Read as every customer's sums less those of the few not in business in both months (opened after the first
    month, or closed before the second): the same numbers, and the city's months of summaries are joined to the
    customers once instead of being narrowed by a second pass over them first (docs/performance.md#suggested-visits).
    """
    month_before, month = first_of_month(both.start), first_of_month(both.end)
    every = OrderFacts(Customer.objects.all(), both).totals(["class_code", "month"], measures=("order_qty",))
    # Not in business in both months: opened after the end of the first, or closed before the start of the second.
    outside = Q(opened_on__gt=last_of_month(month_before)) | Q(closed_on__lt=month)
    ids = list(Customer.objects.filter(outside).order_by().values_list("pk", flat=True))
    less = OrderFacts(Customer.objects.filter(pk__in=ids), both).totals(
        ["class_code", "month"], measures=("order_qty",)
    )
    quantities = {key: totals.order_qty for key, totals in every.items()}
    for key, totals in less.items() if ids else ():
        quantities[key] -= totals.order_qty
    return quantities


def warnings(mine, classes: dict[int, str], before: date) -> list[tuple[int, Reason]]:
    """客户预警: his qty MoM index ÷ his class's (company-wide, customers in business in both months) below the
    ratio setting, over the last whole month before the week (docs/definitions.md#suggested-visits)."""
    month = last_whole_month(before)
    month_before = add_months(month, -1)
    both = Period(month_before, last_of_month(month))
    own = OrderFacts(mine, both).totals(["customer", "month"], measures=("order_qty",))
    by_class = class_quantities(both)
    threshold = Decimal(str(settings.WORKBENCH_CUSTOMER_WARNING_RATIO))
    found = []
    for pk, class_code in classes.items():
        qty_before = own[(pk, month_before)].order_qty if (pk, month_before) in own else 0
        if not qty_before:
            continue  # no orders last month: no warning
        class_before = by_class.get((class_code, month_before), 0)
        class_now = by_class.get((class_code, month), 0)
        if not class_before or not class_now:
            continue  # the class's index is null or 0: no ratio
        qty = own[(pk, month)].order_qty if (pk, month) in own else 0
        index = Decimal(qty) / qty_before
        class_index = Decimal(class_now) / class_before
        ratio = index / class_index
        if ratio >= threshold:
            continue
        figures = {
            "month": month,
            "qty": qty,
            "qty_before": qty_before,
            "index": two_places(index),
            "class_code": class_code,
            "class_index": two_places(class_index),
            "ratio": two_places(ratio),
        }
        text = _("Order quantity MoM index %(index).2f, similar customers %(class_index).2f") % figures
        found.append((pk, Reason(Kind.WARNING, text, figures)))
    return found


def name_specs(chosen: list[Suggestion]) -> None:
    """Give the chosen suggestions' spec reasons (stock-outs, cultivation) their specs' codes and names and their
    words, from one query. Until then such a reason holds spec ids and no words: naming only the few chosen saves
    building words for every customer of a manager (a cultivation task names his every customer)."""
    unnamed = [reason for suggestion in chosen for reason in suggestion.reasons if reason.kind in SPEC_WORDS]
    if not unnamed:
        return
    ids = {spec for reason in unnamed for spec in reason.figures["specs"]}
    specs = dict(
        (pk, (code, name)) for pk, code, name in Spec.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    )
    for suggestion in chosen:
        suggestion.reasons = [
            named(reason, specs) if reason.kind in SPEC_WORDS else reason for reason in suggestion.reasons
        ]


def named(reason: Reason, specs: dict[int, tuple[str, str]]) -> Reason:
    """The reason with its specs named (code, name and their details) and its words."""
    figures = dict(reason.figures)
    details = figures.pop("details", {})
    figures["specs"] = [
        {"spec_code": specs[spec][0], "spec_name": specs[spec][1], **details.get(spec, {})} for spec in figures["specs"]
    ]
    return Reason(reason.kind, SPEC_WORDS[reason.kind](figures), figures)


def spec_list(specs: list[dict]) -> str:
    """Up to NAMED_SPECS spec names, then how many more."""
    names = pgettext("list separator", ", ").join(spec["spec_name"] for spec in specs[:NAMED_SPECS])
    if len(specs) <= NAMED_SPECS:
        return names
    return _("%(names)s and %(more)s more") % {"names": names, "more": len(specs) - NAMED_SPECS}


def stockouts(mine, before: date) -> list[tuple[int, Reason]]:
    """常订规格断货: specs he ordered in the regular weeks before the week with a 断货 line (demand, nothing
    supplied) in the last stock-out weeks of them."""
    weeks = settings.WORKBENCH_STOCKOUT_WEEKS
    recent = Period(before - timedelta(days=7 * weeks - 1), before)
    candidates = OrderFacts(mine, recent).stockout_lines(["customer", "spec"])
    if not candidates:
        return []
    regular = Period(before - timedelta(days=7 * settings.WORKBENCH_REGULAR_SPEC_WEEKS - 1), before)
    customers = Customer.objects.filter(pk__in={pk for pk, _spec in candidates})
    ordered = OrderFacts(customers, regular, sorted({spec for _pk, spec in candidates})).ordering_pairs(["spec"])
    per_customer: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (pk, spec), lines in candidates.items():
        if (spec, pk) in ordered:
            per_customer[pk].append((spec, lines))
    found = []
    for pk, specs in per_customer.items():
        specs.sort(key=lambda item: (-item[1], item[0]))
        figures = {
            "weeks": weeks,
            "specs": [spec for spec, _lines in specs],
            "details": {spec: {"stockout_lines": lines} for spec, lines in specs},
        }
        found.append((pk, Reason(Kind.STOCKOUT, "", figures)))  # named when chosen (name_specs)
    return found


def stockout_words(figures: dict) -> str:
    return _("Stock-out of specs he orders (last %(weeks)s weeks): %(specs)s") % {
        "weeks": figures["weeks"],
        "specs": spec_list(figures["specs"]),
    }


def cultivation(staff: Staff, own_ids: list[int], week: Period, before: date) -> list[tuple[int, Reason]]:
    """培育规格未订: per running cultivation task of his team's published plans, the specs of its brand set each of
    his customers (in the task's customer set, if it has one) has not ordered since the task began."""
    tasks = (
        CultivationTask.objects.filter(
            team_plan__team_id=staff.org_unit_id,
            team_plan__is_published=True,
            starts_on__lte=week.end,
            ends_on__gte=week.start,
        )
        .select_related("brand_set", "customer_set")
        .order_by("starts_on", "pk")
    )
    found = []
    for task in tasks:
        spec_ids = task.brand_set.spec_ids() if task.brand_set_id else []
        if not spec_ids:
            continue
        ids = own_ids
        if task.customer_set is not None:
            # The set's customers as he sees them (a set published to the team never widens his scope); a staff
            # member without a login sees none.
            members = set(task.customer_set.customers(staff.user).filter(pk__in=own_ids).values_list("pk", flat=True))
            ids = [pk for pk in own_ids if pk in members]
        ordered: set[tuple] = set()
        if task.starts_on <= before and ids:
            period = Period(task.starts_on, before)
            ordered = OrderFacts(Customer.objects.filter(pk__in=ids), period, spec_ids).ordering_pairs(["spec"])
        for pk in ids:
            missing = [spec for spec in spec_ids if (spec, pk) not in ordered]
            if missing:
                figures = {"task": task.pk, "title": task.title, "specs": missing, "set_specs": len(spec_ids)}
                found.append((pk, Reason(Kind.CULTIVATION, "", figures)))  # named when chosen (name_specs)
    return found


def cultivation_words(figures: dict) -> str:
    return _("Cultivation specs not ordered yet (%(task)s): %(specs)s") % {
        "task": figures["title"],
        "specs": spec_list(figures["specs"]),
    }


# The words of the reasons that name specs, built once the specs are named (name_specs).
SPEC_WORDS: dict[str, Callable[[dict], str]] = {Kind.STOCKOUT: stockout_words, Kind.CULTIVATION: cultivation_words}


def plain(value: Decimal) -> str:
    """A figure without trailing zeros: 300, 12.5."""
    return format(value.quantize(TWO_PLACES).normalize(), "f")


def money(value: Decimal) -> str:
    """An amount of 元 with its two decimals: 25.50."""
    return f"{value:.2f}"


def behind_targets(mine, week_start: date, before: date) -> list[tuple[int, Reason]]:
    """提升目标落后: his improvement targets of the week's month, behind pace (sums and counts) or below the
    target (levels), the actual read to the day before the week."""
    month = first_of_month(week_start)
    targets = list(
        ImprovementTarget.objects.filter(customer__in=mine, month=month)
        .select_related("spec", "brand_set")
        .order_by("customer_id", "pk")
    )
    if not targets or month > before:
        return []
    pace = pace_of(month, before)
    values = actuals(targets, before)
    found = []
    for target in targets:
        actual = values.get(target.pk)
        if actual is None:
            continue
        figures: dict = {"metric": target.metric, "actual": actual, "target": target.target}
        if target.metric in ACCUMULATING:
            if on_pace(actual, target.target, pace) is not False:
                continue  # on pace, or no working day elapsed yet
            expected = (target.target * pace.elapsed / pace.working_days).quantize(TWO_PLACES, ROUND_HALF_UP)
            figures |= {"expected": expected, "elapsed": pace.elapsed, "working_days": pace.working_days}
            text = _("Improvement target behind pace: %(metric)s %(actual)s of %(target)s (%(expected)s due by now)")
            words = {"expected": plain(expected)}
        else:
            if actual >= target.target:
                continue
            text = _("Improvement target not reached: %(metric)s %(actual)s, target %(target)s")
            words = {}
        shown = money if target.metric == Metric.VALUE_PER_CARTON else plain
        words |= {"metric": target.subject, "actual": shown(actual), "target": shown(target.target)}
        found.append((target.customer_id, Reason(Kind.TARGET, text % words, figures)))
    return found


def mark_planned(staff: Staff, chosen: list[Suggestion], week: Period) -> None:
    """Mark each suggested customer with the days of the week he is already planned on (his plans of the week)."""
    if not chosen:
        return
    by_id = {suggestion.customer_id: suggestion for suggestion in chosen}
    planned = PlannedVisit.objects.filter(
        plan__staff=staff, customer_id__in=list(by_id), day__gte=week.start, day__lte=week.end
    ).order_by("day", "pk")
    for customer_id, day in planned.values_list("customer_id", "day"):
        by_id[customer_id].planned_days.append(day)
