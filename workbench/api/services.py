"""Creating, revoking and checking API tokens."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from workbench.api.models import ApiToken, hash_key
from workbench.lib.busy import write_if_free

KEY_PREFIX = "wb_"
# Recording every use would write on every API call; once a minute says enough about "last used".
LAST_USED_RESOLUTION = timedelta(minutes=1)


def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is never stored and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), key_hash=hash_key(key), prefix=key[:10])
    return token, key


def revoke_token(*, token: ApiToken) -> None:
    """Revoke a token: it stops working at once (revoking twice keeps the first date)."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()


def user_for_key(key: str):
    """The active user behind an active token's key, or None; records when the token was used."""
    token = ApiToken.objects.active().select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        # Not worth waiting for an import's write lock (lib/busy.py): the next call records it.
        write_if_free(lambda: ApiToken.objects.filter(pk=token.pk).update(last_used_at=now), "token last use")
    return token.user
