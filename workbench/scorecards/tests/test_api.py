"""GET /api/v1/scorecards/: the month's scorecards over the caller's scope, as the list page shows them, and as the
OpenAPI document describes them."""

from datetime import date

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from workbench.api.services import create_token
from workbench.api.tests.conftest import in_process_wsgi  # noqa: F401 (requests straight to the WSGI application)
from workbench.scorecards.services import save_scorecard
from workbench.scorecards.tests.conftest import WORKED_EXAMPLE, scores_of
from workbench.testing import view_matrix

pytestmark = pytest.mark.django_db

URL = "/api/v1/scorecards/"
application = get_wsgi_application()


@pytest.fixture
def november(template, customer_manager, customers):
    """C001 scored in October (76 points) and November (the worked example, 81 points)."""
    for month, values in ((date(2026, 10, 1), {**WORKED_EXAMPLE, "经营稳定": 0}), (date(2026, 11, 1), WORKED_EXAMPLE)):
        card = save_scorecard(
            user=customer_manager.user,
            customer=customers["c1"],
            month=month,
            scores=scores_of(template, values, {"明码标价": "价签齐全"}),
            version=None,
        )
    return card


test_list_access = view_matrix(
    lambda november: f"{URL}?month=2026-11",
    {
        "customer_manager": 200,
        "colleague": 200,
        "market_manager": 200,
        "outsider": 200,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 401,
    },
)
test_scope_outside_access = view_matrix(
    lambda november: f"{URL}?month=2026-11&scope=CM1",
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 401,
    },
)


def bearer(user) -> dict:
    _token, key = create_token(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_month_of_the_callers_customers(settings, client, customer_manager, november, template):
    # when CM1 asks for November
    response = client.get(URL, {"month": "2026-11"}, **bearer(customer_manager.user))
    # then his two customers, C001 with its scorecard (81, 4 stars, last month 76) and C002 not scored
    assert response.status_code == 200
    answer = response.json()
    first = answer["rows"][0]
    scorecard = first.pop("scorecard")
    assert scorecard.pop("updated_at")
    scores = scorecard.pop("scores")
    assert first == {"customer_code": "C001", "customer_name": "玄武食杂店", "manager": "CM1", "last_month_total": 76}
    assert scorecard == {
        "template": "客户记分卡",
        "template_version": 1,
        "total": 81,
        "maximum": 100,
        "stars": 4,
        "version": 1,
        "scored_by": "CM1",
    }
    assert scores[1] == {
        "dimension": "诚信守法 / 规范经营",
        "item": "明码标价",
        "max_points": 10,
        "score": 10,
        "comment": "价签齐全",
    }
    assert len(scores) == 13
    assert answer["rows"][1] == {
        "customer_code": "C002",
        "customer_name": "长江便利店",
        "manager": "CM1",
        "last_month_total": None,
        "scorecard": None,
    }
    assert (answer["month"], answer["scope"], answer["customers"], answer["not_scored"]) == ("2026-11", "CM1", 2, 1)
    assert answer["paging"] == {"page": 1, "page_size": settings.WORKBENCH_API_MAX_PAGE_SIZE, "count": 2, "pages": 1}


def test_a_bad_month_is_a_400_naming_it(client, customer_manager, november):
    response = client.get(URL, {"month": "2026-13"}, **bearer(customer_manager.user))
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "“2026-13” is not a month (use YYYY-MM).", "field": "month"}}


@pytest.mark.usefixtures("in_process_wsgi")
def test_the_answer_follows_the_document(customer_manager, november):
    # given the document and CM1's token
    _token, key = create_token(user=customer_manager.user, name="script")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)[URL]
    case = operation["GET"].Case(query={"month": "2026-11"})
    # when
    response = case.call(headers={"Authorization": f"Bearer {key}", "Accept-Language": "en"})
    # then a full answer (a scorecard and a row without) that the document describes
    assert response.status_code == 200
    assert [row["scorecard"] is None for row in response.json()["rows"]] == [False, True]
    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance])
