"""The demo city's scorecards (记分卡录入): about 30 % of the customers scored by their customer manager in each of the
two whole months before `end`'s month, against the default template (docs/definitions.md#scorecard-template).

Deterministic: the same loaded city, end day and seed give the same scores. Each scored customer has a level of
his own (most between 60 and 95 points), each item's score is that level of its maximum give or take a little,
so that the stars spread over 1 to 5 and a customer's two months stay close. Written in bulk (the scorecards by
bulk_create, their scores by plain INSERTs): the rules of a save are services.save_scorecard's and tested there.
"""

from __future__ import annotations

import random
from datetime import date

from django.db import connection, transaction

from workbench.customers.models import Customer
from workbench.lib.periods import add_months, first_of_month
from workbench.scorecards.models import Scorecard, ScorecardScore
from workbench.scorecards.services import ensure_default_template, stars_for, template_items

MONTHS = 2  # the two whole months before end's month
SCORED_SHARE = 0.3  # of the customers, scored in both months
BATCH = 5000


def insert_scores(values) -> None:
    """Insert (scorecard, item, score, comment) rows, many to a plain portable INSERT: building a model object per
    score was nine tenths of the city's time (234,000 scores: 21 s through bulk_create on SQLite), and one INSERT a
    row (executemany) is as slow on PostgreSQL."""
    table = connection.ops.quote_name(ScorecardScore._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in ("scorecard_id", "item_id", "score", "comment"))
    # 4 parameters a row, within SQLite's oldest limit of 999 parameters a statement.
    per_statement = 240
    batch: list = []
    with connection.cursor() as cursor:

        def flush() -> None:
            rows = len(batch) // 4
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join(['(%s, %s, %s, %s)'] * rows)}", batch)
            batch.clear()

        for row in values:
            batch.extend(row)
            if len(batch) == 4 * per_statement:
                flush()
        if batch:
            flush()


@transaction.atomic
def generate_scorecards(*, end: date, seed: int) -> dict[str, int]:
    """Write the demo's scorecards (replacing any there were); returns how many scorecards and customers."""
    rng = random.Random(f"scorecards-{seed}")
    template = ensure_default_template()
    items = template_items(template)
    maximum = sum(item.max_points for item in items)
    months = [add_months(first_of_month(end), -offset) for offset in range(MONTHS, 0, -1)]
    ScorecardScore.objects.filter(scorecard__month__in=months).delete()
    Scorecard.objects.filter(month__in=months).delete()
    managed = Customer.objects.filter(manager__isnull=False).order_by("code").values_list("pk", "manager")
    # A customer's level is drawn only when he is scored (the comprehension tests first), as the seed had it.
    customers = [(pk, manager_id, rng.uniform(0.5, 0.97)) for pk, manager_id in managed if rng.random() < SCORED_SHARE]
    cards = 0
    for month in months:
        rows: list[tuple[Scorecard, list[int]]] = []
        for pk, manager_id, level in customers:
            scores = [
                max(0, min(item.max_points, round(item.max_points * (level + rng.uniform(-0.12, 0.12)))))
                for item in items
            ]
            total = sum(scores)
            card = Scorecard(
                customer_id=pk,
                month=month,
                template=template,
                scored_by_id=manager_id,
                total=total,
                stars=stars_for(total, maximum),
            )
            rows.append((card, scores))
        Scorecard.objects.bulk_create([card for card, _scores in rows], batch_size=BATCH)
        insert_scores(
            (card.pk, item.pk, score, "") for card, scores in rows for item, score in zip(items, scores, strict=True)
        )
        cards += len(rows)
    return {"scorecards": cards, "customers": len(customers)}
