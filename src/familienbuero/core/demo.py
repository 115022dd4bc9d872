"""Loads the whole demo in one transaction; each app contributes its own part."""

from __future__ import annotations

from django.db import transaction

from familienbuero.accounts import demo as accounts_demo
from familienbuero.appointments import demo as appointments_demo
from familienbuero.contacts import demo as contacts_demo
from familienbuero.directory import demo as directory_demo
from familienbuero.directory import search
from familienbuero.events import demo as events_demo
from familienbuero.funding import demo as funding_demo
from familienbuero.monitoring import demo as monitoring_demo
from familienbuero.participation import demo as participation_demo
from familienbuero.privacy import demo as privacy_demo
from familienbuero.public import demo as public_demo
from familienbuero.tenancy import demo as tenancy_demo
from familienbuero.volunteering import demo as volunteering_demo


@transaction.atomic
def load_demo() -> list[accounts_demo.DemoLogin]:
    objects = tenancy_demo.load()
    objects["organizations"] = directory_demo.load(objects)
    public_demo.load(objects)
    appointments_demo.load(objects)
    funding_demo.load(objects)
    participation_demo.load(objects)
    monitoring_demo.load(objects)
    contacts_demo.load(objects)
    events_demo.load(objects)
    volunteering_demo.load(objects)
    privacy_demo.load(objects)
    search.rebuild_index()
    return accounts_demo.load(objects)
