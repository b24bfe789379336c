"""The visit form's POST turned into the visit's JSON dict (docs/api.md "Visits", the contract of the phone's
outbox): the one shape `services.record_visit` reads, whether the visit came from the form, the API or a sync.

The form's input names are the JSON keys: scalars by name, `purposes` as repeated checkboxes, the requests as
repeated `request_kind` / `request_text` / `request_state` (a row without text is left out) and the sample-point
observations as repeated `obs_spec` / `obs_stock_qty` / `obs_retail_price` / `obs_stockout_days` (a row with no
stock, price or stock-out days is left out). Nothing is validated here: a value that is not a number is passed on
as typed, so that the service names the field at fault. `static/js/visit-form.js` (and the outbox) build the same
dict in the browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import zip_longest
from typing import Any

from workbench.visits.models import RequestKind, RequestState, VisitMode, VisitPurpose

# The visit's scalar fields of free text (what was found, the service given, what comes next).
TEXT_FIELDS = (
    "business",
    "brands",
    "market",
    "service_content",
    "service_method",
    "service_effect",
    "next_action",
    "impressions",
)
SCALAR_FIELDS = ("client_id", "visited_on", "start_time", "end_time", "mode")
REQUEST_INPUTS = ("request_kind", "request_text", "request_state")
OBSERVATION_INPUTS = ("obs_spec", "obs_stock_qty", "obs_retail_price", "obs_stockout_days")


def listed(data: Mapping, name: str) -> list[str]:
    """Every value of a repeated input (a QueryDict's getlist; a plain dict's list or single value)."""
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        return [str(value) for value in getlist(name)]
    value = data.get(name)
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def single(data: Mapping, name: str) -> str:
    """One input's value, stripped ("" when absent)."""
    value = data.get(name)
    return str(value).strip() if value is not None else ""


def number_or_text(text: str) -> int | str | None:
    """An integer input: its value as a number, None when empty, the text as typed when it is not a number (the
    service refuses it and names the field)."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def visit_data(querydict: Mapping) -> dict[str, Any]:
    """The visit's JSON dict (the API's body) from the visit form's POST."""
    data: dict[str, Any] = {name: single(querydict, name) for name in SCALAR_FIELDS}
    customer = number_or_text(single(querydict, "customer"))
    data["customer"] = customer if customer is not None else ""
    data["purposes"] = [value for value in listed(querydict, "purposes") if value]
    for name in TEXT_FIELDS:
        data[name] = single(querydict, name)
    data["satisfaction"] = number_or_text(single(querydict, "satisfaction"))
    data["requests"] = requests_of(querydict)
    observations = observations_of(querydict)
    if observations:
        data["observations"] = observations
    return data


def requests_of(querydict: Mapping) -> list[dict[str, str]]:
    """The customer's requests (诉求), one per row with text."""
    rows = zip_longest(*(listed(querydict, name) for name in REQUEST_INPUTS), fillvalue="")
    return [
        {"kind": kind.strip(), "text": text.strip(), "state": state.strip()}
        for kind, text, state in rows
        if text.strip()
    ]


def observations_of(querydict: Mapping) -> list[dict[str, Any]]:
    """The sample-point observations, one per row with a stock, a price or stock-out days."""
    rows = zip_longest(*(listed(querydict, name) for name in OBSERVATION_INPUTS), fillvalue="")
    found = []
    for spec, stock, price, days in rows:
        if not (stock.strip() or price.strip() or days.strip()):
            continue
        found.append(
            {
                "spec": number_or_text(spec),
                "stock_qty": number_or_text(stock),
                "retail_price": price.strip() or None,
                "stockout_days": number_or_text(days),
            }
        )
    return found


def form_choices() -> dict[str, list]:
    """The visit form's choices, from the models' TextChoices (mode, purposes, request kinds and states) and the
    satisfaction scores 1 to 5."""
    return {
        "modes": list(VisitMode.choices),
        "purposes": list(VisitPurpose.choices),
        "request_kinds": list(RequestKind.choices),
        "request_states": list(RequestState.choices),
        "scores": [1, 2, 3, 4, 5],
    }
