"""constraints.txt (scripts/lock) agrees with pyproject.toml: every pin there is the version the lock holds."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOCKED_EXTRAS = ("dev", "bench", "server")  # what scripts/lock installs; `load` has its own virtualenv


def canonical(name: str) -> str:
    """A distribution name as pip compares them: lower case, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    """{name: version} of requirements written name[extras]==version."""
    found = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^;\s]+)", requirement.strip())
        assert match, f"not pinned with ==: {requirement}"
        found[canonical(match[1])] = match[2]
    return found


def test_every_pin_of_pyproject_is_the_locked_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = pins(project["dependencies"])
    for extra in LOCKED_EXTRAS:
        wanted.update(pins(project["optional-dependencies"][extra]))
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    locked = pins([line for line in lines if line and not line.startswith("#")])

    assert {name: locked.get(name) for name in wanted} == wanted
    assert "pip" in locked
    assert "workbench" not in locked
