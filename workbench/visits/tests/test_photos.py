"""A visit's photos: checked by their content and size, kept privately, served only to those who see the visit."""

import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from workbench import testing
from workbench.testing import rows
from workbench.visits import photos
from workbench.visits.models import Visit, VisitPhoto
from workbench.visits.tests.builders import make_visit

DAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.WORKBENCH_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def cm_visit(customer_manager, customers):
    """CM1's visit to C001 on DAY."""
    return make_visit(customer_manager, customers["c1"], DAY, "09:00", "09:30")


@pytest.fixture
def cm_photo(cm_visit):
    """A PNG photo of CM1's visit."""
    return photos.add_photo(cm_visit, upload("shelf.png", image_bytes("PNG"), "image/png"))


@pytest.mark.parametrize(
    ("kind", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_jpeg_png_and_webp_are_kept_by_their_content(cm_visit, private_media, kind, content_type):
    # given a photo whose name and browser type say nothing true (a .txt sent as text/plain)
    photo = photos.add_photo(cm_visit, upload("whatever.txt", image_bytes(kind), "text/plain"))

    # then its type is read from its bytes, and it is kept under the private folder, not under its name
    assert photo.content_type == content_type
    assert photo.size == len(image_bytes(kind))
    path = Path(photo.file.path)
    assert path.is_relative_to(private_media)
    assert path.suffix == {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[kind]
    assert "whatever" not in path.name


def test_a_text_file_named_jpg_is_refused(cm_visit):
    # when a text file named .jpg, sent as image/jpeg, is uploaded
    with pytest.raises(photos.PhotoRefused) as refused:
        photos.add_photo(cm_visit, upload("photo.jpg", b"not an image at all\n" * 10))

    # then it is refused with a clear reason, and nothing kept
    assert "JPEG, PNG or WebP" in refused.value.message or "JPEG、PNG" in refused.value.message
    assert VisitPhoto.objects.count() == 0


def test_a_gif_is_refused(cm_visit):
    # when a real image of another type is uploaded
    with pytest.raises(photos.PhotoRefused):
        photos.add_photo(cm_visit, upload("a.gif", image_bytes("GIF"), "image/gif"))

    # then nothing is kept
    assert VisitPhoto.objects.count() == 0


def test_a_photo_over_the_size_setting_is_refused(cm_visit, settings):
    # given a limit of 100 bytes and a real PNG larger than that
    settings.WORKBENCH_VISIT_PHOTO_MAX_BYTES = 100
    content = image_bytes("PNG", (64, 64))
    assert len(content) > 100

    # when it is uploaded
    with pytest.raises(photos.PhotoRefused) as refused:
        photos.add_photo(cm_visit, upload("big.png", content, "image/png"))

    # then it is refused as too big
    assert "MB" in refused.value.message
    assert VisitPhoto.objects.count() == 0


def test_no_file_is_refused(cm_visit):
    with pytest.raises(photos.PhotoRefused):
        photos.add_photo(cm_visit, None)


def test_the_upload_page_tells_why_a_photo_was_refused(client, customer_manager, cm_visit):
    # given CM1 on his visit's page
    testing.login(client, customer_manager)

    # when he uploads a text file named .jpg
    response = client.post(
        reverse("visits:visit_photo_upload", args=[cm_visit.pk]),
        {"photo": upload("p.jpg", b"hello")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then he is back on the page, told why, nothing kept
    assert response.redirect_chain[-1][0] == reverse("visits:visit_detail", args=[cm_visit.pk])
    assert "This file is not a JPEG, PNG or WebP photo." in response.content.decode()
    assert VisitPhoto.objects.count() == 0


def test_a_photo_is_served_inline_never_sniffed(client, customer_manager, cm_photo):
    # when CM1 opens his visit's photo
    testing.login(client, customer_manager)
    response = client.get(reverse("visits:visit_photo", args=[cm_photo.pk]))

    # then it is the PNG, inline, with nosniff
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == image_bytes("PNG")


test_photo_access = testing.view_matrix(
    lambda cm_photo: reverse("visits:visit_photo", args=[cm_photo.pk]),
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)
test_photo_upload_access = testing.view_matrix(
    lambda cm_visit: reverse("visits:visit_photo_upload", args=[cm_visit.pk]),
    {
        "customer_manager": 302,
        "colleague": 404,
        "market_manager": 403,
        "outsider": 404,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data=lambda: {"photo": upload("shelf.jpg", image_bytes("JPEG"))},
    snapshot=rows(VisitPhoto),
)


def test_a_photo_sent_with_the_form_is_kept_with_the_visit(client, customer_manager, customers):
    # given CM1 on the form of C001, a photo chosen
    testing.login(client, customer_manager)
    client_id = "5b0e4a3c-1f1e-4a5b-9c1d-0e6f7a8b9c0d"
    data = {
        "client_id": client_id,
        "visited_on": "2026-12-01",
        "start_time": "09:00",
        "end_time": "09:10",
        "mode": "field",
        "photo": upload("shelf.png", image_bytes("PNG"), "image/png"),
    }

    # when he saves the visit
    response = client.post(reverse("visits:visit_new") + f"?customer={customers['c1'].pk}", data)

    # then the visit has its photo
    assert response.status_code == 302
    assert list(VisitPhoto.objects.values_list("visit__client_id", "content_type")) == [
        (uuid.UUID(client_id), "image/png")
    ]


def test_a_refused_photo_does_not_refuse_the_visit(client, customer_manager, customers):
    # given CM1's form with a text file as photo
    testing.login(client, customer_manager)
    client_id = "6c1f5b4d-2a2f-4b6c-8d2e-1f7a8b9c0d1e"
    data = {
        "client_id": client_id,
        "visited_on": "2026-12-01",
        "start_time": "09:00",
        "end_time": "09:10",
        "mode": "field",
        "photo": upload("p.jpg", b"text"),
    }

    # when he saves it
    response = client.post(
        reverse("visits:visit_new") + f"?customer={customers['c1'].pk}", data, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then the visit is recorded, the photo not, and he is told
    assert Visit.objects.filter(client_id=client_id).exists()
    assert VisitPhoto.objects.count() == 0
    assert "The photo was not kept: This file is not a JPEG, PNG or WebP photo." in response.content.decode()
