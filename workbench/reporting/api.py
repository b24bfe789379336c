"""The JSON side of the reports: the answer of `GET /api/v1/reports/<name>` and its OpenAPI fragment.

The api app authenticates the caller and turns a `ReportError` into the JSON error object; everything about
reports — parameters, paging, the answer's shape and its description — is here, from the registry, so that a step
registering a report gets its API path with nothing else to write.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.reporting.openapi import report_paths, report_schemas
from workbench.reporting.params import ReportError, parse_params
from workbench.reporting.registry import REPORTS


def paging_of(data: Mapping) -> tuple[int, int]:
    """(page, page size) of a request: `page` from 1, `page_size` from 1 to settings.WORKBENCH_API_MAX_PAGE_SIZE
    (the default); anything else is a 400 naming the parameter."""
    limit = settings.WORKBENCH_API_MAX_PAGE_SIZE
    values = {}
    for name, default, highest in (("page", 1, None), ("page_size", limit, limit)):
        text = (data.get(name) or "").strip()
        if not text:
            values[name] = default
            continue
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1 or (highest is not None and value > highest):
            if highest is None:
                message = _("“%(name)s” must be a whole number from 1.") % {"name": name}
            else:
                message = _("“%(name)s” must be a whole number from 1 to %(highest)s.") % {
                    "name": name,
                    "highest": highest,
                }
            raise ReportError(message, field=name)
        values[name] = value
    return values["page"], values["page_size"]


def report_answer(user, name: str, data: Mapping) -> dict:
    """The JSON answer of one report for `user`: metrics.md's report, params, columns, rows, total, plus the extras
    and the paging of the rows (the total and the extras are always for every row). Raises ReportError (404 for
    an unknown report)."""
    report = REPORTS.get(name)
    if report is None:
        raise ReportError(_("Unknown report “%(name)s”.") % {"name": name}, status=404)
    page, page_size = paging_of(data)
    params = parse_params(user, report, data, today=timezone.localdate())
    result = report.run(params)
    start = (page - 1) * page_size
    answer = result.as_json(rows=result.rows[start : start + page_size])
    count = len(result.rows)
    answer["paging"] = {"page": page, "page_size": page_size, "count": count, "pages": math.ceil(count / page_size)}
    return answer


def openapi_paths() -> dict:
    """The OpenAPI paths of every registered report (collected by api.openapi)."""
    return report_paths()


def openapi_schemas() -> dict:
    """The component schemas those paths refer to."""
    return report_schemas()
