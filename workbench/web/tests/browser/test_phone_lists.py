"""In a browser, at desktop and phone width: every list shows its key column without scrolling, and the set forms
and pages fit a phone.

Lists are cards on a phone too (workbench.css): the key column of each is named here and read on the screen.
"""

import pytest

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.customers.models import CustomerSet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def key_column(screen, measure: str, name: str):
    """The cells of the column `measure` (its heading) of the page's table, checked to lie within the screen."""
    cells = screen.page.locator(f'main table tbody td[data-label="{measure}"]')
    screen.assert_in_view(cells, f"{name}: {measure}")
    return [cell.inner_text() for cell in cells.all()]


@pytest.fixture
def specs():
    """Two specs of 七匹狼, at 120.00 and 180.00 元 a carton wholesale (1.2 × the transfer price)."""
    return [
        testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100"),
        testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", transfer_price="150"),
    ]


def test_the_customer_list_shows_each_grade(screen, customer_manager, customers):
    # given CM1, whose C001 is 档位 12 and C002 档位 10
    customers["c1"].grade = 12
    customers["c1"].save()
    screen.log_in(customer_manager)

    # when he opens his customer list, then each customer's 档位 is on the screen
    screen.visit("/customers/")
    assert key_column(screen, "档位", "customer-list") == ["12", "10"]
    screen.assert_fits("customer-list")


def test_the_spec_list_shows_each_wholesale_price(screen, customer_manager, specs):
    screen.log_in(customer_manager)
    screen.visit("/catalog/specs/")
    assert key_column(screen, "批发价", "spec-list") == ["120.00", "180.00"]
    screen.assert_fits("spec-list")
    screen.screenshot("spec-list")


def test_the_staff_list_shows_each_role(screen, admin_staff, customer_manager, market_manager):
    # given the administrator, CM1 and MM1 (the persona fixtures' codes sort AD1, CM1, MM1)
    screen.log_in(admin_staff)
    screen.visit("/accounts/staff/")
    assert key_column(screen, "角色", "staff-list")[:1] == ["管理员"]
    screen.assert_fits("staff-list")
    screen.screenshot("staff-list")


def test_a_customer_set_page_fits_a_phone(screen, customer_manager, customers):
    # given CM1's fixed list of his two customers
    key_customers = CustomerSet.objects.create(owner=customer_manager, name="重点户")
    key_customers.members.set([customers["c1"], customers["c2"]])
    screen.log_in(customer_manager)

    # when he opens it, then the page fits and each member's 档位 is on the screen
    screen.visit(f"/customers/sets/{key_customers.pk}/")
    assert key_column(screen, "档位", "customer-set-page") == ["10", "10"]
    screen.assert_fits("customer-set-page")
    screen.screenshot("customer-set-page")


def test_the_brand_set_form_and_list_fit_a_phone(screen, brand_manager, specs):
    # given the brand manager with one brand set of both specs
    brand_set = BrandSet.objects.create(owner=brand_manager, name="七匹狼全系")
    brand_set.specs.set(specs)
    screen.log_in(brand_manager)

    # when he opens the brand sets, then his set is listed with its number of specs on the screen
    screen.visit("/catalog/sets/")
    assert key_column(screen, "卷烟规格", "brand-sets") == ["2"]
    screen.assert_fits("brand-sets")

    # and the form of a new set fits the phone
    screen.visit("/catalog/sets/new/")
    screen.assert_fits("brand-set-form")
    screen.screenshot("brand-set-form")
