"""THE one place that decides what a user may see and do (in the spirit of NetBox's RestrictedQuerySet).

Every model that holds something of someone inherits `RestrictedQuerySet` and declares, as `access_rule`, how it
reaches its owner; `Model.objects.restrict(user, Action.VIEW)` then gives what the user may see, and
`restrict(user, Action.CHANGE)` what he may change. Who sees what:

- a customer manager: himself and his own customers;
- a market manager: the customers of the customer managers in his team unit (and below it);
- a leader or a brand manager: every customer below his org unit;
- an admin (role admin, or a Django superuser): everything;
- anyone else (no staff record, inactive staff): nothing.

Saved sets (客户集 / 品牌集) are seen by their owner and by everyone in the unit they are published to or below it;
only the owner changes one. Out of scope is 404; in scope but not allowed (a change of someone else's set) is 403.

Adding an action (计划 adds APPROVE) is one line in `Action`; a rule that does not name an action refuses it, so
nothing is approvable until the plans declare who approves them.

Every decision that depends on a role is here too (ROLE POLICY below): no other module compares roles. This module
imports nothing from customers, catalog or the sets app (the models import it); where it needs a model of theirs
it asks Django's app registry at call time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from workbench.accounts.roles import Role

if TYPE_CHECKING:
    from workbench.accounts.models import OrgUnit, Staff


class Action(StrEnum):
    """What a user wants to do with an object; each model's `access_rule` says who may."""

    VIEW = "view"
    CHANGE = "change"
    APPROVE = "approve"  # 计划: approve or return what an owner submitted for review (ReviewedByTeamLead)
    COMMENT = "comment"  # 计划: comment on a market manager's published team plan (TeamPublication)


# ROLE POLICY: the tables every role decision reads.
ADMIN_ROLES = frozenset({Role.ADMIN})  # see and manage everything, and get Django's staff/superuser flags
OWN_SCOPE_ROLES = frozenset({Role.CUSTOMER_MANAGER})  # see themselves and their own customers, not their unit
CUSTOMER_OWNER_ROLES = frozenset({Role.CUSTOMER_MANAGER})  # may be a customer's manager (客户经理)
TEAM_ROLES = frozenset({Role.MARKET_MANAGER})  # must sit on a team unit (市场部), whose customers they lead
PUBLISHER_ROLES = frozenset({Role.MARKET_MANAGER, Role.BRAND_MANAGER})  # may publish a saved set to their unit
REVIEWER_ROLES = frozenset({Role.MARKET_MANAGER})  # approve the plans of the customer managers of their team
TEAM_PLAN_COMMENTER_ROLES = frozenset({Role.LEADER})  # comment on the team plans published below their unit
# The staff a report's scope picker offers by name (the others are reached through their org unit).
SCOPE_PICK_ROLES = (Role.MARKET_MANAGER, Role.CUSTOMER_MANAGER)


def has_admin_rights(role: str) -> bool:
    """Whether a staff member of this role is an administrator (sees everything, gets Django's admin flags)."""
    return role in ADMIN_ROLES


def may_own_customers(role: str) -> bool:
    """Whether a staff member of this role may be a customer's manager."""
    return role in CUSTOMER_OWNER_ROLES


def must_sit_on_team(role: str) -> bool:
    """Whether a staff member of this role must belong to a team unit (市场部), not a department or the company."""
    return role in TEAM_ROLES


def writes_team_plans(role: str) -> bool:
    """Whether a staff member of this role writes his team's plan and reviews its members' plans (计划)."""
    return role in REVIEWER_ROLES


def may_publish_sets(role: str) -> bool:
    """Whether a staff member of this role may publish a saved set to his own unit."""
    return role in PUBLISHER_ROLES


class Reach(StrEnum):
    """How far a staff member's own scope reaches; every rule below starts from it."""

    OWN = "own"  # himself and his own customers (a customer manager)
    UNIT = "unit"  # everyone in his org unit and below it
    EVERYTHING = "everything"  # an admin


def reach_of(staff: Staff) -> Reach:
    """How far this staff member's scope reaches, whatever his login (the report layer's reference copy asks too)."""
    if has_admin_rights(staff.role):
        return Reach.EVERYTHING
    if staff.role in OWN_SCOPE_ROLES:
        return Reach.OWN
    return Reach.UNIT


# WHO IS ASKING


