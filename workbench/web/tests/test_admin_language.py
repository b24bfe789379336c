"""The Django admin speaks Chinese in zh-hans: every app's and every model's name, on the index and the lists."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from workbench import testing

pytestmark = pytest.mark.django_db

# Latin letters in a Chinese name; "API" is the one word the Chinese pages keep (API 令牌, as the platform says).
LATIN = re.compile(r"[A-Za-z]")


def is_english(name: str) -> bool:
    return bool(LATIN.search(name.replace("API", "")))


@pytest.fixture
def superuser(django_user_model):
    """The installation's superuser, who sees every app and model of the admin."""
    return django_user_model.objects.create_superuser(username="root", password=testing.PASSWORD)


def test_every_admin_app_and_model_is_named_in_chinese(superuser):
    # given the admin's index as an administrator sees it, in Chinese
    request = RequestFactory().get("/admin/")
    request.user = superuser
    with translation.override("zh-hans"):
        apps = admin.site.get_app_list(request)
        names = [str(app["name"]) for app in apps]
        names += [str(model["name"]) for app in apps for model in app["models"]]
        singular = [str(model["model"]._meta.verbose_name) for app in apps for model in app["models"]]

    # then no name is left in English ("VISITS", "Customer months" were)
    assert len(apps) >= 5
    assert [name for name in names + singular if is_english(name)] == []


def test_the_admin_index_page_reads_chinese(client, superuser):
    # given the superuser logged in, reading Chinese
    client.force_login(superuser)

    # when he opens the admin's index, then its headings are the Chinese names
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    assert "VISITS" not in html
    assert "Customer months" not in html
    # and it names the platform, not Django, with the platform's icon
    assert '<div id="site-name"><a href="/admin/">客户经理工作平台 · 系统管理</a></div>' in html
    assert "Django" not in response.context["title"] + html.split("<title>")[1].split("</title>")[0]
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html


def test_every_admin_list_heads_its_columns_in_chinese(client, superuser):
    # given the superuser, reading Chinese
    client.force_login(superuser)
    english = []
    for model in admin.site._registry:
        # when he opens each model's list
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        # then every column heading is Chinese
        # (the first column is the select-all checkbox of the actions, a widget rather than a heading)
        headings = [
            str(header["text"])
            for header in response.context["result_headers"]
            if "action" not in header["class_attrib"]
        ]
        english += [(url, heading) for heading in headings if is_english(heading)]
    assert english == []
