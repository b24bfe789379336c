"""The plans of the demo city (计划): team plans and customer managers' monthly plans for the two months before
`end` and `end`'s own month, with their review histories — some late, some returned, some resubmitted, some
changed after approval — so that every plan page has realistic content.

The rows are written directly, with timestamps computed from `end`, rather than through planning.services (which
stamp `now`): a past month's plan must carry its past dates, and `workbench demo` must stay deterministic — the
same seed and end give the same plans. The states written are exactly those the services can reach.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from workbench.accounts.models import Staff
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import Customer
from workbench.lib.periods import Period, add_months, first_of_month, last_of_month, weeks_of_month, working_days
from workbench.planning.models import (
    CultivationTask,
    ItemKind,
    KeyPoint,
    MonthlyPlan,
    PlanItem,
    PlanVersion,
    Problem,
    TeamPlan,
    TeamWeek,
    WeekSplit,
)
from workbench.planning.queries import month_plan_deadline, week_days_deadline
from workbench.reviews.models import ReviewEvent, ReviewState, ReviewStep

MONTHS = 3  # the two months before end's month, and end's month
# How a past month's plan went, with its weight (out of 100).
PAST_STORIES = (("on_time", 55), ("late", 15), ("returned", 20), ("changed", 10))
# How the current month's plan stands on `end` once its deadline is past, with its weight.
CURRENT_STORIES = (("approved", 40), ("submitted", 20), ("returned", 15), ("draft", 15), ("none", 10))


@dataclass
class Rows:
    """What the generator writes, collected for bulk inserts."""

    events: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    items: list = field(default_factory=list)
    splits: list = field(default_factory=list)


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """A local time on `day`, aware, in the installation's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def pick(rng: random.Random, weighted) -> str:
    return rng.choices([name for name, _ in weighted], weights=[weight for _, weight in weighted])[0]


def working_day(month: date, rank: int) -> date:
    """The `rank`-th working day of the month (1-based), the last one when there are fewer."""
    days = working_days(Period(first_of_month(month), last_of_month(month)))
    return days[min(rank, len(days)) - 1]


@transaction.atomic
def generate_plans(*, end: date, seed: int) -> dict[str, int]:
    """Write the demo city's plans up to `end`; returns how many plans of each kind were written."""
    months = [add_months(first_of_month(end), offset) for offset in range(1 - MONTHS, 1)]
    managers = list(Staff.objects.market_managers().filter(is_active=True).select_related("org_unit").order_by("code"))
    customer_managers = list(Staff.objects.customer_managers().filter(is_active=True).order_by("code"))
    team_tasks = {}
    for manager in managers:
        brand_set = cultivation_brand_set(manager, seed)
        for month in months:
            team_tasks[(manager.org_unit_id, month)] = write_team_plan(manager, month, brand_set, end)
    customers_of: dict[int, list[int]] = {}
    for customer_id, manager_id in Customer.objects.order_by("code").values_list("pk", "manager_id"):
        customers_of.setdefault(manager_id, []).append(customer_id)
    reviewer_of = {manager.org_unit_id: manager for manager in managers}
    rows = Rows()
    plans = 0
    for staff in customer_managers:
        reviewer = reviewer_of.get(staff.org_unit_id)
        for month in months:
            rng = random.Random(f"{seed}-{staff.code}-{month:%Y%m}")
            is_current = month == months[-1]
            story = pick(rng, CURRENT_STORIES if is_current else PAST_STORIES)
            if is_current and end <= month_plan_deadline(month):
                story = pick(rng, (("draft", 50), ("submitted", 30), ("none", 20)))
            if reviewer is None and story not in ("draft", "none"):
                story = "draft"
            if story == "none":
                continue
            tasks = team_tasks.get((staff.org_unit_id, month), [])
            write_monthly_plan(staff, reviewer, month, story, end, rng, customers_of.get(staff.pk, []), tasks, rows)
            plans += 1
    ReviewEvent.objects.bulk_create(rows.events)
    Problem.objects.bulk_create(rows.problems)
    PlanItem.objects.bulk_create(rows.items)
    WeekSplit.objects.bulk_create(rows.splits)
    return {"team_plans": len(managers) * len(months), "monthly_plans": plans}


def cultivation_brand_set(manager: Staff, seed: int) -> BrandSet:
    """The brand set of the team's cultivation tasks: the specs of one brand, picked by the seed, published to the
    team (a market manager's set, as he would make it)."""
    brands = list(Spec.objects.order_by("brand__name").values_list("brand__name", flat=True).distinct())
    brand = brands[random.Random(f"{seed}-{manager.code}-brand").randrange(len(brands))] if brands else ""
    brand_set = BrandSet.objects.create(owner=manager, name=f"{brand}培育", shared_with=manager.org_unit)
    brand_set.specs.set(Spec.objects.filter(brand__name=brand))
    return brand_set


