"""推荐拜访: every kind of reason, its words and figures, on hand-built orders with a known answer
(docs/definitions.md#suggested-visits).

The week asked is the one of Monday 16 March 2026: the data read ends on Sunday 15 March; the last whole month is
February (its index against January); the stock-out weeks are 16 February – 15 March, the regular weeks
22 December 2025 – 15 March; March 2026 has 22 working days, 10 of them by 15 March.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.customers.models import Customer, CustomerSet
from workbench.lib.periods import Period
from workbench.orders.facts import OrderFacts
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.planning.models import CultivationTask, TeamPlan
from workbench.targets.models import ImprovementTarget, Metric
from workbench.visitplans import suggestions as module
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitSource
from workbench.visitplans.suggestions import Kind, suggestions

WEEK = date(2026, 3, 16)


def line(customer, spec, day: date, qty: int, *, demand: int | None = None, price: str = "50") -> OrderLine:
    """One order line: `qty` 条 supplied of `demand` asked (the same by default), at `price` per 条."""
    return OrderLine(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=qty if demand is None else demand,
        order_qty=qty,
        price=Decimal(price),
        amount=Decimal(price) * qty,
    )


def add_lines(lines) -> None:
    """Write the order lines, then rebuild the monthly summaries from them (as the import does)."""
    OrderLine.objects.bulk_create(list(lines))
    rebuild_all_summaries()


@pytest.fixture(autouse=True)
def english():
    """The words in English (the msgids), whatever the installation's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def specs(db):
    """Three specs: 红南京, 七匹狼(软通泰), 黄鹤楼(软蓝)."""
    return make_specs()


def kinds(found) -> dict:
    """{customer code: [reason kinds]} of a list of suggestions."""
    return {suggestion.code: [reason.kind for reason in suggestion.reasons] for suggestion in found}


def test_no_reason_gives_an_empty_list(customers, specs, customer_manager):
    # given C001 and C002 ordering the same in January and February, nothing short, no task, no target
    add_lines(
        line(customers[key], specs["red"], day, 10)
        for key in ("c1", "c2")
        for day in (date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9))
    )

    # when
    found = suggestions(customer_manager, WEEK)

    # then
    assert found == []


def test_a_customer_warning_compares_his_index_with_his_class_of_the_company(
    customers, specs, customer_manager, colleague
):
    # given C001 (CZ2): 100 条 in January, 50 in February (index 0.50); C002 (CB2) 100 then 90, alone in his class
    c1, c2 = customers["c1"], customers["c2"]
    peer = testing.make_customer("C101", colleague, name="同类食杂店")  # CZ2 of another manager: 100 then 110
    closed = testing.make_customer("C102", colleague, closed_on=date(2026, 1, 20))  # CZ2, gone before February
    opened = testing.make_customer("C103", colleague, opened_on=date(2026, 2, 10))  # CZ2, new in February
    red = specs["red"]
    add_lines(
        [
            line(c1, red, date(2026, 1, 12), 100),
            line(c1, red, date(2026, 2, 9), 50),
            line(c2, red, date(2026, 1, 12), 100),
            line(c2, red, date(2026, 2, 9), 90),
            line(peer, red, date(2026, 1, 12), 100),
            line(peer, red, date(2026, 2, 9), 110),
            line(closed, red, date(2026, 1, 12), 1000),
            line(opened, red, date(2026, 2, 16), 500),
        ]
    )

    # when
    found = suggestions(customer_manager, WEEK)

    # then the class CZ2 counts C001 and C101 only: 200 → 160, index 0.80; ratio 0.50 ÷ 0.80 = 0.625 < 0.8
    assert kinds(found) == {"C001": [Kind.WARNING]}
    reason = found[0].reasons[0]
    assert reason.text == "Order quantity MoM index 0.50, similar customers 0.80"
    assert reason.figures == {
        "month": date(2026, 2, 1),
        "qty": 50,
        "qty_before": 100,
        "index": 0.5,
        "class_code": "CZ2",
        "class_index": 0.8,
        "ratio": 0.63,
    }
    assert (found[0].customer_id, found[0].name) == (c1.pk, "玄武食杂店")


