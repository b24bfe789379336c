"""品牌集 (brand sets): finding specs by brand, 价类, manufacturer, 省内/省外 or launch date (the services that write
the sets are in catalog.services).

A brand set stores the specs it was given, not the criteria: a report for "the specs I promoted this quarter"
must not change when a new spec of the same brand arrives.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from workbench.catalog.models import Spec
from workbench.lib.periods import add_months, last_of_month


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when that month is shorter)."""
    month = add_months(day, -months)
    return month.replace(day=min(day.day, last_of_month(month).day))


def specs_matching(
    *,
    brands: Iterable = (),
    price_classes: Iterable[int] = (),
    manufacturers: Iterable[str] = (),
    is_in_province: bool | None = None,
    launched_within_months: int | None = None,
    only_on_sale: bool = True,
    today: date | None = None,
) -> QuerySet:
    """Specs that meet every given criterion (brands are Brand objects or ids; an empty criterion does not narrow).

    "Launched within N months" (新品) means launched on or after the same day N months before `today` and not
    after `today`; specs without a launch date are not new.
    """
    specs = Spec.objects.all()
    brands, price_classes, manufacturers = list(brands), list(price_classes), list(manufacturers)
    if brands:
        specs = specs.filter(brand__in=brands)
    if price_classes:
        specs = specs.filter(price_class__in=price_classes)
    if manufacturers:
        specs = specs.filter(manufacturer__in=manufacturers)
    if is_in_province is not None:
        specs = specs.filter(is_in_province=is_in_province)
    if launched_within_months is not None:
        today = today or timezone.localdate()
        specs = specs.filter(launched_on__gte=months_before(today, launched_within_months), launched_on__lte=today)
    if only_on_sale:
        specs = specs.filter(is_on_sale=True)
    return specs.order_by("code")
