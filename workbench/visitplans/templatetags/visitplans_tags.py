"""Template tags of the visit plans: a day's hours as the pages write them, and the month's visit plan as the
monthly plan page shows it (planning's template includes visitplans/_plan_visits.html when it exists, so that
planning imports nothing of visitplans, as it shows the targets: planning/views.py optional_template)."""

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from workbench.visitplans import month

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours with one decimal and the unit: "2.7 h" (小时)."""
    return _("%(hours)s h") % {"hours": number_format(round(float(value), 1), 1)}


@register.inclusion_tag("visitplans/_plan_visits_panel.html", takes_context=True)
def plan_visits(context, plan) -> dict:
    """The plan owner's visit plan of the plan's month, as far as the reader may see it: its state, its visits, how
    many of his customers it keeps within their cycle, whether it is late, and the link to it (month.team_visit_plans,
    the team page's row)."""
    user = context["request"].user
    rows = month.team_visit_plans(user, plan.month, timezone.localdate(), staff=plan.owner)
    return {
        "plan": plan,
        "row": rows[0] if rows else None,
        "is_owner": plan.owner.user_id == user.pk,
        "deadline": month.visit_plan_deadline(plan.month),
    }
