"""The screens of 计划: my month's plan (write, submit), its weeks and days, the review, the history, the print
and Excel copies; the team's plan states; the market manager's team plan (docs/definitions.md#plans).

Every object is fetched through the scoped queryset (404 outside the scope), every write checks its action in the
service (403 in the scope but not allowed) and every state change is a POST.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workbench.accounts.access import Action, may, may_own_customers, staff_of, visible_customers, writes_team_plans
from workbench.catalog.models import BrandSet
from workbench.customers.models import CustomerSet
from workbench.lib.periods import week_of, weeks_of_month, working_days
from workbench.lib.stale import StaleEdit
from workbench.planning import exports, forms, queries, services
from workbench.planning.history import history_of
from workbench.planning.models import CultivationTask, MonthlyPlan, TeamPlan
from workbench.planning.queries import month_plan_deadline, team_plans_for, week_days_deadline
from workbench.reviews import services as reviews
from workbench.reviews.forms import DecisionForm
from workbench.reviews.models import ReviewState

# The targets app shows a plan's sales and improvement targets here when it is installed (see the lead's notes).
PLAN_TARGETS_TEMPLATE = "targets/_plan_targets.html"
# The visit plans app shows the month's visit plan here the same way (its template tag library draws it).
PLAN_VISITS_TEMPLATE = "visitplans/_plan_visits.html"


def optional_template(name: str) -> str | None:
    """`name` when that template exists, else None: a panel another app may or may not provide."""
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def plan_for(user, pk: int, action: Action = Action.VIEW) -> MonthlyPlan:
    """The monthly plan `pk` if the user sees it (else 404); with another action, 403 unless he may take it."""
    plan = get_object_or_404(MonthlyPlan.objects.restrict(user).select_related("owner__org_unit", "in_force"), pk=pk)
    if action != Action.VIEW and not may(user, plan, action):
        raise PermissionDenied
    return plan


def refusal_message(error) -> str:
    """What the user reads when a service refused: a stale page, a refused step, an invalid value."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)


# My plan


@login_required
def monthlyplan_mine(request):
    """月工作计划: my plan of the month asked (this month by default), or the button that starts it."""
    today = timezone.localdate()
    month = forms.parse_month(request.GET.get("month"), today)
    staff = staff_of(request.user)
    plan = MonthlyPlan.objects.filter(owner=staff, month=month).first() if staff else None
    if plan is not None:
        return redirect("planning:monthlyplan_detail", plan.pk)
    return render(
        request,
        "planning/monthlyplan_mine.html",
        {
            "month": month,
            "may_write": staff is not None and may_own_customers(staff.role),
            "deadline": month_plan_deadline(month),
            "team_plans": team_plans_for(request.user, month),
        },
    )


@login_required
@require_POST
def monthlyplan_start(request):
    """Start my plan of the month posted, with an empty draft, and open its editor."""
    month = forms.parse_month(request.POST.get("month"), timezone.localdate())
    plan = services.start_plan(user=request.user, month=month)
    return redirect("planning:monthlyplan_edit", plan.pk)


def plan_context(request, plan: MonthlyPlan) -> dict:
    """What the plan page, its print copy and its review page show: the newest version and the one in force."""
    latest = plan.latest_version()
    shown = latest
    weeks = []
    items = list(shown.items.select_related("customer", "customer_set"))
    for week in weeks_of_month(plan.month):
        weeks.append({"week": week, "items": [item for item in items if item.week_start == week.start]})
    return {
        "plan": plan,
        "version": shown,
        "in_force": plan.in_force,
        "problems": list(shown.problems.all()),
        "weeks": weeks,
        "taken_tasks": list(shown.taken_tasks.select_related("brand_set", "customer_set")),
        "team_plans": team_plans_for(plan.owner.user, plan.month) if plan.owner.user else [],
        "deadline": month_plan_deadline(plan.month),
        "steps": reviews.allowed_steps(request.user, shown),
        "may_change": may(request.user, plan, Action.CHANGE),
        "targets_template": optional_template(PLAN_TARGETS_TEMPLATE),
        "visits_template": optional_template(PLAN_VISITS_TEMPLATE),
    }


