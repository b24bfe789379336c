"""PlainSelectMultiple renders what Django's SelectMultiple renders, in one pass."""

from workbench.lib.widgets import PickerSelectMultiple, PlainSelectMultiple


def test_options_are_marked_selected_and_escaped():
    # given a widget with two choices, one of them with markup in its label
    widget = PlainSelectMultiple(attrs={"size": 6}, choices=[("A1", "南京(红)"), ("B2", "<b>x</b> & y")])

    # when it renders with B2 chosen
    html = widget.render("specs", ["B2"], attrs={"id": "id_specs"})

    # then the select carries the attributes, B2 is selected and labels are escaped
    assert html == (
        '<select name="specs" multiple id="id_specs" size="6">'
        '<option value="A1">南京(红)</option>'
        '<option value="B2" selected>&lt;b&gt;x&lt;/b&gt; &amp; y</option>'
        "</select>"
    )


def test_the_picker_groups_options_and_carries_their_search_text():
    # given three specs of two brands, one with markup in its brand
    widget = PickerSelectMultiple(
        attrs={"size": 6, "data-no-results": "没有"},
        details={"A1": ("南京", "A1 njh"), "A2": ("南京", "A2 njxhm"), "B1": ("<中华>", "B1 zhy")},
    )
    widget.choices = [("A1", "南京(红) (A1)"), ("A2", "南京(炫赫门) (A2)"), ("B1", "中华(硬) (B1)")]

    # when it renders with A2 chosen
    html = widget.render("specs", ["A2"], attrs={"id": "id_specs"})

    # then one group per brand, in the choices' order, each option with its search text
    assert html == (
        '<select name="specs" multiple class="picker" data-no-results="没有" id="id_specs" size="6">'
        '<optgroup label="南京">'
        '<option value="A1" data-search="A1 njh">南京(红) (A1)</option>'
        '<option value="A2" selected data-search="A2 njxhm">南京(炫赫门) (A2)</option>'
        "</optgroup>"
        '<optgroup label="&lt;中华&gt;"><option value="B1" data-search="B1 zhy">中华(硬) (B1)</option></optgroup>'
        "</select>"
    )
