"""The writes of 目标: sales targets and their review, improvement targets, KPI targets.

Every function runs in one transaction, checks the user's right first through accounts.access (PermissionDenied:
403), claims the version the caller read (lib.stale: StaleEdit, nothing written) and re-checks the scope after the
write, so that a write that would leave the object outside what its writer may change rolls back. A review step
the state does not allow raises reviews.services.TransitionRefused, a change of a target no longer editable
ValidationError; either changes nothing.

The review of a sales target (submit, approve, return) is the one mechanism of the reviews app: its state machine,
its history, and its rule (the market manager of the owner's team approves, never the owner).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, publishable_units, staff_of
from workbench.accounts.models import OrgUnit, Staff
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import Customer
from workbench.lib.periods import first_of_month
from workbench.lib.stale import StaleEdit, claim_version
from workbench.reviews import services as reviews
from workbench.reviews.models import ReviewState, ReviewStep
from workbench.targets.baselines import baseline_of
from workbench.targets.models import ImprovementTarget, KpiTarget, Metric, SalesTarget, SalesTargetLine


def _require(model, user, pk: int, action: Action) -> None:
    """PermissionDenied unless the user may do `action` on the object `pk` of `model` (checked in the database)."""
    if not model.objects.restrict(user, action).filter(pk=pk).exists():
        raise PermissionDenied


def _check_editable(target: SalesTarget) -> None:
    if not target.is_editable:
        state = target.get_review_state_display()
        raise ValidationError(_("This target is %(state)s: it can no longer be changed.") % {"state": state})


def newest_version(staff: Staff, month: date, *, lock: bool = False) -> SalesTarget | None:
    """The newest version of the manager's target of `month` (None when he has none), locked when asked."""
    versions = SalesTarget.objects.filter(staff=staff, month=month).order_by("-number")
    return (versions.select_for_update() if lock else versions).first()


def figures_of(target: SalesTarget) -> dict:
    """What a version says, for comparing two: its figures and its lines (spec or brand set → 条, 金额)."""
    return {
        "qty": target.qty,
        "amount": target.amount,
        "lines": {(line.spec_id, line.brand_set_id): (line.qty, line.amount, str(line)) for line in target.lines.all()},
    }


def changes_between(before: dict, after: dict) -> list[dict]:
    """The history's list of changes from one version's figures to another's: the target's fields, then each line
    added, removed or changed (reviews.models.ReviewEvent.changes)."""
    changes = []
    fields = [name for name in ("qty", "amount") if before[name] != after[name]]
    if fields:
        changes.append({"change": "changed", "what": "target", "label": "", "fields": fields})
    for key in before["lines"].keys() - after["lines"].keys():
        changes.append({"change": "removed", "what": "line", "label": before["lines"][key][2], "fields": []})
    for key in after["lines"].keys() - before["lines"].keys():
        changes.append({"change": "added", "what": "line", "label": after["lines"][key][2], "fields": []})
    for key in before["lines"].keys() & after["lines"].keys():
        old, new = before["lines"][key], after["lines"][key]
        fields = [name for name, index in (("qty", 0), ("amount", 1)) if old[index] != new[index]]
        if fields:
            changes.append({"change": "changed", "what": "line", "label": new[2], "fields": fields})
    return changes


def _new_version(approved: SalesTarget, actor: Staff) -> SalesTarget:
    """A draft copy (number + 1) of an approved version, its lines included; the approved one stays in force."""
    draft = SalesTarget.objects.create(
        staff=approved.staff, month=approved.month, number=approved.number + 1, qty=approved.qty, amount=approved.amount
    )
    SalesTargetLine.objects.bulk_create(
        SalesTargetLine(
            target=draft, spec_id=line.spec_id, brand_set_id=line.brand_set_id, qty=line.qty, amount=line.amount
        )
        for line in approved.lines.all()
    )
    reviews.record_event(draft, step=ReviewStep.REVISED, actor=actor, comment=str(approved.number))
    return draft


def _version_to_change(target: SalesTarget, actor: Staff) -> SalesTarget:
    """The version a change of `target` goes into: itself while editable, a new draft when it is the approved newest
    version; ValidationError while it waits for review or when a newer version exists."""
    newest = newest_version(target.staff, target.month, lock=True)
    if newest is None or newest.pk != target.pk:
        raise ValidationError(_("A newer version of this target exists: change that one."))
    if newest.review_state == ReviewState.APPROVED:
        return _new_version(newest, actor)
    _check_editable(newest)
    return newest