def test_no_warning_without_orders_last_month_and_index_zero_without_orders_now(customers, specs, customer_manager):
    # given C001 ordered in January and not in February; C002 only in February
    add_lines(
        [
            line(customers["c1"], specs["red"], date(2026, 1, 12), 40),
            line(customers["c2"], specs["red"], date(2026, 2, 9), 40),
        ]
    )

    # when
    found = suggestions(customer_manager, WEEK)

    # then C001's index is 0 (his class CZ2: 40 → 0, a class index of 0 gives no ratio): no warning at all
    assert found == []


def test_a_stock_out_of_a_spec_he_orders(customers, specs, customer_manager):
    # given C001: 红南京 ordered in January, then asked for and not supplied on 9 March; 七匹狼 short on 2 March but
    # never ordered; 黄鹤楼 ordered in January, short on 9 February (before the four weeks)
    c1 = customers["c1"]
    add_lines(
        [
            line(c1, specs["red"], date(2026, 1, 5), 10),
            line(c1, specs["red"], date(2026, 3, 2), 10, demand=12),  # short, not a 断货 line
            line(c1, specs["red"], date(2026, 3, 9), 0, demand=5),
            line(c1, specs["wolf"], date(2026, 3, 2), 0, demand=3),
            line(c1, specs["blue"], date(2026, 1, 5), 4),
            line(c1, specs["blue"], date(2026, 2, 9), 0, demand=4),
        ]
    )

    # when
    found = suggestions(customer_manager, WEEK)

    # then
    assert kinds(found) == {"C001": [Kind.STOCKOUT]}
    reason = found[0].reasons[0]
    assert reason.text == "Stock-out of specs he orders (last 4 weeks): 红南京"
    assert reason.figures == {
        "weeks": 4,
        "specs": [{"spec_code": "6901028000001", "spec_name": "红南京", "stockout_lines": 1}],
    }


def make_specs() -> dict:
    """Three specs: 红南京, 七匹狼(软通泰), 黄鹤楼(软蓝)."""
    return {
        "red": testing.make_spec("6901028000001", "红南京", brand="南京", transfer_price="50"),
        "wolf": testing.make_spec("6901028000002", "七匹狼(软通泰)", brand="七匹狼", transfer_price="100"),
        "blue": testing.make_spec("6901028000003", "黄鹤楼(软蓝)", brand="黄鹤楼", transfer_price="120"),
    }


def make_task(market_manager, team, specs) -> CultivationTask:
    """The market manager's published team plan of March 2026 with a task: {红南京, 七匹狼}, 1–31 March."""
    brand_set = BrandSet.objects.create(owner=market_manager, name="培育规格", shared_with=team)
    brand_set.specs.set([specs["red"], specs["wolf"]])
    plan = TeamPlan.objects.create(team=team, author=market_manager, month=date(2026, 3, 1), is_published=True)
    return CultivationTask.objects.create(
        team_plan=plan,
        title="七匹狼上柜",
        brand_set=brand_set,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 31),
    )


@pytest.fixture
def cultivation_task(market_manager, org, specs):
    """MM1's published team plan of March 2026 with a task: brand set {红南京, 七匹狼}, 1–31 March."""
    return make_task(market_manager, org["team1"], specs)


def test_cultivation_specs_not_ordered_since_the_task_began(customers, specs, customer_manager, cultivation_task):
    # given C001 ordered 红南京 on 4 March (and 七匹狼 in February, before the task); C002 nothing
    c1 = customers["c1"]
    add_lines([line(c1, specs["red"], date(2026, 3, 4), 10), line(c1, specs["wolf"], date(2026, 2, 9), 10)])

    # when
    found = suggestions(customer_manager, WEEK)

    # then
    assert kinds(found) == {"C001": [Kind.CULTIVATION], "C002": [Kind.CULTIVATION]}
    by_code = {suggestion.code: suggestion.reasons[0] for suggestion in found}
    assert by_code["C001"].text == "Cultivation specs not ordered yet (七匹狼上柜): 七匹狼(软通泰)"
    assert by_code["C001"].figures == {
        "task": cultivation_task.pk,
        "title": "七匹狼上柜",
        "specs": [{"spec_code": "6901028000002", "spec_name": "七匹狼(软通泰)"}],
        "set_specs": 2,
    }
    assert by_code["C002"].text == "Cultivation specs not ordered yet (七匹狼上柜): 红南京, 七匹狼(软通泰)"


