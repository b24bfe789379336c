"""The demo secret key is refused for serving: by `workbench check --deploy` (which deploy/serve runs first), by
the WSGI entry point (plain gunicorn) and by runserver (management/commands/runserver.py).

Other commands (migrate, makemigrations, `workbench demo`, the tests) keep working with it: they serve nobody, and
a developer or CI should not need a secret to run them.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

# settings.py falls back to a key starting so when WORKBENCH_SECRET_KEY is not set: good for the tests only.
DEMO_SECRET_KEY_PREFIX = "workbench-demo-key"


@register(Tags.security, deploy=True)
def check_demo_secret_key(app_configs, **kwargs):
    """With DEBUG off, the public demo key would let anyone forge sessions and password-reset tokens: refuse it."""
    if settings.DEBUG or not settings.SECRET_KEY.startswith(DEMO_SECRET_KEY_PREFIX):
        return []
    return [
        Error(
            "WORKBENCH_SECRET_KEY is not set: the demo secret key, published in the source, is refused when "
            "DEBUG is off.",
            hint="Set WORKBENCH_SECRET_KEY to a long random string, the same on every app server "
            '(python3 -c "import secrets; print(secrets.token_urlsafe(50))"), or WORKBENCH_DEBUG=1 on a '
            "developer's machine.",
            id="workbench.E001",
        )
    ]


def refuse_to_serve_with_errors() -> None:
    """Raise ImproperlyConfigured when the check above fails: called before serving by wsgi.py and runserver,
    which run no deployment check of their own."""
    from django.core.exceptions import ImproperlyConfigured

    errors = check_demo_secret_key(None)
    if errors:
        raise ImproperlyConfigured("\n".join(f"{error.msg} {error.hint}" for error in errors))
