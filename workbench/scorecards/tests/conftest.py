"""What the scorecard tests share: the default template (docs/definitions.md#scorecard-template) and a worked
example of scores."""

import pytest
from django.utils import translation

from workbench.scorecards.services import ItemScore, ensure_default_template, template_items

# The worked example (docs/definitions.md#scorecard): 81 of 100 points, 4 stars.
WORKED_EXAMPLE = {
    "守法经营": 9,
    "明码标价": 10,
    "月购烟总量": 12,
    "一类占比": 6,
    "月进货均价": 11,
    "经营稳定": 5,
    "店面形象": 4,
    "卷烟陈列": 3,
    "配合度": 5,
    "客我互动": 4,
    "目标规格上柜": 3,
    "铺货与重购": 4,
    "网上订货 / 电子结算": 5,
}


@pytest.fixture(autouse=True)
def english(client):
    """Messages in English, in the test and in the pages the test client asks for."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def template(db):
    """The default template, version 1."""
    return ensure_default_template()


def scores_of(template, values: dict[str, int], comments: dict[str, str] | None = None) -> dict[int, ItemScore]:
    """The service's input: a score (and comment) per item, by item name."""
    comments = comments or {}
    return {item.pk: ItemScore(values.get(item.name), comments.get(item.name, "")) for item in template_items(template)}


def form_data(template, values: dict[str, int], version: int | None = None) -> dict[str, str]:
    """The entry form's POST: score_<id> and comment_<id> of every item, and the version it was loaded with."""
    data = {"version": "" if version is None else str(version)}
    for item in template_items(template):
        value = values.get(item.name)
        data[f"score_{item.pk}"] = "" if value is None else str(value)
        data[f"comment_{item.pk}"] = ""
    return data
