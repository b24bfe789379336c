"""The login error names the field the form asks for: 工号 (the staff code), not Django's 用户名 (username)."""

import pytest
from django.urls import reverse

from workbench import testing

pytestmark = pytest.mark.django_db


def wrong_password(client, path):
    """POST a known staff code with a wrong password, reading Chinese; return the form's error text."""
    response = client.post(
        path, {"username": "CM1", "password": "not-" + testing.PASSWORD}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    return " ".join(response.context["form"].non_field_errors())


def test_the_login_error_says_staff_code(client, customer_manager):
    assert wrong_password(client, reverse("login")) == "请输入一个正确的工号和密码。注意，两者都区分大小写。"


def test_the_admin_login_error_says_staff_code_too(client, admin_staff):
    error = wrong_password(client, reverse("admin:login"))
    assert "工号" in error
    assert "用户名" not in error
