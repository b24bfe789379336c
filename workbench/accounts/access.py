"""THE one place that decides what a user may see.

- a customer manager: his own customers;
- a market manager: the customers of the customer managers in his team unit (and below it);
- a leader or a brand manager: every customer below his org unit;
- an admin (role admin, or a Django superuser): everything;
- anyone else (no staff record, inactive staff): nothing.

Every view, export, API endpoint and report starts from these functions; out of scope is 404.
"""

from django.db.models import Q, QuerySet

from workbench.accounts.models import OrgUnit, Role, Staff


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
    return staff is not None and staff.role == Role.ADMIN


def visible_staff(user, queryset: QuerySet | None = None) -> QuerySet:
    """Staff whose customers the user may see (customer managers and their colleagues in his scope)."""
    queryset = Staff.objects.all() if queryset is None else queryset
    if is_admin(user):
        return queryset
    staff = staff_of(user)
    if staff is None:
        return queryset.none()
    if staff.role == Role.CUSTOMER_MANAGER:
        return queryset.filter(pk=staff.pk)
    return queryset.filter(org_unit__path__startswith=staff.org_unit.path)


def visible_customers(user, queryset: QuerySet | None = None) -> QuerySet:
    """Customers the user may see."""
    from workbench.customers.models import Customer

    queryset = Customer.objects.all() if queryset is None else queryset
    if is_admin(user):
        return queryset
    staff = staff_of(user)
    if staff is None:
        return queryset.none()
    if staff.role == Role.CUSTOMER_MANAGER:
        return queryset.filter(manager=staff)
    return queryset.filter(manager__org_unit__path__startswith=staff.org_unit.path)


def visible_org_units(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org units the user may ask about (his own and those below it); none for a customer manager."""
    queryset = OrgUnit.objects.all() if queryset is None else queryset
    if is_admin(user):
        return queryset
    staff = staff_of(user)
    if staff is None or staff.role == Role.CUSTOMER_MANAGER:
        return queryset.none()
    return queryset.filter(path__startswith=staff.org_unit.path)


def unit_and_ancestor_paths(unit: OrgUnit) -> list[str]:
    """The stored paths of `unit` and of every unit above it ("/NJ/", "/NJ/D1/", "/NJ/D1/T1/")."""
    codes = [code for code in unit.path.split("/") if code]
    return ["/" + "/".join(codes[: depth + 1]) + "/" for depth in range(len(codes))]


def visible_saved_sets(user, queryset: QuerySet) -> QuerySet:
    """Saved sets (客户集 / 品牌集) the user may see: his own, and those published to his unit or to a unit above it.

    The queryset's model has an `owner` (Staff) and a `shared_with` (OrgUnit, empty while private).
    """
    if is_admin(user):
        return queryset
    staff = staff_of(user)
    if staff is None:
        return queryset.none()
    return queryset.filter(Q(owner=staff) | Q(shared_with__path__in=unit_and_ancestor_paths(staff.org_unit)))


def publishable_units(user) -> QuerySet:
    """Org units the user may publish a saved set to: a market manager his team, a brand manager his own unit."""
    staff = staff_of(user)
    if staff is None or staff.role not in (Role.MARKET_MANAGER, Role.BRAND_MANAGER):
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(pk=staff.org_unit_id)
