"""What the phone's outbox panel (templates/visits/_outbox.html, static/js/outbox.js) needs from the server: the
sync endpoint's address, and the names of the visit's fields, by which it shows the server's refusals."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from workbench.visits.models import Visit, VisitRequest

register = template.Library()


@register.simple_tag
def visit_sync_url() -> str:
    """POST /api/v1/visits/sync, where the outbox sends the visits queued on the phone."""
    try:
        return reverse("api:visits_sync")
    except NoReverseMatch:  # the API not installed: the outbox keeps the visits and says it cannot send them
        return ""


@register.simple_tag
def visit_sync_max() -> int:
    """The most visits one sync request may carry (settings.WORKBENCH_VISIT_SYNC_MAX): a longer queue is sent in
    several requests."""
    return settings.WORKBENCH_VISIT_SYNC_MAX


@register.simple_tag
def visit_field_labels() -> dict[str, str]:
    """The refusal's keys (the visit's JSON keys: "end_time", "requests[1].kind") → the field's name as the form
    shows it; the script composes "诉求 2 · 类型" from "requests" and "requests.kind"."""
    labels = {field.name: str(capfirst(field.verbose_name)) for field in Visit._meta.fields}
    labels["requests"] = str(capfirst(VisitRequest._meta.verbose_name))
    for field in VisitRequest._meta.fields:
        labels[f"requests.{field.name}"] = str(capfirst(field.verbose_name))
    labels["location"] = _("Location")
    labels["observations"] = _("Sample-point observation")
    return labels
