"""WSGI entry point (gunicorn workbench.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
application = get_wsgi_application()

# gunicorn runs no system check: refuse here to serve with the demo secret key (workbench/security/checks.py).
from workbench.security.checks import refuse_to_serve_with_errors  # noqa: E402

refuse_to_serve_with_errors()
