"""The 403, 404 and 500 pages: translated (Chinese by default), with a link home; 500 needs neither request nor
database."""

import pytest
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation

from workbench import testing
from workbench import urls as workbench_urls


@pytest.mark.django_db
def test_a_customer_outside_the_scope_is_a_404_page_in_chinese(client, customer_manager, customers):
    # given CM1, and C004 which belongs to CM3 in another team
    client.force_login(customer_manager.user)

    # when he opens C004's page, with no language chosen
    response = client.get(reverse("customers:customer_detail", args=["C004"]))

    # then he gets the 404 page in Chinese, inside the usual shell (menu and all), with a way home
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<h1>页面不存在</h1>" in page
    assert "您要访问的页面不存在，或不在您的辖区内。" in page
    assert f'<a href="{reverse("web:home")}">返回首页</a>' in page
    assert 'id="main-nav"' in page
    assert "鼓楼超市" not in page


@pytest.mark.django_db
def test_the_404_page_in_english(client, customer_manager, customers):
    # given CM1, who reads English
    client.force_login(customer_manager.user)

    # when he opens a customer outside his scope
    response = client.get(reverse("customers:customer_detail", args=["C004"]), HTTP_ACCEPT_LANGUAGE="en")

    # then the 404 page is in English
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert "Back to the home page</a>" in page


# The staff accounts are an administrator's: every other staff member, in scope or not, gets the 403 page.
test_staff_list_access = testing.view_matrix(
    reverse("accounts:staff_list"),
    {
        "customer_manager": 403,
        "colleague": 403,
        "market_manager": 403,
        "outsider": 403,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 200,
        "anonymous": 302,
    },
)


@pytest.mark.django_db
def test_staff_screens_are_a_403_page_in_chinese_for_a_non_admin(client, leader):
    # given a logged-in leader, who is not an admin
    testing.login(client, leader)

    # when he opens the staff accounts, with no language chosen
    response = client.get(reverse("accounts:staff_list"))

    # then he gets the 403 page in Chinese, inside the usual shell, with a way home
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<h1>无权访问</h1>" in page
    assert "您没有权限进行此操作。如确有需要，请联系管理员。" in page
    assert f'<a href="{reverse("web:home")}">返回首页</a>' in page
    assert 'id="main-nav"' in page


def boom(request):
    raise RuntimeError("a bug")


# The project's URLs plus a view that fails, for the 500 tests (pytest.mark.urls).
urlpatterns = [path("boom/", boom), *workbench_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_the_500_page_is_standalone_in_chinese_and_needs_no_database(client):
    # given a view that fails (this test has no database: pytest-django refuses any access to it)
    client.raise_request_exception = False

    # when an anonymous visitor, with no language chosen, opens it
    response = client.get("/boom/")

    # then Django's handler renders the standalone 500 page (no request context, no menu) in Chinese, with a way home
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<h1>服务器错误</h1>" in page
    assert "服务器出错了。请稍后再试；如果问题一直出现，请告知管理员。" in page
    assert f'<a href="{reverse("web:home")}">返回首页</a>' in page
    assert "main-nav" not in page


@pytest.mark.urls(__name__)
def test_the_500_page_in_english(client):
    # given a view that fails
    client.raise_request_exception = False

    # when a visitor who reads English opens it
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="en")

    # then the 500 page is in English
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Server error</h1>" in page
    assert "Back to the home page</a>" in page


def test_the_500_template_renders_without_any_context():
    # given no request and no context at all, as Django's server_error renders it
    # when the template is rendered
    with translation.override("zh-hans"):
        page = render_to_string("500.html")

    # then it still renders, with the home page's address
    assert f'<a href="{reverse("web:home")}">返回首页</a>' in page
