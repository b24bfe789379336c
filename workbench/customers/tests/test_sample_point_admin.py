"""The admin marks sample points (信息采集点) from the customer list: the two list actions."""

import pytest
from django.urls import reverse

from workbench import testing
from workbench.customers.models import Customer


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_admin_marks_and_unmarks_sample_points(client, customers, django_user_model):
    # given an administrator of the admin site on the customer list
    client.force_login(django_user_model.objects.create_superuser(username="root", password=testing.PASSWORD))
    url = reverse("admin:customers_customer_changelist")
    chosen = [customers["c1"].pk, customers["c3"].pk]
    # when he marks two customers
    response = client.post(url, {"action": "mark_sample_points", "_selected_action": chosen}, follow=True)
    # then they are sample points, the others not, and he is told how many
    assert response.status_code == 200
    assert set(Customer.objects.filter(is_sample_point=True).values_list("code", flat=True)) == {"C001", "C003"}
    assert "2 customers marked as sample points." in response.content.decode()
    # when he unmarks one
    client.post(url, {"action": "unmark_sample_points", "_selected_action": [customers["c1"].pk]}, follow=True)
    # then
    assert list(Customer.objects.filter(is_sample_point=True).values_list("code", flat=True)) == ["C003"]


def test_the_observations_admin_lists_them(client, customers, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(username="root", password=testing.PASSWORD))
    response = client.get(reverse("admin:visits_sampleobservation_changelist"))
    assert response.status_code == 200
