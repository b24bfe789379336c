"""The demo city's scorecards (demo/scorecards.py): about 30 % of the customers scored in each of the two whole
months before the end, on the default template, their totals and stars those of the services, deterministic."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import translation

from workbench.customers.models import Customer
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.scorecards import generate_scorecards
from workbench.scorecards.models import Scorecard, ScorecardScore
from workbench.scorecards.services import stars_for

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)
SCORE_ROW = ("scorecard__customer__code", "scorecard__month", "item__name", "score")


def test_the_tiny_city_has_two_months_of_scorecards(tmp_path):
    # given the tiny demo, ending on 31 March 2025
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then the same customers are scored in January and February, about 30 % of them, by their own manager
    customers = Customer.objects.count()
    by_month = Counter(Scorecard.objects.values_list("month", flat=True))
    scored = by_month[date(2025, 1, 1)]
    assert sorted(by_month) == [date(2025, 1, 1), date(2025, 2, 1)]
    assert by_month[date(2025, 2, 1)] == scored
    assert 0.25 < scored / customers < 0.35
    assert f"Scorecards: {2 * scored:,} of {scored:,} customers." in out.getvalue()
    assert not Scorecard.objects.exclude(scored_by=F("customer__manager")).exists()
    # and each total is the sum of its 13 scores, with the stars of that total, over all five star levels
    for card in Scorecard.objects.annotate(summed=Sum("scores__score")):
        assert (card.summed, card.stars) == (card.total, stars_for(card.total, 100))
    assert ScorecardScore.objects.count() == 13 * 2 * scored
    assert set(Scorecard.objects.values_list("stars", flat=True)) == {1, 2, 3, 4, 5}
    snapshot = sorted(ScorecardScore.objects.values_list(*SCORE_ROW))

    # when written again with the same seed and end
    generate_scorecards(end=END, seed=DEFAULT_SEED)

    # then the scores are the same
    assert sorted(ScorecardScore.objects.values_list(*SCORE_ROW)) == snapshot
