"""Paging and sorting for list screens.

Links keep every other query parameter (the filters) with Django's `{% querystring %}` tag, so a list template
only writes `{% querystring page=n %}` or `{% querystring sort=header.next_sort page=None %}`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int | None = None) -> Page:
    """The page `?page=` asks for (settings.PAGE_SIZE rows); a missing, invalid or too large number gives the
    nearest valid page rather than an error, because these numbers come from links users edit and bookmark."""
    return Paginator(items, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class SortHeader:
    """One column header of a sortable table."""

    label: str
    key: str  # the `?sort=` value, or "" for a column that does not sort
    direction: str  # "ascending", "descending" or "" (also the value of the aria-sort attribute)

    @property
    def next_sort(self) -> str:
        """The `?sort=` value a click on this header asks for: ascending first, then it toggles."""
        return f"-{self.key}" if self.direction == "ascending" else self.key


def sort_order(requested: str | None, sorts: dict[str, tuple[str, ...]], default: str) -> tuple[str, list[str]]:
    """The valid sort key (`name` or `-name`) for a request, and the ORDER BY fields it stands for.

    `sorts` maps each key to its model fields; an unknown key falls back to `default` silently, as it can only come
    from an edited link.
    """
    key = requested if requested and requested.lstrip("-") in sorts else default
    descending = key.startswith("-")
    fields = [f"-{field}" if descending else field for field in sorts[key.lstrip("-")]]
    return key, fields


def sort_headers(columns: list[tuple[str, str]], current: str) -> list[SortHeader]:
    """Headers for (label, sort key or "") columns, marking the one the list is sorted by."""
    headers = []
    for label, key in columns:
        if key and current == key:
            direction = "ascending"
        elif key and current == f"-{key}":
            direction = "descending"
        else:
            direction = ""
        headers.append(SortHeader(label=label, key=key, direction=direction))
    return headers
