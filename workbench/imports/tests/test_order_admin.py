"""The order admin pages (orders/admin.py): read-only lists, search by order number."""

from workbench.imports.tests.conftest import imported, write_csv
from workbench.imports.tests.test_orders import LINES


def test_an_administrator_finds_lines_by_order_number(admin_client, city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    response = admin_client.get("/admin/orders/orderline/", {"q": "O1"})

    assert response.status_code == 200
    assert [line.order_no for line in response.context["cl"].result_list] == ["O1", "O1"]


def test_summaries_are_listed(admin_client, city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    spec_months = admin_client.get("/admin/orders/customerspecmonth/")
    months = admin_client.get("/admin/orders/customermonth/", {"q": "C001"})

    assert (spec_months.status_code, months.status_code) == (200, 200)
    assert spec_months.context["cl"].result_count == 4
    assert months.context["cl"].result_count == 2


def test_lines_cannot_be_added_changed_or_deleted(admin_client, city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    add = admin_client.get("/admin/orders/orderline/add/")
    delete = admin_client.post("/admin/orders/orderline/", {"action": "delete_selected", "_selected_action": ["1"]})

    assert add.status_code == 403
    assert delete.status_code == 200  # the action is not offered; the list is shown again
    from workbench.orders.models import OrderLine

    assert OrderLine.objects.count() == 4
