"""Passwords are stored with Argon2id at OWASP's parameters, and older hashes are upgraded at the next login."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password

from workbench import testing
from workbench.accounts.models import Role

PRODUCTION_HASHERS = settings.PASSWORD_HASHERS  # read before the test fixture swaps in MD5


def test_new_passwords_are_argon2id_with_owasp_parameters(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS

    encoded = make_password("demo12345")

    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_pbkdf2_password_is_rehashed_with_argon2id_at_login(settings, org):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    staff = testing.make_staff("cm901", Role.CUSTOMER_MANAGER, org["team1"])
    user = staff.user
    assert user is not None
    user.password = make_password("demo12345", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert authenticate(username=user.username, password="demo12345") == user

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