@login_required
def monthlyplan_detail(request, pk: int):
    """One monthly plan: its newest version by key point and by week, its state, what its reader may do."""
    plan = plan_for(request.user, pk)
    context = plan_context(request, plan)
    context["submit_form"] = forms.SubmitForm(initial={"version": context["version"].version})
    return render(request, "planning/monthlyplan_detail.html", context)


@login_required
def monthlyplan_print(request, pk: int):
    """The plan as a printable page (print CSS, no menu)."""
    plan = plan_for(request.user, pk)
    return render(request, "planning/monthlyplan_print.html", plan_context(request, plan))


def editor_choices(plan: MonthlyPlan) -> dict:
    """What the owner may pick in his plan: his customers, the customer sets he sees, his team's cultivation tasks."""
    owner_user = plan.owner.user
    return {
        "customers": visible_customers(owner_user).order_by("code"),
        "customer_sets": CustomerSet.objects.restrict(owner_user, Action.VIEW).order_by("name"),
        "tasks": CultivationTask.objects.filter(team_plan__in=team_plans_for(owner_user, plan.month)).order_by(
            "starts_on", "id"
        ),
    }


@login_required
def monthlyplan_edit(request, pk: int):
    """Write the plan: the summary, the problems per key point, the tasks per week, the cultivation tasks taken.

    On an approved plan the save makes a new version (the approved one stays in force until the new is approved);
    a plan waiting for review cannot be changed.
    """
    plan = plan_for(request.user, pk, Action.CHANGE)
    latest = plan.latest_version()
    choices = editor_choices(plan)
    item_kwargs = {"month": plan.month, "customers": choices["customers"], "customer_sets": choices["customer_sets"]}
    if request.method == "POST":
        form = forms.MonthlyPlanForm(request.POST, tasks=choices["tasks"])
        problems = forms.ProblemFormSet(request.POST, prefix="problems")
        items = forms.PlanItemFormSet(request.POST, prefix="items", form_kwargs=item_kwargs)
        if form.is_valid() and problems.is_valid() and items.is_valid():
            content = services.PlanContent(
                summary=form.cleaned_data["summary"],
                problems=kept_rows(problems),
                items=[
                    row | {"customer_id": pk_of(row.pop("customer")), "customer_set_id": pk_of(row.pop("customer_set"))}
                    for row in kept_rows(items)
                ],
                taken_task_ids=frozenset(task.pk for task in form.cleaned_data["taken_tasks"]),
            )
            try:
                saved = services.save_plan(plan=plan, user=request.user, version=form.loaded_version(), content=content)
            except (StaleEdit, ValidationError, reviews.TransitionRefused) as error:
                form.add_error(None, refusal_message(error))
            else:
                if saved.pk != latest.pk:
                    messages.success(
                        request, _("Saved as version %(number)s: submit it for review.") % {"number": saved.number}
                    )
                else:
                    messages.success(request, _("Plan saved."))
                return redirect("planning:monthlyplan_detail", plan.pk)
    else:
        form = forms.MonthlyPlanForm(
            initial={
                "version": latest.version,
                "summary": latest.summary,
                "taken_tasks": list(latest.taken_tasks.all()),
            },
            tasks=choices["tasks"],
        )
        problems = forms.ProblemFormSet(
            prefix="problems",
            initial=[
                {name: getattr(p, name) for name in ("line", *services.PROBLEM_FIELDS)} for p in latest.problems.all()
            ],
        )
        items = forms.PlanItemFormSet(
            prefix="items",
            form_kwargs=item_kwargs,
            initial=[
                {
                    "line": item.line,
                    "kind": item.kind,
                    "description": item.description,
                    "week_start": item.week_start.isoformat(),
                    "customer": item.customer_id,
                    "customer_set": item.customer_set_id,
                }
                for item in latest.items.all()
            ],
        )
    return render(
        request,
        "planning/monthlyplan_form.html",
        {
            "plan": plan,
            "version": latest,
            "form": form,
            "problems": problems,
            "items": items,
            "is_waiting": latest.review_state == "submitted",
            "makes_new_version": latest.review_state == "approved",
        },
    )


