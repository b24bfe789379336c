"""Sales targets in versions (docs/definitions.md#sales-target-versions): a change to an approved target makes a new
version submitted again, the approved one stays in force until the new one is approved, completion and the team
sums read the version in force, and the history says who changed what, line by line."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from workbench import testing
from workbench.lib.stale import StaleEdit
from workbench.reviews.models import ReviewEvent, ReviewState
from workbench.reviews.services import TransitionRefused
from workbench.targets import services
from workbench.targets.history import history_of
from workbench.targets.models import SalesTarget, SalesTargetLine
from workbench.targets.queries import sales_overview, working_target
from workbench.targets.tests.conftest import add_lines
from workbench.testing import rows

TODAY = date(2026, 11, 11)  # 8 of November 2026's 21 working days elapsed
MONTH = date(2026, 11, 1)
snapshot = rows(SalesTarget, SalesTargetLine, ReviewEvent)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def approved(customer_manager, market_manager):
    """CM1's target of November 2026, 300 条 / 24,000 元, submitted and approved by MM1: version 1, at guard 3."""
    target = services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    return services.approve_sales_target(user=market_manager.user, target=target, version=2)


@pytest.fixture
def orders(customers, specs):
    """CM1 ordered 120 条 at 80 元 (9,600 元) in November up to the 11th."""
    add_lines([(customers["c1"], specs["red"], date(2026, 11, 2), 120, "80")])


def change(customer_manager, qty: int, amount: str, version: int) -> SalesTarget:
    return services.save_sales_target(
        user=customer_manager.user, month=MONTH, qty=qty, amount=Decimal(amount), version=version
    )


def test_changing_an_approved_target_makes_a_new_draft_version_and_the_approved_one_stays_in_force(
    approved, customer_manager, market_manager, colleague, orders
):
    # when CM1 lowers his approved target to 200 条 / 16,000 元
    new = change(customer_manager, 200, "16000", version=3)

    # then version 2 is a draft with the new figures; version 1 is still approved and in force
    approved.refresh_from_db()
    assert (new.number, new.review_state, new.qty, new.amount, new.is_in_force) == (
        2,
        ReviewState.DRAFT,
        200,
        Decimal("16000"),
        False,
    )
    assert (approved.number, approved.review_state, approved.qty, approved.is_in_force) == (
        1,
        ReviewState.APPROVED,
        300,
        True,
    )
    # and completion and the team sums read version 1: 120 / 300 = 40 %, while the state shown is version 2's
    assert working_target(customer_manager, MONTH) == approved
    (team,), total = sales_overview(market_manager.user, MONTH, TODAY)
    row = team.rows[0]
    assert (row.target, row.newest, row.pending) == (approved, new, new)
    assert (row.target_qty, row.target_amount, row.qty_completion, row.amount_completion) == (
        300,
        Decimal("24000.00"),
        0.4,
        0.4,
    )
    assert (total.target_qty, total.target_amount, total.states) == (300, Decimal("24000.00"), {"draft": 1})


def test_while_the_new_version_waits_then_is_returned_the_approved_one_stays_in_force(
    approved, customer_manager, market_manager, orders
):
    # given version 2 (200 条) submitted
    new = change(customer_manager, 200, "16000", version=3)
    services.submit_sales_target(user=customer_manager.user, target=new, version=1)
    assert working_target(customer_manager, MONTH) == approved

    # when MM1 returns it
    services.return_sales_target(user=market_manager.user, target=new, version=2, comment="不能降低")

    # then version 1 is still the one in force, and completion reads it
    assert working_target(customer_manager, MONTH) == approved
    (team,), _total = sales_overview(market_manager.user, MONTH, TODAY)
    assert team.rows[0].newest is not None
    assert (team.rows[0].target_qty, team.rows[0].qty_completion, team.rows[0].newest.review_state) == (
        300,
        0.4,
        ReviewState.RETURNED,
    )


