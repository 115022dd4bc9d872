"""Where personal data lives: one interface that every app holding personal data implements.

An app that stores personal data of families (bookings, registrations, referrals, …) has a module
``<app>/privacy.py`` with a function::

    def find_personal_data(municipality, *, email: str = "", phone: str = "") -> list[PersonalRecord]

It returns every record of that municipality whose contact data matches (email compared
case-insensitively, phone compared by digits). The data-subject tools (export, Art. 15 GDPR; erasure,
Art. 17 GDPR) collect these records from all apps through :func:`find_everywhere`; they never import the
apps' models themselves. ``erase`` removes the personal fields of the record and keeps what the anonymous
statistics need (counts, dates, categories).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalRecord:
    kind: str  # the key of the processing-register entry (core/processing.py)
    label: str | Promise  # what it is, for staff: "Termin Schuldnerberatung am 3. Dezember"
    created: datetime
    fields: dict[str, str] = field(default_factory=dict)  # field label -> stored value (the export)
    erase: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)


def normalise_phone(phone: str) -> str:
    """Digits only, with a German leading 0 and +49/0049 treated alike (for matching, not for storage)."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0049"):
        digits = "0" + digits[4:]
    elif digits.startswith("49") and (phone or "").strip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


def finders() -> list[Callable[..., list[PersonalRecord]]]:
    """``find_personal_data`` of every installed app that has a ``privacy`` module."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.privacy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.privacy":
                raise
            continue
        if hasattr(module, "find_personal_data"):
            found.append(module.find_personal_data)
    return found


def find_everywhere(municipality, *, email: str = "", phone: str = "") -> list[PersonalRecord]:
    if not (email.strip() or normalise_phone(phone)):
        return []
    records: list[PersonalRecord] = []
    for finder in finders():
        records.extend(finder(municipality, email=email.strip(), phone=phone))
    return sorted(records, key=lambda record: record.created)