@dataclass(frozen=True)
class Viewer:
    """Who a rule decides for: his active staff record (None without one) and whether he sees everything."""

    staff: Staff | None
    is_admin: bool

    @property
    def reach(self) -> Reach | None:
        """How far the viewer reaches; None when he has no scope at all."""
        if self.is_admin:
            return Reach.EVERYTHING
        return reach_of(self.staff) if self.staff is not None else None

    @classmethod
    def of(cls, user) -> Viewer:
        """The viewer behind a request's user."""
        return cls(staff=staff_of(user), is_admin=is_admin(user))

    @classmethod
    def as_staff(cls, staff: Staff) -> Viewer:
        """A staff member as a viewer, whatever his login (a report's scope "as seen by this member")."""
        return cls(staff=staff, is_admin=has_admin_rights(staff.role))


def staff_of(user) -> Staff | None:
    """The active staff record behind a logged-in user, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    staff = getattr(user, "staff", None)
    if staff is None or not staff.is_active:
        return None
    return staff


def is_admin(user) -> bool:
    """Whether the user sees and manages everything."""
    if getattr(user, "is_superuser", False):
        return True
    staff = staff_of(user)
    return staff is not None and has_admin_rights(staff.role)


def unit_and_ancestor_paths(unit: OrgUnit) -> list[str]:
    """The stored paths of `unit` and of every unit above it ("/NJ/", "/NJ/D1/", "/NJ/D1/T1/")."""
    codes = [code for code in unit.path.split("/") if code]
    return ["/" + "/".join(codes[: depth + 1]) + "/" for depth in range(len(codes))]


# RULES: how a model reaches its owner. A rule turns (viewer, action) into a filter on the model.

# A filter that matches nothing (Django answers it without a query) and one that matches everything.
NOTHING = Q(pk__in=[])
EVERYTHING = Q()


class Rule:
    """How the objects of one model reach their owner; `q` is the filter of what a viewer may do."""

    def q(self, viewer: Viewer, action: Action) -> Q:
        raise NotImplementedError


@dataclass(frozen=True)
class Territory(Rule):
    """Objects of a staff member (`staff_field`; "" for a Staff itself): visible when he is in the viewer's scope.

    Customer → its manager; Staff → himself. An own-scope role (a customer manager) reaches only himself; every
    other role reaches every staff member of his unit and below it.
    """

    staff_field: str = ""
    actions: frozenset = frozenset({Action.VIEW, Action.CHANGE})

    def q(self, viewer: Viewer, action: Action) -> Q:
        reach = viewer.reach
        if action not in self.actions or reach is None:
            return NOTHING
        if reach == Reach.EVERYTHING:
            return EVERYTHING
        if reach == Reach.OWN:
            return Q(**{self.staff_field or "pk": viewer.staff.pk})
        prefix = f"{self.staff_field}__" if self.staff_field else ""
        return Q(**{f"{prefix}org_unit__path__startswith": viewer.staff.org_unit.path})


@dataclass(frozen=True)
class UnitTerritory(Rule):
    """Org units: the viewer's own unit and those below it; none for an own-scope role (a customer manager)."""

    actions: frozenset = frozenset({Action.VIEW})

    def q(self, viewer: Viewer, action: Action) -> Q:
        reach = viewer.reach
        if action not in self.actions or reach in (None, Reach.OWN):
            return NOTHING
        if reach == Reach.EVERYTHING:
            return EVERYTHING
        return Q(path__startswith=viewer.staff.org_unit.path)


@dataclass(frozen=True)
class OwnedAndShared(Rule):
    """Saved sets: seen by the owner and by everyone in the unit they are published to (`shared_field`) or
    below it; changed by the owner only (an admin sees every set but changes only his own)."""

    owner_field: str = "owner"
    shared_field: str = "shared_with"

    def q(self, viewer: Viewer, action: Action) -> Q:
        staff = viewer.staff
        if action == Action.VIEW:
            if viewer.is_admin:
                return EVERYTHING
            if staff is None:
                return NOTHING
            paths = unit_and_ancestor_paths(staff.org_unit)
            return Q(**{self.owner_field: staff.pk}) | Q(**{f"{self.shared_field}__path__in": paths})
        if action == Action.CHANGE and staff is not None:
            return Q(**{self.owner_field: staff.pk})
        return NOTHING


