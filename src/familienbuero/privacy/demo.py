"""Demo consents for Voerde: a photo consent for the summer festival and a revoked newsletter consent."""

from __future__ import annotations

from django_scopes import scopes_disabled

from familienbuero.privacy import services
from familienbuero.privacy.models import Consent


def load(objects: dict[str, object]) -> None:
    voerde = objects["voerde"]
    with scopes_disabled():
        if Consent.objects.filter(municipality=voerde, source="").exists():
            return
        services.consent_give(
            municipality=voerde,
            text_version="photo-v1",
            email="familie.yilmaz@example.org",
            scope="Fotos vom Sommerfest 2026 im Familienbüro Rönkenstraße",
            actor=None,
        )
        newsletter = services.consent_give(
            municipality=voerde, text_version="newsletter-v1", phone="0281 123456", actor=None
        )
        services.consent_revoke(consent=newsletter, actor=None)
