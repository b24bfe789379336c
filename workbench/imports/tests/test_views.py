"""The upload page: administrators import and see the report; everybody else is refused and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workbench import testing
from workbench.accounts.models import OrgUnit
from workbench.imports.tests.conftest import ORG, write_csv

URL = "/imports/"


@pytest.fixture(autouse=True)
def english_pages(client):
    """The page follows the browser's language; these tests read it in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def org_upload(tmp_path, rows=ORG, name="org.csv"):
    return SimpleUploadedFile(name, write_csv(tmp_path / name, rows).read_bytes(), content_type="text/csv")


def test_the_url_name():
    assert reverse("imports:upload") == URL


def test_an_admin_sees_the_form(client, admin_staff):
    client.force_login(admin_staff.user)

    response = client.get(URL)

    assert response.status_code == 200
    assert b'name="kind"' in response.content
    assert b'type="file"' in response.content


def test_an_admin_imports_a_file_and_sees_the_counts(client, admin_staff, tmp_path):
    # given the persona org tree (NJ, D1, T1, T2) and a file with one more team
    client.force_login(admin_staff.user)
    rows = [*ORG, ["T3", "秦淮市场部", "team", "D1"]]

    # when
    response = client.post(URL, {"kind": "org", "file": org_upload(tmp_path, rows)})

    # then
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.ok, report.rows_read, report.created, report.updated, report.unchanged) == (True, 5, 1, 0, 4)
    assert report.file_name == "org.csv"
    assert OrgUnit.objects.get(code="T3").path == "/NJ/D1/T3/"
    assert response.context["form"]["kind"].value() == "org"


def test_errors_are_shown_in_a_table_and_the_kind_is_kept(client, admin_staff, tmp_path):
    client.force_login(admin_staff.user)
    rows = [ORG[0], ["T3", "秦淮市场部", "team", "D9"]]

    response = client.post(URL, {"kind": "org", "file": org_upload(tmp_path, rows)})

    content = response.content.decode()
    assert response.context["report"].error_count == 1
    assert "<td>2</td><td>parent_code</td><td>D9</td><td>Unknown parent org code.</td>" in content
    assert response.context["form"]["kind"].value() == "org"
    assert not OrgUnit.objects.filter(code="T3").exists()


def test_a_bad_file_gives_its_message_not_an_error_page(client, admin_staff):
    client.force_login(admin_staff.user)
    garbage = SimpleUploadedFile("org.xlsx", b"PK\x03\x04 not really a zip", content_type="application/octet-stream")

    response = client.post(URL, {"kind": "org", "file": garbage})

    assert response.status_code == 200
    assert [error.reason for error in response.context["report"].errors] == ["The XLSX file is damaged or truncated."]


def test_a_dry_run_writes_nothing(client, admin_staff, tmp_path):
    client.force_login(admin_staff.user)
    rows = [*ORG, ["T3", "秦淮市场部", "team", "D1"]]

    response = client.post(URL, {"kind": "org", "file": org_upload(tmp_path, rows), "dry_run": "on"})

    assert response.context["report"].created == 1
    assert "The file is valid; nothing was written (check only)." in response.content.decode()
    assert not OrgUnit.objects.filter(code="T3").exists()


def test_a_form_without_a_file_is_shown_again_with_the_kind(client, admin_staff):
    client.force_login(admin_staff.user)

    response = client.post(URL, {"kind": "specs"})

    assert response.context["report"] is None
    assert response.context["form"].errors["file"]
    assert response.context["form"]["kind"].value() == "specs"


# Only an administrator imports: in scope or not, anybody else is forbidden (403) and the file changes nothing.
ADMIN_ONLY = {
    "customer_manager": 403,
    "colleague": 403,
    "market_manager": 403,
    "outsider": 403,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 200,
    "anonymous": 302,
}

test_upload_page_access = testing.view_matrix(URL, ADMIN_ONLY)
test_upload_access = testing.view_matrix(
    URL,
    ADMIN_ONLY,
    method="post",
    data=lambda tmp_path: {"kind": "org", "file": org_upload(tmp_path, [*ORG, ["T3", "秦淮市场部", "team", "D1"]])},
    snapshot=testing.rows(OrgUnit),
)


def test_the_page_says_where_reading_stopped(client, admin_staff, tmp_path, settings):
    # given a limit of 2 errors and a file of three units of an unknown kind
    settings.IMPORT_MAX_ERRORS = 2
    client.force_login(admin_staff.user)
    rows = [ORG[0], *[[f"X{n}", "某单位", "shop", ""] for n in range(3)]]

    # when
    response = client.post(URL, {"kind": "org", "file": org_upload(tmp_path, rows)})

    # then the two errors are listed, with the sentence that says the rest was not checked
    content = response.content.decode()
    assert content.count("<tr><td>") == 2
    assert (
        "<p>Checking stopped at 2 errors (the last one in row 3): the rest of the file was not checked. Correct these "
        "and import the file again.</p>"
    ) in content
