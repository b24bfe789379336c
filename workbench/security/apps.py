from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Login throttling, the security headers and the start-up checks of the settings (issue 9 §2, §3)."""

    name = "workbench.security"

    def ready(self):
        from workbench.security import checks  # noqa: F401  (registers the system checks)