@dataclass(frozen=True)
class ReviewedByTeamLead(Rule):
    """Things an owner submits for review (a customer manager's monthly plan, later his monthly work report).

    Seen like the owner himself (Territory); changed by the owner only; approved or returned (APPROVE) by a
    reviewer role (the market manager) of the owner's own team unit, never by the owner himself, and by nobody
    else: not a leader, not an administrator (approving is the team lead's act, docs/definitions.md#plan-review).
    """

    owner_field: str = "owner"

    def q(self, viewer: Viewer, action: Action) -> Q:
        staff = viewer.staff
        if action == Action.VIEW:
            return Territory(self.owner_field, frozenset({Action.VIEW})).q(viewer, action)
        if action == Action.CHANGE and staff is not None:
            return Q(**{self.owner_field: staff.pk})
        if action == Action.APPROVE and staff is not None and staff.role in REVIEWER_ROLES:
            return Q(**{f"{self.owner_field}__org_unit": staff.org_unit_id}) & ~Q(**{self.owner_field: staff.pk})
        return NOTHING


@dataclass(frozen=True)
class TeamPublication(Rule):
    """A market manager's team plan (市场经理月工作计划 / 周工作安排), published to his team without approval.

    The author sees and changes his own at any time. Once published it is seen by everyone of the team (its
    customer managers) and by everyone whose unit holds the team (leaders, brand managers; an admin sees all);
    a commenter role (a leader) whose unit holds the team may comment (COMMENT).
    """

    unit_field: str = "team"
    author_field: str = "author"
    published_field: str = "is_published"

    def q(self, viewer: Viewer, action: Action) -> Q:
        staff = viewer.staff
        own = Q(**{self.author_field: staff.pk}) if staff is not None else NOTHING
        published = Q(**{self.published_field: True})
        if action == Action.VIEW:
            if viewer.is_admin:
                return EVERYTHING
            if staff is None:
                return NOTHING
            if reach_of(staff) == Reach.OWN:
                return own | (published & Q(**{self.unit_field: staff.org_unit_id}))
            return own | (published & Q(**{f"{self.unit_field}__path__startswith": staff.org_unit.path}))
        if action == Action.CHANGE:
            return own
        if action == Action.COMMENT and staff is not None and staff.role in TEAM_PLAN_COMMENTER_ROLES:
            return published & Q(**{f"{self.unit_field}__path__startswith": staff.org_unit.path})
        return NOTHING


def restrict(queryset: QuerySet, user, action: Action | str = Action.VIEW) -> QuerySet:
    """`queryset` narrowed to what the user may do (`action`), by the rule its model declares as `access_rule`."""
    rule: Rule = queryset.model.access_rule
    return queryset.filter(rule.q(Viewer.of(user), Action(action)))


class RestrictedQuerySet(models.QuerySet):
    """The queryset every model with an owner inherits: `restrict(user, action)` is its only door."""

    def restrict(self, user, action: Action | str = Action.VIEW):
        """What the user may do (`action`: "view", "change") among these objects."""
        return restrict(self, user, action)

    def visible_to(self, user):
        """What the user may see: the older name of `restrict(user, "view")`, kept for the report layer."""
        return restrict(self, user, Action.VIEW)


def may(user, obj: models.Model, action: Action | str) -> bool:
    """Whether the user may do `action` on this one object (one query)."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


# Thin wrappers over restrict(), kept under their older names for the callers in analysis/ (moved by the lead).


def visible_staff(user, queryset: QuerySet | None = None) -> QuerySet:
    """Staff in the user's scope (restrict(user, "view") on Staff)."""
    return restrict(_model("accounts", "Staff").objects.all() if queryset is None else queryset, user)


def visible_customers(user, queryset: QuerySet | None = None) -> QuerySet:
    """Customers the user may see (restrict(user, "view") on Customer)."""
    return restrict(_model("customers", "Customer").objects.all() if queryset is None else queryset, user)


