"""`{% observation_fields %}`: the sample point's part of the visit form (templates/visits/_observations.html).

The form (visits/visit_form.html) includes it only when `customer.is_sample_point`. It reads the form's context:
`customer`, `values` (the visit's JSON dict, holding `observations` after a refused POST) and `errors` (by JSON
key, `observations[i].field`), so the view needs nothing of its own for it.
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone

from workbench.catalog.models import Spec
from workbench.visits.observations import KEY, specs_to_observe

register = template.Library()

ADDED_ROWS = 2  # rows with a spec picker, for a spec the customer did not order lately


@register.inclusion_tag("visits/_observations.html", takes_context=True)
def observation_fields(context) -> dict:
    customer = context["customer"]
    values = context.get("values") or {}
    errors = context.get("errors") or {}
    day = _day(values.get("visited_on"))
    on_sale = list(Spec.objects.filter(is_on_sale=True).order_by("code").only("pk", "code", "name"))
    names = {spec.pk: spec for spec in on_sale}
    rows = []
    typed = values.get(KEY) or []
    for index, item in enumerate(typed):  # a refused POST: the rows as typed, each with its errors
        prefix = f"{KEY}[{index}]"
        spec = names.get(item.get("spec")) if isinstance(item.get("spec"), int) else None
        rows.append(
            {
                "spec": spec,
                "spec_id": item.get("spec") if spec is not None else None,
                "stock_qty": _text(item.get("stock_qty")),
                "retail_price": _text(item.get("retail_price")),
                "stockout_days": _text(item.get("stockout_days")),
                "errors": [message for key, found in errors.items() if key.startswith(prefix) for message in found],
                "pick": spec is None,
            }
        )
    shown = {row["spec_id"] for row in rows}
    for spec in specs_to_observe(customer, day):
        if spec.pk not in shown:
            rows.append({"spec": spec, "spec_id": spec.pk, "errors": [], "pick": False})
    rows += [{"spec": None, "spec_id": None, "errors": [], "pick": True} for _ in range(ADDED_ROWS)]
    return {"rows": rows, "specs_on_sale": on_sale, "errors": errors.get(KEY, [])}


def _day(text) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return timezone.localdate()


def _text(value) -> str:
    return "" if value is None else str(value)
