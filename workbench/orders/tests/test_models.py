"""The monthly summaries name themselves by ids, so that printing one costs no query."""

from datetime import date

from workbench.orders.models import CustomerMonth, CustomerSpecMonth


def test_summary_rows_are_named_by_their_key_without_a_query():
    # given two summary rows, not saved (the test has no database: a query would fail it)
    per_spec = CustomerSpecMonth(customer_id=7, spec_id=12, month=date(2025, 3, 1))
    per_customer = CustomerMonth(customer_id=7, month=date(2025, 3, 1))

    # when / then
    assert str(per_spec) == "customer 7 × spec 12 × 2025-03"
    assert str(per_customer) == "customer 7 × 2025-03"