@transaction.atomic
def save_sales_target(*, user, month: date, qty: int, amount: Decimal, version: int | None = None) -> SalesTarget:
    """Create or change the user's own sales target of `month`, into its history; returns the version written.

    A new target needs no version; changing one needs the version of its newest version as it was read (StaleEdit
    otherwise). A draft or returned version is changed in place; an approved one stays in force and the change
    becomes a new draft version (docs/definitions.md#sales-target-versions).
    """
    staff = staff_of(user)
    if staff is None:
        raise PermissionDenied
    month = first_of_month(month)
    newest = newest_version(staff, month, lock=True)
    if newest is None:
        target = SalesTarget(staff=staff, month=month, qty=qty, amount=amount)
        target.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                target.save()
        except IntegrityError as error:
            # Another tab created this month's target since this form was loaded: the same refusal as a stale edit.
            raise StaleEdit from error
        reviews.record_event(target, step=ReviewStep.CREATED, actor=staff)
    else:
        if newest.review_state == ReviewState.SUBMITTED:
            _check_editable(newest)
        claim_version(newest, version)
        target = _version_to_change(newest, staff)
        before = figures_of(newest if target.pk != newest.pk else target)
        target.qty, target.amount = qty, amount
        target.full_clean(validate_constraints=False)
        target.save()
        changes = changes_between(before, figures_of(target))
        if target.pk != newest.pk and not changes:
            raise ValidationError(
                _("Nothing was changed: version %(number)s stays approved and in force.") % {"number": newest.number}
            )
        reviews.record_event(target, step=ReviewStep.EDITED, actor=staff, changes=changes)
    _require(SalesTarget, user, target.pk, Action.CHANGE)
    return target


def submit_sales_target(*, user, target: SalesTarget, version: int | None) -> SalesTarget:
    """Draft or returned → submitted, by the owner (reviews.services: TransitionRefused from another state)."""
    reviews.submit(target, user=user, version=version)
    return target


@transaction.atomic
def approve_sales_target(*, user, target: SalesTarget, version: int | None, comment: str = "") -> SalesTarget:
    """Submitted → approved, by the market manager of the owner's team (an optional comment to the history); the
    approved version comes into force and the one in force before is superseded."""
    reviews.approve(target, user=user, version=version, comment=comment)
    SalesTarget.objects.filter(staff=target.staff_id, month=target.month, is_in_force=True).update(is_in_force=False)
    SalesTarget.objects.filter(pk=target.pk).update(is_in_force=True)
    target.is_in_force = True
    return target


def return_sales_target(*, user, target: SalesTarget, version: int | None, comment: str) -> SalesTarget:
    """Submitted → returned with a comment (required: the owner must learn what to fix)."""
    reviews.return_for_changes(target, user=user, version=version, comment=comment)
    return target


@transaction.atomic
def add_sales_target_line(
    *, user, target: SalesTarget, qty: int, amount: Decimal, spec: Spec | None = None, brand_set: BrandSet | None = None
) -> SalesTargetLine:
    """A line of the target for one spec or one brand set the owner sees, in the version a change goes into (a new
    draft when `target` is approved); returns the line written."""
    _require(SalesTarget, user, target.pk, Action.CHANGE)
    target = SalesTarget.objects.select_related("staff").get(pk=target.pk)
    if brand_set is not None and not BrandSet.objects.restrict(user, Action.VIEW).filter(pk=brand_set.pk).exists():
        raise ValidationError({"brand_set": _("Pick a brand set you can see.")})
    actor = target.staff  # the owner: _require let no one else through
    before = figures_of(target)
    version = _version_to_change(target, actor)
    line = SalesTargetLine(target=version, spec=spec, brand_set=brand_set, qty=qty, amount=amount)
    line.full_clean()
    line.save()
    reviews.record_event(
        version, step=ReviewStep.EDITED, actor=actor, changes=changes_between(before, figures_of(version))
    )
    _require(SalesTarget, user, version.pk, Action.CHANGE)
    return line


@transaction.atomic
def delete_sales_target_line(*, user, line: SalesTargetLine) -> SalesTarget:
    """Remove a line of the user's target (from a new draft version when the target is approved); returns the
    version it was removed from."""
    _require(SalesTarget, user, line.target_id, Action.CHANGE)
    target = SalesTarget.objects.select_related("staff").get(pk=line.target_id)
    actor = target.staff  # the owner: _require let no one else through
    before = figures_of(target)
    version = _version_to_change(target, actor)
    version.lines.filter(spec=line.spec, brand_set=line.brand_set).delete()
    reviews.record_event(
        version, step=ReviewStep.EDITED, actor=actor, changes=changes_between(before, figures_of(version))
    )
    return version


# 提升目标


