"""bit_or and bit_count for SQLite, which has neither: a customer's month ORs the day masks of his specs.

With them, the summaries and the reports run the same SQL on SQLite as on PostgreSQL (where `bit_count` takes a
bit string: `CAST(x AS bit(64))` is a no-op cast on SQLite). Installed on every new SQLite connection.
"""

from __future__ import annotations


class BitOr:
    """The bitwise OR of the non-null values; NULL when there are none (as PostgreSQL's bit_or)."""

    def __init__(self):
        self.mask = None

    def step(self, value) -> None:
        if value is not None:
            self.mask = value if self.mask is None else self.mask | value

    def finalize(self):
        return self.mask


def bit_count(value) -> int | None:
    return None if value is None else int(value).bit_count()


def install_functions(sender, connection, **kwargs) -> None:
    """connection_created receiver."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("bit_or", 1, BitOr)
        connection.connection.create_function("bit_count", 1, bit_count, deterministic=True)
