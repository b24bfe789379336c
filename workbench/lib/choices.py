"""Enumerations that imports accept by code, English word or Chinese word (data-contract.md)."""

from django.db import models


def word_lookup(choices: type[models.Choices], words: dict) -> dict[str, object]:
    """Map every accepted spelling (code, English word, Chinese word; case-insensitive) to the stored value.

    `words` maps each value to its (English word, Chinese word) pair. The Chinese word is fixed here, not
    translated, because files from the ordering system use it whatever language the user reads.
    """
    lookup: dict[str, object] = {}
    for value in choices.values:
        lookup[str(value).lower()] = value
        for word in words.get(value, ()):
            lookup[word.lower()] = value
    return lookup
