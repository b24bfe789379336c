"""Fixtures the visit tests share."""

import pytest

from workbench import testing
from workbench.visits.models import VisitMode
from workbench.visits.tests.builders import committed_plan, make_visit
from workbench.visits.tests.test_day import DAY, MONTH


@pytest.fixture
def day_of_three(customer_manager, customers):
    """CM1's committed December plan: on DAY, C001 (at 0°, 2°), C002 (0°, 1°) and C005 (0°, 4°); no office, so the
    route starts at the first with coordinates. C001's planned visit is ticked by a field visit 09:00–09:20; an
    unplanned field visit to C006 11:00–11:45 and a phone visit to C002 not ticking anything 10:00–10:10."""
    c1, c2 = customers["c1"], customers["c2"]
    c1.lat, c1.lng = 0, 2
    c1.save()
    c2.lat, c2.lng = 0, 1
    c2.save()
    c5 = testing.make_customer("C005", customer_manager, lat=0, lng=4)
    c6 = testing.make_customer("C006", customer_manager)
    planned = committed_plan(customer_manager, MONTH, [(c1, DAY), (c2, DAY), (c5, DAY)])
    ticked = make_visit(customer_manager, c1, DAY, "09:00", "09:20", planned=planned["C001"])
    by_phone = make_visit(customer_manager, c2, DAY, "10:00", "10:10", mode=VisitMode.PHONE)
    unplanned = make_visit(customer_manager, c6, DAY, "11:00", "11:45")
    return {"planned": planned, "ticked": ticked, "by_phone": by_phone, "unplanned": unplanned}