def kept_rows(formset) -> list[dict]:
    """The filled rows of a formset that are not ticked for deletion, in order, without the formset's own field."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        rows.append({name: value for name, value in form.cleaned_data.items() if name != "DELETE"})
    return rows


def pk_of(obj) -> int | None:
    return obj.pk if obj is not None else None


@login_required
@require_POST
def monthlyplan_submit(request, pk: int):
    """The owner submits the newest version to his market manager."""
    plan = plan_for(request.user, pk, Action.CHANGE)
    form = forms.SubmitForm(request.POST)
    version = form.loaded_version() if form.is_valid() else None
    try:
        services.submit_plan(plan=plan, user=request.user, version=version)
    except (StaleEdit, reviews.TransitionRefused) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("Plan submitted to your market manager."))
    return redirect("planning:monthlyplan_detail", plan.pk)


@login_required
def monthlyplan_review(request, pk: int):
    """审核: the market manager approves the submitted version or returns it with a comment."""
    plan = plan_for(request.user, pk)
    latest = plan.latest_version()
    if not may(request.user, latest, Action.APPROVE):
        raise PermissionDenied
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decide_plan(
                    plan=plan,
                    user=request.user,
                    version=form.loaded_version(),
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except (StaleEdit, reviews.TransitionRefused) as error:
                form.add_error(None, refusal_message(error))
            else:
                if form.cleaned_data["decision"] == "approved":
                    messages.success(request, _("Plan approved: it is in force."))
                else:
                    messages.success(request, _("Plan returned with your comment."))
                return redirect("planning:team_states")
    else:
        form = DecisionForm(initial={"version": latest.version, "decision": "approved"})
    context = plan_context(request, plan) | {"decision_form": form}
    return render(request, "planning/monthlyplan_review.html", context)


@login_required
def monthlyplan_history(request, pk: int):
    """The plan's history: who did what when, and what changed item by item."""
    plan = plan_for(request.user, pk)
    return render(request, "planning/monthlyplan_history.html", {"plan": plan, "events": history_of(plan)})


@login_required
def monthlyplan_export(request, pk: int):
    """The plan's tasks as Excel."""
    plan = plan_for(request.user, pk)
    return exports.plan_items_xlsx(plan)


def chosen_week(request, plan: MonthlyPlan) -> tuple[list, date]:
    """The plan's weeks (their Mondays) and the one asked for (`week`), else next week, else the first."""
    weeks = [week.start for week in weeks_of_month(plan.month)]
    next_week = week_of(timezone.localdate()).start + timedelta(days=7)
    asked = request.GET.get("week") or request.POST.get("week") or ""
    week_start = next(
        (monday for monday in weeks if monday.isoformat() == asked), next_week if next_week in weeks else weeks[0]
    )
    return weeks, week_start


@login_required
def monthlyplan_days(request, pk: int):
    """日安排: put one week's tasks on days (every Friday, next week's); `week` is the week's Monday."""
    plan = plan_for(request.user, pk)
    weeks, week_start = chosen_week(request, plan)
    week = week_of(week_start)
    version = plan.working_version()
    items = list(version.items.filter(week_start=week_start).select_related("customer"))
    days = working_days(week)
    if request.method == "POST":
        if not may(request.user, plan, Action.CHANGE):
            raise PermissionDenied
        form = forms.DaySplitForm(request.POST, items=items, days=days)
        if form.is_valid():
            try:
                services.split_week(plan=plan, user=request.user, week_start=week_start, days=form.days())
            except ValidationError as error:
                form.add_error(None, refusal_message(error))
            else:
                messages.success(request, _("The week's days are saved."))
                return redirect(f"{request.path}?week={week_start.isoformat()}")
    else:
        form = forms.DaySplitForm(items=items, days=days)
    return render(
        request,
        "planning/monthlyplan_days.html",
        {
            "plan": plan,
            "week": week,
            "weeks": weeks,
            "form": form,
            "deadline": week_days_deadline(week_start),
            "may_change": may(request.user, plan, Action.CHANGE),
            "days": [{"day": day, "items": [item for item in items if item.day == day]} for day in days],
        },
    )


