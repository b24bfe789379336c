"""Reading the common parameters: clear messages, the parameter at fault, 400 for bad input, 404 for out of scope."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from workbench.analysis.tests.conftest import TODAY
from workbench.catalog.models import BrandSet
from workbench.customers.models import CustomerSet
from workbench.reporting.params import ReportError, parse_params
from workbench.reporting.registry import REPORTS

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


def parse(name, staff, **data):
    return parse_params(staff.user, REPORTS[name], data, today=TODAY)


def error_of(name, user, **data) -> ReportError:
    with pytest.raises(ReportError) as error:
        parse_params(user, REPORTS[name], data, today=TODAY)
    return error.value


def test_defaults_to_the_users_own_scope(territory, customer_manager):
    # given / when
    params = parse("distribution-rate", customer_manager, specs="6902,6901,6901", **JANUARY)

    # then: specs in code order, once each
    assert params.as_json() == {
        "scope": "CM1",
        "from": "2026-01-01",
        "to": "2026-01-31",
        "specs": ["6901", "6902"],
    }
    assert sorted(params.customers().values_list("code", flat=True)) == [
        "C001",
        "C002",
        "C005",
        "C006",
        "C007",
        "C008",
    ]


def test_a_brand_set_gives_its_specs(territory, customer_manager):
    # given
    brand_set = territory["brand_set"]

    # when
    params = parse("four-rates", customer_manager, brand_set=str(brand_set.pk), **JANUARY)

    # then
    assert params.as_json() == {
        "scope": "CM1",
        "from": "2026-01-01",
        "to": "2026-01-31",
        "specs": ["6901", "6902"],
        "brand_set": brand_set.pk,
    }


def test_a_period_preset_is_seen_from_today(territory, customer_manager):
    # given / when
    params = parse("business-overview", customer_manager, period="last_3_months")

    # then: today is 20 May 2026
    assert (params.as_json()["from"], params.as_json()["to"]) == ("2026-02-01", "2026-04-30")


def test_report_options_default_and_echo(territory, customer_manager):
    # given / when
    params = parse("classification-sales", customer_manager, **JANUARY)

    # then
    assert params.option("by") == "format"
    assert params.as_json()["by"] == "format"


def test_a_customer_set_narrows_the_scope_to_what_the_user_sees(territory, customer_manager):
    # given: a set with one of CM1's customers and one of CM3's
    customers = territory["customers"]
    customer_set = CustomerSet.objects.create(owner=customer_manager, name="set")
    customer_set.members.set([customers["C001"], customers["C004"]])

    # when
    params = parse("supply-demand", customer_manager, customer_set=str(customer_set.pk), **JANUARY)

    # then
    assert list(params.customers().values_list("code", flat=True)) == ["C001"]


def test_target_is_read_as_a_fraction(territory, customer_manager):
    # given / when
    params = parse("distribution-rate", customer_manager, specs="6901", target="60%", **JANUARY)

    # then
    assert params.target == Decimal("0.6")
    assert params.as_json()["target"] == 0.6
    assert params.as_query()["target"] == "60%"


@pytest.mark.parametrize(
    ("name", "data", "field", "message"),
    [
        ("distribution-rate", JANUARY, "specs", "Choose one or more specs, or a brand set."),
        (
            "four-rates",
            {**JANUARY, "specs": "6901", "brand_set": "1"},
            "specs",
            "Give either specs or a brand set, not both.",
        ),
        ("customer-set-sales", JANUARY, "customer_set", "Choose a customer set."),
        (
            "business-overview",
            {"from": "2026-02-01", "to": "2026-01-31"},
            "from",
            "The start date is after the end date.",
        ),
        ("business-overview", {"from": "2026-01-01"}, "to", "Give the end date (to)."),
        (
            "business-overview",
            {"from": "1 January", "to": "2026-01-31"},
            "from",
            "“1 January” is not a date (use YYYY-MM-DD).",
        ),
        ("business-overview", {"period": "someday"}, "period", "Unknown period “someday”."),
        (
            "classification-sales",
            {**JANUARY, "by": "colour"},
            "by",
            "“colour” is not a valid choice for by (choose from format, class_code, grade, market_type).",
        ),
        (
            "distribution-rate",
            {**JANUARY, "specs": "6901", "target": "lots"},
            "target",
            "The target must be a positive percentage, such as 60%.",
        ),
        (
            "distribution-rate",
            {**JANUARY, "specs": "6901", "target": "150%"},
            "target",
            "The target cannot exceed 100%.",
        ),
        ("distribution-rate", {**JANUARY, "brand_set": "seven"}, "brand_set", "“seven” is not a valid brand set id."),
        ("customer-set-sales", {**JANUARY, "customer_set": "x"}, "customer_set", "“x” is not a valid customer set id."),
        (
            "business-overview",
            {**JANUARY, "scope": "CM\x001"},
            "scope",
            "“scope” holds a character that is not allowed.",
        ),
    ],
)
def test_bad_parameters_are_400_with_the_field(territory, customer_manager, name, data, field, message):
    # given / when
    error = error_of(name, customer_manager.user, **data)

    # then
    assert (error.status, error.field, str(error.message)) == (400, field, message)


def test_an_unknown_spec_is_404(territory, customer_manager):
    # given / when
    error = error_of("distribution-rate", customer_manager.user, specs="6901,9999,8888", **JANUARY)

    # then
    assert (error.status, error.field, str(error.message)) == (404, "specs", "Unknown spec code: 8888, 9999.")


def test_someone_elses_private_brand_set_is_404(territory, customer_manager, outsider):
    # given
    private = BrandSet.objects.create(owner=outsider, name="mine")
    private.specs.set([territory["specs"]["6901"]])

    # when
    error = error_of("distribution-rate", customer_manager.user, brand_set=str(private.pk), **JANUARY)

    # then
    assert (error.status, error.field) == (404, "brand_set")
    assert str(error.message) == f"Unknown brand set {private.pk}, or not shared with you."


def test_someone_elses_private_customer_set_is_404(territory, customer_manager, outsider):
    # given
    private = CustomerSet.objects.create(owner=outsider, name="mine")

    # when
    error = error_of("customer-set-sales", customer_manager.user, customer_set=str(private.pk), **JANUARY)

    # then
    assert (error.status, error.field) == (404, "customer_set")


def test_an_empty_brand_set_is_400(territory, customer_manager):
    # given
    empty = BrandSet.objects.create(owner=customer_manager, name="空")

    # when
    error = error_of("distribution-rate", customer_manager.user, brand_set=str(empty.pk), **JANUARY)

    # then
    assert (error.status, error.field, str(error.message)) == (400, "brand_set", "The brand set “空” has no specs.")


def test_a_login_without_staff_has_no_scope(territory):
    # given
    user = get_user_model().objects.create_user(username="nobody", password="x")

    # when
    error = error_of("business-overview", user, **JANUARY)

    # then
    assert (error.status, error.field) == (403, "scope")


def test_a_superuser_without_staff_sees_everything(territory):
    # given
    user = get_user_model().objects.create_superuser(username="root", password="x")

    # when
    params = parse_params(user, REPORTS["business-overview"], JANUARY, today=TODAY)

    # then
    assert params.scope.code is None
    assert params.customers().count() == 8


def test_parameters_a_report_does_not_take_are_ignored(territory, customer_manager):
    # given / when
    params = parse("classification-overview", customer_manager, specs="9999", target="x", **JANUARY)

    # then
    assert params.specs is None
    assert params.as_json() == {"scope": "CM1", "from": "2026-01-01", "to": "2026-01-31", "by": "class_code"}
