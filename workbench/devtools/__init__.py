"""Development-only tools: the reports benchmark, the growth benchmark's history copy, and tooling tests.

Nothing of the product imports this package, and the wheel does not ship it (pyproject.toml excludes it): the
settings install the app only when it is importable, that is in a source checkout (`pip install -e .`). Its
commands are `workbench bench reports [--duckdb]` and `workbench double-history --yes`.
"""