@login_required
@require_GET
def monthlyplan_days_export(request, pk: int):
    """One week's days (日安排) as Excel, `week` as on the days page."""
    plan = plan_for(request.user, pk)
    _weeks, week_start = chosen_week(request, plan)
    items = plan.working_version().items.filter(week_start=week_start).select_related("customer", "customer_set")
    return exports.week_days_xlsx(plan, week_of(week_start), items)


@login_required
def my_weeks(request):
    """周工作安排: my current plan's tasks week by week (the plan page shows them; this entry leads there)."""
    staff = staff_of(request.user)
    plan = MonthlyPlan.objects.filter(owner=staff, month=timezone.localdate().replace(day=1)).first() if staff else None
    if plan is None:
        return redirect("planning:monthlyplan_mine")
    return redirect(reverse("planning:monthlyplan_detail", args=[plan.pk]) + "#weeks")


@login_required
def my_days(request):
    """日工作安排: the day split of next week in my plan holding it (this month's, or next month's at a month's end)."""
    staff = staff_of(request.user)
    next_monday = week_of(timezone.localdate()).start + timedelta(days=7)
    plans = MonthlyPlan.objects.filter(owner=staff).order_by("-month") if staff else MonthlyPlan.objects.none()
    for plan in plans.filter(month__in=[next_monday.replace(day=1), (next_monday + timedelta(days=6)).replace(day=1)]):
        return redirect(reverse("planning:monthlyplan_days", args=[plan.pk]) + f"?week={next_monday.isoformat()}")
    return redirect("planning:monthlyplan_mine")


# The team


@login_required
def team_states(request):
    """The plan states of the customer managers the user sees, for one month: late plans and late weeks marked."""
    today = timezone.localdate()
    month = forms.parse_month(request.GET.get("month"), today)
    rows = queries.team_states(request.user, month, today)
    return render(
        request,
        "planning/team_states.html",
        {
            "month": month,
            "rows": rows,
            "states": ReviewState.choices,
            "deadline": month_plan_deadline(month),
            "next_week": week_of(today).start + timedelta(days=7),
            "previous_month": (month - timedelta(days=1)).replace(day=1),
            "next_month": (month + timedelta(days=32)).replace(day=1),
        },
    )


@login_required
def team_states_export(request):
    """The team's plan states as Excel."""
    today = timezone.localdate()
    month = forms.parse_month(request.GET.get("month"), today)
    return exports.team_states_xlsx(queries.team_states(request.user, month, today), month, today)


# The market manager's team plan


def team_plan_for(user, pk: int, action: Action = Action.VIEW) -> TeamPlan:
    """The team plan `pk` if the user sees it (else 404); with another action, 403 unless he may take it."""
    plan = get_object_or_404(TeamPlan.objects.restrict(user).select_related("team", "author"), pk=pk)
    if action != Action.VIEW and not may(user, plan, action):
        raise PermissionDenied
    return plan


@login_required
def teamplan_mine(request):
    """市场经理月工作计划: my team plan of the month (a market manager), or the team plans I read."""
    today = timezone.localdate()
    month = forms.parse_month(request.GET.get("month"), today)
    staff = staff_of(request.user)
    writes = staff is not None and writes_team_plans(staff.role)
    own = TeamPlan.objects.filter(author=staff, month=month).first() if writes else None
    if own is not None:
        return redirect("planning:teamplan_detail", own.pk)
    return render(
        request,
        "planning/teamplan_mine.html",
        {"month": month, "may_write": writes, "team_plans": team_plans_for(request.user, month)},
    )


@login_required
@require_POST
def teamplan_start(request):
    """Start my team plan of the month posted and open its editor."""
    month = forms.parse_month(request.POST.get("month"), timezone.localdate())
    plan = services.start_team_plan(user=request.user, month=month)
    return redirect("planning:teamplan_edit", plan.pk)


