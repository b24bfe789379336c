"""A visit's photos: checked by their content, kept where no web server serves them, shown only through the
visit's scope (visits.views.visit_photo).

The type is what Pillow finds in the bytes, never the name or the browser's word: a text file named .jpg is refused.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# The image formats a photo may be, by Pillow's name, with the content type it is served as.
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class PhotoRefused(Exception):
    """A photo refused: none given, too big, or not a JPEG, PNG or WebP image."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PrivateStorage(FileSystemStorage):
    """Files under WORKBENCH_PRIVATE_MEDIA_ROOT, outside STATIC_ROOT and MEDIA_ROOT: never served as files. The
    folder is read from the settings at each use (the file system storage reads MEDIA_ROOT once), so that a test's
    or a deployment's setting holds."""

    @property
    def base_location(self) -> str:
        return str(settings.WORKBENCH_PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    """The photos' storage (a callable: the migration names it, not a path)."""
    return PrivateStorage()


def photo_path(instance, filename: str) -> str:
    """Where a photo is kept: by visit, under a name of its own (the uploaded name is not trusted)."""
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(instance.content_type, "bin")
    return f"visits/{instance.visit_id}/{instance.uploaded_at:%Y%m%d%H%M%S%f}.{extension}"


def image_type(upload: UploadedFile) -> str:
    """The content type of an uploaded image by its bytes; PhotoRefused when Pillow cannot read it as one of
    CONTENT_TYPES."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        found = None
    finally:
        upload.seek(0)
    if found not in CONTENT_TYPES:
        raise PhotoRefused(_("This file is not a JPEG, PNG or WebP photo."))
    return CONTENT_TYPES[found]


def checked_photo(upload: UploadedFile | None) -> str:
    """The photo's content type when it may be kept; PhotoRefused with the reason otherwise."""
    if upload is None:
        raise PhotoRefused(_("Choose a photo to upload."))
    limit = settings.WORKBENCH_VISIT_PHOTO_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise PhotoRefused(
            _("The photo is larger than %(size)s MB: take it at a smaller size.") % {"size": f"{limit / 1048576:g}"}
        )
    return image_type(upload)


def add_photo(visit, upload: UploadedFile | None):
    """Keep a checked photo of the visit (VisitPhoto); PhotoRefused, and nothing kept, when it is refused."""
    # Imported here: models.py imports this module for the photo's storage and path.
    from workbench.visits.models import VisitPhoto

    content_type = checked_photo(upload)
    # checked_photo refused a missing file and one without a size.
    assert upload is not None
    assert upload.size is not None
    photo = VisitPhoto(visit=visit, content_type=content_type, size=upload.size, uploaded_at=timezone.now())
    photo.file.save(upload.name or "photo", upload, save=False)
    photo.save()
    return photo
