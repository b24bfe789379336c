"""The token page: a user creates tokens (the key shown once), sees them, revokes his own and nobody else's."""

import pytest

from workbench import testing
from workbench.api.models import ApiToken, hash_key


@pytest.fixture
def cm1_token(customer_manager):
    """A token of CM1's."""
    return ApiToken.objects.create(user=customer_manager.user, name="mine", key_hash="b" * 64, prefix="wb_bbbb")


# ---- the access matrix -------------------------------------------------------------------------------------------

# Tokens are personal: every staff member has the page and creates his own; anonymous goes to the login.
EVERY_STAFF_MEMBER = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}

test_token_page_access = testing.view_matrix("/api/v1/tokens/", EVERY_STAFF_MEMBER)
test_token_create_access = testing.view_matrix(
    "/api/v1/tokens/", EVERY_STAFF_MEMBER, method="post", data={"name": "Excel"}, snapshot=testing.rows(ApiToken)
)

# Only CM1 revokes CM1's token (then goes back to the list); for anybody else, an administrator too, it is not found.
test_token_revoke_access = testing.view_matrix(
    lambda cm1_token: f"/api/v1/tokens/{cm1_token.pk}/revoke/",
    {
        "customer_manager": 302,
        "colleague": 404,
        "market_manager": 404,
        "outsider": 404,
        "leader": 404,
        "brand_manager": 404,
        "admin_staff": 404,
        "anonymous": 302,
    },
    method="post",
    snapshot=testing.rows(ApiToken),
)

# Revoking is a POST: a GET is refused by method, before the token is looked up, and changes nothing.
test_token_revoke_by_get_access = testing.view_matrix(
    lambda cm1_token: f"/api/v1/tokens/{cm1_token.pk}/revoke/",
    {
        "customer_manager": 405,
        "colleague": 405,
        "market_manager": 405,
        "outsider": 405,
        "leader": 405,
        "brand_manager": 405,
        "admin_staff": 405,
        "anonymous": 302,
    },
    snapshot=testing.rows(ApiToken),
)


# ---- the page ----------------------------------------------------------------------------------------------------


def test_creating_a_token_shows_its_key_once(client, customer_manager):
    # given
    testing.login(client, customer_manager)

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
    testing.login(client, customer_manager)

    # when
    response = client.post("/api/v1/tokens/", {"name": "  "})

    # then
    assert response.context["new_key"] is None
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_ones_own_tokens(client, customer_manager, colleague):
    # given
    ApiToken.objects.create(user=colleague.user, name="colleague's", key_hash="a" * 64, prefix="wb_aaaa")
    ApiToken.objects.create(user=customer_manager.user, name="mine", key_hash="b" * 64, prefix="wb_bbbb")
    testing.login(client, customer_manager)

    # when
    response = client.get("/api/v1/tokens/")

    # then
    assert [token.name for token in response.context["tokens"]] == ["mine"]


def test_revoking_ones_own_token(client, customer_manager, cm1_token):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.post(f"/api/v1/tokens/{cm1_token.pk}/revoke/")

    # then
    assert response.status_code == 302
    assert response.url == "/api/v1/tokens/"
    cm1_token.refresh_from_db()
    assert cm1_token.revoked_at is not None
