"""The common parameters of every report, read once into a typed object (docs/definitions.md#report-interface).

`parse_params` turns what a screen, the API or the command line received (strings) into `ReportParams`, or raises
`ReportError` with a clear message, the parameter at fault and an HTTP status: 400 for a bad or missing parameter,
404 for a scope, set or spec that does not exist or lies outside the user's own scope (the two are not told apart,
so that nobody learns what exists outside his scope).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from workbench.accounts import access
from workbench.accounts.access import Scope, ScopeError
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import CustomerQuerySet, CustomerSet
from workbench.lib.periods import Period, PeriodError, parse_period

if TYPE_CHECKING:
    from workbench.reporting.registry import Report

# Whether a report takes specs or a customer set: REQUIRED, OPTIONAL, or None (the report does not take it).
REQUIRED = "required"
OPTIONAL = "optional"

# The parameters a report may take, in the order the command line and the OpenAPI document list them (specs,
# brand_set, customer_set and target only where the report takes them); each report adds its options (`by`), see
# `registry.parameter_names`.
PARAMETER_NAMES = ("scope", "from", "to", "period", "specs", "brand_set", "customer_set", "target")
# A first visit shows last month: the last complete month, the one the monthly 分析 looks back on.
DEFAULT_PERIOD = "last_month"


class ReportError(Exception):
    """A report cannot be computed from these parameters: `message` says why, `field` names the parameter."""

    def __init__(self, message, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class ReportParams:
    """Everything a report function needs, validated: scope T, period P, spec set S, customer set, options."""

    user: object
    report: Report  # the report these parameters were read for; its result carries it
    scope: Scope
    period: Period
    specs: tuple[Spec, ...] | None = None  # S, in code order; None when the report is not limited to specs
    brand_set: BrandSet | None = None
    customer_set: CustomerSet | None = None
    options: tuple[tuple[str, str], ...] = ()
    target: Decimal | None = None  # a fraction, e.g. 0.6 for a 60% 铺货率 target

    def required_specs(self) -> tuple[Spec, ...]:
        """S of a report that requires specs (`specs=REQUIRED`): parse_params refuses a request without them, so
        None here is a report declared without REQUIRED that reads specs as if it had it."""
        if self.specs is None:
            raise TypeError(f"report {self.report.name!r} reads specs but does not declare specs=REQUIRED")
        return self.specs

    @property
    def spec_ids(self) -> list[int] | None:
        """The ids of S, or None when every spec counts."""
        return None if self.specs is None else [spec.pk for spec in self.specs]

    def option(self, name: str) -> str | None:
        """The value of a report option such as `by`."""
        return dict(self.options).get(name)

    def used_options(self) -> dict:
        """The options as links and answers echo them: an option left at an empty default (no breakdown) is left
        out, so the answers of reports without it read as before it existed."""
        return {name: value for name, value in self.options if value}

    def customers(self) -> CustomerQuerySet:
        """T: the scope's customers, narrowed by the customer set when one is given."""
        customers = self.scope.customers
        if self.customer_set is not None:
            customers = customers.filter(pk__in=self.customer_set.customers(self.user).values("pk"))
        return customers

    def in_business(self, period: Period | None = None) -> CustomerQuerySet:
        """A(T, P): the customers of T in business during the period (P unless given)."""
        period = period or self.period
        return self.customers().in_business(period.start, period.end)

    def as_json(self) -> dict:
        """The parameters as the JSON answer echoes them."""
        data: dict = {
            "scope": self.scope.code,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
        }
        if self.specs is not None:
            data["specs"] = [spec.code for spec in self.specs]
        if self.brand_set is not None:
            data["brand_set"] = self.brand_set.pk
        if self.customer_set is not None:
            data["customer_set"] = self.customer_set.pk
        data.update(self.used_options())
        if self.target is not None:
            data["target"] = float(self.target)
        return data

    def as_query(self) -> dict[str, str]:
        """The parameters as request arguments (links, export URLs), the way a user would type them."""
        data = {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
        if self.scope.code:
            data["scope"] = self.scope.code
        if self.brand_set is not None:
            data["brand_set"] = str(self.brand_set.pk)
        elif self.specs is not None:
            data["specs"] = ",".join(spec.code for spec in self.specs)
        if self.customer_set is not None:
            data["customer_set"] = str(self.customer_set.pk)
        data.update(self.used_options())
        if self.target is not None:
            data["target"] = f"{(self.target * 100).normalize():f}%"
        return data


def resolve_scope(user, code: str | None) -> Scope:
    """Scope T from a staff code or an org code inside the user's own (accounts.access decides), as a report error."""
    try:
        return access.resolve_scope(user, code)
    except ScopeError as error:
        raise ReportError(error.message, field=error.field, status=error.status) from None


def parse_specs(user, specs_text: str | None, brand_set_text: str | None) -> tuple:
    """S from comma-separated spec codes or a brand set id: (specs in code order, brand set or None)."""
    specs_text = (specs_text or "").strip()
    brand_set_text = (brand_set_text or "").strip()
    if specs_text and brand_set_text:
        raise ReportError(_("Give either specs or a brand set, not both."), field="specs")
    if brand_set_text:
        brand_set = _visible_object(
            BrandSet.objects.restrict(user, "view"), brand_set_text, "brand_set", _("brand set")
        )
        specs = tuple(Spec.objects.filter(pk__in=brand_set.spec_ids()).order_by("code"))
        if not specs:
            raise ReportError(_("The brand set “%(name)s” has no specs.") % {"name": brand_set.name}, field="brand_set")
        return specs, brand_set
    if not specs_text:
        return None, None
    codes = list(dict.fromkeys(code.strip() for code in specs_text.split(",") if code.strip()))
    specs = tuple(Spec.objects.filter(code__in=codes).order_by("code"))
    missing = sorted(set(codes) - {spec.code for spec in specs})
    if missing:
        raise ReportError(_("Unknown spec code: %(codes)s.") % {"codes": ", ".join(missing)}, field="specs", status=404)
    return specs, None


def _visible_object(queryset: QuerySet, text: str, field: str, noun):
    """The object with this id among those the user may see; 400 for a non-number, 404 when not found."""
    try:
        pk = int(text)
    except ValueError:
        raise ReportError(
            _("“%(value)s” is not a valid %(noun)s id.") % {"value": text, "noun": noun}, field=field
        ) from None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ReportError(
            _("Unknown %(noun)s %(id)s, or not shared with you.") % {"noun": noun, "id": pk}, field=field, status=404
        )
    return found


def parse_target(text: str | None) -> Decimal | None:
    """A target rate: "60%" or "60" mean 60%; a bare number up to 1 is a fraction ("0.6")."""
    text = (text or "").strip()
    if not text:
        return None
    percent = text.endswith("%")
    try:
        value = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise ReportError(_("The target must be a positive percentage, such as 60%."), field="target")
    if percent or value > 1:
        value = value / 100
    if value > 1:
        raise ReportError(_("The target cannot exceed 100%."), field="target")
    return value


def _text(data: Mapping, name: str) -> str | None:
    """One parameter as text; repeated parameters (specs=a&specs=b) are joined with commas. A NUL character is
    refused here (a 400): no code or id holds one, and PostgreSQL would fail on it rather than find nothing."""
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        values = [value for value in getlist(name) if value is not None]
        text = ",".join(values) if values else None
    else:
        value = data.get(name)
        if isinstance(value, list | tuple):
            text = ",".join(str(item) for item in value)
        else:
            text = None if value is None else str(value)
    if text is not None and "\x00" in text:
        raise ReportError(_("“%(name)s” holds a character that is not allowed.") % {"name": name}, field=name)
    return text


def parse_params(user, report, data: Mapping, *, today: date) -> ReportParams:
    """Validate the parameters of `report` (a `registry.Report`) for `user`; raise ReportError on the first problem.

    Parameters the report does not use are ignored. The period is `from` and `to`, or a `period` preset seen from
    `today`.
    """
    scope = resolve_scope(user, _text(data, "scope"))
    try:
        period = parse_period(_text(data, "from"), _text(data, "to"), _text(data, "period"), today=today)
    except PeriodError as error:
        # lib.periods bounds the dates (1900–2999) and the length (WORKBENCH_MAX_PERIOD_YEARS): a 400 on the field.
        raise ReportError(error.message, field=error.field) from None

    specs, brand_set = None, None
    if report.specs is not None:
        specs, brand_set = parse_specs(user, _text(data, "specs"), _text(data, "brand_set"))
        if specs is None and report.specs == REQUIRED:
            raise ReportError(_("Choose one or more specs, or a brand set."), field="specs")

    customer_set = None
    if report.customer_set is not None:
        customer_set_text = (_text(data, "customer_set") or "").strip()
        if customer_set_text:
            customer_set = _visible_object(
                CustomerSet.objects.restrict(user, "view"), customer_set_text, "customer_set", _("customer set")
            )
        elif report.customer_set == REQUIRED:
            raise ReportError(_("Choose a customer set."), field="customer_set")

    options = []
    for name, option in report.options.items():
        value = (_text(data, name) or "").strip() or option.default
        if value not in option.choices:
            raise ReportError(
                _("“%(value)s” is not a valid choice for %(name)s (choose from %(choices)s).")
                % {"value": value, "name": name, "choices": ", ".join(option.choices)},
                field=name,
            )
        options.append((name, value))

    target = parse_target(_text(data, "target")) if report.target else None
    return ReportParams(
        user=user,
        report=report,
        scope=scope,
        period=period,
        specs=specs,
        brand_set=brand_set,
        customer_set=customer_set,
        options=tuple(options),
        target=target,
    )
