"""The pieces of OpenAPI 3.0 schema that every app's `api.py` writes alike (api/openapi.py assembles them): object
shapes, references, the error answer, the month and paging parameters. In lib because the apps declaring API paths
sit in different layers (planning and targets beside each other, visitplans above them)."""

from django.conf import settings
from django.utils.translation import gettext as _

MONTH_PATTERN = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"  # 1900-01 to 2999-12, the supported dates


def nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


def shape(**properties) -> dict:
    """An object schema holding exactly these properties, all present."""
    return {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": False}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def listed(items: dict) -> dict:
    return {"type": "array", "items": items}


def error(description: str) -> dict:
    """An error answer: the API's error object (api/openapi.py's `Error`)."""
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def month_parameter() -> dict:
    return {
        "name": "month",
        "in": "query",
        "required": False,
        "description": _("The month, YYYY-MM; the current month when left out."),
        "schema": {"type": "string", "pattern": MONTH_PATTERN},
    }


def paging_parameters() -> list[dict]:
    """The reports' paging parameters (reporting.openapi): the same bounds, the same meaning."""
    limit = settings.WORKBENCH_API_MAX_PAGE_SIZE
    return [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": _("The page of rows, from 1."),
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "description": _("Rows per page."),
            "schema": {"type": "integer", "minimum": 1, "maximum": limit, "default": limit},
        },
    ]
