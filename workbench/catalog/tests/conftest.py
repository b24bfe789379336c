import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every persona gets a login with a password; the production hasher would spend seconds on each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
