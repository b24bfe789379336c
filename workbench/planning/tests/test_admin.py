"""The plans in Django's admin are for looking things up: listed, never added or changed there."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/planning/monthlyplan/", 200),
        ("/admin/planning/planversion/", 200),
        ("/admin/planning/teamplan/", 200),
        ("/admin/reviews/reviewevent/", 200),
        ("/admin/planning/monthlyplan/add/", 403),
        ("/admin/reviews/reviewevent/add/", 403),
    ],
)
def test_the_admin_reads_plans_only(admin_client, plan, path, status):
    assert admin_client.get(path).status_code == status


@pytest.mark.django_db
def test_a_version_is_shown_with_its_tasks(admin_client, plan):
    version = plan.latest_version()
    page = admin_client.get(f"/admin/planning/planversion/{version.pk}/change/").content.decode()
    assert "拜访玄武食杂店" in page
