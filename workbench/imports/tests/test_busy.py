"""Logins, pages and saves while an order import holds the write lock of the embedded SQLite database.

The scenario (busy_scenario.py) runs in a process of its own on a SQLite database file, whatever database the suite
runs on, with a 5 s busy timeout (long enough that a request which did not wait for the lock is told from one
which did, on a loaded machine): the import has written its 2,000 lines and holds its transaction open while a
customer manager logs in, opens three pages, and saves a customer set, and an administrator opens a change page
of the Django admin (which reads inside a transaction).
"""

import json
import os
import subprocess
import sys


def test_the_site_answers_while_an_import_writes(tmp_path):
    # given a file database, a customer manager, and an order import paused inside its write transaction
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WORKBENCH_SESSION_DIR": str(tmp_path / "sessions"),
        "WORKBENCH_SQLITE_BUSY_TIMEOUT": "5",
        "DJANGO_SETTINGS_MODULE": "workbench.settings",
    }

    # when he logs in, reads and saves during the import, then saves again after it
    result = subprocess.run(
        [sys.executable, "-m", "workbench.imports.tests.busy_scenario", str(tmp_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])

    # then the login and the pages answered without waiting for the lock, from the database as it was before
    assert (seen["journal_mode"], seen["session_engine"]) == ("wal", "workbench.lib.sessions")
    assert seen["login"] == [302, True]
    assert (seen["home"], seen["customers"], seen["sets"]) == ([200, True], [200, True], [200, True])
    assert (seen["admin_change_page"], seen["api_call"]) == ([200, True], [200, True])
    assert seen["lines_seen_during_import"] == 0
    # and the save waited its 5 s, was refused with the reason, kept the input, and wrote nothing
    assert (seen["save"], seen["save_retry_after"], seen["save_says"]) == ([503, True], "30", True)
    assert seen["save_keeps"] == [True, True, True, True]
    assert seen["sets_during_import"] == 0
    # and the stamps of the login and of the token's use, which would have waited, were left for later
    assert (seen["last_login_during_import"], seen["token_last_used_during_import"]) == ("None", "None")
    # and the import committed everything, after which the same save went through
    assert (seen["import"], seen["lines_after_import"]) == ([True, 2000], 2000)
    assert (seen["save_again"], seen["sets_after_import"]) == (302, 1)