def test_a_task_with_a_customer_set_and_an_unpublished_plan(customers, specs, customer_manager, cultivation_task):
    # given the task narrowed to a set holding C002 only, and an unpublished plan's task for everyone
    chosen = CustomerSet.objects.create(owner=cultivation_task.team_plan.author, name="重点户", shared_with=None)
    chosen.members.set([customers["c2"]])
    cultivation_task.customer_set = chosen
    cultivation_task.save()
    draft = TeamPlan.objects.create(
        team=cultivation_task.team_plan.team, author=customer_manager, month=date(2026, 4, 1), is_published=False
    )
    CultivationTask.objects.create(
        team_plan=draft,
        title="未发布",
        brand_set=cultivation_task.brand_set,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 31),
    )

    # when
    found = suggestions(customer_manager, WEEK)

    # then
    assert kinds(found) == {"C002": [Kind.CULTIVATION]}


def test_improvement_targets_behind(customers, specs, customer_manager):
    # given in March to the 15th: C001 90 条 at 50 元, C002 100 条 at 50 元
    c1, c2 = customers["c1"], customers["c2"]
    add_lines([line(c1, specs["red"], date(2026, 3, 4), 90), line(c2, specs["red"], date(2026, 3, 4), 100)])
    month = date(2026, 3, 1)

    def target(customer, metric, value):
        ImprovementTarget.objects.create(
            customer=customer, month=month, metric=metric, baseline=Decimal(0), target=Decimal(value)
        )

    target(c1, Metric.VOLUME, 220)  # 10 of 22 working days: 100 due by now, 90 is behind
    target(c1, Metric.VALUE_PER_CARTON, 60)  # a level: 50.00 is below it
    target(c2, Metric.VOLUME, 220)  # 100 is on pace
    target(c2, Metric.VALUE_PER_CARTON, 50)  # reached

    # when
    found = suggestions(customer_manager, WEEK)

    # then
    assert kinds(found) == {"C001": [Kind.TARGET, Kind.TARGET]}
    volume, value = found[0].reasons
    assert volume.text == "Improvement target behind pace: Volume (cartons) 90 of 220 (100 due by now)"
    assert volume.figures == {
        "metric": "volume",
        "actual": Decimal(90),
        "target": Decimal(220),
        "expected": Decimal("100.00"),
        "elapsed": 10,
        "working_days": 22,
    }
    assert value.text == "Improvement target not reached: Value per carton 50.00, target 60.00"
    assert value.figures == {"metric": "value_per_carton", "actual": Decimal("50.00"), "target": Decimal(60)}


def test_no_target_is_behind_before_a_working_day_of_the_month(customers, specs, customer_manager):
    # given a target of March and the week of Monday 2 March: no working day of March before it
    ImprovementTarget.objects.create(
        customer=customers["c1"], month=date(2026, 3, 1), metric=Metric.VOLUME, baseline=0, target=Decimal(220)
    )

    # when / then
    assert suggestions(customer_manager, date(2026, 3, 2)) == []


