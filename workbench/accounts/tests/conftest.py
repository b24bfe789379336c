import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every persona gets a login with a password: hash them cheaply, the tests are not about PBKDF2's cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
