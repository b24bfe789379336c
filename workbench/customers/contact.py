"""How a customer manager reaches a shop from its page on his phone: a tap-to-call link and map links.

The platform runs on closed intranets, so no map service is assumed: a `geo:` URI (RFC 5870) opens whatever map
application the phone has, offline maps included, and an installation whose intranet runs a map server sets
WORKBENCH_MAP_URL to a template of its address (settings.py). There is no external default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from string import Formatter
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

# The fields a WORKBENCH_MAP_URL template may name.
MAP_FIELDS = ("lat", "lng", "name", "code")
# What a dialler keeps of a stored number: digits, and a leading + (spaces, dashes and brackets are layout).
NOT_DIALLED = re.compile(r"[^0-9+]")


@dataclass(frozen=True)
class Link:
    """One link of the customer page's header: what it says and where it goes."""

    label: str
    url: str


def tel_url(phone: str) -> str | None:
    """The tel: URI of a stored phone number ("025-8451 2345" → "tel:02584512345"); None when it has no digit."""
    number = NOT_DIALLED.sub("", phone or "")
    number = number[:1] + number[1:].replace("+", "")  # a + counts only in front
    if not any(character.isdigit() for character in number):
        return None
    return f"tel:{number}"


def geo_url(lat: Decimal, lng: Decimal, name: str) -> str:
    """The geo: URI of a point, with the shop's name as its label (the query form Android's map apps read)."""
    point = f"{lat},{lng}"
    return f"geo:{point}?q={point}({quote(name, safe='')})"


def map_url(template: str, lat: Decimal, lng: Decimal, name: str, code: str) -> str:
    """The intranet map's address: the template with {lat}, {lng}, {name} and {code} filled in, URL-quoted.

    A template naming anything else is a mistake of the installation, said as such rather than as a KeyError."""
    unknown = [field for _text, field, _spec, _conv in Formatter().parse(template) if field and field not in MAP_FIELDS]
    if unknown:
        raise ImproperlyConfigured(
            f"WORKBENCH_MAP_URL names {', '.join(unknown)}: it may use only {{lat}}, {{lng}}, {{name}} and {{code}}"
        )
    values = {"lat": lat, "lng": lng, "name": name, "code": code}
    return template.format_map({key: quote(str(value), safe="") for key, value in values.items()})


def contact_links(customer) -> list[Link]:
    """Call, then the map links, of what the customer's record holds (nothing for no phone and no position)."""
    links = []
    if tel := tel_url(customer.phone):
        links.append(Link(_("Call %(phone)s") % {"phone": customer.phone}, tel))
    if customer.lat is not None and customer.lng is not None:
        links.append(Link(_("Open in a map app"), geo_url(customer.lat, customer.lng, customer.name)))
        if template := settings.WORKBENCH_MAP_URL:
            url = map_url(template, customer.lat, customer.lng, customer.name, customer.code)
            links.append(Link(_("Intranet map"), url))
    return links