def test_order_cap_planned_marks_and_other_sources(
    settings, monkeypatch, customers, specs, customer_manager, cultivation_task
):
    # given C002 with two reasons (a cultivation task, and an opportunity of a registered source), C001 with one;
    # the source also names C004 (CM3's customer); C002 is planned on Wednesday
    c1, c2, c4 = customers["c1"], customers["c2"], customers["c4"]
    add_lines([line(c1, specs["red"], date(2026, 3, 4), 10), line(c1, specs["wolf"], date(2026, 3, 4), 10)])
    c3_task_free = testing.make_customer("C005", customer_manager, name="无事便利店")
    add_lines(
        [line(c3_task_free, specs["red"], date(2026, 3, 4), 1), line(c3_task_free, specs["wolf"], date(2026, 3, 4), 1)]
    )
    opportunity = module.Reason(Kind.OPPORTUNITY, "新建小区", {"estimated_qty": 30})
    sources: list = []
    monkeypatch.setattr(module, "REASON_SOURCES", sources)
    module.register_reason_source(lambda ids, week: {c2.pk: [opportunity], c4.pk: [opportunity], c1.pk: []})
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 3, 1))
    PlannedVisit.objects.create(plan=plan, customer=c2, day=date(2026, 3, 18), source=VisitSource.ADDED)

    # when
    found = suggestions(customer_manager, WEEK)

    # then C002 comes first (two reasons), marked; C001 and C005 ordered everything: no reason
    assert kinds(found) == {"C002": [Kind.CULTIVATION, Kind.OPPORTUNITY]}
    assert found[0].planned_days == [date(2026, 3, 18)]
    assert found[0].reason_text == "Cultivation specs not ordered yet (七匹狼上柜): 红南京, 七匹狼(软通泰); 新建小区"

    # and with a cap of one, the customer of more reasons stays
    # a warning for C001: 100 → 0 in February, his class 100 → 10
    add_lines([line(c1, specs["red"], date(2026, 1, 12), 100), line(c3_task_free, specs["red"], date(2026, 2, 9), 10)])
    assert kinds(suggestions(customer_manager, WEEK)) == {
        "C002": [Kind.CULTIVATION, Kind.OPPORTUNITY],
        "C001": [Kind.WARNING],
    }
    settings.WORKBENCH_SUGGESTED_VISITS_MAX = 1
    assert kinds(suggestions(customer_manager, WEEK)) == {"C002": [Kind.CULTIVATION, Kind.OPPORTUNITY]}


def test_the_list_reads_in_a_fixed_number_of_queries(
    django_assert_num_queries, customers, specs, customer_manager, colleague, cultivation_task
):
    # given a reason of every kind on C001 (and cultivation on C002); C101 of his class holds its orders
    c1 = customers["c1"]
    peer = testing.make_customer("C101", colleague)
    add_lines(
        [
            line(peer, specs["red"], date(2026, 1, 12), 100),
            line(peer, specs["red"], date(2026, 2, 9), 100),
            line(c1, specs["red"], date(2026, 1, 12), 100),
            line(c1, specs["red"], date(2026, 2, 9), 10),
            line(c1, specs["red"], date(2026, 3, 9), 0, demand=5),
        ]
    )
    ImprovementTarget.objects.create(customer=c1, month=date(2026, 3, 1), metric=Metric.VOLUME, baseline=0, target=100)

    # when / then: customers 1; warning 3 (his; every customer's classes; the customers not in business in both
    # months: none here, so nothing to subtract); stock-outs 2 (the four weeks: two partial months) and 3 (the
    # twelve weeks: two partial months and a run of whole ones); targets 3 (the targets, the customers, the actuals
    # of one partial month); the task 3 (tasks, its specs, its pairs of one partial month); spec names 1; planned
    # visits 1
    with django_assert_num_queries(17):
        found = suggestions(customer_manager, WEEK)
    assert kinds(found) == {
        "C001": [Kind.WARNING, Kind.STOCKOUT, Kind.TARGET, Kind.CULTIVATION],
        "C002": [Kind.CULTIVATION],
    }


def test_stock_out_lines_add_up_over_whole_months_and_partial_ones(customers, specs):
    # given C001's 断货 lines: two in January (a whole month, read from the summaries), one on 2 March (a partial
    # month, read from the lines), and a short line that is not 断货
    c1, red, wolf = customers["c1"], specs["red"], specs["wolf"]
    add_lines(
        [
            line(c1, red, date(2026, 1, 5), 0, demand=5),
            line(c1, red, date(2026, 1, 12), 0, demand=5),
            line(c1, wolf, date(2026, 1, 12), 2, demand=5),
            line(c1, red, date(2026, 3, 2), 0, demand=1),
            line(c1, wolf, date(2026, 3, 2), 0, demand=3),
        ]
    )
    facts = OrderFacts(Customer.objects.filter(pk=c1.pk), Period(date(2026, 1, 1), date(2026, 3, 15)))

    # when / then
    assert facts.stockout_lines() == {(c1.pk, red.pk): 3, (c1.pk, wolf.pk): 1}
    assert facts.stockout_lines(["month"]) == {(date(2026, 1, 1),): 2, (date(2026, 3, 1),): 2}
    assert facts.stockout_lines([]) == {(): 4}