def _check_subject(metric: str, spec: Spec | None, brand_set: BrandSet | None, user) -> None:
    if brand_set is not None and not BrandSet.objects.restrict(user, Action.VIEW).filter(pk=brand_set.pk).exists():
        raise ValidationError({"brand_set": _("Pick a brand set you can see.")})
    if metric != Metric.SET_VOLUME and (spec or brand_set):
        raise ValidationError(_("Only the ordering of a spec or brand set names a spec or a brand set."))
    if metric == Metric.SET_VOLUME and (spec is None) == (brand_set is None):
        raise ValidationError(_("Pick a spec or a brand set, not both."))


@transaction.atomic
def create_improvement_target(
    *,
    user,
    customer: Customer,
    month: date,
    metric: str,
    target: Decimal,
    spec: Spec | None = None,
    brand_set: BrandSet | None = None,
    note: str = "",
) -> ImprovementTarget:
    """A 提升目标 of one of the user's own customers, its baseline computed from the data now and stored."""
    staff = staff_of(user)
    if staff is None or customer.manager_id != staff.pk:
        raise PermissionDenied
    _check_subject(metric, spec, brand_set, user)
    month = first_of_month(month)
    improvement = ImprovementTarget(
        customer=customer,
        month=month,
        metric=metric,
        spec=spec,
        brand_set=brand_set,
        target=target,
        note=note,
        created_by=staff,
        baseline=baseline_of(customer, metric, month, spec=spec, brand_set=brand_set),
    )
    improvement.full_clean()
    improvement.save()
    _require(ImprovementTarget, user, improvement.pk, Action.CHANGE)
    return improvement


@transaction.atomic
def update_improvement_target(
    *, user, improvement: ImprovementTarget, version: int | None, target: Decimal, note: str = ""
) -> ImprovementTarget:
    """Change the target value and note (the metric, month and baseline stay: a new metric is a new target)."""
    _require(ImprovementTarget, user, improvement.pk, Action.CHANGE)
    claim_version(improvement, version)
    improvement.target, improvement.note = target, note
    improvement.full_clean()
    improvement.save()
    _require(ImprovementTarget, user, improvement.pk, Action.CHANGE)
    return improvement


@transaction.atomic
def delete_improvement_target(*, user, improvement: ImprovementTarget) -> None:
    """Remove an improvement target of one of the user's own customers."""
    _require(ImprovementTarget, user, improvement.pk, Action.CHANGE)
    improvement.delete()


# KPI targets


def _check_kpi(user, unit: OrgUnit, brand_set: BrandSet) -> Staff:
    staff = staff_of(user)
    if staff is None or not publishable_units(user).exists():
        raise PermissionDenied
    if not publishable_units(user).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Pick the unit you lead.")})
    if not BrandSet.objects.restrict(user, Action.VIEW).filter(pk=brand_set.pk).exists():
        raise ValidationError({"brand_set": _("Pick a brand set you can see.")})
    return staff


@transaction.atomic
def create_kpi_target(
    *,
    user,
    unit: OrgUnit,
    brand_set: BrandSet,
    metric: str,
    target_rate: Decimal,
    starts_on: date,
    due_on: date,
    note: str = "",
) -> KpiTarget:
    """A KPI target for the unit the user leads (a market manager his team, a brand manager his unit)."""
    staff = _check_kpi(user, unit, brand_set)
    kpi = KpiTarget(
        owner=staff,
        unit=unit,
        brand_set=brand_set,
        metric=metric,
        target_rate=target_rate,
        starts_on=starts_on,
        due_on=due_on,
        note=note,
    )
    kpi.full_clean()
    kpi.save()
    _require(KpiTarget, user, kpi.pk, Action.CHANGE)
    return kpi


@transaction.atomic
def update_kpi_target(
    *,
    user,
    kpi: KpiTarget,
    version: int | None,
    unit: OrgUnit,
    brand_set: BrandSet,
    metric: str,
    target_rate: Decimal,
    starts_on: date,
    due_on: date,
    note: str = "",
) -> KpiTarget:
    """Change a KPI target the user set."""
    _require(KpiTarget, user, kpi.pk, Action.CHANGE)
    _check_kpi(user, unit, brand_set)
    claim_version(kpi, version)
    kpi.unit, kpi.brand_set, kpi.metric, kpi.target_rate = unit, brand_set, metric, target_rate
    kpi.starts_on, kpi.due_on, kpi.note = starts_on, due_on, note
    kpi.full_clean()
    kpi.save()
    _require(KpiTarget, user, kpi.pk, Action.CHANGE)
    return kpi


@transaction.atomic
def delete_kpi_target(*, user, kpi: KpiTarget) -> None:
    """Remove a KPI target the user set."""
    _require(KpiTarget, user, kpi.pk, Action.CHANGE)
    kpi.delete()
