"""The fixed vocabularies of the volunteering app: subjects, school types, languages, the weekly time
grid and the places of tutoring. Stored as codes (lists in JSON fields); labels are translated."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    MATH = "math", _("Mathematics")
    GERMAN = "german", _("German")
    ENGLISH = "english", _("English")
    FRENCH = "french", _("French")
    LATIN = "latin", _("Latin")
    PHYSICS = "physics", _("Physics")
    CHEMISTRY = "chemistry", _("Chemistry")
    BIOLOGY = "biology", _("Biology")
    HISTORY = "history", _("History and politics")
    HOMEWORK = "homework", _("Homework help (all subjects)")


class SchoolType(models.TextChoices):
    PRIMARY = "grundschule", _("Primary school")
    HAUPTSCHULE = "hauptschule", _("Hauptschule")
    REALSCHULE = "realschule", _("Realschule")
    GESAMTSCHULE = "gesamtschule", _("Comprehensive school")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    SPECIAL = "foerderschule", _("Special needs school")
    VOCATIONAL = "berufskolleg", _("Vocational college")


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    TURKISH = "tr", _("Turkish")
    ARABIC = "ar", _("Arabic")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    POLISH = "pl", _("Polish")
    ENGLISH = "en", _("English")
    KURDISH = "ku", _("Kurdish")
    PERSIAN = "fa", _("Persian")


class Place(models.TextChoices):
    OFFICE = "office", _("at the family office")
    SCHOOL = "school", _("at the school")
    ONLINE = "online", _("online")


WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
]
PERIODS = [
    ("morning", _("morning (8–12)")),
    ("afternoon", _("early afternoon (12–15)")),
    ("late", _("late afternoon (15–18)")),
    ("evening", _("evening (18–20)")),
]


def slot_choices() -> list[tuple[str, str]]:
    """The weekly time grid: ``"<weekday>-<period>"``, e.g. ``"1-late"`` for Monday 15–18."""
    return [
        (f"{day}-{period}", f"{day_label}, {period_label}")
        for day, day_label in WEEKDAYS
        for period, period_label in PERIODS
    ]


def slot_label(code: str) -> str:
    return str(dict(slot_choices()).get(code, code))


def labels(choices: type[models.TextChoices], codes: list[str]) -> str:
    mapping = dict(choices.choices)
    return ", ".join(str(mapping.get(code, code)) for code in codes)


GRADES = [(grade, str(grade)) for grade in range(1, 14)]


class InternshipField(models.TextChoices):
    CRAFT = "craft", _("Crafts and trades")
    RETAIL = "retail", _("Retail and sales")
    OFFICE = "office", _("Office and administration")
    SOCIAL = "social", _("Social work, childcare and care")
    HEALTH = "health", _("Health")
    IT = "it", _("IT and media")
    GASTRONOMY = "gastronomy", _("Hotels and gastronomy")
    INDUSTRY = "industry", _("Industry and technology")
    LOGISTICS = "logistics", _("Logistics")
    GREEN = "green", _("Gardening, agriculture and environment")
    SPORTS = "sports", _("Sports and leisure")
