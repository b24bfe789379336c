"""devtools stays out of the product: no product module imports it, and the wheel leaves it out."""

import ast
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]
DEVTOOLS = ROOT / "workbench" / "devtools"


def imported_names(path: Path) -> set[str]:
    """Every module name an import statement of the file names (relative imports resolved in the package)."""
    names: set[str] = set()
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_no_product_module_imports_devtools():
    importing = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "workbench").rglob("*.py"))
        if DEVTOOLS not in path.parents
        and any(name == "workbench.devtools" or name.startswith("workbench.devtools.") for name in imported_names(path))
    ]
    assert importing == []


def test_the_checker_sees_absolute_and_relative_imports(tmp_path, monkeypatch):
    module = ROOT / "workbench" / "lib" / "example.py"  # never written: only its place in the tree matters
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: "from ..devtools import bench\nimport os\n")

    assert imported_names(module) == {"workbench.devtools", "workbench.devtools.bench", "os"}


def test_the_wheel_leaves_devtools_out_and_a_checkout_installs_it():
    find = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    assert find["find"]["exclude"] == ["workbench.devtools*"]
    assert apps.is_installed("workbench.devtools")
