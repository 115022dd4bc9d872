import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_scopes import scopes_disabled

from familienbuero.accounts.demo import demo_totp_key
from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import Role
from familienbuero.core.demo import load_demo
from familienbuero.directory.models import Organization
from familienbuero.tenancy.models import District, Location, Municipality, Office, OpeningHours, Room

MODELS = [Municipality, District, Location, Room, Office, OpeningHours, Organization, User, Membership]


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_can_be_loaded_twice_without_duplicates(db):
    load_demo()
    first = counts()
    load_demo()
    assert counts() == first
    assert first["Municipality"] == 2


def test_demo_has_the_voerde_quarter_partners_rooms_and_one_login_per_role(db):
    load_demo()
    with scopes_disabled():
        districts = set(District.objects.filter(social_area="Voerde-Mitte").values_list("name", flat=True))
        partners = set(Organization.objects.values_list("name", flat=True))
        rooms = set(Room.objects.filter(location__municipality__slug="voerde").values_list("kind", flat=True))
        roles = set(Membership.objects.values_list("role", flat=True))
    assert districts == {"Voerde Mitte", "Voerde Süd", "Rönkensiedlung", "Buschmannshof"}
    for name in [
        "Erich-Kästner-Grundschule",
        "OGS der Erich-Kästner-Grundschule",
        "TV Voerde e. V.",
        "Reiterverein Voerde e. V.",
        "1. Voerder Tanzsportclub e. V.",
        "Evangelische Kindertageseinrichtung Rönkenhof",
        "Evangelische Familienbildungsstätte",
    ]:
        assert name in partners
    assert rooms == {"reception", "counselling", "group"}
    assert roles == set(Role)
    assert User.objects.filter(is_superuser=True, username="admin").exists()


def test_demo_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Municipality.objects.exists()


def test_demo_otp_prints_the_code_of_the_demo_authenticator(db, settings, capsys):
    settings.DEBUG = True
    call_command("demo_otp", "lotsin")
    assert capsys.readouterr().out.strip() == f"{totp(bytes.fromhex(demo_totp_key('lotsin'))):06d}"
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_otp", "lotsin")
