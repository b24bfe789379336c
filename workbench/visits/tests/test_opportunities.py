"""市场机会 (market opportunities): who sees which, what a valid record is, and the admin entry page."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from workbench import testing
from workbench.visits.models import MarketOpportunity, OpportunityStatus, OpportunityType


def make_opportunity(staff, description, **fields) -> MarketOpportunity:
    values = {"type": OpportunityType.NEW_RESIDENTIAL, "found_on": date(2026, 3, 2), "area": "玄武区"}
    values.update(fields)
    return MarketOpportunity.objects.create(staff=staff, description=description, **values)


@pytest.fixture
def opportunities(customers, customer_manager, colleague, market_manager, outsider):
    """One opportunity found by each of CM1, CM2, MM1 (team T1) and CM3 (team T2)."""
    return {
        "O1": make_opportunity(customer_manager, "O1", customer=customers["c1"], estimated_qty=20),
        "O2": make_opportunity(colleague, "O2", type=OpportunityType.CONSTRUCTION_SITE),
        "O3": make_opportunity(market_manager, "O3", type=OpportunityType.EVENT),
        "O4": make_opportunity(outsider, "O4", type=OpportunityType.NEW_SHOP),
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("customer_manager", ["O1"]),  # his own
        ("colleague", ["O2"]),
        ("market_manager", ["O1", "O2", "O3"]),  # his team's and his own
        ("outsider", ["O4"]),
        ("leader", ["O1", "O2", "O3", "O4"]),  # everyone below the company
        ("brand_manager", ["O1", "O2", "O3", "O4"]),  # also on the company unit
        ("admin_staff", ["O1", "O2", "O3", "O4"]),
    ],
)
def test_visible_to_follows_the_staff_scope(request, opportunities, persona, expected):
    # given
    user = request.getfixturevalue(persona).user
    # when
    visible = MarketOpportunity.objects.visible_to(user)
    # then
    assert sorted(visible.values_list("description", flat=True)) == expected


def test_visible_to_nobody_without_staff(opportunities, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    assert MarketOpportunity.objects.visible_to(user).count() == 0


@pytest.mark.parametrize(
    ("status", "closed_on", "field_in_error"),
    [
        (OpportunityStatus.CONVERTED, None, "closed_on"),  # a closed opportunity needs its date
        (OpportunityStatus.DROPPED, None, "closed_on"),
        (OpportunityStatus.FOLLOWING, date(2026, 3, 10), "closed_on"),  # an open one has none
        (OpportunityStatus.CONVERTED, date(2026, 3, 1), "closed_on"),  # before it was found
        (OpportunityStatus.CONVERTED, date(2026, 3, 2), None),
        (OpportunityStatus.PENDING, None, None),
    ],
)
def test_clean(customer_manager, status, closed_on, field_in_error):
    # given
    opportunity = MarketOpportunity(
        staff=customer_manager,
        type=OpportunityType.HOLIDAY_PEAK,
        description="春节",
        found_on=date(2026, 3, 2),
        status=status,
        closed_on=closed_on,
    )
    # when
    try:
        opportunity.full_clean()
        errors = {}
    except ValidationError as error:
        errors = error.message_dict
    # then
    assert list(errors) == ([field_in_error] if field_in_error else [])


def test_admin_enters_an_opportunity(client, django_user_model, customers, customer_manager):
    # given a superuser
    admin_user = django_user_model.objects.create_superuser(username="root", password="x")
    client.force_login(admin_user)
    spec = testing.make_spec("S1", "七匹狼(软通泰)", "七匹狼", "75")
    # when
    add_page = client.get(reverse("admin:visits_marketopportunity_add"))
    response = client.post(
        reverse("admin:visits_marketopportunity_add"),
        {
            "staff": customer_manager.pk,
            "customer": customers["c1"].pk,
            "area": "玄武区",
            "type": "new_shop",
            "description": "对面新开一家便利店",
            "related_specs": [spec.pk],
            "estimated_qty": "15",
            "found_on": "2026-03-05",
            "status": "pending",
            "action": "",
            "result": "",
            "closed_on": "",
        },
    )
    # then
    assert add_page.status_code == 200
    assert response.status_code == 302
    opportunity = MarketOpportunity.objects.get()
    assert (opportunity.staff, opportunity.customer, opportunity.type) == (
        customer_manager,
        customers["c1"],
        "new_shop",
    )
    assert list(opportunity.related_specs.all()) == [spec]


def test_admin_list_starts_from_the_user_scope(client, opportunities, market_manager):
    # given the market manager may use the admin site to view opportunities
    user = market_manager.user
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_marketopportunity"))
    client.force_login(user)
    # when
    response = client.get(reverse("admin:visits_marketopportunity_changelist"))
    # then
    assert response.status_code == 200
    assert sorted(o.description for o in response.context["cl"].result_list) == ["O1", "O2", "O3"]
    assert (
        client.get(reverse("admin:visits_marketopportunity_change", args=[opportunities["O4"].pk])).status_code == 302
    )
