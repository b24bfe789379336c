"""Reads of the scorecards: the month's list over a scope (the page, its Excel copy and the API read the same rows)
and what the entry page shows beside each item (docs/definitions.md#scorecard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from workbench.customers.models import Customer
from workbench.lib.periods import EARLIEST, LATEST, add_months, first_of_month, last_of_month
from workbench.scorecards.models import Scorecard, ScorecardScore


def parse_month(text: str | None) -> date | None:
    """A YYYY-MM month as its first day (1900 to 2999), None when it is not one."""
    text = (text or "").strip()
    if len(text) != 7:
        return None
    try:
        value = date.fromisoformat(f"{text}-01")
    except ValueError:
        return None
    return value if EARLIEST <= value <= LATEST else None


def customers_of_month(customers, month: date):
    """The scope's customers in business during the month, in code order (the list's rows)."""
    return customers.in_business(month, last_of_month(month)).order_by("code")


@dataclass(frozen=True)
class ScorecardRow:
    """One customer of the month's list: his scorecard of the month (None: not yet scored) and last month's total."""

    customer: Customer
    scorecard: Scorecard | None
    last_total: int | None


def scorecards_by_customer(user, customer_ids: list[int], month: date) -> dict[int, Scorecard]:
    """The month's scorecards the user sees of these customers, each with its template and its maximum."""
    cards = (
        Scorecard.objects.restrict(user)
        .filter(customer_id__in=customer_ids, month=month)
        .select_related("template", "scored_by")
        .annotate(maximum=Sum("template__dimensions__items__max_points"))
    )
    return {card.customer_id: card for card in cards}


def month_rows(user, customers: list[Customer], month: date) -> list[ScorecardRow]:
    """The rows of these customers (one page of the list): the month's scorecard and last month's total (2 queries)."""
    ids = [customer.pk for customer in customers]
    cards = scorecards_by_customer(user, ids, month)
    last = dict(
        Scorecard.objects.restrict(user)
        .filter(customer_id__in=ids, month=add_months(month, -1))
        .values_list("customer_id", "total")
    )
    return [ScorecardRow(customer, cards.get(customer.pk), last.get(customer.pk)) for customer in customers]


def not_scored_count(user, customers, month: date) -> int:
    """How many of the month's customers of the scope have no scorecard of the month."""
    scoped = customers_of_month(customers, month)
    scored = Scorecard.objects.restrict(user).filter(month=month, customer__in=scoped).count()
    return scoped.count() - scored


def last_month_scores(customer: Customer, month: date) -> dict[tuple[str, str], int]:
    """Last month's score of each item of the customer's scorecard, by (dimension name, item name): a later template
    version may have renamed or added items, which then have none."""
    rows = ScorecardScore.objects.filter(
        scorecard__customer=customer, scorecard__month=add_months(first_of_month(month), -1)
    ).values_list("item__dimension__name", "item__name", "score")
    return {(dimension, item): score for dimension, item, score in rows}


def stars_text(stars: int | None, top: int = 5) -> str:
    """Stars as ★ and ☆ ("★★★★☆" for 4 of 5); "" without a scorecard."""
    if not stars:
        return ""
    return "★" * stars + "☆" * max(top - stars, 0)
