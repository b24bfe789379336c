"""Writes of the scorecards (docs/definitions.md#scorecards): the default template, a template's new version, and a
customer manager's scorecard of a month. Views, the admin and the demo call these; nothing else writes scorecards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, Viewer, staff_of
from workbench.customers.models import Customer
from workbench.lib.periods import first_of_month
from workbench.lib.stale import StaleEdit, claim_version
from workbench.scorecards.models import (
    Scorecard,
    ScorecardDimension,
    ScorecardItem,
    ScorecardScore,
    ScorecardTemplate,
    ScoredByOwnManager,
)

DEFAULT_TEMPLATE_NAME = "客户记分卡"
# docs/definitions.md#scorecard-template: (dimension, [(item, maximum points, help text)]), 100 points in all.
DEFAULT_TEMPLATE = (
    ("诚信守法 / 规范经营", [("守法经营", 10, "专卖管理评分、无违规记录"), ("明码标价", 10, "明码标价到位")]),
    (
        "经营能力",
        [
            ("月购烟总量", 15, "月订购量(条)"),
            ("一类占比", 10, "一类烟订购量占比"),
            ("月进货均价", 15, "单条值"),
            ("经营稳定", 5, "按时订货、经营连续"),
        ],
    ),
    ("终端形象 / 陈列", [("店面形象", 5, ""), ("卷烟陈列", 5, "陈列规范、价签齐全")]),
    ("配合度 / 客我互动", [("配合度", 5, ""), ("客我互动", 5, "客我互动率")]),
    ("品牌培育配合", [("目标规格上柜", 5, ""), ("铺货与重购", 5, "")]),
    ("信息化", [("网上订货 / 电子结算", 5, "网上订货、电子结算、POS")]),
)


def stars_for(total: int, maximum: int) -> int:
    """The stars of a total of `maximum` points: its share of 100 against WORKBENCH_SCORECARD_STAR_BANDS (≥ 90 → 5,
    ≥ 80 → 4, ≥ 70 → 3, ≥ 60 → 2, else 1), compared exactly: total × 100 ≥ band × maximum."""
    if maximum <= 0:
        return 1
    bands = settings.WORKBENCH_SCORECARD_STAR_BANDS
    for index, band in enumerate(bands):
        if total * 100 >= band * maximum:
            return len(bands) + 1 - index
    return 1


def current_template() -> ScorecardTemplate | None:
    """The current template version (new scorecards use it)."""
    return ScorecardTemplate.objects.filter(is_current=True).first()


@transaction.atomic
def ensure_default_template() -> ScorecardTemplate:
    """The current template; the default one (docs/definitions.md#scorecard-template, version 1) is written when
    there is none at all."""
    template = current_template()
    if template is not None:
        return template
    if ScorecardTemplate.objects.exists():
        # Templates, none current (an admin's edit in the database): the latest version becomes current again.
        template = ScorecardTemplate.objects.order_by("-created_at", "-pk").first()
        assert template is not None
        ScorecardTemplate.objects.filter(pk=template.pk).update(is_current=True)
        template.is_current = True
        return template
    template = ScorecardTemplate.objects.create(name=DEFAULT_TEMPLATE_NAME, version=1, is_current=True)
    for order, (name, items) in enumerate(DEFAULT_TEMPLATE, start=1):
        dimension = ScorecardDimension.objects.create(
            template=template, name=name, order=order, points=sum(points for _name, points, _help in items)
        )
        ScorecardItem.objects.bulk_create(
            ScorecardItem(dimension=dimension, name=item, max_points=points, order=index, help_text=help_text)
            for index, (item, points, help_text) in enumerate(items, start=1)
        )
    return template


@transaction.atomic
def new_template_version(template: ScorecardTemplate) -> ScorecardTemplate:
    """Copy a template version (its dimensions and items) into the next version of its name and make the copy the
    current one: the admin then changes the copy; every scorecard scored before keeps the version it was scored with."""
    latest = ScorecardTemplate.objects.filter(name=template.name).order_by("-version").first()
    number = (latest.version if latest else template.version) + 1
    ScorecardTemplate.objects.filter(is_current=True).update(is_current=False)
    copy = ScorecardTemplate.objects.create(name=template.name, version=number, is_current=True)
    for dimension in template.dimensions.prefetch_related("items"):
        new_dimension = ScorecardDimension.objects.create(
            template=copy, name=dimension.name, order=dimension.order, points=dimension.points
        )
        ScorecardItem.objects.bulk_create(
            ScorecardItem(
                dimension=new_dimension,
                name=item.name,
                max_points=item.max_points,
                order=item.order,
                help_text=item.help_text,
            )
            for item in dimension.items.all()
        )
    return copy


def template_items(template: ScorecardTemplate) -> list[ScorecardItem]:
    """The template's items in page order (by dimension, then item), each with its dimension (one query)."""
    return list(
        ScorecardItem.objects.filter(dimension__template=template)
        .select_related("dimension")
        .order_by("dimension__order", "dimension_id", "order", "id")
    )


@dataclass(frozen=True)
class ItemScore:
    """What the form gives for one item: its score and comment."""

    score: int | None
    comment: str = ""


def check_scores(items: list[ScorecardItem], given: dict[int, ItemScore]) -> dict[str, list[str]]:
    """The errors of a scorecard's scores, by field name (`score_<item id>`), each naming its item: every item must
    be scored, from 0 to its maximum."""
    errors: dict[str, list[str]] = {}
    for item in items:
        entry = given.get(item.pk)
        value = entry.score if entry is not None else None
        if value is None:
            message = _("Score “%(item)s” (0 to %(max)s).") % {"item": item.name, "max": item.max_points}
        elif value < 0:
            message = _("“%(item)s”: the score cannot be below 0.") % {"item": item.name}
        elif value > item.max_points:
            message = _("“%(item)s”: at most %(max)s points.") % {"item": item.name, "max": item.max_points}
        else:
            continue
        errors[f"score_{item.pk}"] = [message]
    return errors


def scorable_customers(user):
    """The customers the user may score (the Scorecard rule's change, on the customer: his own manager only)."""
    return Customer.objects.filter(ScoredByOwnManager("manager").q(Viewer.of(user), Action.CHANGE))


def save_scorecard(
    *, user, customer: Customer, month: date, scores: dict[int, ItemScore], version: int | None
) -> Scorecard:
    """Write the customer's scorecard of `month`: its scores, total and stars, in one transaction.

    A new scorecard takes the current template version; an existing one keeps its own version and must still be at
    `version` (the stale guard: else StaleEdit, nothing written). Only the customer's own manager scores
    (PermissionDenied otherwise); invalid scores raise ValidationError by field (check_scores), nothing written.
    """
    month = first_of_month(month)
    with transaction.atomic():
        if not scorable_customers(user).filter(pk=customer.pk).exists():
            raise PermissionDenied
        if month > first_of_month(timezone.localdate()):
            # A scorecard says how the customer did in a month: a month not begun has nothing to score yet.
            raise ValidationError({"__all__": _("A month that has not begun cannot be scored yet.")})
        card = Scorecard.objects.select_for_update().filter(customer=customer, month=month).first()
        template = card.template if card is not None else ensure_default_template()
        items = template_items(template)
        errors = check_scores(items, scores)
        if errors:
            raise ValidationError(errors)
        total = sum(scores[item.pk].score or 0 for item in items)
        stars = stars_for(total, sum(item.max_points for item in items))
        staff = staff_of(user)
        if card is None:
            if version is not None:
                raise StaleEdit  # the form saw a scorecard that is no longer there
            try:
                with transaction.atomic():
                    card = Scorecard.objects.create(
                        customer=customer, month=month, template=template, scored_by=staff, total=total, stars=stars
                    )
            except IntegrityError:
                # Another tab created this month's scorecard since the page was loaded.
                raise StaleEdit from None
        else:
            claim_version(card, version)
            card.scored_by = staff
            card.total = total
            card.stars = stars
            card.save(update_fields=["scored_by", "total", "stars", "updated_at", "version"])
            card.scores.all().delete()
        ScorecardScore.objects.bulk_create(
            ScorecardScore(
                scorecard=card, item=item, score=scores[item.pk].score or 0, comment=scores[item.pk].comment.strip()
            )
            for item in items
        )
    return card
