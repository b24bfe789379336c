"""Django admin pages of customers (with the 档位 history inline), brands and specs."""

from datetime import date

from django.contrib.auth.models import Permission
from django.urls import reverse

from workbench import testing
from workbench.customers.models import GradeChange


def test_admin_pages_render(client, customers, django_user_model):
    # given
    superuser = django_user_model.objects.create_superuser(username="root", password=testing.PASSWORD)
    GradeChange.objects.create(customer=customers["c1"], changed_on=date(2025, 7, 1), grade_from=8, grade_to=10)
    spec = testing.make_spec("6901028300063", name="南京(红)")
    client.force_login(superuser)

    # when
    pages = {
        "customers": client.get(reverse("admin:customers_customer_changelist")),
        "customer": client.get(reverse("admin:customers_customer_change", args=[customers["c1"].pk])),
        "specs": client.get(reverse("admin:catalog_spec_changelist")),
        "spec": client.get(reverse("admin:catalog_spec_change", args=[spec.pk])),
        "brands": client.get(reverse("admin:catalog_brand_changelist")),
    }

    # then
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert pages["customers"].context["cl"].result_count == 4
    assert pages["customer"].context["inline_admin_formsets"][0].formset.queryset.count() == 1


def test_admin_customer_list_is_scoped(client, customers, customer_manager):
    # given: a customer manager who was given access to the admin site
    customer_manager.user.is_staff = True
    customer_manager.user.save()
    customer_manager.user.user_permissions.add(Permission.objects.get(codename="view_customer"))
    client.force_login(customer_manager.user)

    # when
    response = client.get(reverse("admin:customers_customer_changelist"))

    # then
    assert [customer.code for customer in response.context["cl"].result_list] == ["C001", "C002"]
