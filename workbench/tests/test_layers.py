"""Which way the imports run (docs/architecture.md): each app imports only apps of a lower layer.

The layers are listed here once; a new app must be placed before its first import is accepted, so that the
picture in docs/architecture.md and the code cannot drift apart. Tests and migrations are not counted: a test may
build data of any app.
"""

import ast
from pathlib import Path

import workbench

ROOT = Path(workbench.__file__).resolve().parent

# Bottom first. Apps of one layer do not import each other.
LAYERS = [
    {"lib", "formats"},  # pure helpers; Chinese number formats
    {"accounts"},  # org units, staff, the one scope decision
    {"sets", "orders", "security"},  # the saved-set base; order lines and their sums (orders names its models'
    # relations by string only); login throttling
    {"customers"},
    {"catalog"},  # the spec page reads the customers of a scope
    {"reviews"},  # the review mechanism (计划, 改进)
    {"planning", "imports", "targets"},  # targets: reviews, customers, catalog, orders (not planning)
    {"visitplans"},  # visit cycles, visit plans, routes, suggested visits (计划 part 2)
    {"visits", "scorecards", "features"},  # 实施: visits and opportunities; scorecards; market features
    {"demo"},  # writes the demo's plans, targets, visit plans and visits
    {"reporting"},  # the shared reporting layer: imports no step app
    {"analysis", "implementation", "evaluation", "improvement"},  # report apps: each registers its reports
    {"api", "web"},
    {"testing", "devtools", "tests"},  # the test kit, development tools, these tests
]
LAYER_OF = {app: index for index, layer in enumerate(LAYERS) for app in layer}


def apps() -> list[str]:
    """Every package directly below workbench/ (an app, lib or the test kit)."""
    return sorted(path.parent.name for path in ROOT.glob("*/__init__.py"))


def runtime_nodes(tree: ast.AST):
    """Every node of a module but those under `if TYPE_CHECKING:` (type hints import upwards without a cycle)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            yield from (item for branch in node.orelse for item in [branch, *runtime_nodes(branch)])
            continue
        yield node
        yield from runtime_nodes(node)


def imported_apps(app: str) -> dict[str, set[str]]:
    """The other apps one app imports, each with the modules that import it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        relative = path.relative_to(ROOT)
        if "tests" in relative.parts[1:] or "migrations" in relative.parts:
            continue
        for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "workbench" and len(parts) > 1 and parts[1] != app and (ROOT / parts[1]).is_dir():
                    found.setdefault(parts[1], set()).add(str(relative))
    return found


def test_every_app_has_a_layer():
    # given every package of the project
    # then each is placed in LAYERS (a new app is placed before it is imported)
    assert [app for app in apps() if app not in LAYER_OF] == []


def test_imports_run_downwards_only():
    # given every import between apps
    upward = {
        f"{app} → {target}": sorted(modules)
        for app in apps()
        if app in LAYER_OF
        for target, modules in imported_apps(app).items()
        if LAYER_OF.get(target, len(LAYERS)) >= LAYER_OF[app]
    }
    # then none goes to the same layer or above
    assert upward == {}


def test_the_shared_reporting_layer_imports_no_step_app():
    # given the apps the reporting layer imports
    imported = set(imported_apps("reporting"))
    # then none of the steps' apps
    assert imported & {"analysis", "planning", "visits", "evaluation", "improvement", "targets", "reviews"} == set()
    assert "implementation" not in imported
