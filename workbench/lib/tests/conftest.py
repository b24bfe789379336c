import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages in English, the source language the tests compare with."""
    with translation.override("en"):
        yield
