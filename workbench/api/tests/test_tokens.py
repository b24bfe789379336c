"""The token page: a user creates tokens (the key shown once), sees them, revokes his own and nobody else's."""

import pytest

from workbench import testing
from workbench.api.models import ApiToken, hash_key


def login(client, staff):
    client.login(username=staff.code, password=testing.PASSWORD)


def test_the_page_needs_a_login(client):
    # given / when
    response = client.get("/api/v1/tokens/")

    # then
    assert response.status_code == 302


def test_creating_a_token_shows_its_key_once(client, customer_manager):
    # given
    login(client, customer_manager)

    # when
    response = client.post("/api/v1/tokens/", {"name": "Excel"})

    # then
    key = response.context["new_key"]
    assert key.startswith("wb_")
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=customer_manager.user)
    assert (token.name, token.key_hash, token.prefix) == ("Excel", hash_key(key), key[:10])
    assert key not in client.get("/api/v1/tokens/").content.decode()


def test_a_token_needs_a_name(client, customer_manager):
    # given
    login(client, customer_manager)

    # when
    response = client.post("/api/v1/tokens/", {"name": "  "})

    # then
    assert response.context["new_key"] is None
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_ones_own_tokens(client, customer_manager, colleague):
    # given
    ApiToken.objects.create(user=colleague.user, name="colleague's", key_hash="a" * 64, prefix="wb_aaaa")
    ApiToken.objects.create(user=customer_manager.user, name="mine", key_hash="b" * 64, prefix="wb_bbbb")
    login(client, customer_manager)

    # when
    response = client.get("/api/v1/tokens/")

    # then
    assert [token.name for token in response.context["tokens"]] == ["mine"]


def test_revoking_ones_own_token(client, customer_manager):
    # given
    token = ApiToken.objects.create(user=customer_manager.user, name="mine", key_hash="b" * 64, prefix="wb_bbbb")
    login(client, customer_manager)

    # when
    response = client.post(f"/api/v1/tokens/{token.pk}/revoke/")

    # then
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_revokes_someone_elses_token(client, customer_manager, colleague, method):
    # given
    token = ApiToken.objects.create(user=colleague.user, name="theirs", key_hash="c" * 64, prefix="wb_cccc")
    login(client, customer_manager)

    # when
    response = getattr(client, method)(f"/api/v1/tokens/{token.pk}/revoke/")

    # then: nothing changed
    assert response.status_code == (404 if method == "post" else 405)
    token.refresh_from_db()
    assert token.revoked_at is None
