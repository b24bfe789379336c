"""accounts.access: restrict(user, action) over every model with an owner, scope T, and the role policy."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from workbench import testing
from workbench.accounts import access
from workbench.accounts.access import Action, ScopeError, Territory, Viewer, resolve_scope
from workbench.accounts.models import OrgUnit, Role, Staff
from workbench.catalog.services import create_brand_set
from workbench.customers.models import Customer
from workbench.customers.services import create_customer_set

ALL_CUSTOMERS = ["C001", "C002", "C003", "C004"]


def codes(queryset) -> list[str]:
    return sorted(queryset.values_list("code", flat=True))


@pytest.fixture
def everyone(request, customers):
    """Every staff persona, with the customers of conftest (CM1: C001 C002, CM2: C003, CM3 in team T2: C004)."""
    for persona in testing.STAFF_PERSONAS:
        request.getfixturevalue(persona)
    return customers


EVERY_STAFF_CODE = ["AD1", "BM1", "CM1", "CM2", "CM3", "LD1", "MM1"]
# persona: (customers he sees, staff he sees, org units he sees)
SEEN = {
    "customer_manager": (["C001", "C002"], ["CM1"], []),
    "colleague": (["C003"], ["CM2"], []),
    "market_manager": (["C001", "C002", "C003"], ["CM1", "CM2", "MM1"], ["T1"]),
    "outsider": (["C004"], ["CM3"], []),
    "leader": (ALL_CUSTOMERS, EVERY_STAFF_CODE, ["D1", "NJ", "T1", "T2"]),
    "brand_manager": (ALL_CUSTOMERS, EVERY_STAFF_CODE, ["D1", "NJ", "T1", "T2"]),
    "admin_staff": (ALL_CUSTOMERS, EVERY_STAFF_CODE, ["D1", "NJ", "T1", "T2"]),
}


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_what_each_persona_sees(request, everyone, persona):
    # given
    user = request.getfixturevalue(persona).user
    customer_codes, staff_codes, unit_codes = SEEN[persona]
    # when / then
    assert codes(Customer.objects.restrict(user, Action.VIEW)) == customer_codes
    assert codes(Staff.objects.restrict(user, "view")) == staff_codes
    assert codes(OrgUnit.objects.restrict(user, "view")) == unit_codes


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_change_follows_the_territory_and_units_are_never_changed(request, everyone, persona):
    user = request.getfixturevalue(persona).user
    customer_codes, staff_codes, _ = SEEN[persona]
    assert codes(Customer.objects.restrict(user, Action.CHANGE)) == customer_codes
    assert codes(Staff.objects.restrict(user, Action.CHANGE)) == staff_codes
    # Org units declare VIEW only: nobody changes a unit through restrict(), an admin neither (the org import does).
    assert codes(OrgUnit.objects.restrict(user, Action.CHANGE)) == []


def test_nobody_without_an_active_staff_record_sees_anything(everyone, customer_manager):
    # given an anonymous user, a login without staff, and CM1 gone inactive
    login_only = get_user_model().objects.create_user(username="nobody")
    customer_manager.is_active = False
    customer_manager.save()
    customer_manager.user.refresh_from_db()
    for user in (AnonymousUser(), login_only, customer_manager.user):
        # when / then
        assert codes(Customer.objects.restrict(user, "view")) == []
        assert codes(Staff.objects.restrict(user, "view")) == []
        assert codes(OrgUnit.objects.restrict(user, "view")) == []


def test_a_superuser_without_staff_sees_everything(everyone):
    superuser = get_user_model().objects.create_superuser(username="root", password="x")
    assert codes(Customer.objects.restrict(superuser, "view")) == ALL_CUSTOMERS


def test_an_action_a_rule_does_not_name_is_refused(everyone, admin_staff):
    # given a rule that names VIEW only (as a model that cannot be changed would declare it)
    rule = Territory(staff_field="manager", actions=frozenset({Action.VIEW}))
    viewer = Viewer.of(admin_staff.user)
    # when / then: even an admin may not do what the rule does not name
    assert codes(Customer.objects.filter(rule.q(viewer, Action.VIEW))) == ALL_CUSTOMERS
    assert codes(Customer.objects.filter(rule.q(viewer, Action.CHANGE))) == []


def test_an_unknown_action_is_an_error_not_an_empty_list(everyone, admin_staff):
    # "approve" is an action since 计划; "publish" is none
    with pytest.raises(ValueError):
        Customer.objects.restrict(admin_staff.user, "publish")


def test_the_old_names_are_thin_wrappers(everyone, market_manager):
    user = market_manager.user
    assert codes(access.visible_customers(user)) == ["C001", "C002", "C003"]
    assert codes(access.visible_staff(user)) == ["CM1", "CM2", "MM1"]
    assert codes(access.visible_org_units(user)) == ["T1"]
    assert codes(Customer.objects.visible_to(user)) == ["C001", "C002", "C003"]


def test_saved_sets_owner_and_shared_unit(everyone, customer_manager, colleague, market_manager, outsider, org):
    # given CM1's private set, MM1's set published to T1, and the leader's published to the company
    leader = Staff.objects.get(code="LD1")
    private = create_customer_set(owner=customer_manager, name="private")
    team = create_brand_set(owner=market_manager, name="team", shared_with=org["team1"])
    # The leader cannot publish (publishing is for market and brand managers); share it directly to test the rule.
    company = create_brand_set(owner=leader, name="company")
    company.shared_with = org["company"]
    company.save()

    def names(model, staff, action):
        return sorted(model.objects.restrict(staff.user, action).values_list("name", flat=True))

    customer_set_model, brand_set_model = type(private), type(team)
    # then: a set is seen by its owner, and by everyone in the unit it is published to or below it
    assert names(customer_set_model, customer_manager, "view") == ["private"]
    assert names(customer_set_model, colleague, "view") == []
    assert names(brand_set_model, colleague, "view") == ["company", "team"]
    assert names(brand_set_model, outsider, "view") == ["company"]
    assert names(brand_set_model, leader, "view") == ["company"]
    # and changed by its owner only, an admin included
    assert names(brand_set_model, colleague, "change") == []
    assert names(brand_set_model, market_manager, "change") == ["team"]
    assert names(brand_set_model, Staff.objects.get(code="AD1"), "view") == ["company", "team"]
    assert names(brand_set_model, Staff.objects.get(code="AD1"), "change") == []


def test_may_checks_one_object(everyone, customer_manager, outsider):
    c1 = everyone["c1"]
    assert (access.may(customer_manager.user, c1, "view"), access.may(outsider.user, c1, "view")) == (True, False)


# Scope T (辖区)


def test_resolve_scope_of_a_market_manager_by_default_is_his_team(everyone, market_manager):
    scope = resolve_scope(market_manager.user, None)
    assert (scope.code, scope.label) == ("MM1", "王强 (MM1)")
    assert (codes(scope.customers), codes(scope.staff)) == (["C001", "C002", "C003"], ["CM1", "CM2", "MM1"])


def test_resolve_scope_of_one_of_his_managers(everyone, market_manager):
    scope = resolve_scope(market_manager.user, " CM2 ")
    assert (scope.code, codes(scope.customers), codes(scope.staff)) == ("CM2", ["C003"], ["CM2"])


def test_resolve_scope_of_an_org_unit(everyone, leader):
    scope = resolve_scope(leader.user, "T2")
    assert (scope.code, scope.label, codes(scope.customers), codes(scope.staff)) == (
        "T2",
        "鼓楼市场部",
        ["C004"],
        ["CM3"],
    )


def test_resolve_scope_of_an_admin_member_is_everything_the_user_sees(everyone, leader):
    # given the leader asks for the admin's scope: an admin's scope is everything, cut to what the leader sees
    scope = resolve_scope(leader.user, "AD1")
    assert (codes(scope.customers), codes(scope.staff)) == (ALL_CUSTOMERS, EVERY_STAFF_CODE)


def test_resolve_scope_of_a_superuser_without_staff(everyone):
    superuser = get_user_model().objects.create_superuser(username="root", password="x")
    with translation.override("en"):
        scope = resolve_scope(superuser, "")
    assert (scope.code, scope.label, codes(scope.customers)) == (None, "All customers", ALL_CUSTOMERS)


@pytest.mark.parametrize("code", ["CM3", "T2", "NOPE"])
def test_resolve_scope_outside_or_unknown_is_404(everyone, market_manager, code):
    with translation.override("en"):
        with pytest.raises(ScopeError) as error:
            resolve_scope(market_manager.user, code)
        assert (error.value.status, error.value.field) == (404, "scope")
        assert str(error.value.message) == f"Unknown scope “{code}”, or outside your own."


def test_resolve_scope_without_a_staff_record_is_403(everyone):
    login_only = get_user_model().objects.create_user(username="nobody")
    with translation.override("en"):
        with pytest.raises(ScopeError) as error:
            resolve_scope(login_only, None)
        assert (error.value.status, str(error.value.message)) == (
            403,
            "Your login has no active staff record, so it has no scope.",
        )


def test_scope_label(everyone, customer_manager, market_manager, leader, admin_staff):
    login_only = get_user_model().objects.create_user(username="nobody")
    with translation.override("en"):
        labels = [access.scope_label(staff.user) for staff in (customer_manager, market_manager, leader, admin_staff)]
        assert labels == ["My customers", "玄武市场部", "南京市公司", "All customers"]
        assert access.scope_label(login_only) == "No customers"


def test_scope_choices_of_a_market_manager(everyone, market_manager):
    with translation.override("en"):
        choices = access.scope_choices(market_manager.user)
        assert [(value, str(label)) if isinstance(label, str) else (str(value), label) for value, label in choices] == [
            ("", "王强 (MM1)"),
            ("Org units", [("T1", "玄武市场部")]),
            ("Managers", [("CM1", "张伟 (CM1)"), ("CM2", "李娜 (CM2)")]),
        ]


def test_scope_choices_of_a_customer_manager_are_his_own_only(everyone, customer_manager):
    assert access.scope_choices(customer_manager.user) == [("", "张伟 (CM1)")]


# Role policy


def test_role_policy_tables():
    roles = list(Role)
    assert [role for role in roles if access.has_admin_rights(role)] == [Role.ADMIN]
    assert [role for role in roles if access.may_own_customers(role)] == [Role.CUSTOMER_MANAGER]
    assert [role for role in roles if access.must_sit_on_team(role)] == [Role.MARKET_MANAGER]
    assert [role for role in roles if access.may_publish_sets(role)] == [Role.MARKET_MANAGER, Role.BRAND_MANAGER]


def test_publishable_units(org, customer_manager, market_manager, leader, brand_manager):
    assert [list(access.publishable_units(staff.user)) for staff in (customer_manager, leader)] == [[], []]
    assert list(access.publishable_units(market_manager.user)) == [org["team1"]]
    assert list(access.publishable_units(brand_manager.user)) == [org["company"]]


def test_admin_required_marks_the_view(rf, customer_manager, admin_staff):
    # given a view wrapped by admin_required, then by another decorator
    def view(request):
        return "ok"

    def other(inner):
        def wrapper(request):
            return inner(request)

        wrapper.__wrapped__ = inner
        return wrapper

    protected = other(access.admin_required(view))
    request = rf.get("/")
    request.user = admin_staff.user
    # then
    assert (access.requires_admin(protected), access.requires_admin(view)) == (True, False)
    assert protected(request) == "ok"
    request.user = customer_manager.user
    with pytest.raises(access.PermissionDenied):
        protected(request)


def test_reach_of_each_role(org):
    # given one staff member of each role, placed where the contract puts him
    units = {Role.CUSTOMER_MANAGER: "team1", Role.MARKET_MANAGER: "team1", Role.ADMIN: "company"}
    staff = {role: testing.make_staff(f"R{n}", role, org[units.get(role, "company")]) for n, role in enumerate(Role)}
    # then
    assert {role: access.reach_of(member) for role, member in staff.items()} == {
        Role.CUSTOMER_MANAGER: access.Reach.OWN,
        Role.MARKET_MANAGER: access.Reach.UNIT,
        Role.BRAND_MANAGER: access.Reach.UNIT,
        Role.LEADER: access.Reach.UNIT,
        Role.ADMIN: access.Reach.EVERYTHING,
    }
