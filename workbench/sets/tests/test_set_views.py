"""The screens every kind of saved set shares, run for 客户集 (customer sets) and 品牌集 (brand sets) alike.

The role × view matrix with exact statuses (404 outside the scope, 403 inside it but not the owner), denied writes
that change nothing, and the stale-edit guard: two tabs editing one set must not lose an update.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.catalog.services import create_brand_set, update_brand_set
from workbench.customers.models import CustomerSet
from workbench.customers.services import create_customer_set, update_customer_set
from workbench.lib.stale import StaleEdit
from workbench.sets.models import SavedSet

STALE_MESSAGE = (
    "Someone saved this in the meantime (another tab or another person). Nothing was saved: "
    "open it again to see the new version, then make your change."
)


@dataclass(frozen=True)
class Kind:
    """One kind of saved set, as the shared tests drive it."""

    url_prefix: str  # "customers:customerset" → customers:customerset_list, …_detail, …_edit, …_delete
    member_field: str  # the form's field of picked members
    extra_post: tuple  # what else the kind's edit form posts
    model: type
    update_service: Callable

    def update(self, saved_set, **values):
        """Call the kind's update service (its set argument is named after the kind)."""
        return self.update_service(saved_set, **values)

    def url(self, action: str, saved_set=None) -> str:
        args = [saved_set.pk] if saved_set is not None else []
        return reverse(f"{self.url_prefix}_{action}", args=args)

    def member_ids(self, saved_set) -> list[int]:
        return sorted(
            saved_set.members.values_list("pk", flat=True) if self.model is CustomerSet else saved_set.spec_ids()
        )

    def snapshot(self, saved_set) -> tuple:
        """What a write would change: name, description, publishing, members, version."""
        saved_set.refresh_from_db()
        return (
            saved_set.name,
            saved_set.description,
            saved_set.shared_with_id,
            self.member_ids(saved_set),
            saved_set.version,
        )

    def edit_data(self, *, version, name: str, members, description: str = "") -> dict:
        data = {"action": "save", "name": name, "description": description, self.member_field: [m.pk for m in members]}
        data.update(dict(self.extra_post))
        if version is not None:
            data["version"] = str(version)
        return data


CUSTOMER_SETS = Kind(
    "customers:customerset",
    "members",
    (("kind", "fixed"),),
    CustomerSet,
    lambda saved_set, **values: update_customer_set(customer_set=saved_set, **values),
)
BRAND_SETS = Kind(
    "catalog:brandset",
    "specs",
    (),
    BrandSet,
    lambda saved_set, **values: update_brand_set(brand_set=saved_set, **values),
)


@dataclass
class Setup:
    """A kind with its members to pick (two the owner may hold) and its two sets."""

    kind: Kind
    members: list
    private_set: SavedSet  # CM1's, private
    published_set: SavedSet  # MM1's, published to team T1


def make_sets(kind: Kind, customers, customer_manager, market_manager, org) -> Setup:
    """CM1's private set holding his first member, MM1's set published to team T1 holding the second."""
    private_set: SavedSet
    published_set: SavedSet
    if kind is CUSTOMER_SETS:
        # CM1 may pick his own C001 and C002; MM1 sees those too (his team).
        members = [customers["c1"], customers["c2"]]
        private_set = create_customer_set(owner=customer_manager, name="私人甲集", members=members[:1])
        published_set = create_customer_set(
            owner=market_manager, name="团队乙集", shared_with=org["team1"], members=members[1:]
        )
    else:
        members = [testing.make_spec("S1", "南京(红)"), testing.make_spec("S2", "南京(炫赫门)", transfer_price="120")]
        private_set = create_brand_set(owner=customer_manager, name="私人甲集", specs=members[:1])
        published_set = create_brand_set(
            owner=market_manager, name="团队乙集", shared_with=org["team1"], specs=members[1:]
        )
    return Setup(kind, members, private_set, published_set)


@pytest.fixture
def all_sets(customers, customer_manager, market_manager, org) -> dict[str, Setup]:
    """Both kinds at once, for the access matrices (a matrix reaches its data through fixtures it names)."""
    return {
        "customer": make_sets(CUSTOMER_SETS, customers, customer_manager, market_manager, org),
        "brand": make_sets(BRAND_SETS, customers, customer_manager, market_manager, org),
    }


@pytest.fixture(params=["customer", "brand"], ids=["customer_set", "brand_set"])
def sets(request, all_sets) -> Setup:
    """Each kind in turn."""
    return all_sets[request.param]


