"""The visit cycle of a customer: override, customers.csv, rules, setting (docs/definitions.md#visit-cycle)."""

from workbench import testing
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
