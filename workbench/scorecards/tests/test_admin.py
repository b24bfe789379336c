"""The scorecard templates in Django's admin (admins only): "New version" copies a template into the next version,
made current; a version that holds a scorecard is read-only there, so past scores are never rewritten."""

from datetime import date

import pytest

from workbench import testing
from workbench.scorecards.models import ScorecardItem, ScorecardTemplate
from workbench.scorecards.services import new_template_version as new_template_version_of
from workbench.scorecards.services import save_scorecard
from workbench.scorecards.tests.conftest import WORKED_EXAMPLE, scores_of

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/scorecards/scorecardtemplate/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("customer_manager", 302),  # to the admin's login: not an admin
        ("colleague", 302),
        ("market_manager", 302),
        ("outsider", 302),
        ("leader", 302),
        ("brand_manager", 302),
        ("admin_staff", 200),
        ("anonymous", 302),
    ],
)
def test_only_admins_reach_the_templates(client, request, persona, status, template, admin_staff):
    # given the admin's login with the Django flags the staff import gives an admin (imports/staff.py)
    admin_staff.user.is_staff = admin_staff.user.is_superuser = True
    admin_staff.user.save()
    testing.login_as(client, request, persona)
    # when each opens the templates / then only the admin reaches them
    response = client.get(CHANGELIST)
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith("/admin/login/")


def test_new_version_copies_the_template_and_makes_it_current(admin_client, template):
    # when the admin runs "New version" on version 1
    response = admin_client.post(CHANGELIST, {"action": "make_new_version", "_selected_action": [template.pk]})
    # then version 2 is the current one, with the same 13 items
    assert response.status_code == 302
    second = ScorecardTemplate.objects.get(version=2)
    assert (second.name, second.is_current) == ("客户记分卡", True)
    assert ScorecardTemplate.objects.get(version=1).is_current is False
    assert ScorecardItem.objects.filter(dimension__template=second).count() == 13


def test_a_used_version_is_read_only(admin_client, template, customer_manager, customers):
    # given version 1 holds C001's November scorecard
    save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 11, 1),
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    change = f"{CHANGELIST}{template.pk}/change/"
    # when the admin opens it and tries to rename it
    page = admin_client.get(change)
    refused = admin_client.post(change, {"name": "改名"})
    # then it is shown without a save button, the change is refused, and the name stays
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert refused.status_code == 403
    template.refresh_from_db()
    assert template.name == "客户记分卡"
    # while an unused version is changed there
    second = ScorecardTemplate.objects.create(name="客户记分卡", version=2, is_current=False)
    assert 'name="_save"' in admin_client.get(f"{CHANGELIST}{second.pk}/change/").content.decode()


def dimension_form(dimension, max_points: dict[str, int]) -> dict:
    """The dimension's admin form with its items, each item's maximum as given (by name)."""
    items = list(dimension.items.order_by("order"))
    data = {
        "name": dimension.name,
        "order": dimension.order,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, item in enumerate(items):
        data |= {
            f"items-{index}-id": item.pk,
            f"items-{index}-dimension": dimension.pk,
            f"items-{index}-name": item.name,
            f"items-{index}-max_points": max_points.get(item.name, item.max_points),
            f"items-{index}-order": item.order,
            f"items-{index}-help_text": item.help_text,
        }
    return data


def test_a_new_versions_items_are_changed_and_its_points_follow(admin_client, template):
    # given version 2, made from version 1
    second = new_template_version_of(template)
    dimension = second.dimensions.get(name="经营能力")
    # when the admin raises 月购烟总量 from 15 to 20 points
    response = admin_client.post(
        f"/admin/scorecards/scorecarddimension/{dimension.pk}/change/", dimension_form(dimension, {"月购烟总量": 20})
    )
    # then the dimension carries 50 points and version 2 105; version 1 keeps 45 and 100
    assert response.status_code == 302
    dimension.refresh_from_db()
    assert (dimension.points, second.maximum()) == (50, 105)
    assert (template.dimensions.get(name="经营能力").points, template.maximum()) == (45, 100)


def test_a_used_versions_dimension_is_not_changed(admin_client, template, customer_manager, customers):
    # given version 1 holds a scorecard
    save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 11, 1),
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    dimension = template.dimensions.get(name="经营能力")
    # when the admin tries to raise an item there / then it is refused and nothing changes
    response = admin_client.post(
        f"/admin/scorecards/scorecarddimension/{dimension.pk}/change/", dimension_form(dimension, {"月购烟总量": 20})
    )
    assert response.status_code == 403
    assert (template.maximum(), dimension.items.get(name="月购烟总量").max_points) == (100, 15)


def test_a_dimension_is_added_to_an_unused_version_only(admin_client, template, customer_manager, customers):
    # given version 1 holds a scorecard and version 2 none
    save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 11, 1),
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    second = new_template_version_of(template)
    # when the admin adds a dimension / then only version 2 is offered
    page = admin_client.get("/admin/scorecards/scorecarddimension/add/")
    assert list(page.context["adminform"].form.fields["template"].queryset) == [second]
