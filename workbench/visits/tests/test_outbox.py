"""The phone's outbox panel (templates/visits/_outbox.html) on the day list and the visit form, and its template
tags (visits/templatetags/visit_outbox.py). What the panel does is tested in a browser:
web/tests/browser/test_offline_visits.py."""

import pytest
from django.utils import translation

from workbench import testing
from workbench.visits.templatetags.visit_outbox import visit_field_labels, visit_sync_max, visit_sync_url

pytestmark = pytest.mark.django_db


def test_the_sync_url_is_the_api_endpoint(settings):
    settings.WORKBENCH_VISIT_SYNC_MAX = 40
    assert visit_sync_url() == "/api/v1/visits/sync"
    assert visit_sync_max() == 40


def test_the_refusals_keys_have_the_fields_names():
    # given the page in English
    with translation.override("en"):
        # when the panel's labels are made
        labels = visit_field_labels()

    # then every key the server may name in a refusal has the field's name
    assert labels["customer"] == "Customer"
    assert labels["end_time"] == "End"
    assert labels["satisfaction"] == "Satisfaction"
    assert labels["requests"] == "Customer request"
    assert labels["requests.kind"] == "Kind"
    assert labels["requests.state"] == "State"
    assert labels["location"] == "Location"
    assert labels["observations"] == "Sample-point observation"


@pytest.mark.parametrize(
    ("path", "refreshes"),
    [
        (lambda customers: "/visits/", True),
        (lambda customers: f"/visits/new/?customer={customers['c1'].pk}", False),
    ],
)
def test_the_day_list_and_the_form_carry_the_panel(client, customer_manager, customers, path, refreshes):
    # given CM1 logged in
    testing.login(client, customer_manager)

    # when he opens the day list, or the form of C001
    html = client.get(path(customers)).content.decode()

    # then the page has the outbox panel with its script, the worker's and the sync endpoint's addresses; the day
    # list reloads after a sync, the form does not (it goes to the day list itself)
    assert html.count("data-outbox-panel") == 1
    assert 'data-service-worker="/sw.js"' in html
    assert 'data-sync-url="/api/v1/visits/sync" data-sync-max="100"' in html
    assert f'data-owner="{customer_manager.user.pk}"' in html
    assert ("data-refresh-on-sync" in html) is refreshes
    assert 'src="/static/js/outbox.js"' in html
    assert 'id="outbox-labels" type="application/json"' in html
