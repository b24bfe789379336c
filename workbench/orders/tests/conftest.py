"""The imports tests' small city (org, staff, customers, specs) and their English messages."""

from workbench.imports.tests.conftest import city, english  # noqa: F401
