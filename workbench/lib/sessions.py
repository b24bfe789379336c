"""Sessions as files on the embedded SQLite database: a login or a page view never needs its write lock.

Django's database sessions write a row at every login and whenever a session changes (a message shown, a language
chosen); during an import those writes would wait for the import's write lock (lib/busy.py). Files beside the
database are shared by every server process of the one machine an embedded installation runs on, and are
revoked at logout, which signed-cookie sessions are not. PostgreSQL keeps Django's database sessions (settings.py).
`workbench clearsessions` deletes the expired files.
"""

import os

from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore


class SessionStore(FileSessionStore):
    """Django's file sessions, in SESSION_FILE_PATH, created (readable by the server's user only) when missing."""

    @classmethod
    def _get_storage_path(cls):
        # Not cached, unlike Django's: the directory is read from the settings each time (the tests change it).
        path = os.path.abspath(settings.SESSION_FILE_PATH)
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path
