"""The OpenAPI 3 description of the API, assembled from what each installed app declares.

An app with JSON endpoints has an `api.py` module (or the modules its AppConfig names in `api_modules`) with
`openapi_paths()` (its paths) and, if they refer to any,
`openapi_schemas()` (its component schemas); this module collects them in the order of INSTALLED_APPS and adds
what every endpoint shares: the error object, the two ways to authenticate. docs/api.md describes the convention.
"""

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps
from django.utils.translation import gettext as _


def api_modules() -> list[ModuleType]:
    """The `api` modules of the installed apps that declare OpenAPI paths."""
    modules = []
    for config in apps.get_app_configs():
        # An app may declare its part in more than one module (AppConfig.api_modules; `api` by default).
        for module_name in getattr(config, "api_modules", ("api",)):
            name = f"{config.name}.{module_name}"
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            if hasattr(module, "openapi_paths"):
                modules.append(module)
    return modules


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["message", "field"],
            "properties": {
                "message": {"type": "string"},
                "field": {"type": "string", "nullable": True},
            },
        }
    },
}


def description() -> dict:
    """The whole OpenAPI document."""
    paths: dict = {}
    schemas: dict = {"Error": ERROR_SCHEMA}
    for module in api_modules():
        paths.update(module.openapi_paths())
        if hasattr(module, "openapi_schemas"):
            schemas.update(module.openapi_schemas())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Customer Manager Workbench API"),
            "version": "1",
            "description": _(
                "The analysis reports, the plans and targets, and the visit plans as JSON, with the same numbers as "
                "the screens. Authenticate with a personal token (Authorization: Bearer <token>) or a browser session."
            ),
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "sessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
            "schemas": schemas,
        },
        "security": [{"bearerAuth": []}, {"sessionAuth": []}],
    }
