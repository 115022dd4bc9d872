"""Public forms of the participation app for tests/test_hostile_input.py: voting on a phone, voting on
the office tablet and writing an idea. An accepted vote also starts the browser session."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from tests.test_hostile_input import PublicForm


def _round(tenants):
    from familienbuero.participation import services
    from familienbuero.participation.models import Round

    today = timezone.localdate()
    with scopes_disabled():
        round_ = services.round_create(
            municipality=tenants[0].municipality,
            question="Spielplatz?",
            age_min=6,
            age_max=12,
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=1),
        )
        services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
        services.option_add(round_=round_, title="Rutsche")
    return round_


def vote_path(tenants) -> str:
    return f"/{{m}}/de/mitmachen/{_round(tenants).uuid}/abstimmen/"


def kiosk_path(tenants) -> str:
    round_ = _round(tenants)
    return f"/{{m}}/de/mitmachen/{round_.uuid}/tablet/{round_.kiosk_token}/abstimmen/"


def idea_path(tenants) -> str:
    return f"/{{m}}/de/mitmachen/{_round(tenants).uuid}/idee/"


FORMS = {
    "participation:vote": PublicForm(
        "",
        ["options", "code"],
        setup=vote_path,
        stores={"participation_*": None},
        may_change=frozenset({"django_session"}),
    ),
    "participation:kiosk-vote": PublicForm(
        "",
        ["options"],
        setup=kiosk_path,
        stores={"participation_*": None},
        may_change=frozenset({"django_session"}),
    ),
    "participation:idea": PublicForm("", ["text"], setup=idea_path, stores={"participation_idea": 1}),
}
