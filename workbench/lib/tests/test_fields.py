"""model_field: a model's field by name, checked to be the kind the caller relies on."""

import pytest
from django.db import models
from django.utils import translation

from workbench.customers.models import Customer
from workbench.lib.fields import model_field
from workbench.orders.models import OrderLine


def test_a_field_of_the_kind_asked_for_is_returned():
    # given / when
    order_no = model_field(OrderLine, "order_no", models.CharField)
    amount = model_field(OrderLine, "amount", models.DecimalField)

    # then: the model's own field objects, with what the callers read of them
    assert order_no.max_length == 32
    assert (amount.max_digits, amount.decimal_places) == (12, 2)
    with translation.override("en"):
        assert str(model_field(Customer, "code", models.Field).verbose_name) == "customer code"


def test_a_field_of_another_kind_or_a_reverse_relation_is_refused():
    # given / when / then
    with pytest.raises(TypeError, match="OrderLine.order_no is a CharField, not a DecimalField"):
        model_field(OrderLine, "order_no", models.DecimalField)
    with pytest.raises(TypeError, match="Customer.grade_changes is a ManyToOneRel, not a Field"):
        model_field(Customer, "grade_changes", models.Field)
