"""runserver, refusing the demo secret key when DEBUG is off (checks.py): the development server is no excuse to
serve real data with a key published in the source."""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError

from workbench.security.checks import refuse_to_serve_with_errors


class Command(StaticfilesRunserver):
    def handle(self, *args, **options):
        try:
            refuse_to_serve_with_errors()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        return super().handle(*args, **options)