@login_required
def teamplan_detail(request, pk: int):
    """A team plan: its key points, cultivation tasks, weekly arrangements and the leaders' comments."""
    plan = team_plan_for(request.user, pk)
    return render(
        request,
        "planning/teamplan_detail.html",
        {
            "team_plan": plan,
            "tasks": plan.tasks.select_related("brand_set", "customer_set"),
            "weeks": plan.weeks.all(),
            "comments": plan.comments.select_related("author"),
            "may_change": may(request.user, plan, Action.CHANGE),
            "comment_form": forms.CommentForm() if may(request.user, plan, Action.COMMENT) else None,
        },
    )


@login_required
@require_GET
def teamplan_export(request, pk: int):
    """A team plan's cultivation tasks and weekly arrangements as Excel."""
    return exports.team_plan_xlsx(team_plan_for(request.user, pk))


@login_required
def teamplan_edit(request, pk: int):
    """Write the team plan: key points, cultivation tasks (brand set, customer set, dates), weekly arrangements."""
    plan = team_plan_for(request.user, pk, Action.CHANGE)
    task_kwargs = {
        "brand_sets": BrandSet.objects.restrict(request.user).order_by("name"),
        "customer_sets": CustomerSet.objects.restrict(request.user).order_by("name"),
    }
    written = {week.week_start: week.text for week in plan.weeks.all()}
    week_rows = [{"week_start": week.start, "text": written.get(week.start, "")} for week in weeks_of_month(plan.month)]
    if request.method == "POST":
        form = forms.TeamPlanForm(request.POST)
        tasks = forms.CultivationTaskFormSet(request.POST, prefix="tasks", form_kwargs=task_kwargs)
        weeks = forms.TeamWeekFormSet(request.POST, prefix="weeks", initial=week_rows)
        if form.is_valid() and tasks.is_valid() and weeks.is_valid():
            content = services.TeamPlanContent(
                customer_points=form.cleaned_data["customer_points"],
                brand_points=form.cleaned_data["brand_points"],
                market_points=form.cleaned_data["market_points"],
                tasks=kept_rows(tasks),
                weeks={row.cleaned_data["week_start"]: row.cleaned_data["text"] for row in weeks.forms},
                publish=form.cleaned_data["publish"],
            )
            try:
                services.save_team_plan(plan=plan, user=request.user, version=form.loaded_version(), content=content)
            except (StaleEdit, ValidationError) as error:
                form.add_error(None, refusal_message(error))
            else:
                messages.success(request, _("Team plan saved."))
                return redirect("planning:teamplan_detail", plan.pk)
    else:
        form = forms.TeamPlanForm(
            initial={
                "version": plan.version,
                "customer_points": plan.customer_points,
                "brand_points": plan.brand_points,
                "market_points": plan.market_points,
                "publish": plan.is_published,
            }
        )
        tasks = forms.CultivationTaskFormSet(
            prefix="tasks",
            form_kwargs=task_kwargs,
            initial=[
                {
                    "title": task.title,
                    "brand_set": task.brand_set_id,
                    "customer_set": task.customer_set_id,
                    "starts_on": task.starts_on,
                    "ends_on": task.ends_on,
                }
                for task in plan.tasks.all()
            ],
        )
        weeks = forms.TeamWeekFormSet(prefix="weeks", initial=week_rows)
    return render(
        request, "planning/teamplan_form.html", {"team_plan": plan, "form": form, "tasks": tasks, "weeks": weeks}
    )


@login_required
@require_POST
def teamplan_comment(request, pk: int):
    """A leader above the team comments on its published plan."""
    plan = team_plan_for(request.user, pk, Action.COMMENT)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.comment_team_plan(plan=plan, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write the comment."))
    return redirect("planning:teamplan_detail", plan.pk)


@login_required
def team_weeks(request):
    """市场经理周工作安排: the weekly arrangements of the team plans the user reads this month."""
    today = timezone.localdate()
    month = forms.parse_month(request.GET.get("month"), today)
    return render(
        request,
        "planning/team_weeks.html",
        {"month": month, "team_plans": team_plans_for(request.user, month), "this_week": week_of(today).start},
    )


@login_required
@require_GET
def team_weeks_export(request):
    """The weekly arrangements of the team plans the user reads in a month, as Excel."""
    month = forms.parse_month(request.GET.get("month"), timezone.localdate())
    return exports.team_weeks_xlsx(team_plans_for(request.user, month), month)
