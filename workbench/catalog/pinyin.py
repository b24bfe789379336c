"""The pinyin initials of a spec's name (南京(红) → "njh"), stored with the spec for the spec picker's
type-to-filter: a customer manager types "njh" on a phone faster than he switches to Chinese input.

Computed once, when a spec is saved or imported (pypinyin's dictionary takes a moment to load and is not needed
to show a page). Words in Latin letters and numbers are kept whole, in lower case ("Marlboro万宝路" →
"marlborowbl", "长白山(777)" → "cbs777"); brackets, spaces and other signs are left out.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

KEPT = re.compile(r"[a-z0-9]+")


def pinyin_initials(text: str) -> str:
    """The first letter of the pinyin of every Chinese character, and Latin words and numbers whole."""
    # Polyphonic characters take the reading of pypinyin's phrase dictionary (长白山 → c, not z).
    pieces = lazy_pinyin(text or "", style=Style.FIRST_LETTER)
    return "".join(KEPT.findall("".join(pieces).lower()))
