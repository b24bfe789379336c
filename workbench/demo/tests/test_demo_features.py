"""The demo city's market information (demo/features.py): features for about 60 % of the customers with their
history, about three opportunities per customer manager per month at every status, deterministic."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from workbench.customers.models import Customer
from workbench.demo.features import generate_features
from workbench.demo.generator import DEFAULT_SEED
from workbench.features.models import MarketFeature
from workbench.visits.models import MarketOpportunity

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)


def snapshot() -> tuple:
    features = list(
        MarketFeature.objects.order_by("customer__code", "version").values_list(
            "customer__code", "version", "valid_from", "rim_type", "competitors", "price_class"
        )
    )
    opportunities = list(
        MarketOpportunity.objects.order_by("staff__code", "found_on", "description").values_list(
            "staff__code", "found_on", "type", "status", "closed_on", "result"
        )
    )
    return features, opportunities


def test_the_tiny_city_has_market_features_and_opportunities(tmp_path, admin_user):
    # given the tiny demo, ending on Monday 31 March 2025
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then about 60 % of the customers in business have features, most with a change or two
    in_business = Customer.objects.filter(closed_on__isnull=True).count()
    with_features = MarketFeature.objects.values("customer").distinct().count()
    assert 0.5 < with_features / in_business < 0.7
    versions = Counter(MarketFeature.objects.current().values_list("version", flat=True))
    assert set(versions) == {1, 2, 3}
    assert versions[1] < versions[2] + versions[3]
    # and every customer's history is entered by his manager, its dates rising with the versions
    for feature in MarketFeature.objects.select_related("customer"):
        assert feature.entered_by_id == feature.customer.manager_id
    rows = list(MarketFeature.objects.order_by("customer", "version").values_list("customer", "valid_from"))
    assert all(a[1] < b[1] for a, b in zip(rows, rows[1:], strict=False) if a[0] == b[0])
    # and opportunities of the last three months, about three per manager and month, at every status
    opportunities = MarketOpportunity.objects.all()
    months = Counter((item.staff_id, item.found_on.replace(day=1)) for item in opportunities)
    assert {month for _staff, month in months} == {date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)}
    assert 2 <= sum(months.values()) / len(months) <= 4
    assert set(opportunities.values_list("status", flat=True)) == {"pending", "following", "converted", "dropped"}
    # and the closed ones have their date and result, the open ones none
    for item in opportunities:
        item.full_clean()
        assert bool(item.result) == (item.status in ("converted", "dropped"))
    assert f"Market information: {MarketFeature.objects.count():,} market features" in out.getvalue()

    # when generated again with the same seed, the same rows
    before = snapshot()
    generate_features(end=END, seed=DEFAULT_SEED)
    assert snapshot() == before
