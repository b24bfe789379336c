"""The visit cycle of a customer: override, customers.csv, rules, setting (docs/definitions.md#visit-cycle)."""

from workbench import testing
from workbench.customers.models import Customer
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import CUSTOMER_HEADER, ORG, STAFF, imported, write_csv
from workbench.imports.tests.test_customers import customer_row
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.models import CustomerCycle, CycleRule


def test_the_cycle_is_the_override_then_the_csv_then_the_shorter_rule_then_the_setting(customer_manager, settings):
    # given rules for 业态 Z (10 days) and for grades 1–10 (12 days), and a default of 14
    settings.WORKBENCH_VISIT_CYCLE_DAYS = 14
    CycleRule.objects.create(format="Z", days=10)
    CycleRule.objects.create(grade_min=1, grade_max=10, days=12)
    overridden = testing.make_customer("C1", customer_manager, visit_cycle_days=5)
    CustomerCycle.objects.create(customer=overridden, days=3)
    imported = testing.make_customer("C2", customer_manager, visit_cycle_days=5)
    both_rules = testing.make_customer("C3", customer_manager, format="Z", grade=8)
    band_only = testing.make_customer("C4", customer_manager, format="B", grade=8)
    no_rule = testing.make_customer("C5", customer_manager, format="B", grade=20)
    ids = [overridden.pk, imported.pk, both_rules.pk, band_only.pk, no_rule.pk]
    # when
    cycles = cycle_days(ids)
    # then
    assert [cycles[pk] for pk in ids] == [3, 5, 10, 12, 14]


def test_no_customers_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert cycle_days([]) == {}


def test_customers_csv_brings_the_visit_cycle_all_or_nothing(db, tmp_path):
    # given org and staff, and a customers file whose third row has a cycle of 93 days
    imported("org", write_csv(tmp_path / "org.csv", ORG))
    imported("staff", write_csv(tmp_path / "staff.csv", STAFF))
    header = [*CUSTOMER_HEADER, "visit_cycle_days"]
    good = [*customer_row("C001"), "7"]
    rows = [header, good, [*customer_row("C002"), ""], [*customer_row("C003"), "93"], [*customer_row("C004"), "0"]]
    # when
    report = import_file("customers", write_csv(tmp_path / "bad.csv", rows))
    # then each bad row is named with its field, and nothing is written
    assert report.sorted_errors() == [
        RowError(4, "visit_cycle_days", "93", "The visit cycle must be between 1 and 92 days."),
        RowError(5, "visit_cycle_days", "0", "The visit cycle must be between 1 and 92 days."),
    ]
    assert Customer.objects.count() == 0
    # when the good rows alone are imported
    imported("customers", write_csv(tmp_path / "good.csv", rows[:3]))
    # then the column is read, and an empty cell leaves the rules to decide
    assert dict(Customer.objects.values_list("code", "visit_cycle_days")) == {"C001": 7, "C002": None}
    assert sorted(cycle_days(Customer.objects.values_list("pk", flat=True)).values()) == [7, 14]
