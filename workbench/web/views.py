"""The home page and the placeholder page of modules that a later step builds."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from workbench.accounts.access import is_admin
from workbench.planning.home import home_plans
from workbench.planning.queries import month_plan_deadline
from workbench.targets.home import my_progress, team_progress
from workbench.visitplans.home import home_day
from workbench.visits.day import home_visits
from workbench.visits.home import home_team_days
from workbench.web.menu import entry_url, find_entry, screen_url
from workbench.web.queries import home_summary


@login_required
def home(request):
    """首页: this month to date for the user's scope, against the same days of last month and of the same month last
    year; the current plans; the month's sales target progress."""
    summary = home_summary(request.user, timezone.localdate())
    deadline = month_plan_deadline(summary.today)
    months = (summary.same_month_last_year, summary.last_month, summary.this_month)
    # Data for the bar chart of volumes in 箱 (static/js/home.js reads it through json_script).
    chart = {
        "labels": [date_format(figures.month, "YEAR_MONTH_FORMAT") for figures in months],
        "cases": [float(figures.cases) for figures in months],
        "label": gettext("Volume (cases)"),
    }
    # The empty state tells an admin where the order files go in.
    data_import = find_entry("data-import")
    import_url = entry_url(data_import[2]) if data_import is not None and is_admin(request.user) else None
    day = home_day(request.user, summary.today)
    return render(
        request,
        "web/home.html",
        {
            "summary": summary,
            "chart": chart,
            "import_url": import_url,
            "plans": home_plans(request.user, summary.today),  # 计划: the current plans
            # 目标: my month's sales target progress, and my team's (a market manager)
            "my_target": my_progress(request.user, summary.today, deadline),
            "team_targets": team_progress(request.user, summary.today, deadline),
            "day": day,  # 计划: today's visits and tasks
            "home_visits": home_visits(request.user, day),  # 实施: each of today's visits done or pending
            "team_days": home_team_days(request.user, summary.today),  # 实施: a market manager's team's visits
        },
    )


@login_required
def module_pending(request, slug: str):
    """The page a menu entry points at while its screen is not built: it says which step brings it."""
    found = find_entry(slug)
    if found is None:
        raise Http404
    module, group, entry = found
    if entry.admin_only and not is_admin(request.user):
        raise Http404
    url = screen_url(entry)
    if url is not None:
        # The screen exists now: a bookmark of the placeholder leads to it.
        return redirect(url)
    return render(request, "web/module_pending.html", {"module": module, "group": group, "entry": entry})
