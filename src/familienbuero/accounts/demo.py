"""Demo logins, one per role, with pre-registered authenticators (secrets printed by ``load_demo``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import Role

DEMO_PASSWORD = "voerde-demo-2026"  # noqa: S105 - printed on purpose; demo only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


def demo_totp_key(username: str) -> str:
    """Deterministic per demo user so that re-running the demo keeps authenticator apps working."""
    return hashlib.sha256(f"familienbuero-demo-totp:{username}".encode()).hexdigest()[:40]


def _user(username: str, first: str, last: str, *, superuser: bool = False) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_superuser": superuser,
            "is_staff": superuser,
            "email": f"{username}@demo.invalid",
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    TOTPDevice.objects.update_or_create(
        user=user, name="Demo-Authenticator", defaults={"key": demo_totp_key(username), "confirmed": True}
    )
    return user


def load(objects: dict[str, object]) -> list[DemoLogin]:
    voerde, huenxe = objects["voerde"], objects["huenxe"]
    office, orgs = objects["office"], objects["organizations"]
    with scopes_disabled():
        _user("admin", "Plattform", "Administration", superuser=True)
        memberships = [
            ("koordination", "Katrin", "Koordination", voerde, Role.COORDINATOR, None, None),
            ("lotsin", "Leyla", "Lotsin", voerde, Role.OFFICE_STAFF, office, None),
            (
                "schuldnerberatung",
                "Stefan",
                "Berater",
                voerde,
                Role.PROVIDER_STAFF,
                None,
                orgs["schuldnerberatung"],
            ),
            ("tv-voerde", "Tanja", "Vereinsredaktion", voerde, Role.PARTNER_EDITOR, None, orgs["tv-voerde"]),
            ("koordination-huenxe", "Hanna", "Hünxe", huenxe, Role.COORDINATOR, None, None),
            ("datenschutz", "Dirk", "Datenschutz", voerde, Role.DATA_PROTECTION, None, None),
        ]
        for username, first, last, municipality, role, member_office, organization in memberships:
            user = _user(username, first, last)
            Membership.objects.get_or_create(
                user=user,
                municipality=municipality,
                role=role,
                office=member_office,
                organization=organization,
            )
    return [
        DemoLogin("admin", "Plattform-Administration", "alle Kommunen (/admin/)"),
        DemoLogin("koordination", "Koordination", "Voerde"),
        DemoLogin("lotsin", "Mitarbeiterin Familienbüro (Lotsin)", "Mobiles Familienbüro Rönkenstraße"),
        DemoLogin("schuldnerberatung", "Freier Träger (Beratung)", "Diakonie – Schuldnerberatung"),
        DemoLogin("tv-voerde", "Partner-Redaktion", "TV Voerde e. V."),
        DemoLogin("koordination-huenxe", "Koordination", "Hünxe (zweite Kommune)"),
        DemoLogin("datenschutz", "Datenschutzbeauftragter", "Voerde"),
    ]
