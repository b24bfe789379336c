"""Import org.csv: org units (公司 / 营销部 / 市场部), upserted by org_code.

Parents may come after their children in the file, and a file may move a unit under another parent: the checks
run on the final tree (database overridden by the file), units are saved parents first, and afterwards every
unit's `path` is recomputed, so units below a moved one (even those not in the file) stay correct.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from workbench.accounts.access import must_sit_on_team
from workbench.accounts.models import ORG_KIND_WORDS, OrgKind, OrgUnit, Role, Staff
from workbench.imports.columns import Column, Record, choice, field_text, match_header, read_records
from workbench.imports.reading import Table
from workbench.imports.report import ImportReport


def columns() -> list[Column]:
    return [
        Column("org_code", "机构编码", True, field_text(OrgUnit, "code")),
        Column("name", "机构名称", True, field_text(OrgUnit, "name")),
        Column("kind", "机构类型", True, choice(OrgKind, ORG_KIND_WORDS)),
        Column("parent_code", "上级机构编码", False, field_text(OrgUnit, "code")),
    ]


def run(table: Table, report: ImportReport, *, dry_run: bool = False) -> None:
    """Validate every row, then (when all are valid) upsert the units and refresh the paths."""
    column_map = match_header(table.header, columns(), report)
    if column_map is None:
        return
    records: dict[str, Record] = {}
    for record in read_records(table, columns(), column_map, report):
        code = record.get("org_code")
        if code is None:
            continue
        if code in records:
            record.error("org_code", _("Duplicate org_code: already in row %(row)s.") % {"row": records[code].row})
            continue
        records[code] = record

    stored_parent = dict(OrgUnit.objects.values_list("code", "parent__code"))
    parent_of = {**stored_parent, **{code: record.get("parent_code") for code, record in records.items()}}
    for code, record in records.items():
        parent = record.get("parent_code")
        if parent is None:
            continue
        if parent == code:
            record.error("parent_code", _("A unit cannot be its own parent."))
        elif parent not in parent_of:
            record.error("parent_code", _("Unknown parent org code."))
        else:
            loop = _loop_through(code, parent_of)
            if loop:
                record.error("parent_code", _("The parents form a loop: %(loop)s.") % {"loop": " → ".join(loop)})
    _check_single_root(records, parent_of)
    _check_team_roles(records)
    if not report.ok:
        return

    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    saved: set[str] = set()

    def save(code: str) -> None:
        # Parents first, so that a new unit's parent exists and its path starts from the parent's new path.
        if code in saved:
            return
        saved.add(code)
        record = records[code]
        parent_code = record.get("parent_code")
        if parent_code in records:
            save(parent_code)
        parent = units[parent_code] if parent_code else None
        unit = units.get(code)
        if unit is None:
            unit = units[code] = OrgUnit(code=code)
            report.created += 1
        elif (unit.name, unit.kind, unit.parent_id) == (record.get("name"), record.get("kind"), _pk(parent)):
            report.unchanged += 1
            return
        else:
            report.updated += 1
        unit.name, unit.kind, unit.parent = record.get("name"), record.get("kind"), parent
        unit.save()

    for code in records:
        save(code)
    refresh_paths()


def _check_single_root(records: dict[str, Record], parent_of: dict[str, str | None]) -> None:
    """docs/data-contract.md (org.csv): one root unit (the 市公司). A file row that would make a second root is
    refused."""
    # Roots the file does not touch come first: the file cannot demote a root it does not name.
    roots = [code for code, parent in parent_of.items() if parent is None and code not in records]
    for code, record in records.items():
        if record.get("parent_code") is not None:
            continue
        if roots:
            record.error(
                "parent_code",
                _("A parent is required: %(root)s is already the root unit.") % {"root": roots[0]},
            )
        else:
            roots.append(code)


def _check_team_roles(records: dict[str, Record]) -> None:
    """A unit that holds a staff member who must sit on a team (accounts.access) must stay a team."""
    not_teams = [code for code, record in records.items() if record.get("kind") not in (None, OrgKind.TEAM)]
    holders = Staff.objects.filter(org_unit__code__in=not_teams).values_list("org_unit__code", "code", "role")
    reported: set[str] = set()  # one message per unit, naming the first such staff member
    for org_code, staff_code, role in holders.order_by("org_unit__code", "code"):
        if must_sit_on_team(role) and org_code not in reported:
            reported.add(org_code)
            records[org_code].error(
                "kind",
                _("%(staff)s is a %(role)s and must belong to a market team.")
                % {"staff": staff_code, "role": Role(role).label.lower()},
            )


def refresh_paths() -> int:
    """Recompute every unit's path from the parent chain; returns how many paths changed."""
    units = list(OrgUnit.objects.all())
    by_id = {unit.pk: unit for unit in units}
    paths: dict[int, str] = {}

    def path_of(unit: OrgUnit) -> str:
        if unit.pk not in paths:
            prefix = path_of(by_id[unit.parent_id]) if unit.parent_id else "/"
            paths[unit.pk] = f"{prefix}{unit.code}/"
        return paths[unit.pk]

    stale = []
    for unit in units:
        path = path_of(unit)
        if unit.path != path:
            unit.path = path
            stale.append(unit)
    OrgUnit.objects.bulk_update(stale, ["path"], batch_size=500)
    return len(stale)


def _loop_through(code: str, parent_of: dict[str, str | None]) -> list[str] | None:
    """The chain code → parent → … back to code when the parents form a loop, else None."""
    chain = [code]
    current = parent_of.get(code)
    while current is not None:
        if current == code:
            return [*chain, code]
        if current in chain:
            return None  # a loop above this unit, reported on the rows that form it
        chain.append(current)
        current = parent_of.get(current)
    return None


def _pk(unit: OrgUnit | None) -> int | None:
    return unit.pk if unit is not None else None