def write_team_plan(manager: Staff, month: date, brand_set: BrandSet, end: date) -> list[CultivationTask]:
    """The market manager's team plan of the month, published on its first working day (or on `end`, if before)."""
    published_on = min(working_day(month, 1), end)
    plan = TeamPlan.objects.create(
        team=manager.org_unit,
        author=manager,
        month=month,
        customer_points="重点维护A类客户，逐户回访订货量下降的客户。",
        brand_points=f"{brand_set.name}：提升铺货率和重购率。",
        market_points="关注新开小区和工地周边的市场机会。",
        is_published=True,
        published_at=moment(published_on, 8, 30),
    )
    tasks = [
        CultivationTask.objects.create(
            team_plan=plan,
            title=f"{brand_set.name}铺货",
            brand_set=brand_set,
            starts_on=month,
            ends_on=last_of_month(month),
        )
    ]
    TeamWeek.objects.bulk_create(
        TeamWeek(team_plan=plan, week_start=week.start, text=f"周一例会；本周重点：{brand_set.name}推广。")
        for week in weeks_of_month(month)
    )
    return tasks


def write_monthly_plan(staff, reviewer, month, story, end, rng, customer_ids, tasks, rows: Rows) -> None:
    """One customer manager's plan of the month, as the story goes (see PAST_STORIES and CURRENT_STORIES)."""
    deadline = month_plan_deadline(month)
    plan = MonthlyPlan.objects.create(owner=staff, month=month)
    version = PlanVersion.objects.create(plan=plan, number=1, summary="围绕三要点：稳客户、推品牌、抓市场。")
    version.taken_tasks.set(tasks)
    created = moment(first_of_month(month) - timedelta(days=2), 16)
    event(rows, version, ReviewStep.CREATED, staff, created, ReviewState.DRAFT)
    problems, items = plan_content(month, staff, rng, customer_ids)
    add_content(rows, version, problems, items, end, rng)
    event(rows, version, ReviewStep.EDITED, staff, created + timedelta(minutes=40), ReviewState.DRAFT)
    split_weeks(plan, end, rng, rows)
    if story == "draft":
        return
    late = story == "late"
    submitted = min(
        moment(deadline + timedelta(days=2) if late else deadline - timedelta(days=1), 9, 15), moment(end, 8)
    )
    plan.first_submitted_at = submitted
    submit(rows, version, staff, submitted)
    if story == "submitted":
        return save(plan, version)
    decided = submitted + timedelta(hours=5)
    if story == "returned":
        decide(rows, version, reviewer, decided, ReviewState.RETURNED, "拜访安排不够具体，请补充每周的重点客户。")
        if month == first_of_month(end):
            return save(plan, version)  # still to be fixed
        fix = extra_item(month, len(items) + 1, rng, customer_ids)
        add_content(rows, version, [], [fix], end, rng)
        event(
            rows,
            version,
            ReviewStep.EDITED,
            staff,
            decided + timedelta(hours=18),
            ReviewState.RETURNED,
            changes=[{"change": "added", "what": "items", "label": fix.description, "fields": []}],
        )
        submit(rows, version, staff, decided + timedelta(hours=19))
        decided += timedelta(hours=24)
    decide(rows, version, reviewer, decided, ReviewState.APPROVED, "")
    plan.in_force = version
    if story == "changed":
        # Changed after approval: version 2 holds the same rows and one task more; version 1 stays in force until
        # version 2 is approved the same afternoon.
        second = PlanVersion.objects.create(plan=plan, number=2, summary=version.summary + "（月中调整）")
        second.taken_tasks.set(tasks)
        changed = moment(min(month + timedelta(days=14), last_of_month(month)), 10)
        event(rows, second, ReviewStep.REVISED, staff, changed, ReviewState.DRAFT, comment="1")
        fix = extra_item(month, len(items) + 1, rng, customer_ids)
        add_content(rows, second, problems, [*items, fix], end, rng)
        event(
            rows,
            second,
            ReviewStep.EDITED,
            staff,
            changed + timedelta(minutes=20),
            ReviewState.DRAFT,
            changes=[
                {"change": "changed", "what": "summary", "label": "", "fields": ["summary"]},
                {"change": "added", "what": "items", "label": fix.description, "fields": []},
            ],
        )
        submit(rows, second, staff, changed + timedelta(hours=1))
        decide(rows, second, reviewer, changed + timedelta(hours=4), ReviewState.APPROVED, "")
        plan.in_force = second
    save(plan, version)


def save(plan: MonthlyPlan, version: PlanVersion) -> None:
    plan.save()
    version.save()


def submit(rows: Rows, version: PlanVersion, staff, at: datetime) -> None:
    version.review_state = ReviewState.SUBMITTED
    version.submitted_at = at
    version.version += 1
    version.save()
    event(rows, version, ReviewStep.SUBMITTED, staff, at, ReviewState.SUBMITTED)


