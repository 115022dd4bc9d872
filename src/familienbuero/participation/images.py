"""Pictures for options: checked by their content (not the file name), limited in size, scaled down and
saved again without any metadata (no location, camera or author from EXIF/XMP)."""

from __future__ import annotations

import uuid
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

#: Largest upload accepted (bytes) and largest picture kept (pixels on the longer side).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_EDGE = 1200
#: Pictures with more pixels than this are refused before decoding (decompression bombs).
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def process_image(upload: UploadedFile) -> ContentFile:
    """A cleaned JPEG of the upload; ValidationError if it is not a picture we accept."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The picture is too large (at most 5 MB)."), code="image_too_large")
    data = upload.read()
    try:
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not a picture (JPEG, PNG, WebP or GIF)."), code="not_image"
        ) from error
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(_("This file is not a picture (JPEG, PNG, WebP or GIF)."), code="not_image")
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The picture has too many pixels."), code="image_too_many_pixels")
    try:
        with Image.open(BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                background = Image.new("RGB", image.size, (255, 255, 255))
                background.paste(image, mask=image.getchannel("A"))
                image = background
            else:
                image = image.convert("RGB")
            image.thumbnail((MAX_EDGE, MAX_EDGE))
            out = BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: no metadata
    except (OSError, ValueError) as error:
        raise ValidationError(
            _("This file is not a picture (JPEG, PNG, WebP or GIF)."), code="not_image"
        ) from error
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
