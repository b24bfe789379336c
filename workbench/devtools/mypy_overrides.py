"""The list of modules mypy does not check yet: recomputed from a mypy run without it (scripts/mypy_overrides.py).

pyproject.toml holds the list between two marker lines, as one `[[tool.mypy.overrides]]` table with
`ignore_errors = true`. Modules are named one by one, never with a wildcard, so that a new module is checked
strictly; the list may only shrink (devtools/tests/test_mypy_overrides.py holds its size).

`recompute` writes the configuration without the list to a temporary file beside pyproject.toml (mypy reads the
django-stubs settings from the same file), runs mypy with it, and puts back exactly the modules that had errors.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

BEGIN = "# mypy-overrides: begin (scripts/mypy_overrides.py rewrites this block)"
END = "# mypy-overrides: end"
# "workbench/imports/customers.py:12: error: …" (notes and the summary line do not name a failing module)
ERROR_LINE = re.compile(r"^(?P<path>[^:\s]+\.py):\d+(?::\d+)?: error: ", re.MULTILINE)


def module_name(path: str) -> str:
    """The dotted module of a file path relative to the repository root ("scripts/x.py" is module "x")."""
    parts = Path(path).with_suffix("").parts
    if parts[0] == "scripts":  # not a package: mypy names these files by their own name
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules_with_errors(mypy_output: str) -> list[str]:
    """The sorted modules that mypy reported at least one error in."""
    return sorted({module_name(match["path"]) for match in ERROR_LINE.finditer(mypy_output)})


def split_block(text: str) -> tuple[str, str, str]:
    """pyproject.toml's text as (before the block, the block between the markers, after it)."""
    start = text.index(BEGIN)
    end = text.index(END, start) + len(END)
    return text[:start], text[start:end], text[end:]


def block_for(modules: list[str]) -> str:
    """The marked block naming `modules` (an empty block when there are none)."""
    if not modules:
        return f"{BEGIN}\n{END}"
    names = "".join(f'    "{name}",\n' for name in modules)
    return f"{BEGIN}\n[[tool.mypy.overrides]]\nmodule = [\n{names}]\nignore_errors = true\n{END}"


def overridden_modules(pyproject_text: str) -> list[str]:
    """The modules the marked block of pyproject.toml exempts, in their order there."""
    _before, block, _after = split_block(pyproject_text)
    tables = tomllib.loads(block.replace(BEGIN, "").replace(END, "")).get("tool", {}).get("mypy", {})
    modules: list[str] = []
    for table in tables.get("overrides", []):
        names = table["module"]
        modules.extend([names] if isinstance(names, str) else names)
    return modules


def run_mypy_without_overrides(pyproject: Path) -> str:
    """mypy's output for the project with the marked block left out of the configuration."""
    before, _block, after = split_block(pyproject.read_text(encoding="utf-8"))
    config = pyproject.with_name(".mypy-without-overrides.toml")
    config.write_text(before + after, encoding="utf-8")
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(config)],
            cwd=pyproject.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        config.unlink()
    if finished.returncode not in (0, 1):  # 1: type errors were found; anything else: mypy itself failed
        raise RuntimeError(f"mypy failed ({finished.returncode}):\n{finished.stdout}{finished.stderr}")
    return finished.stdout


def recompute(pyproject: Path) -> tuple[list[str], list[str]]:
    """Rewrite the marked block with the modules that have errors today; (modules before, modules now)."""
    text = pyproject.read_text(encoding="utf-8")
    old = overridden_modules(text)
    new = modules_with_errors(run_mypy_without_overrides(pyproject))
    before, _block, after = split_block(text)
    pyproject.write_text(before + block_for(new) + after, encoding="utf-8")
    return old, new


def main(argv: list[str] | None = None) -> int:
    """Recompute the list in ./pyproject.toml and say what changed."""
    argv = sys.argv[1:] if argv is None else argv
    pyproject = Path(argv[0] if argv else "pyproject.toml").resolve()
    old, new = recompute(pyproject)
    for name in sorted(set(old) - set(new)):
        print(f"checked now: {name}")
    for name in sorted(set(new) - set(old)):
        print(f"exempted now: {name}")
    print(f"{len(new)} modules exempted (were {len(old)}); update MAX_OVERRIDES in test_mypy_overrides.py if fewer")
    return 0
