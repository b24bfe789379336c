"""The demo city's sample points (demo/samples.py): five per customer manager, observed in their visits in person,
the specs each ordered in the 4 weeks before; deterministic from the seed."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import translation

from workbench.customers.models import Customer
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.samples import SAMPLE_POINTS, generate_demo_samples
from workbench.orders.models import OrderLine
from workbench.visits.models import SampleObservation, Visit, VisitMode
from workbench.visits.observations import window_before

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)


def snapshot() -> list[tuple]:
    return sorted(
        SampleObservation.objects.values_list(
            "visit__client_id", "spec__code", "stock_qty", "retail_price", "stockout_days"
        )
    )


def test_the_tiny_city_gets_five_sample_points_per_customer_manager_and_their_observations(tmp_path):
    # given the tiny demo (three months of visits)
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then five sample points per customer manager
    per_manager = Counter(Customer.objects.filter(is_sample_point=True).values_list("manager__code", flat=True))
    assert set(per_manager.values()) == {SAMPLE_POINTS}
    found = SampleObservation.objects.all()
    # (the same every time from the demo's seed: the six customer managers' 30 shops, visited in person 209 times)
    assert "Sample points: 30, 2,792 observations in 209 visits." in out.getvalue()
    assert found.count() == 2792

    # and only the visits in person to sample points observe, with their customer and day
    assert set(found.values_list("visit__mode", flat=True)) == {VisitMode.FIELD}
    assert not found.exclude(customer__is_sample_point=True).exists()
    for observation in found.select_related("visit")[:200]:
        assert (observation.customer_id, observation.visited_on) == (
            observation.visit.customer_id,
            observation.visit.visited_on,
        )
        # each spec observed was ordered in the 4 weeks before the visit
        window = window_before(observation.visited_on)
        ordered = OrderLine.objects.filter(
            customer_id=observation.customer_id,
            spec_id=observation.spec_id,
            order_date__gte=window.start,
            order_date__lte=window.end,
        ).aggregate(qty=Sum("order_qty"))["qty"]
        assert ordered > 0
    assert {days for days in found.values_list("stockout_days", flat=True)} <= set(range(8))
    assert found.filter(stockout_days__gt=0, stock_qty=0).exists()
    assert found.filter(retail_price__isnull=True).exists()

    # and observing again adds nothing; the same seed on the same visits gives the same observations
    before = snapshot()
    assert generate_demo_samples(seed=DEFAULT_SEED)["observations"] == 0
    SampleObservation.objects.all().delete()
    generate_demo_samples(seed=DEFAULT_SEED)
    assert snapshot() == before
    assert Visit.objects.filter(customer__is_sample_point=True, mode=VisitMode.FIELD).count() >= len(
        {row[0] for row in before}
    )
