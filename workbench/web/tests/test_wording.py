"""Chinese wording where one English word has two meanings (message contexts), and the form label suffix."""

import pytest
from django.urls import reverse
from django.utils import translation

from workbench.analysis.queries import CUSTOMERS, DISTRIBUTION_RATE
from workbench.api.services import create_token
from workbench.catalog.models import BrandSet
from workbench.customers.models import Customer, CustomerSet
from workbench.reporting.registry import REPORTS
from workbench.visits.models import MarketOpportunity
from workbench.web.menu import all_entries

REPORT_ENTRIES = [entry for _module, _group, entry in all_entries() if entry.slug in REPORTS]


@pytest.mark.parametrize("entry", REPORT_ENTRIES, ids=lambda entry: entry.slug)
def test_report_titles_are_the_2011_module_names_in_chinese(entry):
    # given a report's menu entry and its 2011 name (铺货率查询 …)
    # when they are read in Chinese
    with translation.override("zh-hans"):
        menu_label = str(entry.label)
        page_title = str(REPORTS[entry.slug].title)

    # then the menu and the report page both say the 2011 name
    assert menu_label == entry.name_zh
    assert page_title == entry.name_zh


def test_a_column_keeps_the_indicator_name_while_the_report_is_a_query():
    # given the distribution-rate report and its column, the same English words
    # when read in Chinese
    with translation.override("zh-hans"):
        title = str(REPORTS["distribution-rate"].title)
        column = str(DISTRIBUTION_RATE.label)
        count = str(CUSTOMERS.label)

    # then the report is 铺货率查询, the column 铺货率, and a count of customers 户数
    assert (title, column, count) == ("铺货率查询", "铺货率", "户数")


def test_field_names_with_two_meanings():
    # given fields whose English names are shared by two models
    def name(model, field):
        return str(model._meta.get_field(field).verbose_name)

    # when read in Chinese
    with translation.override("zh-hans"):
        names = {
            "customer set owner": name(CustomerSet, "owner"),
            "brand set owner": name(BrandSet, "owner"),
            "shop owner": name(Customer, "owner_name"),
            "opportunity closed on": name(MarketOpportunity, "closed_on"),
            "customer closed on": name(Customer, "closed_on"),
        }

    # then each reads as what it means
    assert names == {
        "customer set owner": "创建人",
        "brand set owner": "创建人",
        "shop owner": "负责人",
        "opportunity closed on": "关闭日期",
        "customer closed on": "注销日期",
    }


@pytest.mark.django_db
def test_the_tokens_page_says_created_at_and_valid(client, customer_manager):
    # given CM1 with one API token
    create_token(user=customer_manager.user, name="月报表格")
    client.force_login(customer_manager.user)

    # when he opens his tokens, in Chinese
    page = client.get(reverse("api:token_list")).content.decode()

    # then the date column is 创建时间 and the token is 有效 (a customer is 正常, an import row 新增)
    assert '<th scope="col">创建时间</th>' in page
    assert "<td>有效</td>" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("zh-hans", '<label for="id_format">业态：</label>'), ("en", '<label for="id_format">Format:</label>')],
)
def test_form_labels_end_with_the_colon_of_the_language(client, customer_manager, language, label):
    # given CM1
    client.force_login(customer_manager.user)

    # when he opens the customer list, whose filters are a Django form
    page = client.get(reverse("customers:customer_list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    # then a label ends with the full-width "：" in Chinese and ":" in English
    assert label in page
