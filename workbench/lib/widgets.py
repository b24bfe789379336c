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


class PickerSelectMultiple(PlainSelectMultiple):
    """A multiple select for the type-to-filter picker (static/js/picker.js, on Tom Select): options in groups,
    each carrying a search text beside its label, still written in one pass.

    `details` maps an option's value to (its group's label, its search text), e.g. a spec code to (brand, pinyin
    initials). Options are grouped in the order of the choices: consecutive options of one group share an
    <optgroup>. Without JavaScript it is a plain multiple select with the same groups.
    """

    def __init__(self, attrs=None, details: dict | None = None):
        super().__init__({"class": "picker", **(attrs or {})})
        self.details = details or {}

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in (value or [])}
        final_attrs = self.build_attrs(self.attrs, attrs)
        groups: list[tuple[str, list]] = []
        for code, label in self.choices:
            group, search = self.details.get(code, ("", ""))
            if not groups or groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append((code, " selected" if str(code) in selected else "", search, label))
        options = format_html_join(
            "",
            '<optgroup label="{}">{}</optgroup>',
            (
                (
                    group,
                    format_html_join("", '<option value="{}"{} data-search="{}">{}</option>', options),
                )
                for group, options in groups
            ),
        )
        return format_html('<select name="{}" multiple{}>{}</select>', name, flatatt(final_attrs), options)
