"""Turn a DATABASE_URL into a Django DATABASES entry (sqlite:///PATH or postgres://user:pw@host:port/name)."""

from urllib.parse import unquote, urlsplit


def parse_database_url(url: str) -> dict:
    """Return the Django database settings for `url`; raise ValueError for an unknown scheme."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as in dj-database-url.
        path = unquote(url[len("sqlite:///") :]) or ":memory:"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use sqlite:/// or postgres://)")