def visible_org_units(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org units the user may ask about (restrict(user, "view") on OrgUnit)."""
    return restrict(_model("accounts", "OrgUnit").objects.all() if queryset is None else queryset, user)


def visible_saved_sets(user, queryset: QuerySet) -> QuerySet:
    """Saved sets the user may see (restrict(user, "view") on the set's model)."""
    return restrict(queryset, user)


def _model(app_label: str, name: str):
    # The app registry rather than an import: the models import this module, so it must not import them.
    return apps.get_model(app_label, name)


# SAVED SETS


def publishable_units(user) -> QuerySet:
    """Org units the user may publish a saved set to: a market manager his team, a brand manager his own unit."""
    units = _model("accounts", "OrgUnit").objects
    staff = staff_of(user)
    if staff is None or not may_publish_sets(staff.role):
        return units.none()
    return units.filter(pk=staff.org_unit_id)


def is_owner(user, obj: models.Model, owner_field: str = "owner") -> bool:
    """Whether the user's staff record owns `obj` (an admin without a staff record owns nothing)."""
    staff = staff_of(user)
    return staff is not None and getattr(obj, f"{owner_field}_id") == staff.pk


# SCOPE T (辖区) of the reports


class ScopeError(Exception):
    """A scope that cannot be resolved: `status` 403 (the login has no scope) or 404 (unknown or outside the
    user's own scope; the two are not told apart). `field` is the parameter at fault ("scope"). The reporting
    layer turns it into its ReportError."""

    def __init__(self, message, *, status: int, field: str = "scope"):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


@dataclass(frozen=True)
class Scope:
    """Scope T (辖区): the customers a report covers, always inside the user's own.

    `code` is the staff code or org code asked for; `staff` are the staff members of the scope (market
    opportunities are recorded by staff, not always about a customer).
    """

    code: str | None
    label: str
    customers: QuerySet
    staff: QuerySet


def resolve_scope(user, code: str | None) -> Scope:
    """Scope T from a staff code or an org code inside the user's own; his own scope when no code is given.

    A staff member's scope is what he would see himself (a customer manager his customers, an admin everything,
    anyone else his unit and below), cut down to what the user sees. Raises ScopeError (403, 404).
    """
    staff = staff_of(user)
    if staff is None and not is_admin(user):
        raise ScopeError(_("Your login has no active staff record, so it has no scope."), status=403)
    visible = visible_customers(user)
    staff_in_view = visible_staff(user)
    code = (code or "").strip()
    if not code:
        if staff is None:
            # A Django superuser without a staff record: the whole company.
            return Scope(code=None, label=str(_("All customers")), customers=visible, staff=staff_in_view)
        code = staff.code
    member = staff_in_view.filter(code=code).select_related("org_unit").first()
    if member is not None:
        as_member = Viewer.as_staff(member)
        customers = visible.filter(visible.model.access_rule.q(as_member, Action.VIEW))
        members = staff_in_view.filter(staff_in_view.model.access_rule.q(as_member, Action.VIEW))
        return Scope(code=member.code, label=str(member), customers=customers, staff=members)
    unit = visible_org_units(user).filter(code=code).first()
    if unit is not None:
        return Scope(
            code=unit.code,
            label=unit.name,
            customers=visible.filter(manager__org_unit__path__startswith=unit.path),
            staff=staff_in_view.filter(org_unit__path__startswith=unit.path),
        )
    raise ScopeError(_("Unknown scope “%(code)s”, or outside your own.") % {"code": code}, status=404)


def scope_label(user) -> str:
    """How the home page names the user's scope: his own customers, his team, his org unit, or all customers."""
    # Translated now, in the request's language, like every other string of the page's figures.
    if is_admin(user):
        return str(_("All customers"))
    staff = staff_of(user)
    if staff is None:
        return str(_("No customers"))
    if reach_of(staff) == Reach.OWN:
        return str(_("My customers"))
    return staff.org_unit.name


def scope_choices(user) -> list:
    """The scopes a report's filter offers: his own first, then the org units and the managers below him."""
    staff = staff_of(user)
    own_label = str(staff) if staff is not None else _("All customers")
    choices: list = [("", own_label)]
    units = [(unit.code, unit.name) for unit in visible_org_units(user).order_by("path")]
    if units:
        choices.append((_("Org units"), units))
    managers = [
        (member.code, str(member))
        for member in visible_staff(user)
        .filter(role__in=SCOPE_PICK_ROLES, is_active=True)
        .exclude(pk=getattr(staff, "pk", None))
        .order_by("code")
    ]
    if managers:
        choices.append((_("Managers"), managers))
    return choices


# VIEWS


def admin_required(view):
    """Only admins: anonymous users go to the login page, everyone else gets 403.

    The wrapped view carries `admin_required = True`, which the menu reads to show its entry to admins only.
    """

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.admin_required = True  # type: ignore[attr-defined]
    return wrapped


def requires_admin(view) -> bool:
    """Whether a view function was wrapped by `admin_required` (looking through any decorator applied after it)."""
    while view is not None:
        if getattr(view, "admin_required", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False
