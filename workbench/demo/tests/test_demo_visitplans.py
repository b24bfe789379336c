"""The demo city's visit plans (demo/visitplans.py): offices, cycle rules, committed plans that keep every customer
within his cycle, deterministic."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from workbench.accounts.models import OrgKind, OrgUnit
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.visitplans import generate_visit_plans
from workbench.visitplans.models import CycleRule, Office, PlannedVisit, VisitPlan
from workbench.visitplans.month import team_visit_plans

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)


def test_the_tiny_city_has_committed_visit_plans(tmp_path, admin_user):
    # given the tiny demo, ending on Monday 31 March 2025
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then every team has its office, the cycle rules are set, and each customer manager has three committed plans
    teams = OrgUnit.objects.filter(kind=OrgKind.TEAM).count()
    assert f"Visit plans: {teams} team offices, 5 visit cycle rules, 18 committed visit plans." in out.getvalue()
    assert Office.objects.count() == teams
    assert CycleRule.objects.count() == 5
    assert sorted(Counter(VisitPlan.objects.values_list("month", "state")).items()) == [
        ((date(2025, 1, 1), "committed"), 6),
        ((date(2025, 2, 1), "committed"), 6),
        ((date(2025, 3, 1), "committed"), 6),
    ]
    # and in each month every customer in business is visited within his cycle, but those the plan says the cycle
    # gave way for (a visit due on a weekend just after the month before: the proposal places it on the first
    # working day and says so)
    for month in (date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)):
        gave_way = Counter(
            PlannedVisit.objects.filter(plan__month=month, gave_way="cycle")
            .values_list("plan__staff__code", "customer_id")
            .distinct()
            .values_list("plan__staff__code", flat=True)
        )
        for row in team_visit_plans(admin_user, month, END):
            assert row.customers - row.customers_covered == gave_way[row.staff.code], (month, row.staff.code)
    snapshot = sorted(PlannedVisit.objects.values_list("plan__staff__code", "customer__code", "day"))

    committed = sorted(VisitPlan.objects.values_list("staff__code", "month", "committed_at"))

    # when the visit plans are written again with the same seed and end
    VisitPlan.objects.all().delete()
    generate_visit_plans(end=END, seed=DEFAULT_SEED)

    # then the visits are the same
    assert sorted(PlannedVisit.objects.values_list("plan__staff__code", "customer__code", "day")) == snapshot
    assert sorted(VisitPlan.objects.values_list("staff__code", "month", "committed_at")) == committed
