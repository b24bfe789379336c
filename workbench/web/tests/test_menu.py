"""The main navigation: six modules in order, placeholders for screens not built yet, admin-only entries."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from workbench.web.menu import MENU, Entry, all_entries, entry_url, menu_for, screen_url

pytestmark = pytest.mark.django_db


def request_for(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_menu_has_the_six_modules_in_order(customer_manager):
    # given a customer manager
    # when his menu is drawn in English and in the tree's order
    with translation.override("en"):
        menu = menu_for(request_for(customer_manager.user))
        labels = [str(module.label) for module in menu]

    # then the five steps come in the order of the 135 method, then the tools
    assert [module.slug for module in menu] == ["analyse", "plan", "implement", "evaluate", "improve", "tools"]
    assert labels == ["Analyse", "Plan", "Implement", "Evaluate", "Improve", "Tools"]


def test_analyse_holds_the_nine_reports():
    # given the menu tree
    # when the third-level modules of 分析 are listed
    analyse = MENU[0]
    slugs = [entry.slug for group in analyse.groups for entry in group.entries]

    # then they are the nine reports of docs/definitions.md#reports
    assert sorted(slugs) == sorted(
        [
            "business-overview",
            "supply-demand",
            "customer-set-sales",
            "classification-overview",
            "classification-sales",
            "opportunity-analysis",
            "distribution-rate",
            "order-frequency",
            "four-rates",
        ]
    )


def test_the_report_entries_are_the_registrys_reports(customer_manager):
    # given the reports 分析 registers, with their groups and their menu titles
    # when CM1's menu is drawn in English
    with translation.override("en"):
        analyse = menu_for(request_for(customer_manager.user))[0]
        groups = [(str(group.label), [(str(link.label), link.url) for link in group.links]) for group in analyse.groups]

    # then the groups, titles and addresses are the registry's, in the index's order
    assert groups == [
        (
            "Customer analysis",
            [
                ("Business overview", "/analysis/business-overview/"),
                ("Customer supply and demand", "/analysis/supply-demand/"),
                ("Customer set sales", "/analysis/customer-set-sales/"),
                ("Customer classes", "/analysis/classification-overview/"),
                ("Sales by class", "/analysis/classification-sales/"),
                ("Order frequency", "/analysis/order-frequency/"),
            ],
        ),
        (
            "Brand analysis",
            [("Distribution rate", "/analysis/distribution-rate/"), ("Four rates", "/analysis/four-rates/")],
        ),
        ("Market analysis", [("Market opportunity analysis", "/analysis/opportunity-analysis/")]),
    ]


def test_the_modules_named_in_the_seed_are_all_there():
    # given the third-level modules the 2011 presentation names (shared/seed/README.md)
    seed = {
        "经营情况信息", "客户供需分析", "客户集销售查询-客户", "客户分类情况一览表", "客户分类销售情况一览表",
        "市场机会分析", "铺货率查询", "订货次数查询", "四率查询",
        "市场经理月工作计划", "市场经理周工作安排", "月工作计划", "周工作安排", "客户拜访计划", "销售目标",
        "拜访情况反馈", "记分卡录入", "市场特征录入", "市场机会录入",
        "提升目标评估", "提升达成汇总", "提升变化查询", "拜访反馈查询", "动态信息录入", "客户分析报告", "记分卡查询",
        "客户经理作业分析报告", "月度工作报告",
        "客户集设置", "品牌集设置",
    }  # fmt: skip

    # when the menu's entries are listed by their Chinese names
    names = {entry.name_zh for _, _, entry in all_entries()}

    # then every one of them is in the menu
    assert seed - names == set()


def test_slugs_are_unique():
    # given every entry of the menu
    slugs = [entry.slug for _, _, entry in all_entries()]

    # then no two share a placeholder address
    assert len(slugs) == len(set(slugs))


def test_admin_only_entries_are_hidden_from_others(customer_manager, admin_staff):
    # given a customer manager and an administrator
    # when their menus are drawn
    def slugs(user):
        return {link.slug for module in menu_for(request_for(user)) for group in module.groups for link in group.links}

    # then only the administrator sees data import and staff accounts
    assert {"data-import", "staff-accounts"} <= slugs(admin_staff.user)
    assert not {"data-import", "staff-accounts"} & slugs(customer_manager.user)
    assert "customers" in slugs(customer_manager.user)


def test_anonymous_users_get_no_menu(db):
    # given an anonymous request
    from django.contrib.auth.models import AnonymousUser

    # when the menu is drawn
    # then it is empty
    assert menu_for(request_for(AnonymousUser())) == []


def test_unresolved_url_names_fall_back_to_the_placeholder():
    # given an entry whose screen has a name nobody registered, and one that exists
    missing = Entry("no-such-screen", "Nothing", "无", "later", url_name="nowhere:nothing")
    existing = Entry("home-screen", "Home", "首页", "now", url_name="web:home")

    # when their URLs are resolved
    # then the first points at its placeholder page and the second at its screen
    assert screen_url(missing) is None
    assert entry_url(missing) == "/modules/no-such-screen/"
    assert entry_url(existing) == "/"


def test_current_entry_is_marked(admin_staff):
    # given an administrator on the staff list
    request = request_for(admin_staff.user, reverse("accounts:staff_list"))

    # when his menu is drawn
    menu = menu_for(request)

    # then the staff-accounts entry and the tools module are current, nothing else
    current = [link.slug for module in menu for group in module.groups for link in group.links if link.is_current]
    assert current == ["staff-accounts"]
    assert [module.slug for module in menu if module.is_current] == ["tools"]


def test_placeholder_page_names_the_step_that_brings_the_module(client, customer_manager):
    # given a customer manager reading English
    client.force_login(customer_manager.user)

    # when he opens a module the Evaluate step builds
    response = client.get("/modules/customer-news/", HTTP_ACCEPT_LANGUAGE="en")

    # then the page says so, and shows no figures
    content = response.content.decode()
    assert response.status_code == 200
    assert "Customer news entry" in content
    assert (
        "It comes with the step “Evaluate: target achievement, visit queries and customer analysis reports”." in content
    )


def test_placeholder_of_an_unknown_module_is_404(client, customer_manager):
    # given a customer manager
    client.force_login(customer_manager.user)

    # when he asks for a module the menu does not have
    # then it is not found
    assert client.get("/modules/no-such-module/").status_code == 404


def test_placeholder_of_an_admin_module_is_404_for_others(client, customer_manager):
    # given a customer manager
    client.force_login(customer_manager.user)

    # when he asks for the placeholder of an admin-only module
    # then it is not found (out of his scope)
    assert client.get("/modules/staff-accounts/").status_code == 404


def test_placeholder_redirects_to_a_screen_that_exists(client, admin_staff):
    # given an administrator and the staff-accounts screen, which exists
    client.force_login(admin_staff.user)

    # when he opens its placeholder address (an old bookmark)
    response = client.get("/modules/staff-accounts/")

    # then he lands on the screen
    assert response.status_code == 302
    assert response.url == reverse("accounts:staff_list")


def test_the_menu_is_drawn_on_every_page(client, customer_manager):
    # given a customer manager reading English
    client.force_login(customer_manager.user)

    # when he opens the home page
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then the top bar shows his name and role and the navigation shows the six modules
    assert "张伟" in content
    assert "Customer manager" in content
    for label in ("Analyse", "Plan", "Implement", "Evaluate", "Improve", "Tools"):
        assert f"<summary>{label}</summary>" in content
