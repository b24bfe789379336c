"""offer_objects and offer_choices: what one form instance's choice fields offer, set on that instance only."""

import pytest
from django import forms

from workbench.accounts.models import OrgUnit
from workbench.lib.forms import offer_choices, offer_objects
from workbench.testing import make_org


class PickForm(forms.Form):
    """A unit, some colours and a plain text, as a form declares them before knowing its user."""

    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none())
    colours = forms.MultipleChoiceField(choices=())
    note = forms.CharField()


def offered(field: forms.Field) -> list[str]:
    """The codes of the units a model choice field offers."""
    assert isinstance(field, forms.ModelChoiceField)
    assert field.queryset is not None
    return [unit.code for unit in field.queryset]


def test_an_instance_offers_what_it_was_given_and_the_class_is_untouched(db):
    # given two units and two forms
    make_org("NJ")
    make_org("D1")
    form, other = PickForm(), PickForm()

    # when the first form is told what to offer
    unit = offer_objects(form, "unit", OrgUnit.objects.filter(code="D1"))
    colours = offer_choices(form, "colours", [("red", "Red"), ("blue", "Blue")])

    # then it offers exactly that, on its own fields; the other form and the class declaration offer nothing
    assert (unit, colours) == (form.fields["unit"], form.fields["colours"])
    assert offered(unit) == ["D1"]
    assert colours.choices == [("red", "Red"), ("blue", "Blue")]
    assert offered(other.fields["unit"]) == []
    assert offered(PickForm.base_fields["unit"]) == []
    other_colours = other.fields["colours"]
    assert isinstance(other_colours, forms.ChoiceField)
    assert other_colours.choices == []


def test_a_field_of_another_kind_is_refused():
    # given / when / then
    with pytest.raises(TypeError, match="PickForm.note is a CharField, not a model choice field"):
        offer_objects(PickForm(), "note", OrgUnit.objects.none())
    with pytest.raises(TypeError, match="PickForm.note is a CharField, not a choice field"):
        offer_choices(PickForm(), "note", [])
