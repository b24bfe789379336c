"""The report filter's scope picker: one tree of units with their managers under them."""

from typing import cast

from django import forms

from workbench.accounts.access import scope_tree_choices
from workbench.reporting.forms import ReportFilterForm
from workbench.reporting.registry import REPORTS

INDENT = "\u3000"


def test_the_scope_picker_nests_people_under_their_units(leader, customer_manager, colleague, market_manager, outsider):
    # given: the company, its department, two teams; CM1, CM2 and MM1 on T1, CM3 on T2
    # when
    choices = scope_tree_choices(leader.user)

    # then
    assert choices == [
        ("", "刘总 (LD1)"),
        ("NJ", "南京市公司"),
        ("D1", INDENT + "城区营销部"),
        ("T1", INDENT * 2 + "玄武市场部"),
        ("CM1", INDENT * 3 + "张伟 (CM1)"),
        ("CM2", INDENT * 3 + "李娜 (CM2)"),
        ("MM1", INDENT * 3 + "王强 (MM1)"),
        ("T2", INDENT * 2 + "鼓楼市场部"),
        ("CM3", INDENT * 3 + "赵敏 (CM3)"),
    ]


def test_a_market_manager_picks_his_team_and_its_people(customer_manager, colleague, market_manager, outsider):
    # given / when
    form = ReportFilterForm(REPORTS["business-overview"], market_manager.user)

    # then: his own scope, his team at the top of the tree, his two customer managers below it
    assert cast(forms.ChoiceField, form.fields["scope"]).choices == [
        ("", "王强 (MM1)"),
        ("T1", "玄武市场部"),
        ("CM1", INDENT + "张伟 (CM1)"),
        ("CM2", INDENT + "李娜 (CM2)"),
    ]


def test_a_customer_manager_has_only_his_own_scope(customer_manager, market_manager):
    # given / when / then
    assert scope_tree_choices(customer_manager.user) == [("", "张伟 (CM1)")]