def test_approving_the_new_version_brings_it_into_force(approved, customer_manager, market_manager, orders):
    # given version 2 (200 条 / 16,000 元) submitted
    new = change(customer_manager, 200, "16000", version=3)
    services.submit_sales_target(user=customer_manager.user, target=new, version=1)

    # when MM1 approves it
    services.approve_sales_target(user=market_manager.user, target=new, version=2)

    # then version 2 is in force, version 1 is superseded (still approved, no longer in force)
    assert list(SalesTarget.objects.order_by("number").values_list("number", "review_state", "is_in_force", "qty")) == [
        (1, "approved", False, 300),
        (2, "approved", True, 200),
    ]
    # and completion reads version 2: 120 / 200 = 60 %, 9,600 / 16,000 = 60 %; on pace (200 × 8 / 21 = 76.2)
    (team,), _total = sales_overview(market_manager.user, MONTH, TODAY)
    row = team.rows[0]
    assert row.target is not None
    assert (row.target.number, row.qty_completion, row.amount_completion, row.is_on_pace, row.pending) == (
        2,
        0.6,
        0.6,
        True,
        None,
    )


def test_saving_an_approved_target_unchanged_is_refused_and_changes_nothing(approved, customer_manager):
    before = snapshot()
    with pytest.raises(ValidationError):
        change(customer_manager, 300, "24000", version=3)
    assert snapshot() == before


def test_a_stale_change_of_an_approved_target_is_refused_and_changes_nothing(approved, customer_manager):
    # given a form loaded before the approval (guard 2)
    before = snapshot()
    with pytest.raises(StaleEdit):
        change(customer_manager, 250, "20000", version=2)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        # the version in force is approved: not approved, returned or submitted again
        ("market_manager", "approve_old", TransitionRefused),
        ("market_manager", "return_old", TransitionRefused),
        ("customer_manager", "submit_old", TransitionRefused),
        # a line of the old version is not changed while a newer one exists
        ("customer_manager", "line_old", ValidationError),
        # the new draft: not approved before it is submitted, never by its owner, not submitted by anyone else
        ("market_manager", "approve_new", TransitionRefused),
        ("customer_manager", "approve_new", PermissionDenied),
        ("colleague", "submit_new", PermissionDenied),
        ("market_manager", "submit_new", PermissionDenied),
        ("outsider", "line_new", PermissionDenied),
    ],
)
def test_refused_transitions_while_a_change_waits_change_nothing(
    request, approved, customer_manager, specs, who, action, error
):
    # given version 2, a draft
    new = change(customer_manager, 200, "16000", version=3)
    user = request.getfixturevalue(who).user
    old = SalesTarget.objects.get(pk=approved.pk)
    before = snapshot()

    steps = {
        "approve_old": lambda: services.approve_sales_target(user=user, target=old, version=old.version),
        "return_old": lambda: services.return_sales_target(user=user, target=old, version=old.version, comment="退"),
        "submit_old": lambda: services.submit_sales_target(user=user, target=old, version=old.version),
        "line_old": lambda: services.add_sales_target_line(
            user=user, target=old, qty=1, amount=Decimal(1), spec=specs["wolf"]
        ),
        "approve_new": lambda: services.approve_sales_target(user=user, target=new, version=new.version),
        "submit_new": lambda: services.submit_sales_target(user=user, target=new, version=new.version),
        "line_new": lambda: services.add_sales_target_line(
            user=user, target=new, qty=1, amount=Decimal(1), spec=specs["wolf"]
        ),
    }

    # when
    with pytest.raises(error):
        steps[action]()

    # then nothing changed: the versions, their lines, the history
    assert snapshot() == before


def test_a_submitted_new_version_cannot_be_changed(approved, customer_manager):
    new = change(customer_manager, 200, "16000", version=3)
    services.submit_sales_target(user=customer_manager.user, target=new, version=1)
    before = snapshot()
    with pytest.raises(ValidationError):
        change(customer_manager, 210, "16000", version=2)
    assert snapshot() == before


