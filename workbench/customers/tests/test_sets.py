"""客户集 (customer sets): rules evaluate exactly, fixed lists stay inside scopes, publishing follows the roles."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from workbench import testing
from workbench.accounts.models import Role
from workbench.customers.models import Customer, CustomerSet, CustomerSetKind
from workbench.customers.services import create_customer_set, update_customer_set
from workbench.customers.sets import describe_rule, parse_code_text, resolve_customer_codes


def codes(queryset) -> list[str]:
    return sorted(queryset.values_list("code", flat=True))


@pytest.fixture
def shops(customer_manager, colleague, outsider):
    """Hand-built shops whose answers are known for the rule "城镇 烟酒商店 档位 ≥ 20"."""
    make = testing.make_customer
    return {
        # CM1's shops
        "Y20": make("Y20", customer_manager, format="Y", market_type="C", scale="1", grade=20),  # matches
        "Y25": make("Y25", customer_manager, format="Y", market_type="C", scale="2", grade=25, order_channel="phone"),
        "Y19": make("Y19", customer_manager, format="Y", market_type="C", scale="1", grade=19),  # grade too low
        "XY22": make("XY22", customer_manager, format="Y", market_type="X", scale="1", grade=22),  # rural
        "Z28": make("Z28", customer_manager, format="Z", market_type="C", scale="1", grade=28),  # grocery
        "Y30S": make(
            "Y30S", customer_manager, format="Y", market_type="C", scale="3", grade=30, status="suspended"
        ),  # matches unless the rule asks for active shops
        # CM2's shop (same team T1)
        "Y21": make("Y21", colleague, format="Y", market_type="C", scale="1", grade=21, terminal_type="modern"),
        # CM3's shop (team T2)
        "Y29": make("Y29", outsider, format="Y", market_type="C", scale="2", grade=29),
    }


def rule_set(owner, **rule) -> CustomerSet:
    return create_customer_set(owner=owner, name="rule", kind=CustomerSetKind.RULE, rule=rule)


def test_rule_urban_tobacco_shops_of_grade_20_and_above(shops, customer_manager, market_manager, admin_staff):
    # given "城镇 烟酒商店 档位 ≥ 20"
    customer_set = rule_set(customer_manager, rule_formats=["Y"], rule_market_type="C", rule_grade_min=20)
    # when / then: each user gets the matching shops of his own scope
    assert codes(customer_set.customers(customer_manager.user)) == ["Y20", "Y25", "Y30S"]
    assert codes(customer_set.customers(market_manager.user)) == ["Y20", "Y21", "Y25", "Y30S"]
    assert codes(customer_set.customers(admin_staff.user)) == ["Y20", "Y21", "Y25", "Y29", "Y30S"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"rule_grade_min": 20, "rule_grade_max": 25}, ["XY22", "Y20", "Y25"]),
        ({"rule_grade_max": 19}, ["Y19"]),
        ({"rule_formats": ["Y", "Z"], "rule_grade_min": 28}, ["Y30S", "Z28"]),
        ({"rule_market_type": "X"}, ["XY22"]),
        ({"rule_scale": "2"}, ["Y25"]),
        ({"rule_status": "suspended"}, ["Y30S"]),
        ({"rule_order_channel": "phone"}, ["Y25"]),
        ({"rule_class_codes": ["CY1"]}, ["Y19", "Y20"]),
        ({"rule_class_codes": ["CY"]}, ["Y19", "Y20", "Y25", "Y30S"]),
        ({"rule_class_codes": ["XY1", "CZ1"]}, ["XY22", "Z28"]),
        (
            {"rule_formats": ["Y"], "rule_market_type": "C", "rule_grade_min": 20, "rule_status": "active"},
            ["Y20", "Y25"],
        ),
        ({}, ["XY22", "Y19", "Y20", "Y25", "Y30S", "Z28"]),
    ],
)
def test_rule_criteria_each_narrow_exactly(shops, customer_manager, rule, expected):
    # given a rule of CM1
    customer_set = rule_set(customer_manager, **rule)
    # when
    result = customer_set.customers(customer_manager.user)
    # then
    assert codes(result) == expected


def test_rule_by_terminal_type_and_manager(shops, customer_manager, colleague, market_manager):
    # given the market manager's rules "modern terminals" and "CM1's rural shops"
    modern = rule_set(market_manager, rule_terminal_type="modern")
    of_cm1 = rule_set(market_manager, rule_manager=customer_manager, rule_market_type="X")
    # when / then
    assert codes(modern.customers(market_manager.user)) == ["Y21"]
    assert codes(of_cm1.customers(market_manager.user)) == ["XY22"]
    # a colleague applying "CM1's shops" sees none of them: they are not his
    assert codes(of_cm1.customers(colleague.user)) == []


def test_rule_is_evaluated_when_used(shops, customer_manager):
    # given a saved rule, then a shop that changes grade after it was saved
    customer_set = rule_set(customer_manager, rule_formats=["Y"], rule_market_type="C", rule_grade_min=20)
    shops["Y19"].grade = 20
    shops["Y19"].save()
    # when
    result = customer_set.customers(customer_manager.user)
    # then
    assert codes(result) == ["Y19", "Y20", "Y25", "Y30S"]


def test_rule_manager_must_be_in_owner_scope(shops, customer_manager, outsider):
    # when / then: CM1 cannot aim a rule at another manager's customers
    with pytest.raises(ValidationError):
        rule_set(customer_manager, rule_manager=outsider)
    assert CustomerSet.objects.count() == 0


def test_rule_grade_range_must_not_be_reversed(shops, customer_manager):
    with pytest.raises(ValidationError):
        rule_set(customer_manager, rule_grade_min=25, rule_grade_max=20)
    assert CustomerSet.objects.count() == 0


def test_describe_rule(shops, customer_manager):
    # given
    customer_set = rule_set(
        customer_manager, rule_formats=["Y"], rule_market_type="C", rule_grade_min=20, rule_class_codes=["CY1"]
    )
    # when
    with translation.override("en"):
        lines = describe_rule(customer_set)
    # then
    assert [value for _label, value in lines] == ["Tobacco and liquor shop", "Urban", "≥ 20", "CY1"]


def test_fixed_list_customers_never_leave_the_user_scope(
    shops, customer_manager, colleague, market_manager, outsider, leader, org
):
    # given the market manager's list of a shop of CM1, one of CM2, published to team T1
    customer_set = create_customer_set(
        owner=market_manager, name="重点户", members=[shops["Y20"], shops["Y21"]], shared_with=org["team1"]
    )
    # when / then
    assert codes(customer_set.customers(market_manager.user)) == ["Y20", "Y21"]
    assert codes(customer_set.customers(customer_manager.user)) == ["Y20"]
    assert codes(customer_set.customers(colleague.user)) == ["Y21"]
    assert codes(customer_set.customers(outsider.user)) == []
    assert codes(customer_set.customers(leader.user)) == ["Y20", "Y21"]


def test_fixed_list_cannot_hold_customers_outside_owner_scope(shops, customer_manager):
    # when / then
    with pytest.raises(ValidationError):
        create_customer_set(owner=customer_manager, name="bad", members=[shops["Y20"], shops["Y21"]])
    assert CustomerSet.objects.count() == 0


def test_update_keeps_members_the_owner_can_no_longer_see(shops, customer_manager, colleague):
    # given CM1's list of two shops, then Y25 is handed over to CM2
    customer_set = create_customer_set(owner=customer_manager, name="list", members=[shops["Y20"], shops["Y25"]])
    shops["Y25"].manager = colleague
    shops["Y25"].save()
    # when CM1 saves the list with a new pick
    update_customer_set(
        customer_set=customer_set, version=customer_set.version, name="list", members=[shops["Y20"], shops["Z28"]]
    )
    # then
    assert codes(customer_set.members.all()) == ["Y20", "Y25", "Z28"]
    assert codes(customer_set.customers(customer_manager.user)) == ["Y20", "Z28"]


@pytest.mark.parametrize(
    ("persona", "unit", "allowed"),
    [
        ("market_manager", "team1", True),  # his own team
        ("market_manager", "team2", False),  # another team
        ("market_manager", "department", False),  # a unit above his
        ("brand_manager", "department", True),  # his own unit
        ("brand_manager", "company", False),
        ("customer_manager", "team1", False),  # customer managers keep sets private
        ("leader", "company", False),
        ("admin_staff", "company", False),
    ],
)
def test_who_may_publish_to_which_unit(request, org, persona, unit, allowed):
    # given
    if persona == "brand_manager":
        owner = testing.make_staff("BM1", Role.BRAND_MANAGER, org["department"])
    else:
        owner = request.getfixturevalue(persona)
    # when
    try:
        create_customer_set(owner=owner, name="shared", kind=CustomerSetKind.RULE, shared_with=org[unit])
        created = True
    except ValidationError:
        created = False
    # then
    assert created is allowed
    assert CustomerSet.objects.count() == (1 if allowed else 0)


def test_parse_code_text_accepts_lines_and_commas():
    assert parse_code_text(" C001\nC002, C003，C004\r\n\nC001 ; C005 ") == ["C001", "C002", "C003", "C004", "C005"]


def test_resolve_codes_reports_unknown_and_out_of_scope(customers, customer_manager):
    # when
    resolution = resolve_customer_codes(customer_manager.user, ["C002", "C999", "C003", "C001", "C004"])
    # then
    assert [customer.code for customer in resolution.customers] == ["C002", "C001"]
    assert resolution.unknown == ["C999"]
    assert resolution.out_of_scope == ["C003", "C004"]
    assert resolution.is_valid is False


@pytest.mark.parametrize(
    "persona", ["customer_manager", "colleague", "market_manager", "outsider", "leader", "admin_staff"]
)
def test_customers_never_leave_any_persona_scope(request, shops, market_manager, admin_staff, org, persona):
    # given an admin's list of every shop, and a market manager's published rule matching every shop
    every_shop = create_customer_set(owner=admin_staff, name="all", members=Customer.objects.all())
    every_rule = create_customer_set(
        owner=market_manager, name="rule", kind=CustomerSetKind.RULE, shared_with=org["team1"]
    )
    user = request.getfixturevalue(persona).user
    scope = codes(Customer.objects.visible_to(user))
    # when / then: each gives exactly the persona's own scope, never more
    assert codes(every_shop.customers(user)) == scope
    assert codes(every_rule.customers(user)) == scope
