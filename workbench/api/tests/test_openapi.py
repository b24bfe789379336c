"""The OpenAPI description is assembled from what the apps declare (the reports from the report registry), and it
is exact: the server answers what it describes."""

from datetime import date
from decimal import Decimal

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from workbench.api.services import create_token
from workbench.catalog.models import BrandSet
from workbench.planning import services as plans
from workbench.planning.tests.conftest import FIRST_WEEK, MONTH, content, one_task
from workbench.reporting.registry import REPORTS
from workbench.targets import services as targets
from workbench.targets.models import Metric

# The application itself, without workbench.wsgi's refusal of the demo key (the tests run with DEBUG off).
application = get_wsgi_application()


PLANS_AND_TARGETS = [
    "/api/v1/plans/monthly",
    "/api/v1/plans/monthly/{id}",
    "/api/v1/plans/monthly/{id}/tick",
    "/api/v1/plans/items",
    "/api/v1/plans/team",
    "/api/v1/targets/sales",
    "/api/v1/targets/improvement",
    "/api/v1/targets/kpi",
]
VISIT_PLANS = ["/api/v1/visit-plans/day", "/api/v1/visit-plans/month"]
VISITS = ["/api/v1/visits/", "/api/v1/visits/sync", "/api/v1/visits/day"]
SCORECARDS = ["/api/v1/scorecards/"]
MARKET = ["/api/v1/features/", "/api/v1/opportunities/", "/api/v1/opportunities/{id}/follow-up"]


def test_every_report_and_every_plan_and_target_endpoint_has_a_path(client):
    # given / when
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")

    # then
    document = response.json()
    assert document["openapi"] == "3.0.3"
    assert sorted(document["paths"]) == sorted(
        [
            *(f"/api/v1/reports/{name}" for name in REPORTS),
            *PLANS_AND_TARGETS,
            *VISIT_PLANS,
            *VISITS,
            *SCORECARDS,
            *MARKET,
        ]
    )


def test_parameters_and_rows_follow_each_report(client):
    # given / when
    document = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()

    # then
    four_rates = document["paths"]["/api/v1/reports/four-rates"]["get"]
    assert [parameter["name"] for parameter in four_rates["parameters"]] == [
        "scope",
        "from",
        "to",
        "period",
        "specs",
        "brand_set",
        "customer_set",
        "breakdown",
        "page",
        "page_size",
    ]
    rows = four_rates["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]
    assert rows["properties"]["movement_rate"]["type"] == "number"
    assert rows["properties"]["movement_rate"]["nullable"] is True
    overview = document["paths"]["/api/v1/reports/classification-overview"]["get"]
    row_keys = overview["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]
    # Both groupings (by class and by grade) are described.
    assert {"class_code", "grade", "customers"} <= set(row_keys["properties"])
    by = next(parameter for parameter in overview["parameters"] if parameter["name"] == "by")
    assert by["schema"]["enum"] == ["class_code", "grade"]


def test_the_document_says_what_the_server_refuses(client):
    # given / when
    document = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()

    # then: ids from 1, the presets as an enum, period and dates exclusive, page sizes bounded
    parameters = {
        parameter["name"]: parameter
        for parameter in document["paths"]["/api/v1/reports/four-rates"]["get"]["parameters"]
    }
    assert parameters["brand_set"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["period"]["schema"]["enum"] == [
        "this_month",
        "last_month",
        "last_3_months",
        "year_to_date",
        "custom",
    ]
    assert "not both" in parameters["period"]["description"]
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1000}
    assert document["components"]["schemas"]["Paging"]["required"] == ["page", "page_size", "count", "pages"]


@pytest.mark.django_db
def test_a_real_answer_validates_against_the_document(territory, customer_manager, in_process_wsgi):
    # given: the document, and CM1's answer of distribution-rate over a quarter, with its extras and paging
    _token, key = create_token(user=customer_manager.user, name="script")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)["/api/v1/reports/distribution-rate"]
    case = operation["GET"].Case(query={"from": "2026-01-01", "to": "2026-03-31", "specs": "6901,6902"})

    # when
    response = case.call(headers={"Authorization": f"Bearer {key}"})

    # then: a full answer that follows the document (validate_response raises otherwise)
    assert response.status_code == 200
    assert [point["month"] for point in response.json()["extras"]["trend"]] == ["2026-01", "2026-02", "2026-03"]
    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance])


