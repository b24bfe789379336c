"""Writes of 计划: starting, saving, submitting and deciding a monthly plan, splitting a week into days, and the
market manager's team plan. Each runs in one transaction, claims the stale-edit guard first and re-checks the
user's scope after writing (docs/definitions.md#plan-review).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, may, may_own_customers, staff_of, writes_team_plans
from workbench.lib.periods import first_of_month, week_of, weeks_of_month
from workbench.lib.stale import StaleEdit, claim_version
from workbench.planning.models import (
    CultivationTask,
    MonthlyPlan,
    PlanItem,
    PlanVersion,
    Problem,
    TeamPlan,
    TeamPlanComment,
    TeamWeek,
    WeekSplit,
)
from workbench.reviews import services as reviews
from workbench.reviews.models import ReviewState, ReviewStep

PROBLEM_FIELDS = ("key_point", "title", "report_url", "cause", "actions")
ITEM_FIELDS = ("kind", "description", "customer_id", "customer_set_id", "week_start")
# The execution of a task, not its content: set without a new review, carried over to the next version.
EXECUTION_FIELDS = ("day", "is_done")


def check_scope(user, obj, action: Action = Action.VIEW) -> None:
    """After a write: the user must still be allowed `action` on what he wrote, or the transaction rolls back."""
    if not may(user, obj, action):
        raise PermissionDenied


# The monthly plan


def start_plan(*, user, month: date) -> MonthlyPlan:
    """The user's plan for `month`, made with an empty draft version 1 when he has none yet.

    Only a staff member who may own customers (a customer manager) has monthly plans; anyone else gets 403.
    """
    owner = staff_of(user)
    if owner is None or not may_own_customers(owner.role):
        raise PermissionDenied
    with transaction.atomic():
        plan, created = MonthlyPlan.objects.get_or_create(owner=owner, month=first_of_month(month))
        if created:
            version = PlanVersion.objects.create(plan=plan, number=1)
            reviews.record_event(version, step=ReviewStep.CREATED, actor=owner)
        check_scope(user, plan, Action.CHANGE)
    return plan


@dataclass(frozen=True)
class PlanContent:
    """What the owner writes in a version: the summary, the problems, the tasks, the cultivation tasks taken.

    `problems` and `items` are dicts of the model fields (PROBLEM_FIELDS, ITEM_FIELDS) with `line` (None for a new
    row); the customer, customer set and cultivation tasks were already limited to what the owner may use.
    """

    summary: str
    problems: list[dict]
    items: list[dict]
    taken_task_ids: frozenset[int]


def content_of(version: PlanVersion) -> dict:
    """A comparable picture of a version's content (for the history's item-by-item changes)."""
    return {
        "summary": version.summary,
        "problems": {p.line: {name: getattr(p, name) for name in PROBLEM_FIELDS} for p in version.problems.all()},
        "items": {i.line: {name: getattr(i, name) for name in ITEM_FIELDS} for i in version.items.all()},
        "tasks": {task.pk: task.title for task in version.taken_tasks.all()},
    }


def changes_between(old: dict, new: dict) -> list[dict]:
    """What changed from one content picture to the next, row by row: added, removed, changed (which fields)."""
    changes: list[dict] = []
    if old["summary"] != new["summary"]:
        changes.append({"change": "changed", "what": "summary", "label": "", "fields": ["summary"]})
    for what, label_field in (("problems", "title"), ("items", "description")):
        before, after = old[what], new[what]
        for line in sorted(after.keys() - before.keys()):
            changes.append({"change": "added", "what": what, "label": after[line][label_field], "fields": []})
        for line in sorted(before.keys() - after.keys()):
            changes.append({"change": "removed", "what": what, "label": before[line][label_field], "fields": []})
        for line in sorted(before.keys() & after.keys()):
            fields = [name for name in after[line] if str(after[line][name]) != str(before[line][name])]
            if fields:
                changes.append({"change": "changed", "what": what, "label": after[line][label_field], "fields": fields})
    for pk in sorted(new["tasks"].keys() - old["tasks"].keys()):
        changes.append({"change": "added", "what": "tasks", "label": new["tasks"][pk], "fields": []})
    for pk in sorted(old["tasks"].keys() - new["tasks"].keys()):
        changes.append({"change": "removed", "what": "tasks", "label": old["tasks"][pk], "fields": []})
    return changes


def next_line(plan: MonthlyPlan, model) -> int:
    """The next free line number of problems or items over every version of the plan (lines are never reused)."""
    last = model.objects.filter(version__plan=plan).order_by("-line").values_list("line", flat=True).first()
    return (last or 0) + 1


def check_content(plan: MonthlyPlan, content: PlanContent) -> None:
    """Refuse tasks outside the plan's weeks, and days outside their task's week."""
    weeks = {week.start for week in weeks_of_month(plan.month)}
    for row in content.items:
        if row["week_start"] not in weeks:
            raise ValidationError(_("A task's week must be one of the weeks of the plan's month."))


def save_plan(*, plan: MonthlyPlan, user, version: int | None, content: PlanContent) -> PlanVersion:
    """Save what the owner wrote. A draft or returned version is changed in place; an approved one is kept as it is
    (it stays in force) and the content becomes a new draft version, to be submitted again. A version waiting for
    review cannot be changed. `version` is the guard of the newest version, as the form loaded it.
    """
    if not may(user, plan, Action.CHANGE):
        raise PermissionDenied
    check_content(plan, content)
    actor = staff_of(user)
    with transaction.atomic():
        latest = plan.latest_version()
        claim_version(latest, version)
        if latest.review_state == ReviewState.SUBMITTED:
            raise reviews.TransitionRefused(_("The plan is waiting for review: it can be changed once it is decided."))
        before = content_of(latest)
        if latest.review_state == ReviewState.APPROVED:
            target = PlanVersion.objects.create(plan=plan, number=latest.number + 1)
            reviews.record_event(target, step=ReviewStep.REVISED, actor=actor, comment=str(latest.number))
        else:
            target = latest
        kept_items = {item.line: item for item in latest.items.all()}
        known_problems = {problem.line for problem in latest.problems.all()}
        # Before the delete below, so that a line of the rows being replaced is never handed out again.
        free_problem, free_item = next_line(plan, Problem), next_line(plan, PlanItem)
        target.problems.all().delete()
        target.items.all().delete()
        target.summary = content.summary
        target.save()
        lines = line_numbers(content.problems, known_problems, free_problem)
        for row, line in zip(content.problems, lines, strict=True):
            Problem.objects.create(version=target, line=line, **{name: row[name] for name in PROBLEM_FIELDS})
        lines = line_numbers(content.items, set(kept_items), free_item)
        for row, line in zip(content.items, lines, strict=True):
            previous = kept_items.get(line)
            execution = {name: getattr(previous, name) for name in EXECUTION_FIELDS} if previous else {}
            if previous and previous.week_start != row["week_start"]:
                execution["day"] = None  # moved to another week: its day no longer holds
            PlanItem.objects.create(version=target, line=line, **{name: row[name] for name in ITEM_FIELDS}, **execution)
        target.taken_tasks.set(content.taken_task_ids)
        changes = changes_between(before, content_of(target))
        if target.pk != latest.pk and not changes:
            # Saving an approved plan unchanged must not start a version that waits for review for nothing.
            raise reviews.TransitionRefused(
                _("Nothing was changed: version %(number)s stays approved and in force.") % {"number": latest.number}
            )
        reviews.record_event(target, step=ReviewStep.EDITED, actor=actor, changes=changes)
        check_scope(user, plan, Action.CHANGE)
    return target


def line_numbers(rows: list[dict], known: set[int], first_free: int) -> list[int]:
    """The line of each row: the one it came with when that line is the plan's (so a changed row is a change,
    not a removal and an addition), else the next free one. A line sent twice keeps only its first row."""
    lines, used, free = [], set(), first_free
    for row in rows:
        line = row.get("line")
        if line in known and line not in used:
            lines.append(line)
        else:
            lines.append(free)
            free += 1
        used.add(lines[-1])
    return lines


def submit_plan(*, plan: MonthlyPlan, user, version: int | None) -> PlanVersion:
    """The owner submits the newest version; the first submission of the plan is its date for the deadline."""
    with transaction.atomic():
        latest = plan.latest_version()
        reviews.submit(latest, user=user, version=version)
        if plan.first_submitted_at is None:
            plan.first_submitted_at = latest.submitted_at
            plan.save(update_fields=["first_submitted_at"])
    return latest


def decide_plan(*, plan: MonthlyPlan, user, version: int | None, decision: str, comment: str = "") -> PlanVersion:
    """The market manager approves the submitted version (it comes into force) or returns it with a comment."""
    with transaction.atomic():
        latest = plan.latest_version()
        if decision == ReviewStep.APPROVED:
            reviews.approve(latest, user=user, version=version, comment=comment)
            carry_execution(plan.in_force, latest)
            plan.in_force = latest
            plan.save(update_fields=["in_force"])
        elif decision == ReviewStep.RETURNED:
            reviews.return_for_changes(latest, user=user, version=version, comment=comment)
        else:
            raise ValidationError({"decision": _("Approve or return the plan.")})
    return latest


def carry_execution(old: PlanVersion | None, new: PlanVersion) -> None:
    """Days and done ticks set on the version in force while the new one waited come over to the new one."""
    if old is None or old.pk == new.pk:
        return
    previous = {item.line: item for item in old.items.all()}
    for item in new.items.all():
        before = previous.get(item.line)
        if before is None:
            continue
        if item.day is None and before.day is not None and before.week_start == item.week_start:
            item.day = before.day
        item.is_done = item.is_done or before.is_done
        item.save(update_fields=["day", "is_done"])


def split_week(*, plan: MonthlyPlan, user, week_start: date, days: dict[int, date | None]) -> WeekSplit:
    """日安排: put the tasks of one week of the working version on days (`days`: line → date, None to clear).

    The days are the execution of the plan, not its content: no new version, no review. Recorded as a WeekSplit
    whose date decides whether the week was split late (docs/definitions.md#plan-deadlines).
    """
    if not may(user, plan, Action.CHANGE):
        raise PermissionDenied
    week = week_of(week_start)
    if week.start not in {w.start for w in weeks_of_month(plan.month)}:
        raise ValidationError(_("This week is not one of the weeks of the plan's month."))
    with transaction.atomic():
        version = plan.working_version()
        items = {item.line: item for item in version.items.filter(week_start=week.start)}
        for line, day in days.items():
            item = items.get(line)
            if item is None:
                raise ValidationError(_("A task of another week cannot be put on a day of this one."))
            if day is not None and not week.start <= day <= week.end:
                raise ValidationError(_("The day is not in the task's week."))
            item.day = day
            item.save(update_fields=["day"])
        split, _created = WeekSplit.objects.update_or_create(
            plan=plan, week_start=week.start, defaults={"split_at": timezone.now()}
        )
        check_scope(user, plan, Action.CHANGE)
    return split


# The market manager's team plan


@dataclass(frozen=True)
class TeamPlanContent:
    """What a market manager writes in his team plan; brand and customer sets already limited to his own view."""

    customer_points: str
    brand_points: str
    market_points: str
    tasks: list[dict]  # title, brand_set, customer_set, starts_on, ends_on
    weeks: dict[date, str]  # Monday → arrangement (empty text: none)
    publish: bool


def start_team_plan(*, user, month: date) -> TeamPlan:
    """The market manager's team plan of `month`, made empty when he has none; 403 for a role without a team."""
    author = staff_of(user)
    if author is None or not writes_team_plans(author.role):
        raise PermissionDenied
    plan, _created = TeamPlan.objects.get_or_create(
        author=author, month=first_of_month(month), defaults={"team": author.org_unit}
    )
    return plan


def save_team_plan(*, plan: TeamPlan, user, version: int | None, content: TeamPlanContent) -> TeamPlan:
    """Save and, when asked, publish a team plan (published once, it stays published: the team has read it)."""
    if not may(user, plan, Action.CHANGE):
        raise PermissionDenied
    weeks = {week.start for week in weeks_of_month(plan.month)}
    if set(content.weeks) - weeks:
        raise ValidationError(_("A week must be one of the weeks of the plan's month."))
    with transaction.atomic():
        claim_version(plan, version)
        plan.customer_points = content.customer_points
        plan.brand_points = content.brand_points
        plan.market_points = content.market_points
        if content.publish and not plan.is_published:
            plan.is_published = True
            plan.published_at = timezone.now()
        plan.save()
        plan.tasks.all().delete()
        for row in content.tasks:
            task = CultivationTask(team_plan=plan, **row)
            task.full_clean(exclude=["team_plan"])
            task.save()
        plan.weeks.all().delete()
        TeamWeek.objects.bulk_create(
            TeamWeek(team_plan=plan, week_start=monday, text=text) for monday, text in content.weeks.items() if text
        )
        check_scope(user, plan, Action.CHANGE)
    return plan


def comment_team_plan(*, plan: TeamPlan, user, text: str) -> TeamPlanComment:
    """A leader above the team comments on a published team plan."""
    author = staff_of(user)
    if author is None or not may(user, plan, Action.COMMENT):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    with transaction.atomic():
        comment = TeamPlanComment.objects.create(team_plan=plan, author=author, text=text)
        check_scope(user, plan, Action.VIEW)
    return comment


def tick_item(*, plan: MonthlyPlan, user, version_number: int | None, line: int, done: bool) -> PlanItem:
    """实施: mark a task of the plan's working version done (or not done again): the execution of the plan, set
    without a new version or a review, like its day. The owner only (CHANGE).

    The guard is the number of the working version the caller's list showed: once another version has come into
    force, a tick read from the old list is refused (StaleEdit) rather than put on a task that no longer guides
    the work. The tick sets a value rather than toggling one, so sending it twice does no harm.
    """
    if not may(user, plan, Action.CHANGE):
        raise PermissionDenied
    with transaction.atomic():
        locked = MonthlyPlan.objects.select_for_update().get(pk=plan.pk)  # one tick at a time per plan
        version = locked.working_version()
        if version_number != version.number:
            raise StaleEdit(_("Another version of the plan came into force: read its tasks again."))
        item = version.items.filter(line=line).first()
        if item is None:
            raise ValidationError({"line": _("The plan has no task on this line.")})
        item.is_done = done
        item.save(update_fields=["is_done"])
        check_scope(user, locked, Action.CHANGE)
    return item
