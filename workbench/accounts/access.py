"""THE one place that decides what a user may see.

- a customer manager: his own customers;
- a market manager: the customers of the customer managers in his team unit (and below it);
- a leader or a brand manager: every customer below his org unit;
- an admin (role admin, or a Django superuser): everything;
- anyone else (no staff record, inactive staff): nothing.

Every view, export, API endpoint and report starts from these functions; out of scope is 404.
"""

from django.db.models import QuerySet

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
