"""The devtools tests reuse the analysis tests' territory (the benchmark runs their reports) and English messages."""

from workbench.analysis.tests.conftest import english, run, territory  # noqa: F401
