"""The demo city's plans (demo/plans.py): deterministic, with late, returned, resubmitted and changed plans."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import translation

from workbench.catalog.models import BrandSet
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.plans import generate_plans
from workbench.planning.models import MonthlyPlan, PlanVersion, TeamPlan
from workbench.planning.queries import team_states
from workbench.reviews.models import ReviewEvent
from workbench.targets.models import KpiTarget

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)


def test_the_tiny_city_has_plans_of_its_last_three_months(tmp_path, admin_user):
    # given the tiny demo, ending on Monday 31 March 2025
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then each market manager has a published team plan per month, and the customer managers their plans
    assert "Plans: 6 team plans, 18 monthly plans of customer managers." in out.getvalue()
    assert TeamPlan.objects.filter(is_published=True).count() == 6
    assert sorted(Counter(MonthlyPlan.objects.values_list("month", flat=True)).items()) == [
        (date(2025, 1, 1), 6),
        (date(2025, 2, 1), 6),
        (date(2025, 3, 1), 6),
    ]
    # with the stories of demo/plans.py: past months approved (some after a return, some changed into a version 2),
    # this month's (its deadline past) approved, waiting for review or still drafts
    assert Counter(PlanVersion.objects.values_list("plan__month", "number", "review_state")) == {
        (date(2025, 1, 1), 1, "approved"): 6,
        (date(2025, 1, 1), 2, "approved"): 1,
        (date(2025, 2, 1), 1, "approved"): 6,
        (date(2025, 2, 1), 2, "approved"): 2,
        (date(2025, 3, 1), 1, "approved"): 2,
        (date(2025, 3, 1), 1, "submitted"): 2,
        (date(2025, 3, 1), 1, "draft"): 2,
    }
    assert Counter(plan_events().values_list("step", flat=True)) == {
        "created": 18,
        "edited": 23,
        "submitted": 21,
        "returned": 2,
        "approved": 17,
        "revised": 3,
    }
    # four plans are late: submitted after their deadline, or March's two drafts
    late = [row.is_late for month in (1, 2, 3) for row in team_states(admin_user, date(2025, month, 1), END)]
    assert sum(late) == 4


def test_the_plans_are_the_same_every_time(tmp_path):
    # given the tiny demo, whose plans are then deleted and written again by the same generator
    def picture():
        return sorted(
            PlanVersion.objects.values_list(
                "plan__owner__code", "plan__month", "number", "review_state", "submitted_at"
            )
        ), sorted(plan_events().values_list("step", "actor__code", "at", "comment"))

    call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=StringIO())
    first = picture()
    plan_events().delete()
    KpiTarget.objects.all().delete()  # the demo's KPI targets (demo/targets.py) are set on the cultivation sets
    MonthlyPlan.objects.update(in_force=None)
    MonthlyPlan.objects.all().delete()
    TeamPlan.objects.all().delete()
    BrandSet.objects.all().delete()

    # when they are generated again
    generate_plans(end=END, seed=DEFAULT_SEED)

    # then they are the same plans with the same histories
    assert picture() == first


def plan_events():
    """The review events of the plans (the sales targets' share the table: demo/targets.py)."""
    return ReviewEvent.objects.filter(content_type=ContentType.objects.get_for_model(PlanVersion))
