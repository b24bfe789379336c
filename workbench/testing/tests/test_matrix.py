"""The access matrix itself: it refuses a matrix that skips a decision, and fails when a view answers otherwise."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse

from workbench import testing
from workbench import urls as workbench_urls
from workbench.accounts.models import OrgKind, OrgUnit, Staff

EVERYBODY_200 = {name: 200 for name in testing.PERSONAS}
HOME_STATUSES = {**{name: 200 for name in testing.STAFF_PERSONAS}, "anonymous": 302}


def write_then_refuse(request):
    """A broken view: it writes, then answers 403."""
    testing.make_org("X1", OrgKind.TEAM)
    return HttpResponseForbidden()


def answer_without_writing(request):
    """A view that says yes to a POST and writes nothing."""
    return HttpResponse("ok")


def redirect_elsewhere(request):
    """A view that sends everybody to the home page, the anonymous visitor included."""
    return redirect("web:home")


# The project's URLs plus the three views above (pytest.mark.urls).
urlpatterns = [
    path("write-then-refuse/", write_then_refuse),
    path("answer-without-writing/", answer_without_writing),
    path("redirect-elsewhere/", redirect_elsewhere),
    *workbench_urls.urlpatterns,
]


# ---- what it refuses to build ------------------------------------------------------------------------------------


def test_every_persona_needs_a_status():
    # given a matrix that forgets the brand manager and names a role that does not exist
    expect = {**EVERYBODY_200, "director": 200}
    del expect["brand_manager"]

    # when / then
    with pytest.raises(ValueError, match=r"missing \['brand_manager'\], unknown \['director'\]"):
        testing.view_matrix("/", expect)


@pytest.mark.parametrize("status", [(403, 404), True, "200", 99, 600])
def test_a_status_is_one_http_code(status):
    # given / when / then
    with pytest.raises(TypeError, match="must be one HTTP status code"):
        testing.view_matrix("/", {**EVERYBODY_200, "outsider": status})


def test_a_404_for_everybody_is_refused():
    # given a matrix in which no staff member finds the object (it may not exist at all)
    expect = {**{name: 404 for name in testing.STAFF_PERSONAS}, "anonymous": 302}

    # when / then
    with pytest.raises(ValueError, match="cannot tell a scoped view from a missing object"):
        testing.view_matrix("/customers/C999/", expect)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_needs_a_snapshot(method):
    # given / when / then
    with pytest.raises(TypeError, match="needs snapshot="):
        testing.view_matrix("/", EVERYBODY_200, method=method)


def test_an_unknown_method_is_refused():
    # given / when / then
    with pytest.raises(ValueError, match="Unknown method 'fetch'"):
        testing.view_matrix("/", EVERYBODY_200, method="fetch")


def test_a_file_must_be_built_for_each_test():
    # given a file object, which only the first persona's request would read
    upload = SimpleUploadedFile("org.csv", b"org_code\n")

    # when / then
    with pytest.raises(TypeError, match=r"data\['file'\] is a file"):
        testing.view_matrix("/", EVERYBODY_200, method="post", data={"file": upload}, snapshot=lambda: None)


def test_rows_needs_a_model():
    # given / when / then
    with pytest.raises(TypeError, match="at least one model"):
        testing.rows()


def test_the_test_is_parametrized_over_every_persona():
    # given / when
    matrix = testing.view_matrix("/", HOME_STATUSES)

    # then
    marks = {mark.name: mark.args for mark in vars(matrix)["pytestmark"]}  # where pytest keeps a function's marks
    assert marks["parametrize"] == ("persona", testing.PERSONAS)
    assert marks["django_db"] == ()
    assert testing.PERSONAS == [
        "customer_manager",
        "colleague",
        "market_manager",
        "outsider",
        "leader",
        "brand_manager",
        "admin_staff",
        "anonymous",
    ]


# ---- what it catches ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_wrong_status_fails(request, client):
    # given the home page, which every staff member opens, and a matrix that wants a 404 for the outsider
    matrix = testing.view_matrix(reverse("web:home"), {**HOME_STATUSES, "outsider": 404})

    # when / then
    with pytest.raises(AssertionError, match="outsider: GET / answered 200, the matrix expects 404"):
        matrix(request, client, "outsider")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_denied_write_that_changes_data_fails(request, client):
    # given a view that writes before it refuses
    matrix = testing.view_matrix(
        "/write-then-refuse/",
        {name: 403 for name in testing.PERSONAS},
        method="post",
        snapshot=testing.rows(OrgUnit),
    )

    # when / then
    with pytest.raises(AssertionError, match="colleague: POST /write-then-refuse/ answered 403 and changed the data"):
        matrix(request, client, "colleague")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_allowed_write_the_snapshot_does_not_see_fails(request, client):
    # given a POST that is answered 200 and a snapshot that sees no change
    matrix = testing.view_matrix(
        "/answer-without-writing/", EVERYBODY_200, method="post", snapshot=testing.rows(OrgUnit)
    )

    # when / then
    with pytest.raises(AssertionError, match=r"leader: POST /answer-without-writing/ was allowed \(200\)"):
        matrix(request, client, "leader")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_anonymous_302_must_go_to_the_login_page(request, client):
    # given a view that redirects the anonymous visitor, but not to the login page
    matrix = testing.view_matrix("/redirect-elsewhere/", {name: 302 for name in testing.PERSONAS})

    # when / then
    with pytest.raises(AssertionError, match="redirected to /, not to the login page /accounts/login/"):
        matrix(request, client, "anonymous")


@pytest.mark.django_db
def test_every_persona_exists_whoever_logs_in(request, client):
    # given a matrix
    matrix = testing.view_matrix(reverse("web:home"), HOME_STATUSES)

    # when the customer manager's row runs
    matrix(request, client, "customer_manager")

    # then all seven staff personas were made, not only him: every row sees the same data
    assert sorted(Staff.objects.values_list("code", flat=True)) == ["AD1", "BM1", "CM1", "CM2", "CM3", "LD1", "MM1"]
