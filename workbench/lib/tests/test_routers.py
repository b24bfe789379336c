"""The read replica: reports read from `report_database()`, everything else stays on the primary.

The tests add a "replica" alias that mirrors "default" (`TEST: {"MIRROR": "default"}`), the way settings.py adds
one when DATABASE_REPLICA_URL is set: in tests both aliases reach the same test database through two separate
connections, so which connection ran a query tells which alias the code asked for.
"""

import copy
from datetime import date
from decimal import Decimal

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from workbench import testing
from workbench.accounts.models import OrgKind, Role
from workbench.customers.models import Customer, CustomerSet
from workbench.lib.routers import REPLICA_ALIAS, PrimaryReplicaRouter, report_database
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS

ROUTER = "workbench.lib.routers.PrimaryReplicaRouter"
ORDER_TABLES = ("orders_orderline", "orders_customermonth", "orders_customerspecmonth")


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A "replica" alias mirroring the test database, for this module's tests only.

    Module-scoped on purpose: the alias must exist before pytest-django opens the test's transaction, which
    checks every alias the `django_db` mark names. `settings.DATABASES` is the dict the connection handler reads,
    so adding the alias there is what settings.py does at start-up.
    """
    databases = connections.settings
    replica = copy.deepcopy(connections["default"].settings_dict)
    replica["TEST"] = {**replica.get("TEST", {}), "MIRROR": "default"}
    databases[REPLICA_ALIAS] = replica
    yield REPLICA_ALIAS
    with django_db_blocker.unblock():
        connections[REPLICA_ALIAS].close()
    del connections[REPLICA_ALIAS]
    del databases[REPLICA_ALIAS]


@pytest.fixture
def without_replica(monkeypatch):
    """The DATABASES of an installation without DATABASE_REPLICA_URL (whatever the environment of the run)."""
    monkeypatch.delitem(connections.settings, REPLICA_ALIAS, raising=False)


def test_report_database_is_the_primary_without_a_replica(without_replica):
    # given: no replica alias (the default installation)
    # when / then
    assert report_database() == "default"


def test_report_database_is_the_replica_when_configured(replica_alias):
    # given: the replica alias of the fixture
    # when / then
    assert report_database() == "replica"


def test_router_sends_writes_to_the_primary_and_leaves_reads_to_the_caller(replica_alias):
    # given
    primary_replica = PrimaryReplicaRouter()

    # when / then: every write goes to the primary; a plain read is not routed (it stays on "default"), only an
    # explicit .using(report_database()) reads from the replica
    assert primary_replica.db_for_write(Customer) == "default"
    assert primary_replica.db_for_write(OrderLine) == "default"
    assert not hasattr(primary_replica, "db_for_read")


def test_router_migrates_only_the_primary(replica_alias, settings):
    # given
    settings.DATABASE_ROUTERS = [ROUTER]

    # when / then: the replica receives its tables by replication, never by `migrate`
    assert router.allow_migrate("default", "orders", model_name="orderline") is True
    assert router.allow_migrate("replica", "orders", model_name="orderline") is False
    assert router.allow_migrate("replica", "customers", model_name="customer") is False


def test_router_allows_relations_between_rows_of_either_alias(replica_alias, settings):
    # given: the same customer read from the replica and from the primary
    settings.DATABASE_ROUTERS = [ROUTER]
    from_replica, from_primary = Customer(pk=1), Customer(pk=1)
    from_replica._state.db, from_primary._state.db = "replica", "default"

    # when / then
    assert router.allow_relation(from_replica, from_primary) is True


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_saving_with_the_replica_configured_writes_to_the_primary(replica_alias, settings):
    # given
    settings.DATABASE_ROUTERS = [ROUTER]
    team = testing.make_org("T1", OrgKind.TEAM)
    manager = testing.make_staff("CM1", Role.CUSTOMER_MANAGER, team)

    # when
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        customer = testing.make_customer("C001", manager)

    # then
    assert customer._state.db == "default"
    assert on_replica.captured_queries == []
    assert Customer.objects.using("default").filter(code="C001").count() == 1


def add_line(customer, spec, day: date, order_qty: int) -> None:
    """One order line of `order_qty` cartons at 100 元."""
    OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=order_qty,
        order_qty=order_qty,
        price=Decimal("100.00"),
        amount=Decimal("100.00") * order_qty,
    )


# Exact totals of the data below for January 1 – February 10, 2026 (None: the report has no order to count here).
EXPECTED_TOTALS = {
    "business-overview": ("qty", 9),
    "supply-demand": ("order_qty", 9),
    "customer-set-sales": ("qty", 7),  # the set holds C001 only: 3 + 4
    "classification-overview": ("customers", 2),
    "classification-sales": ("qty", 9),
    "opportunity-analysis": ("count", 0),
    "distribution-rate": ("customers_ordering", 2),
    "order-frequency": ("order_count", 3),
    "four-rates": ("customers_ordering", 2),
    # 实施's sample-point reports (workbench/implementation): no sample point here, nothing observed.
    "stock-to-sales": ("stock_qty", 0),
    "customer-stockout-rate": ("buyers_before", 0),
    "retail-prices": ("observations", 0),
}


def test_every_report_has_an_expected_total():
    # given / when / then: a report added to the registry is added to the replica test too
    assert set(EXPECTED_TOTALS) == set(REPORTS)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
@pytest.mark.parametrize("name", sorted(EXPECTED_TOTALS))
def test_report_runs_entirely_on_the_replica(replica_alias, settings, name):
    # given: CM1's two customers ordered in January and on February 2nd, and his customer set holds C001 (data
    # committed, so that the replica's own connection sees it)
    settings.DATABASE_ROUTERS = [ROUTER]
    team = testing.make_org("T1", OrgKind.TEAM)
    manager = testing.make_staff("CM1", Role.CUSTOMER_MANAGER, team)
    spec = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼")
    first = testing.make_customer("C001", manager)
    second = testing.make_customer("C002", manager)
    add_line(first, spec, date(2026, 1, 5), 3)
    add_line(second, spec, date(2026, 1, 12), 2)
    add_line(first, spec, date(2026, 2, 2), 4)
    rebuild_all_summaries()
    customer_set = CustomerSet.objects.create(owner=manager, name="重点户")
    customer_set.members.set([first])
    report = REPORTS[name]
    # January is read from the monthly summaries, the partial February from the order lines. Parameters a report
    # does not take are ignored; only customer-set-sales is narrowed to the set.
    data = {"from": "2026-01-01", "to": "2026-02-10", "specs": "6901"}
    if name == "customer-set-sales":
        data["customer_set"] = str(customer_set.pk)
    params = parse_params(manager.user, report, data, today=date(2026, 2, 20))

    # when
    with (
        CaptureQueriesContext(connections["default"]) as on_default,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        result = report.run(params)

    # then: the report read nothing from the primary, and the order tables (where it has some) from the replica
    assert [query["sql"] for query in on_default.captured_queries] == []
    assert len(on_replica.captured_queries) >= 1
    if name not in ("classification-overview", "opportunity-analysis", "stock-to-sales", "retail-prices"):
        order_reads = [query for query in on_replica.captured_queries if any(t in query["sql"] for t in ORDER_TABLES)]
        assert len(order_reads) >= 1
    # and the numbers are the ones written on the primary
    key, value = EXPECTED_TOTALS[name]
    assert result.total[key] == value
