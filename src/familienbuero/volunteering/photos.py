"""Photos of playground defects: checked by content, size-limited, resized and re-encoded without any
metadata. The uploaded bytes are never stored: only a new JPEG drawn from the pixels, so EXIF (with GPS
position, camera, time), XMP, IPTC and PNG text chunks are gone by construction."""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo; more is refused before decoding (image bombs)
MAX_EDGE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


def process_photo(upload: UploadedFile) -> ContentFile:
    """The cleaned photo as a JPEG file, or a ``ValidationError`` with a clear message."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large (at most 10 MB)."), code="too_large")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large (at most 10 MB)."), code="too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Upload a photo (JPEG, PNG or WebP)."), code="not_image")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)  # keep the orientation the phone meant, drop the tag
            image = image.convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Upload a photo (JPEG, PNG or WebP)."), code="not_image") from None
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # pixels only: nothing of the original's info dictionary comes along
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
