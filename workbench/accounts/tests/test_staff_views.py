"""Staff accounts (人员账号): admin only, every change a POST, nothing changes on a denied request."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from workbench import testing
from workbench.accounts import services
from workbench.accounts.models import Role, Staff

pytestmark = pytest.mark.django_db

NON_ADMINS = ["customer_manager", "colleague", "market_manager", "outsider", "leader"]
NEW_PASSWORD = "Zhongshan-Road-88"


def login_state(staff: Staff) -> tuple:
    """What a staff-account change could alter: the login's password hash and whether it may log in."""
    user = get_user_model().objects.get(staff=staff)
    return user.password, user.is_active


@pytest.fixture
def everyone(customer_manager, colleague, market_manager, outsider, leader, admin_staff):
    """All the personas at once, by fixture name."""
    return {
        "customer_manager": customer_manager,
        "colleague": colleague,
        "market_manager": market_manager,
        "outsider": outsider,
        "leader": leader,
        "admin_staff": admin_staff,
    }


@pytest.mark.parametrize("persona", NON_ADMINS)
@pytest.mark.parametrize("url_name", ["accounts:staff_list", "accounts:staff_detail"])
def test_staff_pages_are_403_for_non_admins(client, everyone, persona, url_name):
    # given a logged-in user who is not an administrator
    client.force_login(everyone[persona].user)
    args = [] if url_name == "accounts:staff_list" else [everyone["colleague"].pk]

    # when he opens a staff page
    response = client.get(reverse(url_name, args=args))

    # then it is forbidden
    assert response.status_code == 403


@pytest.mark.parametrize("persona", NON_ADMINS)
@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("accounts:staff_password", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
        ("accounts:staff_login_active", {"active": "0"}),
    ],
)
def test_denied_posts_change_nothing(client, everyone, persona, url_name, data):
    # given a non-administrator and the colleague's login as it is
    client.force_login(everyone[persona].user)
    target = everyone["colleague"]
    before = login_state(target)

    # when he posts a change to the colleague's login
    response = client.post(reverse(url_name, args=[target.pk]), data)

    # then it is forbidden and the login is unchanged
    assert response.status_code == 403
    assert login_state(target) == before


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("accounts:staff_list", []),
        ("accounts:staff_detail", [1]),
        ("accounts:staff_password", [1]),
        ("accounts:staff_login_active", [1]),
    ],
)
def test_anonymous_is_sent_to_login(client, url_name, args):
    # given an anonymous visitor
    # when he opens or posts to a staff page
    for response in (client.get(reverse(url_name, args=args)), client.post(reverse(url_name, args=args))):
        # then he is sent to the login page
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_superuser_without_staff_record_is_admin(client, colleague):
    # given a Django superuser who has no staff record
    superuser = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(superuser)

    # when he opens the staff list
    # then he may
    assert client.get(reverse("accounts:staff_list")).status_code == 200


def test_staff_list_searches_filters_and_pages(client, everyone, settings, django_assert_num_queries):
    # given an administrator and the six personas (AD1, CM1, CM2, CM3, LD1, MM1)
    settings.PAGE_SIZE = 2
    client.force_login(everyone["admin_staff"].user)

    # when he lists customer managers of team T1 (and below)
    team1 = everyone["customer_manager"].org_unit
    response = client.get(reverse("accounts:staff_list"), {"role": Role.CUSTOMER_MANAGER, "org_unit": team1.pk})

    # then he sees CM1 and CM2 only, and the filters keep what he chose
    assert [s.code for s in response.context["page"].object_list] == ["CM1", "CM2"]
    assert response.context["filters"]["role"].value() == Role.CUSTOMER_MANAGER

    # when he searches by name
    response = client.get(reverse("accounts:staff_list"), {"q": "李娜"})
    # then he finds the colleague
    assert [s.code for s in response.context["page"].object_list] == ["CM2"]

    # when he asks for the second page of everyone (two per page)
    with django_assert_num_queries(6):  # session, user, staff, count, page, org units of the filter
        response = client.get(reverse("accounts:staff_list"), {"page": 2})
    # then he sees the 3rd and 4th staff members by code, and a link back keeping the page parameter
    assert [s.code for s in response.context["page"].object_list] == ["CM2", "CM3"]
    assert "?page=1" in response.content.decode()


