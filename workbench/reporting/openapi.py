"""The OpenAPI 3 fragment of the reports: one path per registered report, with exact parameters and answer.

"Exact" means the schema allows what the server accepts and says what it refuses: ids are integers from 1, options
and period presets are enums, `page_size` has its maximum, and the rules one parameter cannot express alone
(`period` excludes `from`/`to`; `from` goes with `to`; specs or a brand set, not both) are written in the
descriptions and answered with a documented 400.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext as _

from workbench.lib.periods import PRESETS
from workbench.reporting.params import REQUIRED
from workbench.reporting.registry import REPORTS, Report, parameter_names
from workbench.reporting.results import Kind

VALUE_SCHEMAS = {
    Kind.INTEGER: {"type": "integer"},
    Kind.MONEY: {"type": "number", "nullable": True},
    Kind.RATE: {"type": "number", "nullable": True},
}
ID_SCHEMA = {"type": "integer", "minimum": 1}


def column_variants(report: Report) -> list:
    """The columns of the report for every value of its options (columns may depend on `by`)."""
    options = list(report.options.items())
    if not options:
        return report.columns(SimpleNamespace(option=lambda name: None))
    columns = {}
    _name, option = options[0]
    for value in option.choices:
        for column in report.columns(SimpleNamespace(option=lambda asked, value=value: value)):
            columns.setdefault(column.key, column)
    return list(columns.values())


def row_schema(report: Report) -> dict:
    properties = {}
    for column in column_variants(report):
        schema = dict(VALUE_SCHEMAS.get(column.kind, {"type": "string"}))
        if column.choices:
            schema["enum"] = list(column.choices)
        if column.kind == Kind.RATE:
            # Translated here, per request, not at import: the module-level table cannot know the language.
            schema["description"] = _("A fraction (0.75 = 75%); null when 0/0.")
        if column.kind in (Kind.CODE, Kind.INTEGER) and column.link is None and column.key != "month":
            # A grouping value (a class code, a grade) is null for the customers that have none.
            schema["nullable"] = True
        schema["title"] = str(column.label)
        properties[column.key] = schema
    return {"type": "object", "properties": properties}


def query(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def parameters(report: Report) -> list[dict]:
    """The query parameters of one report, in the order of `registry.parameter_names`, then the paging."""
    described = {
        "scope": query("scope", _("A staff code or an org code inside your own scope; your own scope when left out.")),
        "from": query(
            "from",
            _("First day of the period (YYYY-MM-DD). Required, with to, unless period is given; not with period."),
            {"type": "string", "format": "date"},
        ),
        "to": query(
            "to",
            _("Last day of the period (YYYY-MM-DD), not before from. Required, with from, unless period is given."),
            {"type": "string", "format": "date"},
        ),
        "period": query(
            "period",
            _("A preset instead of from and to: give either period or from and to, not both (custom means the dates)."),
            {"type": "string", "enum": list(PRESETS)},
        ),
    }
    if report.specs is not None:
        needed = _("Required: specs or brand_set.") if report.specs == REQUIRED else _("Optional.")
        described["specs"] = query("specs", _("Comma-separated spec codes, not with brand_set.") + " " + needed)
        described["brand_set"] = query("brand_set", _("A brand set id, not with specs.") + " " + needed, ID_SCHEMA)
    if report.customer_set is not None:
        needed = _("Required.") if report.customer_set == REQUIRED else _("Optional: narrows the scope.")
        described["customer_set"] = query(
            "customer_set", _("A customer set id.") + " " + needed, ID_SCHEMA, report.customer_set == REQUIRED
        )
    for name, option in report.options.items():
        described[name] = query(
            name, str(option.label), {"type": "string", "enum": list(option.choices), "default": option.default}
        )
    if report.target:
        described["target"] = query(
            "target",
            _("A target rate for the chart, e.g. 60%: a positive percentage up to 100%."),
            {"type": "string", "pattern": r"^ *[0-9]+(\.[0-9]+)? *%? *$"},
        )
    limit = settings.WORKBENCH_API_MAX_PAGE_SIZE
    paging = [
        query("page", _("The page of rows, from 1."), {"type": "integer", "minimum": 1, "default": 1}),
        query("page_size", _("Rows per page."), {"type": "integer", "minimum": 1, "maximum": limit, "default": limit}),
    ]
    return [described[name] for name in parameter_names(report) if name in described] + paging


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def answer_schema(report: Report) -> dict:
    extras: dict = {
        "type": "object",
        "properties": {extra.name: {"description": str(extra.title)} for extra in report.extras},
    }
    if report.extras:
        extras["required"] = [extra.name for extra in report.extras]
    return {
        "type": "object",
        "required": ["report", "params", "columns", "rows", "total", "extras", "paging"],
        "properties": {
            "report": {"type": "string", "enum": [report.name]},
            "params": {"type": "object"},
            "columns": {"type": "array", "items": {"$ref": "#/components/schemas/Column"}},
            "rows": {"type": "array", "items": row_schema(report)},
            "total": {"type": "object"},
            "extras": extras,
            "paging": {"$ref": "#/components/schemas/Paging"},
        },
    }


def report_paths() -> dict:
    """One GET path per registered report."""
    paths = {}
    for report in REPORTS.values():
        schema = answer_schema(report)
        paths[f"/api/v1/reports/{report.name}"] = {
            "get": {
                "operationId": report.name.replace("-", "_"),
                "summary": str(report.title),
                "description": str(report.description),
                "parameters": parameters(report),
                "responses": {
                    "200": {
                        "description": str(report.title),
                        "content": {"application/json": {"schema": schema}},
                    },
                    "400": error_response(_("A parameter is missing or not valid.")),
                    "401": error_response(_("No valid token and no session.")),
                    "403": error_response(_("Your login has no active staff record, so it has no scope.")),
                    "404": error_response(_("An unknown scope, set or spec, or one outside your scope.")),
                },
            }
        }
    return paths


def report_schemas() -> dict:
    """The component schemas of the report paths."""
    return {
        "Column": {
            "type": "object",
            "required": ["key", "label", "kind"],
            "properties": {
                "key": {"type": "string"},
                "label": {"type": "string"},
                "kind": {"type": "string", "enum": [kind.value for kind in Kind]},
            },
        },
        "Paging": {
            "type": "object",
            "required": ["page", "page_size", "count", "pages"],
            "properties": {
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "count": {"type": "integer", "minimum": 0, "description": _("Rows in all pages.")},
                "pages": {"type": "integer", "minimum": 0},
            },
        },
    }
