"""Participation test world: in municipality A, an open round with four options (one with a picture)
and a closed one; helpers for the public URLs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope
from PIL import Image

from familienbuero.participation import services
from familienbuero.participation.models import Option, Round
from tests.conftest import Tenant


def png(
    width: int = 600, height: int = 400, color=(200, 60, 50), exif: bytes | None = None, fmt="PNG"
) -> bytes:
    image = Image.new("RGB", (width, height), color)
    out = BytesIO()
    kwargs = {"exif": exif} if exif else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(data: bytes, name: str = "bild.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@dataclass
class World:
    a: Tenant
    b: Tenant
    round: Round
    options: list[Option]
    closed: Round
    today: date

    def url(
        self, round_: Round | None = None, suffix: str = "", slug: str = "stadt-a", lang: str = "de"
    ) -> str:
        round_ = round_ or self.round
        return f"/{slug}/{lang}/mitmachen/{round_.uuid}/{suffix}"


@pytest.fixture
def world(tenants: tuple[Tenant, Tenant]) -> World:
    a, b = tenants
    today = timezone.localdate()
    with scope(municipality=a.municipality):
        round_ = services.round_create(
            municipality=a.municipality,
            question="Wie soll der neue Spielplatz aussehen?",
            easy_text="Du hast 3 Punkte.",
            age_min=6,
            age_max=12,
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=10),
        )
        services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
        options = [
            services.option_add(
                round_=round_, title="Kletterturm", image=upload(png()), image_alt="Ein roter Turm"
            ),
            services.option_add(round_=round_, title="Wasserspiel"),
            services.option_add(round_=round_, title="Nestschaukel"),
            services.option_add(round_=round_, title="Fußballfeld"),
        ]
        closed = services.round_create(
            municipality=a.municipality,
            question="Was wollt ihr in den Ferien machen?",
            age_min=8,
            age_max=16,
            opens_on=today - timedelta(days=30),
            closes_on=today - timedelta(days=1),
        )
        services.round_set_status(round_=closed, status=Round.Status.PUBLISHED)
        services.option_add(round_=closed, title="Zoo")
    return World(a, b, round_, options, closed, today)


@pytest.fixture
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()
