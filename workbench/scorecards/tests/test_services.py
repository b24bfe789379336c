"""The scorecard's numbers and writes: the default template, stars, the worked example, validation, the stale guard
and template versions (docs/definitions.md#scorecards)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workbench.lib.stale import StaleEdit
from workbench.scorecards.models import Scorecard, ScorecardItem, ScorecardScore, ScorecardTemplate
from workbench.scorecards.services import (
    ensure_default_template,
    new_template_version,
    save_scorecard,
    stars_for,
    template_items,
)
from workbench.scorecards.tests.conftest import WORKED_EXAMPLE, scores_of

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 1)


def test_the_default_template_is_domain_7_2(template):
    # given the default template
    # then its dimensions carry 20, 45, 10, 10, 10 and 5 points, its items add up to 100
    dimensions = [(d.name, d.points, sum(i.max_points for i in d.items.all())) for d in template.dimensions.all()]
    assert dimensions == [
        ("诚信守法 / 规范经营", 20, 20),
        ("经营能力", 45, 45),
        ("终端形象 / 陈列", 10, 10),
        ("配合度 / 客我互动", 10, 10),
        ("品牌培育配合", 10, 10),
        ("信息化", 5, 5),
    ]
    assert [(item.name, item.max_points) for item in template_items(template)][2:6] == [
        ("月购烟总量", 15),
        ("一类占比", 10),
        ("月进货均价", 15),
        ("经营稳定", 5),
    ]
    assert (template.version, template.is_current, template.maximum()) == (1, True, 100)
    # and asking again writes nothing more
    assert ensure_default_template() == template
    assert ScorecardTemplate.objects.count() == 1


@pytest.mark.parametrize(
    ("total", "maximum", "stars"),
    [
        (100, 100, 5),
        (90, 100, 5),
        (89, 100, 4),
        (80, 100, 4),
        (79, 100, 3),
        (70, 100, 3),
        (69, 100, 2),
        (60, 100, 2),
        (59, 100, 1),
        (0, 100, 1),
        # a template of 50 points: the share of 100 (45 of 50 = 90 %)
        (45, 50, 5),
        (44, 50, 4),
        (30, 50, 2),
        # 80 of 120 is 66.7 %: 2 stars; 84 of 120 is exactly 70 %: 3 stars
        (80, 120, 2),
        (84, 120, 3),
        (0, 0, 1),
    ],
)
def test_stars_are_the_share_of_100_against_the_bands(total, maximum, stars):
    assert stars_for(total, maximum) == stars


def test_stars_follow_the_setting(settings):
    # given bands of 95, 85, 75, 65
    settings.WORKBENCH_SCORECARD_STAR_BANDS = (95, 85, 75, 65)
    # then 90 points are 4 stars, 95 are 5
    assert (stars_for(90, 100), stars_for(95, 100), stars_for(64, 100)) == (4, 5, 1)


def test_the_worked_example_totals_81_points_and_4_stars(template, customer_manager, customers):
    # when CM1 scores C001 for November with the worked example
    card = save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 11, 17),
        scores=scores_of(template, WORKED_EXAMPLE, {"明码标价": " 价签齐全 "}),
        version=None,
    )
    # then the scorecard holds 81 points, 4 stars, on version 1, of the month's first day, scored by him
    card.refresh_from_db()
    assert (card.total, card.stars, card.template_id, card.month, card.scored_by_id, card.version) == (
        81,
        4,
        template.pk,
        NOVEMBER,
        customer_manager.pk,
        1,
    )
    scores = {score.item.name: (score.score, score.comment) for score in card.scores.select_related("item")}
    assert scores["月进货均价"] == (11, "")
    assert scores["明码标价"] == (10, "价签齐全")
    assert len(scores) == 13


def test_a_score_above_the_maximum_is_refused_naming_the_item(template, customer_manager, customers):
    # given 16 points for 月购烟总量 (at most 15) and no score for 信息化's item
    values = {**WORKED_EXAMPLE, "月购烟总量": 16}
    del values["网上订货 / 电子结算"]
    # when saved
    with pytest.raises(ValidationError) as refused:
        save_scorecard(
            user=customer_manager.user,
            customer=customers["c1"],
            month=NOVEMBER,
            scores=scores_of(template, values),
            version=None,
        )
    # then both items are named on their own field, and nothing is written
    items = {item.name: item.pk for item in template_items(template)}
    assert refused.value.message_dict == {
        f"score_{items['月购烟总量']}": ["“月购烟总量”: at most 15 points."],
        f"score_{items['网上订货 / 电子结算']}": ["Score “网上订货 / 电子结算” (0 to 5)."],
    }
    assert (Scorecard.objects.count(), ScorecardScore.objects.count()) == (0, 0)


def test_only_the_customers_own_manager_scores(template, customers, market_manager, admin_staff, colleague):
    # given the market manager, an admin and a colleague of CM1
    for staff in (market_manager, admin_staff, colleague):
        # when each tries to score CM1's customer
        with pytest.raises(PermissionDenied):
            save_scorecard(
                user=staff.user,
                customer=customers["c1"],
                month=NOVEMBER,
                scores=scores_of(template, WORKED_EXAMPLE),
                version=None,
            )
    # then nothing is written
    assert Scorecard.objects.count() == 0


def test_a_stale_save_is_refused_and_writes_nothing(template, customer_manager, customers):
    # given a scorecard saved once (version 1) and again from another tab (version 2)
    def save(values, version):
        return save_scorecard(
            user=customer_manager.user,
            customer=customers["c1"],
            month=NOVEMBER,
            scores=scores_of(template, values),
            version=version,
        )

    save(WORKED_EXAMPLE, None)
    save({**WORKED_EXAMPLE, "经营稳定": 0}, 1)
    # when the first tab saves what it loaded at version 1
    with pytest.raises(StaleEdit):
        save({**WORKED_EXAMPLE, "配合度": 0}, 1)
    # and a tab loaded before the scorecard existed saves too
    with pytest.raises(StaleEdit):
        save(WORKED_EXAMPLE, None)
    # then the second save stands
    card = Scorecard.objects.get()
    assert (card.total, card.version) == (76, 2)
    assert card.scores.get(item__name="配合度").score == 5


def test_a_new_version_leaves_past_scorecards_on_theirs(template, customer_manager, customers):
    # given C001's October scorecard on version 1 (81 points)
    october = save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 10, 1),
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    # when the admin makes version 2 and changes it: 月购烟总量 becomes 20 points, 经营稳定 is removed
    second = new_template_version(template)
    ScorecardItem.objects.filter(dimension__template=second, name="月购烟总量").update(max_points=20)
    ScorecardItem.objects.filter(dimension__template=second, name="经营稳定").delete()
    # then version 2 is current, version 1 is not, and version 1 keeps its items
    template.refresh_from_db()
    assert (second.version, second.is_current, template.is_current) == (2, True, False)
    assert (second.maximum(), template.maximum()) == (100, 100)
    assert [item.name for item in template_items(template)][5] == "经营稳定"
    # and a November scorecard takes version 2
    november = save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=NOVEMBER,
        scores=scores_of(second, {**WORKED_EXAMPLE, "月购烟总量": 18}),
        version=None,
    )
    assert (november.template_id, november.total, november.stars) == (second.pk, 82, 4)
    # and October still shows version 1's 13 items and its 81 points, even when saved again
    october.refresh_from_db()
    assert (october.template_id, october.total, october.scores.count()) == (template.pk, 81, 13)
    again = save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 10, 1),
        scores=scores_of(template, {**WORKED_EXAMPLE, "经营稳定": 4}),
        version=1,
    )
    assert (again.template_id, again.total, again.scores.count()) == (template.pk, 80, 13)


def test_a_month_not_begun_is_not_scored(template, customer_manager, customers, time_machine):
    # given today is 30 November 2026
    time_machine.move_to("2026-11-30 10:00 +08:00", tick=False)
    # when CM1 scores C001 for December
    with pytest.raises(ValidationError) as refused:
        save_scorecard(
            user=customer_manager.user,
            customer=customers["c1"],
            month=date(2026, 12, 1),
            scores=scores_of(template, WORKED_EXAMPLE),
            version=None,
        )
    # then it is refused, and nothing is written; November itself is taken
    assert refused.value.message_dict == {"__all__": ["A month that has not begun cannot be scored yet."]}
    assert Scorecard.objects.count() == 0
    save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=NOVEMBER,
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    assert Scorecard.objects.count() == 1
