"""The JSON side of the market features (docs/api.md "Market features"): `GET /api/v1/features/`, with its OpenAPI
fragment. api/views.py authenticates and routes; `FeatureApiError` is answered as the JSON error object."""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from workbench.accounts.access import Action, is_admin, staff_of
from workbench.customers.models import Customer
from workbench.features.models import MarketFeature
from workbench.lib.openapi import error, listed, nullable, paging_parameters, ref, shape


class FeatureApiError(Exception):
    """A request the features endpoint refuses: `status` 403 or 404 (`field` names the parameter)."""

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def feature_json(row: MarketFeature) -> dict:
    """One feature row as the API shows it (codes for the choices)."""
    return {
        "customer": row.customer.code,
        "version": row.version,
        "valid_from": row.valid_from.isoformat(),
        "entered_by": row.entered_by.code if row.entered_by else None,
        "rim_type": row.rim_type,
        "consumer_group": row.consumer_group or None,
        "consumption_level": row.consumption_level or None,
        "opens": f"{row.opens:%H:%M}" if row.opens else None,
        "closes": f"{row.closes:%H:%M}" if row.closes else None,
        "is_night_shop": row.is_night_shop,
        "is_chain": row.is_chain,
        "area_m2": row.area_m2,
        "competitors": row.competitors,
        "price_class": row.price_class,
        "note": row.note,
    }


def features_answer(user, data: Mapping, page: int, page_size: int) -> dict:
    """`GET /api/v1/features/`: with `customer` (a code), that customer's features in force and his whole history;
    without it, the features in force of every customer the caller sees, a page at a time."""
    if staff_of(user) is None and not is_admin(user):
        raise FeatureApiError(_("Your login has no active staff record, so it has no scope."), status=403)
    rows = MarketFeature.objects.restrict(user, Action.VIEW).select_related("customer", "entered_by")
    code = (data.get("customer") or "").strip()
    if code:
        customer = Customer.objects.restrict(user, Action.VIEW).filter(code=code).first()
        if customer is None:
            raise FeatureApiError(
                _("Unknown customer “%(code)s”, or outside your scope.") % {"code": code},
                status=404,
                field="customer",
            )
        history = [feature_json(row) for row in rows.filter(customer=customer).order_by("-version")]
        return {"customer": customer.code, "current": history[0] if history else None, "history": history}
    current = rows.current().order_by("customer__code")
    count = current.count()
    start = (page - 1) * page_size
    return {
        # A page past the last is empty without asking the database (an offset that large overflows SQLite).
        "features": [feature_json(row) for row in current[start : start + page_size]] if start < count else [],
        "paging": {"page": page, "page_size": page_size, "count": count, "pages": -(-count // page_size)},
    }


# The OpenAPI fragment (collected by api.openapi)

TIME = nullable({"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"})


def openapi_paths() -> dict:
    customer = {
        "name": "customer",
        "in": "query",
        "required": False,
        "description": _("A customer code: his features in force and their history. Left out: every customer's."),
        "schema": {"type": "string"},
    }
    return {
        "/api/v1/features/": {
            "get": {
                "operationId": "market_features",
                "summary": _("Market features of customers"),
                "parameters": [customer, *paging_parameters()],
                "responses": {
                    "200": {
                        "description": _("Market features of customers"),
                        "content": {
                            "application/json": {
                                "schema": {"oneOf": [ref("MarketFeatureHistory"), ref("MarketFeaturePage")]}
                            }
                        },
                    },
                    "400": error(_("A parameter is not valid.")),
                    "401": error(_("No valid token and no session.")),
                    "403": error(_("Your login has no active staff record, so it has no scope.")),
                    "404": error(_("An unknown customer, or one outside your scope.")),
                },
            }
        }
    }


def openapi_schemas() -> dict:
    integer = {"type": "integer", "minimum": 0}
    feature = shape(
        customer={"type": "string"},
        version={"type": "integer", "minimum": 1},
        valid_from={"type": "string", "format": "date"},
        entered_by=nullable({"type": "string"}),
        rim_type={"type": "string"},
        consumer_group=nullable({"type": "string"}),
        consumption_level=nullable({"type": "string"}),
        opens=TIME,
        closes=TIME,
        is_night_shop={"type": "boolean"},
        is_chain={"type": "boolean"},
        area_m2=nullable(integer),
        competitors=nullable(integer),
        price_class=nullable({"type": "integer", "minimum": 1, "maximum": 5}),
        note={"type": "string"},
    )
    paging = shape(page=integer, page_size=integer, count=integer, pages=integer)
    return {
        "MarketFeature": feature,
        "MarketFeatureHistory": shape(
            customer={"type": "string"}, current=nullable(ref("MarketFeature")), history=listed(ref("MarketFeature"))
        ),
        "MarketFeaturePage": shape(features=listed(ref("MarketFeature")), paging=paging),
    }
