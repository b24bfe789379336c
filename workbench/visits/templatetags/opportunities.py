"""Template tags of 市场机会 for the pages of other apps (the report's empty state): who may enter one."""

from django import template

from workbench.visits.opportunity_services import may_enter_opportunities

register = template.Library()


@register.simple_tag
def may_enter_opportunity(user) -> bool:
    """Whether this user enters market opportunities in the field (a customer manager)."""
    return may_enter_opportunities(user)