def test_the_history_shows_every_version_who_did_what_and_what_changed_line_by_line(
    customer_manager, market_manager, specs
):
    # given version 1 with a line for 红南京, approved
    with time_machine.travel("2026-11-02 09:00 +0800", tick=False):
        first = services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))
        services.add_sales_target_line(
            user=customer_manager.user, target=first, qty=100, amount=Decimal("5000"), spec=specs["red"]
        )
    with time_machine.travel("2026-11-02 10:00 +0800", tick=False):
        services.submit_sales_target(user=customer_manager.user, target=first, version=1)
    with time_machine.travel("2026-11-02 11:00 +0800", tick=False):
        services.approve_sales_target(user=market_manager.user, target=first, version=2, comment="同意")

    # when he adds a line for 七匹狼(软通泰) to the approved target, then changes the figures of the new version
    with time_machine.travel("2026-11-05 09:00 +0800", tick=False):
        line = services.add_sales_target_line(
            user=customer_manager.user, target=first, qty=50, amount=Decimal("5000"), spec=specs["wolf"]
        )
        second = line.target
        change(customer_manager, 320, "24000", version=1)

    # then version 2 holds both lines; version 1 keeps its one
    assert sorted(second.lines.values_list("spec__name", "qty")) == [("七匹狼(软通泰)", 50), ("红南京", 100)]
    assert list(first.lines.values_list("spec__name", flat=True)) == ["红南京"]
    # and the history lists every step of both versions, oldest first, with who and what changed
    with translation.override("en"):
        history = [
            (
                line.version_number,
                line.event.step,
                line.event.actor.code,
                line.event.at.isoformat(),
                [(c.what, c.change, c.label, c.fields) for c in line.changes],
            )
            for line in history_of(list(SalesTarget.objects.order_by("number")))
        ]
    assert history == [
        (1, "created", "CM1", "2026-11-02T01:00:00+00:00", []),
        (1, "edited", "CM1", "2026-11-02T01:00:00+00:00", [("Line", "added", "红南京", [])]),
        (1, "submitted", "CM1", "2026-11-02T02:00:00+00:00", []),
        (1, "approved", "MM1", "2026-11-02T03:00:00+00:00", []),
        (2, "revised", "CM1", "2026-11-05T01:00:00+00:00", []),
        (2, "edited", "CM1", "2026-11-05T01:00:00+00:00", [("Line", "added", "七匹狼(软通泰)", [])]),
        (2, "edited", "CM1", "2026-11-05T01:00:00+00:00", [("Target", "changed", "", ["cartons"])]),
    ]


def test_removing_a_line_of_an_approved_target_makes_a_new_version_without_it(approved, customer_manager, specs):
    # given version 1 approved with one line: add it through a new version, approve that, then remove the line
    line = SalesTargetLine.objects.create(target=approved, spec=specs["red"], qty=100, amount=Decimal("5000"))

    # when he removes the line of the approved version
    second = services.delete_sales_target_line(user=customer_manager.user, line=line)

    # then version 2 has no line, version 1 keeps it and stays in force
    assert (second.number, second.lines.count(), approved.lines.count()) == (2, 0, 1)
    assert working_target(customer_manager, MONTH) == approved
    assert [(c["change"], c["label"]) for c in ReviewEvent.objects.of(second).last().changes] == [("removed", "红南京")]


def test_the_detail_page_of_the_new_version_says_which_stays_in_force(client, approved, customer_manager):
    new = change(customer_manager, 200, "16000", version=3)
    testing.login(client, customer_manager)
    response = client.get(f"/targets/sales/{new.pk}/")
    assert response.status_code == 200
    assert response.context["in_force"] == approved
    assert [line.version_number for line in response.context["events"]] == [1, 1, 1, 2, 2]
    assert "第 2 版审核通过前，第 1 版继续有效。" in response.content.decode()