# The access matrices (testing.view_matrix), for each kind and each screen: exact statuses for every persona.

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
PRIVATE_SEEN = {
    "customer_manager": 200,  # the owner
    "colleague": 404,
    "market_manager": 404,  # private means private, even to his market manager
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 200,  # sees every set
    "anonymous": 302,
}
PRIVATE_CHANGE_FORM = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 404,
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 403,  # sees it, changes only his own sets
    "anonymous": 302,
}
PRIVATE_CHANGE_WRITE = {
    "customer_manager": 302,  # saved or deleted, then sent on
    "colleague": 404,
    "market_manager": 404,
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 403,
    "anonymous": 302,
}
PUBLISHED_SEEN = {
    "customer_manager": 200,  # in the team it is published to
    "colleague": 200,
    "market_manager": 200,  # the owner
    "outsider": 404,  # another team
    "leader": 404,  # published to team T1, not to the company above it
    "brand_manager": 404,
    "admin_staff": 200,
    "anonymous": 302,
}
PUBLISHED_CHANGE_FORM = {
    "customer_manager": 403,  # sees it, is not its owner
    "colleague": 403,
    "market_manager": 200,
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 403,
    "anonymous": 302,
}
PUBLISHED_CHANGE_WRITE = {
    "customer_manager": 403,
    "colleague": 403,
    "market_manager": 302,
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 403,
    "anonymous": 302,
}


def url(kind: str, action: str, which: str | None = None):
    """The address of a kind's screen (`which` set: "private_set" or "published_set"), built from the fixture."""
    return lambda all_sets: all_sets[kind].kind.url(action, getattr(all_sets[kind], which) if which else None)


def edit_form(kind: str):
    """An edit that would rename the set and give it both members, from the form as loaded (version 1)."""
    return lambda all_sets: all_sets[kind].kind.edit_data(version=1, name="改过", members=all_sets[kind].members)


def stored(kind: str):
    """Every set of the kind as stored: what a write could change (fields, members, version), or a deletion."""
    return lambda all_sets: [
        all_sets[kind].kind.snapshot(saved_set) for saved_set in all_sets[kind].kind.model.objects.order_by("pk")
    ]


test_customer_set_list = testing.view_matrix(url("customer", "list"), EVERY_STAFF_MEMBER)
test_customer_set_create_form = testing.view_matrix(url("customer", "create"), EVERY_STAFF_MEMBER)
test_customer_set_private_detail = testing.view_matrix(url("customer", "detail", "private_set"), PRIVATE_SEEN)
test_customer_set_private_edit_form = testing.view_matrix(url("customer", "edit", "private_set"), PRIVATE_CHANGE_FORM)
test_customer_set_private_delete_form = testing.view_matrix(
    url("customer", "delete", "private_set"), PRIVATE_CHANGE_FORM
)
test_customer_set_private_edit = testing.view_matrix(
    url("customer", "edit", "private_set"),
    PRIVATE_CHANGE_WRITE,
    method="post",
    data=edit_form("customer"),
    snapshot=stored("customer"),
)
test_customer_set_private_delete = testing.view_matrix(
    url("customer", "delete", "private_set"), PRIVATE_CHANGE_WRITE, method="post", snapshot=stored("customer")
)
test_customer_set_published_detail = testing.view_matrix(url("customer", "detail", "published_set"), PUBLISHED_SEEN)
test_customer_set_published_edit_form = testing.view_matrix(
    url("customer", "edit", "published_set"), PUBLISHED_CHANGE_FORM
)
test_customer_set_published_edit = testing.view_matrix(
    url("customer", "edit", "published_set"),
    PUBLISHED_CHANGE_WRITE,
    method="post",
    data=edit_form("customer"),
    snapshot=stored("customer"),
)
test_customer_set_published_delete = testing.view_matrix(
    url("customer", "delete", "published_set"), PUBLISHED_CHANGE_WRITE, method="post", snapshot=stored("customer")
)

test_brand_set_list = testing.view_matrix(url("brand", "list"), EVERY_STAFF_MEMBER)
test_brand_set_create_form = testing.view_matrix(url("brand", "create"), EVERY_STAFF_MEMBER)
test_brand_set_private_detail = testing.view_matrix(url("brand", "detail", "private_set"), PRIVATE_SEEN)
test_brand_set_private_edit_form = testing.view_matrix(url("brand", "edit", "private_set"), PRIVATE_CHANGE_FORM)
test_brand_set_private_delete_form = testing.view_matrix(url("brand", "delete", "private_set"), PRIVATE_CHANGE_FORM)
test_brand_set_private_edit = testing.view_matrix(
    url("brand", "edit", "private_set"),
    PRIVATE_CHANGE_WRITE,
    method="post",
    data=edit_form("brand"),
    snapshot=stored("brand"),
)
test_brand_set_private_delete = testing.view_matrix(
    url("brand", "delete", "private_set"), PRIVATE_CHANGE_WRITE, method="post", snapshot=stored("brand")
)
test_brand_set_published_detail = testing.view_matrix(url("brand", "detail", "published_set"), PUBLISHED_SEEN)
test_brand_set_published_edit_form = testing.view_matrix(url("brand", "edit", "published_set"), PUBLISHED_CHANGE_FORM)
test_brand_set_published_edit = testing.view_matrix(
    url("brand", "edit", "published_set"),
    PUBLISHED_CHANGE_WRITE,
    method="post",
    data=edit_form("brand"),
    snapshot=stored("brand"),
)
test_brand_set_published_delete = testing.view_matrix(
    url("brand", "delete", "published_set"), PUBLISHED_CHANGE_WRITE, method="post", snapshot=stored("brand")
)


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_the_list_shows_each_persona_the_sets_he_sees(client, request, sets, persona):
    # given
    testing.login_as(client, request, persona)
    # when
    page = client.get(sets.kind.url("list"))
    # then
    expected = {
        "customer_manager": (True, True),
        "colleague": (False, True),
        "market_manager": (False, True),
        "outsider": (False, False),
        "leader": (False, False),
        "brand_manager": (False, False),
        "admin_staff": (True, True),
    }
    assert ("私人甲集" in page.text, "团队乙集" in page.text) == expected[persona]


