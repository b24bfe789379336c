"""Form widgets the platform needs beyond Django's."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelectMultiple(forms.SelectMultiple):
    """A multiple select whose options are written in one pass.

    Django renders every <option> through a template of its own; for the specs of a city that was a large share of
    a report page's time under load (docs/performance.md#spec-picker). Option groups are not supported.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in (value or [])}
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((code, " selected" if str(code) in selected else "", label) for code, label in self.choices),
        )
        return format_html('<select name="{}" multiple{}>{}</select>', name, flatatt(final_attrs), options)
