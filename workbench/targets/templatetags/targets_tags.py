"""The targets a monthly plan shows (计划: "his sales target … his improvement targets"), drawn by the targets app
into the plan page's optional panel (planning/views.py PLAN_TARGETS_TEMPLATE), so that planning imports nothing of
targets."""

from django import template

from workbench.accounts.access import Action
from workbench.targets.models import ImprovementTarget, SalesTarget, working_and_newest

register = template.Library()

# The plan page lists this many improvement targets; the rest are one link away.
SHOWN_IMPROVEMENT_TARGETS = 10


@register.inclusion_tag("targets/_plan_targets_panel.html", takes_context=True)
def plan_targets(context, plan) -> dict:
    """The plan owner's sales target and improvement targets of the plan's month, as far as the reader may see them."""
    user = context["request"].user
    seen = SalesTarget.objects.restrict(user, Action.VIEW).filter(staff=plan.owner, month=plan.month)
    sales_target = working_and_newest(seen).get((plan.owner_id, plan.month), (None, None))[0]
    improvement = ImprovementTarget.objects.restrict(user, Action.VIEW).filter(
        customer__manager=plan.owner, month=plan.month
    )
    return {
        "plan": plan,
        "sales_target": sales_target,
        "improvement_targets": list(
            improvement.select_related("customer").order_by("customer__code", "metric")[:SHOWN_IMPROVEMENT_TARGETS]
        ),
        "improvement_count": improvement.count(),
    }
