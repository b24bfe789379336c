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
    private_set: object  # CM1's, private
    published_set: object  # MM1's, published to team T1


@pytest.fixture(params=[CUSTOMER_SETS, BRAND_SETS], ids=["customer_set", "brand_set"])
def sets(request, customers, customer_manager, market_manager, org):
    """Both kinds in turn: CM1's private set holding his first member, MM1's set published to team T1."""
    kind = request.param
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


def login(client, staff):
    client.force_login(staff.user)
    return client


# (persona, in the list, detail status, edit and delete status)
PRIVATE_MATRIX = [
    ("customer_manager", True, 200, 200),  # the owner
    ("colleague", False, 404, 404),
    ("market_manager", False, 404, 404),  # private means private, even to his market manager
    ("outsider", False, 404, 404),
    ("leader", False, 404, 404),
    ("admin_staff", True, 200, 403),  # sees every set, changes only his own
]
PUBLISHED_MATRIX = [
    ("customer_manager", True, 200, 403),  # in the team it is published to
    ("colleague", True, 200, 403),
    ("market_manager", True, 200, 200),  # the owner
    ("outsider", False, 404, 404),  # another team
    ("leader", False, 404, 404),  # published to a team, not to the company above it
    ("admin_staff", True, 200, 403),
]


@pytest.mark.parametrize(("persona", "listed", "detail", "change"), PRIVATE_MATRIX)
def test_private_set_matrix(client, request, sets, persona, listed, detail, change):
    # given
    login(client, request.getfixturevalue(persona))
    kind, saved_set = sets.kind, sets.private_set
    # when
    list_page = client.get(kind.url("list"))
    statuses = [client.get(kind.url(action, saved_set)).status_code for action in ("detail", "edit", "delete")]
    # then
    assert list_page.status_code == 200
    assert ("私人甲集" in list_page.text) is listed
    assert statuses == [detail, change, change]


@pytest.mark.parametrize(("persona", "listed", "detail", "change"), PUBLISHED_MATRIX)
def test_published_set_matrix(client, request, sets, persona, listed, detail, change):
    # given
    login(client, request.getfixturevalue(persona))
    kind, saved_set = sets.kind, sets.published_set
    # when
    list_page = client.get(kind.url("list"))
    statuses = [client.get(kind.url(action, saved_set)).status_code for action in ("detail", "edit", "delete")]
    # then
    assert ("团队乙集" in list_page.text) is listed
    assert statuses == [detail, change, change]


@pytest.mark.parametrize(("persona", "status"), [(p, change) for p, _, _, change in PUBLISHED_MATRIX if change != 200])
def test_denied_writes_change_nothing(client, request, sets, persona, status):
    # given someone who is not the owner of the published set
    login(client, request.getfixturevalue(persona))
    kind, saved_set = sets.kind, sets.published_set
    before = kind.snapshot(saved_set)
    # when he posts an edit and a delete
    data = kind.edit_data(version=saved_set.version, name="hacked", members=sets.members)
    edit = client.post(kind.url("edit", saved_set), data)
    delete = client.post(kind.url("delete", saved_set))
    # then both are refused with the matrix's status, and the set is as it was
    assert (edit.status_code, delete.status_code) == (status, status)
    assert kind.model.objects.filter(pk=saved_set.pk).exists()
    assert kind.snapshot(saved_set) == before


def test_anonymous_is_sent_to_login(client, sets):
    kind, saved_set = sets.kind, sets.private_set
    urls = [kind.url("list"), kind.url("create")] + [kind.url(a, saved_set) for a in ("detail", "edit", "delete")]
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def test_each_save_raises_the_version(client, sets, customer_manager):
    # given CM1's set, never edited
    login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    # when he saves it twice, each time from a freshly loaded form
    first = client.post(kind.url("edit", saved_set), kind.edit_data(version=1, name="一", members=sets.members))
    second = client.post(kind.url("edit", saved_set), kind.edit_data(version=2, name="二", members=sets.members[:1]))
    # then
    assert (first.status_code, second.status_code) == (302, 302)
    assert kind.snapshot(saved_set) == ("二", "", None, [sets.members[0].pk], 3)


def test_the_edit_form_carries_the_version_it_was_loaded_with(client, sets, customer_manager):
    login(client, customer_manager)
    kind, saved_set = sets.kind, sets.private_set
    client.post(kind.url("edit", saved_set), kind.edit_data(version=1, name="一", members=sets.members))

    page = client.get(kind.url("edit", saved_set))

    assert page.context["form"].initial["version"] == 2
    assert '<input type="hidden" name="version" value="2"' in page.text


def test_two_tabs_the_second_save_is_refused_and_keeps_its_input(client, sets, customer_manager):
    # given CM1 opens his set in two tabs (both forms loaded at version 1)
    login(client, customer_manager)
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
    login(client, customer_manager)
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
    assert before[0] == "一" and before[-1] == 2
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
