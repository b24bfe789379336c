"""The OpenAPI 3 description of the API, generated from the report registry (one path per report)."""

from types import SimpleNamespace

from django.utils.translation import gettext as _

from workbench.analysis.params import REQUIRED
from workbench.analysis.registry import REPORTS, Report
from workbench.analysis.results import Kind

VALUE_SCHEMAS = {
    Kind.INTEGER: {"type": "integer"},
    Kind.MONEY: {"type": "number"},
    Kind.RATE: {"type": "number", "nullable": True},
}


def column_variants(report: Report) -> list:
    """The columns of the report for every value of its options (columns may depend on `by`)."""
    options = list(report.options.items())
    if not options:
        return report.columns(SimpleNamespace(option=lambda name: None))
    columns = {}
    name, option = options[0]
    for value in option.choices:
        for column in report.columns(SimpleNamespace(option=lambda asked, value=value: value)):
            columns.setdefault(column.key, column)
    return list(columns.values())


def row_schema(report: Report) -> dict:
    properties = {}
    for column in column_variants(report):
        schema = dict(VALUE_SCHEMAS.get(column.kind, {"type": "string"}))
        if column.kind == Kind.MONEY or column.kind == Kind.CHOICE:
            schema["nullable"] = column.kind == Kind.MONEY
        if column.choices:
            schema["enum"] = list(column.choices)
        if column.kind == Kind.RATE:
            # Translated here, per request, not at import: the module-level table cannot know the language.
            schema["description"] = _("A fraction (0.75 = 75%); null when 0/0.")
        schema["title"] = str(column.label)
        properties[column.key] = schema
    return {"type": "object", "properties": properties}


def parameters(report: Report) -> list[dict]:
    def query(name, description, required=False, schema=None):
        return {
            "name": name,
            "in": "query",
            "required": required,
            "description": description,
            "schema": schema or {"type": "string"},
        }

    result = [
        query("scope", _("A staff code or an org code inside your own scope; your own scope when left out.")),
        query("from", _("First day of the period (YYYY-MM-DD)."), schema={"type": "string", "format": "date"}),
        query("to", _("Last day of the period (YYYY-MM-DD)."), schema={"type": "string", "format": "date"}),
        query(
            "period",
            _("A preset instead of from and to."),
            schema={"type": "string", "enum": ["this_month", "last_month", "last_3_months", "year_to_date"]},
        ),
    ]
    if report.specs is not None:
        needed = _("Required: specs or brand_set.") if report.specs == REQUIRED else _("Optional.")
        result.append(query("specs", _("Comma-separated spec codes.") + " " + needed))
        result.append(query("brand_set", _("A brand set id.") + " " + needed, schema={"type": "integer"}))
    if report.customer_set is not None:
        needed = _("Required.") if report.customer_set == REQUIRED else _("Optional: narrows the scope.")
        result.append(
            query(
                "customer_set",
                _("A customer set id.") + " " + needed,
                report.customer_set == REQUIRED,
                {"type": "integer"},
            )
        )
    for name, option in report.options.items():
        result.append(
            query(
                name,
                str(option.label),
                schema={"type": "string", "enum": list(option.choices), "default": option.default},
            )
        )
    if report.target:
        result.append(query("target", _("A target rate for the chart, e.g. 60%.")))
    return result


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def description() -> dict:
    """The whole OpenAPI document."""
    paths = {}
    for report in REPORTS.values():
        paths[f"/api/v1/reports/{report.name}"] = {
            "get": {
                "operationId": report.name.replace("-", "_"),
                "summary": str(report.title),
                "description": str(report.description),
                "parameters": parameters(report),
                "responses": {
                    "200": {
                        "description": str(report.title),
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["report", "params", "columns", "rows", "total"],
                                    "properties": {
                                        "report": {"type": "string", "enum": [report.name]},
                                        "params": {"type": "object"},
                                        "columns": {"type": "array", "items": {"$ref": "#/components/schemas/Column"}},
                                        "rows": {"type": "array", "items": row_schema(report)},
                                        "total": {"type": "object"},
                                    },
                                }
                            }
                        },
                    },
                    "400": error_response(_("A parameter is missing or not valid.")),
                    "401": error_response(_("No valid token and no session.")),
                    "404": error_response(_("An unknown scope, set or spec, or one outside your scope.")),
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Customer Manager Workbench API"),
            "version": "1",
            "description": _(
                "The analysis reports as JSON, with the same numbers as the screens. Authenticate with a personal "
                "token (Authorization: Bearer <token>) or a browser session."
            ),
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "sessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
            "schemas": {
                "Column": {
                    "type": "object",
                    "properties": {"key": {"type": "string"}, "label": {"type": "string"}, "kind": {"type": "string"}},
                },
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "message": {"type": "string"},
                                "field": {"type": "string", "nullable": True},
                            },
                        }
                    },
                },
            },
        },
        "security": [{"bearerAuth": []}, {"sessionAuth": []}],
    }
