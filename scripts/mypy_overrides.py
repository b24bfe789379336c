"""Recompute the modules mypy does not check yet (the marked block of pyproject.toml) from a mypy run without them.

Run from the repository root after modules moved or were fixed: `.venv/bin/python scripts/mypy_overrides.py`.
The logic and its tests live in workbench/devtools/mypy_overrides.py.
"""

import sys

from workbench.devtools.mypy_overrides import main

if __name__ == "__main__":
    sys.exit(main())