def test_staff_list_filters_refused_logins(client, everyone):
    # given an administrator and CM3 whose login is refused
    services.set_login_active(staff=everyone["outsider"], active=False)
    client.force_login(everyone["admin_staff"].user)

    # when he lists refused logins
    response = client.get(reverse("accounts:staff_list"), {"login": "inactive"})

    # then he sees CM3 only
    assert [s.code for s in response.context["page"].object_list] == ["CM3"]


def test_admin_sets_a_new_password(client, everyone):
    # given an administrator
    client.force_login(everyone["admin_staff"].user)
    target = everyone["colleague"]

    # when he sets a new password for CM2
    response = client.post(
        reverse("accounts:staff_password", args=[target.pk]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    # then he is back on CM2's page and CM2 logs in with the new password
    assert response.status_code == 302
    assert response.url == reverse("accounts:staff_detail", args=[target.pk])
    assert get_user_model().objects.get(pk=target.user_id).check_password(NEW_PASSWORD)


def test_password_mismatch_is_shown_and_changes_nothing(client, everyone):
    # given an administrator
    client.force_login(everyone["admin_staff"].user)
    target = everyone["colleague"]
    before = login_state(target)

    # when the two passwords differ
    response = client.post(
        reverse("accounts:staff_password", args=[target.pk]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then the page comes back with the error and the login is unchanged
    assert response.status_code == 200
    assert "The two passwords do not match." in response.content.decode()
    assert login_state(target) == before


def test_weak_password_is_refused(client, everyone):
    # given an administrator
    client.force_login(everyone["admin_staff"].user)
    target = everyone["colleague"]
    before = login_state(target)

    # when he types an all-digit, common password
    response = client.post(
        reverse("accounts:staff_password", args=[target.pk]), {"new_password1": "123456", "new_password2": "123456"}
    )

    # then Django's password rules refuse it
    assert response.status_code == 200
    assert response.context["password_form"].errors["new_password2"]
    assert login_state(target) == before


def test_admin_refuses_and_allows_a_login(client, everyone):
    # given an administrator and CM2 who can log in
    client.force_login(everyone["admin_staff"].user)
    target = everyone["colleague"]
    url = reverse("accounts:staff_login_active", args=[target.pk])

    # when he refuses CM2's login
    client.post(url, {"active": "0"})

    # then CM2 can no longer log in
    assert login_state(target)[1] is False
    assert not client.login(username="CM2", password=testing.PASSWORD)

    # when he allows it again
    client.force_login(everyone["admin_staff"].user)
    client.post(url, {"active": "1"})

    # then CM2 can log in
    assert login_state(target)[1] is True
    assert client.login(username="CM2", password=testing.PASSWORD)


def test_admin_cannot_refuse_his_own_login(client, everyone):
    # given an administrator
    admin = everyone["admin_staff"]
    client.force_login(admin.user)

    # when he tries to refuse his own login
    response = client.post(reverse("accounts:staff_login_active", args=[admin.pk]), {"active": "0"}, follow=True)

    # then nothing changes and he is told why
    assert login_state(admin)[1] is True
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_refused_login_ends_open_sessions(client, everyone):
    # given CM2 logged in
    client.force_login(everyone["colleague"].user)
    assert client.get("/").status_code == 200

    # when an administrator refuses his login
    services.set_login_active(staff=everyone["colleague"], active=False)

    # then his next request goes to the login page
    assert client.get("/").status_code == 302


def test_staff_page_is_get_only_for_changes(client, everyone):
    # given an administrator
    client.force_login(everyone["admin_staff"].user)

    # when he opens the password endpoint with GET
    # then it is refused: changes are POST only
    assert client.get(reverse("accounts:staff_password", args=[everyone["colleague"].pk])).status_code == 405