@pytest.fixture
def plans_and_targets(territory, customer_manager, market_manager, leader, time_machine):
    """On 2 December 2026: CM1's December plan (a problem, a visit of C001) submitted and approved by MM1, then a
    version 2 draft; MM1's published team plan with a week and a leader's comment; CM1's sales target with a line
    and an improvement target of C001; MM1's KPI target for team T1 on the territory's brand set."""
    time_machine.move_to(date(2026, 12, 2))
    brand_set = BrandSet.objects.create(owner=market_manager, name="培育规格", shared_with=customer_manager.org_unit)
    brand_set.specs.set(territory["brand_set"].specs.all())
    user = customer_manager.user
    plan = plans.start_plan(user=user, month=MONTH)
    problem = {
        "line": None,
        "key_point": "brand",
        "title": "铺货率低",
        "report_url": "/analysis/",
        "cause": "",
        "actions": "",
    }
    visit = one_task(customer=territory["customers"]["C001"])
    plans.save_plan(plan=plan, user=user, version=1, content=content(visit, problems=[problem]))
    version = plan.latest_version()
    plans.submit_plan(plan=plan, user=user, version=version.version)
    version.refresh_from_db()
    plans.decide_plan(plan=plan, user=market_manager.user, version=version.version, decision="approved")
    plan.refresh_from_db()
    plans.split_week(plan=plan, user=user, week_start=FIRST_WEEK, days={1: date(2026, 12, 1)})
    version.refresh_from_db()
    plans.save_plan(
        plan=plan, user=user, version=version.version, content=content({**visit, "line": 1}, one_task("会议"))
    )
    team_plan = plans.start_team_plan(user=market_manager.user, month=MONTH)
    plans.save_team_plan(
        plan=team_plan,
        user=market_manager.user,
        version=team_plan.version,
        content=plans.TeamPlanContent(
            customer_points="",
            brand_points="七匹狼",
            market_points="",
            tasks=[
                {
                    "title": "进店",
                    "brand_set": brand_set,
                    "customer_set": None,
                    "starts_on": date(2026, 12, 1),
                    "ends_on": date(2026, 12, 20),
                }
            ],
            weeks={FIRST_WEEK: "推荐"},
            publish=True,
        ),
    )
    plans.comment_team_plan(plan=team_plan, user=leader.user, text="好")
    target = targets.save_sales_target(user=user, month=MONTH, qty=300, amount=Decimal("24000"))
    targets.add_sales_target_line(user=user, target=target, qty=50, amount=Decimal("5000"), brand_set=brand_set)
    targets.create_improvement_target(
        user=user, customer=territory["customers"]["C001"], month=MONTH, metric=Metric.VOLUME, target=Decimal(40)
    )
    targets.create_kpi_target(
        user=market_manager.user,
        unit=customer_manager.org_unit,
        brand_set=brand_set,
        metric="distribution_rate",
        target_rate=Decimal("0.6"),
        starts_on=date(2026, 11, 1),
        due_on=date(2027, 1, 31),
    )
    return plan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "listed"),
    [
        ("/api/v1/plans/monthly", {"month": "2026-12"}, "plans"),
        ("/api/v1/plans/monthly/{id}", {}, "history"),
        ("/api/v1/plans/items", {"from": "2026-11-30", "to": "2026-12-31"}, "items"),
        ("/api/v1/plans/team", {"month": "2026-12"}, "team_plans"),
        ("/api/v1/targets/sales", {"month": "2026-12"}, "rows"),
        ("/api/v1/targets/improvement", {"month": "2026-12"}, "rows"),
        ("/api/v1/targets/kpi", {}, "rows"),
    ],
)
def test_every_plan_and_target_answer_follows_its_schema(
    plans_and_targets, customer_manager, in_process_wsgi, path, query, listed
):
    # given the document, and a full answer for CM1: every list holds at least one row, the nullable fields both
    # filled (the version in force, a day, a line's brand set) and empty (the draft's decision, a task's day)
    _token, key = create_token(user=customer_manager.user, name="script")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)[path]
    path_parameters = {"id": plans_and_targets.pk} if "{id}" in path else None
    case = operation["GET"].Case(query=query, path_parameters=path_parameters)

    # when
    response = case.call(headers={"Authorization": f"Bearer {key}"})

    # then: a full answer that follows the document (validate_response raises otherwise)
    assert response.status_code == 200
    assert response.json()[listed]
    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance])


@pytest.mark.django_db
def test_a_tick_answer_follows_its_schema(plans_and_targets, customer_manager, in_process_wsgi):
    # given CM1's working version 1 and its visit on line 1
    _token, key = create_token(user=customer_manager.user, name="phone")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)["/api/v1/plans/monthly/{id}/tick"]
    case = operation["POST"].Case(
        path_parameters={"id": plans_and_targets.pk}, body={"version": 1, "line": 1, "done": True}
    )

    # when
    response = case.call(headers={"Authorization": f"Bearer {key}"})

    # then
    assert response.status_code == 200
    assert response.json()["is_done"] is True
    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance])
