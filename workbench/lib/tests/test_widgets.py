"""PlainSelectMultiple renders what Django's SelectMultiple renders, in one pass."""

from workbench.lib.widgets import PlainSelectMultiple


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
