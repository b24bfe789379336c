"""No module outside accounts.access decides anything by role (issue 8 §3): the rule, checked on the source.

A role decision is a comparison with a staff member's `.role`, or a use of a Role member (Role.ADMIN …). The only
places allowed to spell them are accounts.access (the policy), accounts.roles (the enum) and accounts.models (the
data filters of StaffQuerySet such as `customer_managers()`).
"""

import ast
from pathlib import Path

import workbench

ROOT = Path(workbench.__file__).resolve().parent
ALLOWED = {"accounts/access.py", "accounts/roles.py", "accounts/models.py"}


def role_decisions(tree: ast.AST) -> list[int]:
    """Line numbers of role comparisons and Role member uses in one module."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role":
            if node.attr.isupper():
                lines.append(node.lineno)
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(operand, ast.Attribute) and operand.attr == "role" for operand in operands):
                lines.append(node.lineno)
    return sorted(set(lines))


def production_modules() -> list[Path]:
    skipped_parts = {"tests", "migrations"}
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not skipped_parts & set(path.relative_to(ROOT).parts) and path.name not in ("conftest.py", "testing.py")
    ]


def test_the_checker_finds_both_kinds_of_role_decision():
    source = "if staff.role == Role.ADMIN:\n    pass\nx = Role.choices\ny = Role(x).label\nz = member.role in ROLES\n"
    assert role_decisions(ast.parse(source)) == [1, 5]


def test_no_role_decision_outside_the_access_module():
    found = {}
    for path in production_modules():
        name = path.relative_to(ROOT).as_posix()
        if name in ALLOWED:
            continue
        lines = role_decisions(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[name] = lines
    assert found == {}
