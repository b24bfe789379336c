"""`workbench import` prints the report and fails (non-zero exit) when the file is not imported."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from workbench.accounts.models import OrgUnit
from workbench.imports.tests.conftest import ORG, write_csv


def test_import_prints_the_report(db, tmp_path):
    out = io.StringIO()

    call_command("import", "org", str(write_csv(tmp_path / "org.csv", ORG)), stdout=out)

    expected = "Import of org units from org.csv: 4 rows read, 4 created, 0 updated, 0 unchanged ("
    assert out.getvalue().startswith(expected)
    assert OrgUnit.objects.count() == 4


def test_import_fails_with_the_errors_and_writes_nothing(db, tmp_path):
    out = io.StringIO()
    rows = [ORG[0], ["NJ", "南京市公司", "company", "XX"]]

    with pytest.raises(CommandError, match="^1 errors; nothing was written.$"):
        call_command("import", "org", str(write_csv(tmp_path / "org.csv", rows)), stdout=out)

    assert "row 2, column parent_code, value “XX”: Unknown parent org code." in out.getvalue()
    assert OrgUnit.objects.count() == 0


def test_dry_run_writes_nothing(db, tmp_path):
    out = io.StringIO()

    call_command("import", "org", str(write_csv(tmp_path / "org.csv", ORG)), "--dry-run", stdout=out)

    assert "4 created" in out.getvalue()
    assert OrgUnit.objects.count() == 0


def test_the_command_line_exit_code_is_not_zero_on_a_bad_file(tmp_path):
    # given an empty file; the command fails before it needs a database table
    path = tmp_path / "org.csv"
    path.write_bytes(b"")
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}

    # when
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "import", "org", str(path)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    # then (the message is in the default language, so only the file name is checked)
    assert result.returncode == 1
    assert "org.csv" in result.stdout
