"""The suggested visits page and its one-tap add: the role matrix, what the page shows, the refused adds
(docs/definitions.md#suggested-visits).

Today is Wednesday 18 March 2026: the week of 16 March, its days left are the 18th, 19th and 20th. MM1's published
task (红南京 and 七匹狼, March) makes C001 and C002, who ordered neither, CM1's suggested visits.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from workbench import testing
from workbench.visitplans import editing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanEvent, VisitPlanState, VisitSource
from workbench.visitplans.suggestions import suggestions
from workbench.visitplans.tests.test_suggestions import make_specs, make_task

TODAY = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
THURSDAY = date(2026, 3, 19)
LIST = "/visit-plans/suggestions/"
ADD = "/visit-plans/suggestions/add/"
REASON = "Cultivation specs not ordered yet (七匹狼上柜): 红南京, 七匹狼(软通泰)"

plan_rows = testing.rows(VisitPlan, PlannedVisit, VisitPlanEvent)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def task(customers, market_manager, org):
    """MM1's cultivation task of March for team T1."""
    return make_task(market_manager, org["team1"], make_specs())


def made_plan(customer_manager) -> VisitPlan:
    """CM1's empty draft plan of March, version 1."""
    plan = editing.plan_for(customer_manager, date(2026, 3, 1), create=True)
    assert plan is not None
    return plan


def add(client, customer, day=THURSDAY, **versions):
    """Post the add form as the page sends it (`march=…` the plan version the page saw)."""
    data = {"customer": customer.pk, "day": day.isoformat(), "version-2026-03": versions.get("march", "")}
    return client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="en")


EVERYONE = {name: 200 for name in testing.STAFF_PERSONAS} | {"anonymous": 302}
test_list_access = testing.view_matrix(LIST, EVERYONE)
test_list_of_cm1_access = testing.view_matrix(
    f"{LIST}?staff=CM1",
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)
test_add_access = testing.view_matrix(
    ADD,
    {
        "customer_manager": 302,  # his own plan: made and given the visit
        "colleague": 404,
        "market_manager": 403,  # sees C001, but the plan is CM1's alone
        "outsider": 404,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data=lambda customers: {"customer": customers["c1"].pk, "day": "2026-03-19", "version-2026-03": ""},
    snapshot=plan_rows,
)


def test_the_page_shows_the_reasons_and_a_form_with_the_days_left(client, customer_manager):
    # when CM1 opens his suggestions
    testing.login(client, customer_manager)
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then both customers with the task's words, each with the days from today to Friday
    assert page.count(REASON) == 2
    assert page.count('<option value="2026-03-18">') == 2
    assert page.count('<option value="2026-03-20">') == 2
    assert '<option value="2026-03-17">' not in page
    assert page.count('name="version-2026-03" value=""') == 2


def test_his_market_manager_reads_the_list_without_the_forms(client, market_manager, customer_manager):
    # when MM1 opens CM1's suggestions
    testing.login(client, market_manager)
    page = client.get(f"{LIST}?staff=CM1", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then he reads the reasons, and cannot add
    assert page.count(REASON) == 2
    assert ADD not in page
    assert "Only his own customer manager adds a visit to his plan." in page


def test_a_tap_adds_the_suggested_visit_into_a_new_draft_plan(client, customers, customer_manager):
    # given no visit plan of March
    testing.login(client, customer_manager)

    # when CM1 adds C001 to Thursday
    response = add(client, customers["c1"])

    # then the draft plan of March is made with the visit, its source and the reasons' words
    assert response.status_code == 302
    plan = VisitPlan.objects.get()
    assert (plan.staff, plan.month, plan.state, plan.version) == (
        customer_manager,
        date(2026, 3, 1),
        VisitPlanState.DRAFT,
        2,
    )
    visit = PlannedVisit.objects.get()
    assert (visit.customer, visit.day, visit.source, visit.reason) == (
        customers["c1"],
        THURSDAY,
        VisitSource.SUGGESTED,
        REASON,
    )
    # and the list marks him planned on Thursday, in his place
    with translation.override("en"):
        found = suggestions(customer_manager, date(2026, 3, 16))
    assert [(item.code, item.planned_days) for item in found] == [("C001", [THURSDAY]), ("C002", [])]
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "planned Thu 03-19" in page
    assert 'name="version-2026-03" value="2"' in page


def test_a_committed_plan_takes_the_visit_and_stays_committed(client, customers, customer_manager):
    # given CM1's committed plan of March with one visit
    plan = made_plan(customer_manager)
    editing.add_visit(plan, customers["c2"], date(2026, 3, 18), by=customer_manager.user, version=1)
    editing.commit_plan(plan, by=customer_manager.user, version=2)
    testing.login(client, customer_manager)

    # when he adds C001 to Thursday from a page that saw version 3
    add(client, customers["c1"], march=3)

    # then
    plan.refresh_from_db()
    assert (plan.state, plan.version, plan.visits.count()) == (VisitPlanState.COMMITTED, 4, 2)


def test_a_stale_page_a_past_day_and_a_day_taken_change_nothing(client, customers, customer_manager):
    # given CM1's plan of March at version 2, C001 planned on Thursday
    plan = made_plan(customer_manager)
    editing.add_visit(plan, customers["c1"], THURSDAY, by=customer_manager.user, version=1)
    testing.login(client, customer_manager)
    before = plan_rows()

    # when he adds from a page that saw no plan, then from one that saw version 1, then to Tuesday (gone by),
    # then C001 to Thursday again
    answers = [
        add(client, customers["c2"]),
        add(client, customers["c2"], march=1),
        add(client, customers["c2"], day=date(2026, 3, 17), march=2),
        add(client, customers["c1"], march=2),
    ]

    # then every one is refused with its message, and nothing changed
    assert plan_rows() == before
    assert [answer.status_code for answer in answers] == [302, 302, 302, 302]
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Someone saved this in the meantime") == 2
    assert "Pick one of this week&#x27;s working days from today on." in page
    assert "This customer is already planned on that day." in page


def test_the_home_panel_lists_them_and_links_to_the_page(customer_manager):
    # given the week's suggestions
    with translation.override("en"):
        found = suggestions(customer_manager, date(2026, 3, 16))

        # when the panel is drawn with them alone (as the home page will)
        html = render_to_string("visitplans/suggest_panel.html", {"suggestions": found})

    # then each customer with his reasons, and a link to the page rather than forms
    assert html.count(REASON) == 2
    assert f'href="{reverse("suggestions:suggestion_list")}"' in html
    assert "<form" not in html


PANEL = "/visit-plans/suggestions/panel/"
test_panel_access = testing.view_matrix(
    PANEL,
    {
        "customer_manager": 200,
        "colleague": 200,  # his own panel (his own customers)
        "market_manager": 404,  # no customers of his own: nothing to suggest
        "outsider": 200,
        "leader": 404,
        "brand_manager": 404,
        "admin_staff": 404,
        "anonymous": 302,
    },
)


def test_the_home_page_loads_his_panel_with_the_add_forms(client, customer_manager):
    # given CM1 logged in, whose week has the two cultivation suggestions
    testing.login(client, customer_manager)

    # when the home page's script asks for the panel
    html = client.get(PANEL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then the fragment (no page around it) has both customers with their reason and a form each
    assert "<html" not in html
    assert html.count(REASON) == 2
    assert html.count('action="/visit-plans/suggestions/add/"') == 2
    # and the home page carries the placeholder that names the panel's address
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-suggestion-panel="{PANEL}"' in home
