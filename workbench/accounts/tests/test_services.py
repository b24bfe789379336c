"""Services on staff logins."""

import pytest
from django.contrib.auth import get_user_model

from workbench.accounts import services
from workbench.accounts.models import Role, Staff

pytestmark = pytest.mark.django_db


def test_set_password_creates_the_missing_login(org):
    # given a staff member imported without a login
    staff = Staff.objects.create(code="CM9", name="周杰", role=Role.CUSTOMER_MANAGER, org_unit=org["team1"])

    # when an administrator sets his password
    services.set_staff_password(staff=staff, password="Xuanwu-Lake-9")

    # then he has an active login named after his 工号, with that password
    staff.refresh_from_db()
    user = staff.user
    assert user is not None
    assert user.username == "CM9"
    assert user.is_active
    assert user.check_password("Xuanwu-Lake-9")


def test_ensure_login_gives_an_unusable_password(org):
    # given a staff member without a login
    staff = Staff.objects.create(code="CM8", name="吴昊", role=Role.CUSTOMER_MANAGER, org_unit=org["team1"])

    # when his login is ensured
    user = services.ensure_login(staff=staff)

    # then nobody can log in with it until a password is set, and a second call changes nothing
    assert not user.has_usable_password()
    assert services.ensure_login(staff=staff) == user
    assert get_user_model().objects.filter(username="CM8").count() == 1


def test_ensure_login_refuses_a_login_of_someone_else(org, customer_manager):
    # given CM1's login, and a new staff member whose code is "CM1" too in another record (a renamed code)
    other = Staff.objects.create(code="CM1-new", name="钱进", role=Role.CUSTOMER_MANAGER, org_unit=org["team1"])
    other.code = "CM1"  # not saved: the unique code would refuse it; the service only reads it

    # when his login is ensured
    # then the service refuses to take CM1's login
    with pytest.raises(ValueError, match="the login 'CM1' belongs to another staff member"):
        services.ensure_login(staff=other)


def test_set_login_active_without_login_does_nothing(org):
    # given a staff member without a login
    staff = Staff.objects.create(code="CM7", name="郑和", role=Role.CUSTOMER_MANAGER, org_unit=org["team1"])

    # when his login is allowed
    services.set_login_active(staff=staff, active=True)

    # then still no login exists
    staff.refresh_from_db()
    assert staff.user is None
