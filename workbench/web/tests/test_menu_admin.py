"""The menu's admin-only entries are those whose screen is `admin_required` (accounts.access): no flag list."""

from django.urls import reverse

from workbench.web.menu import all_entries, is_admin_only


def test_admin_only_entries_are_exactly_the_admin_required_screens(db):
    # given the whole menu
    # when each entry's screen is asked whether it is admin_required
    admin_only = sorted(entry.slug for _, _, entry in all_entries() if is_admin_only(entry))
    # then only data import, login locks and staff accounts are (a pending entry has no view, so it is not)
    assert admin_only == ["data-import", "login-locks", "staff-accounts"]
    assert [entry.admin_only for _, _, entry in all_entries() if entry.slug == "customers"] == [False]


def test_the_placeholder_page_of_an_admin_screen_is_for_admins_only(client, customer_manager, admin_staff):
    # given the data-import entry's placeholder address (it redirects to the screen, which exists)
    url = reverse("web:module_pending", args=["data-import"])
    client.force_login(customer_manager.user)
    refused = client.get(url)
    client.force_login(admin_staff.user)
    allowed = client.get(url)
    # then
    assert (refused.status_code, allowed.status_code) == (404, 302)
