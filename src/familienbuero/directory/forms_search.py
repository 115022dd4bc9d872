"""The public search form: every filter is a GET parameter, so a search can be bookmarked and shared.

Parameter names are German like the paths (``?q=Schwimmkurs&alter=8&thema=sport&sprache=ar``); values
are the stable codes and URL names of terms and districts, not database ids.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from familienbuero.directory.models import TaxonomyTerm
from familienbuero.directory.search import SearchFilters, vocabulary
from familienbuero.tenancy.models import District, Municipality

AGE_MESSAGE = _("Please enter an age in whole years between 0 and 120, for example 8.")

TERM_PARAMS = {
    "thema": TaxonomyTerm.Taxonomy.TOPIC,
    "zielgruppe": TaxonomyTerm.Taxonomy.TARGET_GROUP,
    "lebensphase": TaxonomyTerm.Taxonomy.LIFE_PHASE,
}


class LanguageCodesField(forms.MultipleChoiceField):
    """Any ISO 639 code (services may offer languages the site itself does not speak)."""

    default_error_messages = {"invalid_choice": _("This is not a language code: %(value)s.")}
    code = RegexValidator(r"^[a-z]{2,3}$")

    def valid_value(self, value: str) -> bool:
        return bool(self.code.regex.match(str(value)))


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
        help_text=_("For example: swimming course, debt counselling, tutoring."),
    )
    alter = forms.IntegerField(
        label=_("Age of the child or person"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages={"invalid": AGE_MESSAGE, "min_value": AGE_MESSAGE, "max_value": AGE_MESSAGE},
    )
    thema = forms.MultipleChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("This topic is not known: %(value)s.")},
    )
    zielgruppe = forms.MultipleChoiceField(
        label=_("For whom"),
        required=False,
        error_messages={"invalid_choice": _("This target group is not known: %(value)s.")},
    )
    lebensphase = forms.MultipleChoiceField(
        label=_("Life phase"),
        required=False,
        error_messages={"invalid_choice": _("This life phase is not known: %(value)s.")},
    )
    stadtteil = forms.MultipleChoiceField(
        label=_("District"),
        required=False,
        error_messages={"invalid_choice": _("This district is not known: %(value)s.")},
    )
    sprache = LanguageCodesField(label=_("Language"), required=False)
    kostenlos = forms.BooleanField(label=_("Free of charge"), required=False)
    barrierefrei = forms.BooleanField(label=_("Step-free access"), required=False)
    offen = forms.BooleanField(label=_("Open now"), required=False)
    naehe = forms.ChoiceField(
        label=_("Nearest first, from"),
        required=False,
        error_messages={"invalid_choice": _("This district is not known: %(value)s.")},
    )
    seite = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        max_value=1000,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be a whole number."),
            "max_value": _("The page number must be a whole number."),
        },
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        terms = sorted(vocabulary(), key=lambda t: (t.position, t.code))
        self.terms = {
            param: [t for t in terms if t.taxonomy == taxonomy] for param, taxonomy in TERM_PARAMS.items()
        }
        for param, choices in self.terms.items():
            self.fields[param].choices = [(term.code, term.name("de")[0]) for term in choices]
        self.districts = list(District.objects.filter(municipality=municipality).order_by("name"))
        self.fields["stadtteil"].choices = [(d.slug, d.name) for d in self.districts]
        self.fields["naehe"].choices = [("", "—")] + [
            (d.slug, d.name) for d in self.districts if d.latitude is not None and d.longitude is not None
        ]

    def filters(self) -> SearchFilters:
        """The valid form as search filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        by_code = {param: {term.code: term for term in terms} for param, terms in self.terms.items()}
        by_slug = {district.slug: district for district in self.districts}
        return SearchFilters(
            topics=tuple(by_code["thema"][code] for code in data.get("thema", [])),
            target_groups=tuple(by_code["zielgruppe"][code] for code in data.get("zielgruppe", [])),
            life_phases=tuple(by_code["lebensphase"][code] for code in data.get("lebensphase", [])),
            districts=tuple(by_slug[slug] for slug in data.get("stadtteil", [])),
            languages=tuple(dict.fromkeys(data.get("sprache", []))),
            age=data.get("alter"),
            free_of_charge=bool(data.get("kostenlos")),
            barrier_free=bool(data.get("barrierefrei")),
            open_now=bool(data.get("offen")),
        )

    def near_district(self) -> District | None:
        slug = self.cleaned_data.get("naehe")
        return next((d for d in self.districts if d.slug == slug), None) if slug else None

    def active_filter_count(self) -> int:
        """How many filters inside the "more filters" box are set (the age field is outside it)."""
        data = getattr(self, "cleaned_data", {})
        multi = sum(len(data.get(name) or []) for name in (*TERM_PARAMS, "stadtteil", "sprache"))
        return multi + sum(1 for name in ("kostenlos", "barrierefrei", "offen", "naehe") if data.get(name))