def decide(rows: Rows, version: PlanVersion, reviewer, at: datetime, state: str, comment: str) -> None:
    version.review_state = state
    version.decided_at = at
    version.decided_by = reviewer
    version.return_comment = comment if state == ReviewState.RETURNED else ""
    version.version += 1
    version.save()
    step = ReviewStep.RETURNED if state == ReviewState.RETURNED else ReviewStep.APPROVED
    event(rows, version, step, reviewer, at, state, comment=comment)


def event(rows: Rows, version, step, actor, at, state, comment="", changes=None) -> None:
    rows.events.append(
        ReviewEvent(
            content_type=ContentType.objects.get_for_model(PlanVersion),
            object_id=version.pk,
            step=step,
            actor=actor,
            at=at,
            state_after=state,
            comment=comment,
            changes=changes or [],
        )
    )


@dataclass(frozen=True)
class ItemRow:
    """A demo task before it belongs to a version."""

    line: int
    kind: str
    description: str
    customer_id: int | None
    week_start: date
    day: date | None


def plan_content(month: date, staff, rng: random.Random, customer_ids: list[int]) -> tuple[list[dict], list[ItemRow]]:
    """Three problems (one per key point, linked to a 分析 report of his over last month) and each week's tasks:
    two visits to his customers, sometimes a brand promotion or an information collection, each on a day."""
    last_month = add_months(month, -1)
    period = f"from={last_month.isoformat()}&to={last_of_month(last_month).isoformat()}"
    problems = [
        {
            "line": line,
            "key_point": key_point,
            "title": title,
            "report_url": f"/analysis/{report}/?scope={staff.code}&{period}",
            "cause": cause,
            "actions": actions,
        }
        for line, (key_point, title, report, cause, actions) in enumerate(
            (
                (
                    KeyPoint.CUSTOMER,
                    "部分客户订货次数下降",
                    "order-frequency",
                    "客户经营困难",
                    "逐户走访，帮助调整品类",
                ),
                (KeyPoint.BRAND, "培育品牌铺货率偏低", "distribution-rate", "客户不了解新品", "店内推荐，陈列指导"),
                (KeyPoint.MARKET, "商圈出现新的市场机会", "opportunity-analysis", "新小区入住", "跟进新开店铺"),
            ),
            start=1,
        )
    ]
    items: list[ItemRow] = []
    for week in weeks_of_month(month):
        days = [day for day in working_days(week) if first_of_month(day) == month] or working_days(week)
        tasks: list[tuple[str, str, int | None]] = [
            (ItemKind.VISIT, "客户拜访", customer) for customer in rng.sample(customer_ids, k=min(2, len(customer_ids)))
        ]
        if rng.random() < 0.5:
            tasks.append((ItemKind.BRAND_PROMOTION, "品牌推广：店内陈列与推荐", None))
        if rng.random() < 0.3:
            tasks.append((ItemKind.INFORMATION, "采集商圈信息", None))
        for kind, description, customer_id in tasks:
            day = rng.choice(days) if days else None
            items.append(ItemRow(len(items) + 1, kind, description, customer_id, week.start, day))
    return problems, items


def extra_item(month: date, line: int, rng: random.Random, customer_ids: list[int]) -> ItemRow:
    """The task a fix or a change adds: a visit to one more key customer in the month's second week."""
    week = weeks_of_month(month)[1]
    customer_id = rng.choice(customer_ids) if customer_ids else None
    return ItemRow(line, ItemKind.VISIT, "补充重点客户拜访", customer_id, week.start, working_days(week)[0])


def add_content(rows: Rows, version: PlanVersion, problems: list[dict], items: list[ItemRow], end: date, rng) -> None:
    """The version's rows. A task's day counts once its week is split (the week's deadline is past on `end`), and a
    task on a day before `end` is done nine times in ten."""
    rows.problems.extend(Problem(version=version, **problem) for problem in problems)
    for item in items:
        day = item.day if item.day is not None and week_days_deadline(item.week_start) <= end else None
        rows.items.append(
            PlanItem(
                version=version,
                line=item.line,
                kind=item.kind,
                description=item.description,
                customer_id=item.customer_id,
                week_start=item.week_start,
                day=day,
                is_done=day is not None and day < end and rng.random() < 0.9,
            )
        )


def split_weeks(plan: MonthlyPlan, end: date, rng: random.Random, rows: Rows) -> None:
    """The weeks of the plan split into days by `end`: on the Friday before, one in six on the Monday (late)."""
    for week in weeks_of_month(plan.month):
        deadline = week_days_deadline(week.start)
        if deadline > end:
            continue
        split_on = deadline + timedelta(days=3) if rng.random() < 1 / 6 else deadline
        rows.splits.append(WeekSplit(plan=plan, week_start=week.start, split_at=moment(min(split_on, end), 17)))