def test_each_save_raises_the_version(client, sets, customer_manager):
    # given CM1's set, never edited
    testing.login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    # when he saves it twice, each time from a freshly loaded form
    first = client.post(kind.url("edit", saved_set), kind.edit_data(version=1, name="一", members=sets.members))
    second = client.post(kind.url("edit", saved_set), kind.edit_data(version=2, name="二", members=sets.members[:1]))
    # then
    assert (first.status_code, second.status_code) == (302, 302)
    assert kind.snapshot(saved_set) == ("二", "", None, [sets.members[0].pk], 3)


def test_the_edit_form_carries_the_version_it_was_loaded_with(client, sets, customer_manager):
    testing.login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    client.post(kind.url("edit", saved_set), kind.edit_data(version=1, name="一", members=sets.members))

    page = client.get(kind.url("edit", saved_set))

    assert page.context["form"].initial["version"] == 2
    assert '<input type="hidden" name="version" value="2"' in page.text


def test_two_tabs_the_second_save_is_refused_and_keeps_its_input(client, sets, customer_manager):
    # given CM1 opens his set in two tabs (both forms loaded at version 1)
    testing.login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    tab_one = client.get(kind.url("edit", saved_set)).context["form"].initial["version"]
    tab_two = client.get(kind.url("edit", saved_set)).context["form"].initial["version"]
    # when he saves tab one, then tab two
    saved = client.post(
        kind.url("edit", saved_set), kind.edit_data(version=tab_one, name="第一个标签", members=sets.members)
    )
    refused = client.post(
        kind.url("edit", saved_set),
        kind.edit_data(version=tab_two, name="第二个标签", description="我的备注", members=[]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # then tab one's save stands, tab two is refused with the message, its input kept, nothing of it written
    assert (tab_one, tab_two, saved.status_code, refused.status_code) == (1, 1, 302, 200)
    assert kind.snapshot(saved_set) == ("第一个标签", "", None, [member.pk for member in sets.members], 2)
    form = refused.context["form"]
    assert list(form.non_field_errors()) == [STALE_MESSAGE]
    assert STALE_MESSAGE in refused.text
    assert (form["name"].value(), form["description"].value(), form["version"].value()) == (
        "第二个标签",
        "我的备注",
        "1",
    )
    assert 'value="第二个标签"' in refused.text


def test_a_save_without_a_version_is_refused(client, sets, customer_manager):
    # given a hand-made post that names no version
    testing.login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    before = kind.snapshot(saved_set)
    # when
    response = client.post(
        kind.url("edit", saved_set),
        kind.edit_data(version=None, name="无版本", members=sets.members),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # then it cannot prove it saw the latest save: refused like a stale one
    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == [STALE_MESSAGE]
    assert kind.snapshot(saved_set) == before


def test_a_refused_change_rolls_the_version_back(sets, org):
    # given MM1's published set at version 1
    kind, saved_set = sets.kind, sets.published_set
    before = kind.snapshot(saved_set)
    # when the service is asked to publish it to the department, which he may not publish to
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        kind.update(saved_set, version=1, name="改名", shared_with=org["department"])
    # then nothing is written, not even the version the guard had claimed
    assert refused.value.message_dict == {"shared_with": ["You may not publish a set to this unit."]}
    assert kind.snapshot(saved_set) == before


def test_the_service_refuses_a_stale_version(sets):
    # given MM1's set saved once (version 2)
    kind, saved_set = sets.kind, sets.published_set
    kind.update(saved_set, version=1, name="一", shared_with=saved_set.shared_with)
    before = kind.snapshot(saved_set)
    # when a caller that read version 1 saves
    with pytest.raises(StaleEdit):
        kind.update(kind.model.objects.get(pk=saved_set.pk), version=1, name="二", shared_with=None)
    # then
    assert before[0] == "一"
    assert before[-1] == 2
    assert kind.snapshot(saved_set) == before


def test_a_superuser_without_staff_sees_every_set_but_creates_none(client, sets):
    # given a Django superuser with no staff record (nobody could own his set)
    client.force_login(get_user_model().objects.create_superuser(username="root", password="x"))
    kind = sets.kind
    # when
    list_page = client.get(kind.url("list"))
    create_page = client.get(kind.url("create"))
    created = client.post(kind.url("create"), kind.edit_data(version=None, name="无主", members=sets.members))
    # then
    assert ("私人甲集" in list_page.text, "团队乙集" in list_page.text) == (True, True)
    assert (create_page.status_code, created.status_code) == (403, 403)
    assert kind.model.objects.count() == 2
