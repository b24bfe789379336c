"""Fixtures of the API tests: the hand-built territory of the analysis tests, English messages."""

import pytest
from django.utils import translation

from workbench.analysis.tests.data import build_territory


@pytest.fixture(autouse=True)
def english():
    """Messages in English, the source language the tests compare with."""
    with translation.override("en"):
        yield


@pytest.fixture
def territory(customer_manager, colleague, outsider):
    """CM1's six customers, CM2's and CM3's one each, three specs, a brand set and their order lines."""
    return build_territory(customer_manager, colleague, outsider)
