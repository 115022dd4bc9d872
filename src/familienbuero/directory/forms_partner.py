"""The form a partner editor fills in to propose a service or a change to one.

It is a plain form, not a ModelForm: nothing is written to ``Service`` here. Its cleaned data become
``ServiceChange.proposed`` (see ``review.proposal_from_cleaned_data``), and the same form validates the
stored proposal again when office staff publish it, so one set of rules guards both moments.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.core.validators import phone_validator
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import District

#: Languages a service can be offered in: Django's list (ISO 639-1 and a few 639-3 codes) plus the
#: languages refugee families in Germany often speak that Django lacks. Names are in the language
#: itself, so that a family recognises its own language on a printed notice.
EXTRA_LANGUAGE_NAMES = {
    "ku": "Kurdî (Kurmancî)",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "ps": "پښتو",
    "prs": "دری",
    "am": "አማርኛ",
    "ha": "Hausa",
    "gsg": "Deutsche Gebärdensprache",
}
LANGUAGE_NAMES: dict[str, str] = {
    **{
        code: info["name_local"]
        for code, info in LANG_INFO.items()
        if "name_local" in info and "-" not in code
    },
    **EXTRA_LANGUAGE_NAMES,
}


class TermChoiceField(ModelMultipleChoiceField):
    """Terms of one vocabulary as checkboxes, shown in the page language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return str(obj)


class ServiceProposalForm(forms.Form):
    """The fields a partner may change; texts are the German (required) version."""

    name = forms.CharField(label=capfirst(_("name")), max_length=200)
    description = forms.CharField(label=capfirst(_("description")), max_length=4000, widget=forms.Textarea)
    eligibility_description = forms.CharField(
        label=capfirst(_("who it is for")),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    application_process = forms.CharField(
        label=capfirst(_("how to take part")),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fees_description = forms.CharField(
        label=capfirst(_("costs")), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    free_of_charge = forms.BooleanField(label=capfirst(_("free of charge")), required=False)
    but_eligible = forms.BooleanField(
        label=capfirst(_("fundable by the education and participation package (BuT)")), required=False
    )
    anonymous_possible = forms.BooleanField(label=capfirst(_("anonymous use possible")), required=False)
    minimum_age = forms.IntegerField(
        label=capfirst(_("minimum age")), min_value=0, max_value=120, required=False
    )
    maximum_age = forms.IntegerField(
        label=capfirst(_("maximum age")), min_value=0, max_value=120, required=False
    )
    url = forms.URLField(
        label=capfirst(_("website")),
        max_length=300,
        required=False,
        assume_scheme="https",
        # Only web addresses: a printed or linked javascript:/ftp: address helps no family.
        validators=[URLValidator(schemes=["http", "https"])],
    )
    email = forms.EmailField(label=capfirst(_("email")), required=False)
    phone = forms.CharField(
        label=capfirst(_("phone")), max_length=30, required=False, validators=[phone_validator]
    )
    languages = forms.CharField(
        label=capfirst(_("languages")),
        max_length=200,
        required=False,
        help_text=_("Language codes, separated by commas, e.g. de, tr, ar, uk."),
    )
    topics = TermChoiceField(
        label=_("Topics"), queryset=TaxonomyTerm.objects.none(), to_field_name="uuid", required=False
    )
    target_groups = TermChoiceField(
        label=_("Target groups"), queryset=TaxonomyTerm.objects.none(), to_field_name="uuid", required=False
    )
    life_phases = TermChoiceField(
        label=_("Life phases"), queryset=TaxonomyTerm.objects.none(), to_field_name="uuid", required=False
    )
    districts = ModelMultipleChoiceField(
        label=capfirst(_("districts served")),
        queryset=District.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the service is open to the whole municipality."),
    )

    TERM_FIELDS = {
        "topics": TaxonomyTerm.Taxonomy.TOPIC,
        "target_groups": TaxonomyTerm.Taxonomy.TARGET_GROUP,
        "life_phases": TaxonomyTerm.Taxonomy.LIFE_PHASE,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Querysets are set here, not at import: District is tenant-scoped (the view runs in the scope).
        super().__init__(*args, **kwargs)
        terms = TaxonomyTerm.objects.prefetch_related("translations").order_by("position", "code")
        for field_name, taxonomy in self.TERM_FIELDS.items():
            self.fields[field_name].queryset = terms.filter(taxonomy=taxonomy)
        self.fields["districts"].queryset = District.objects.order_by("name")

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data.get("languages", "")
        codes = [part.strip().lower() for part in raw.replace(";", ",").split(",") if part.strip()]
        unknown = [code for code in codes if code not in LANGUAGE_NAMES]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code: %(codes)s. Use codes like de, en, tr, ar, uk."),
                code="unknown_language",
                params={"codes": ", ".join(unknown[:5])[:60]},
            )
        return sorted(set(codes))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("maximum_age", _("The maximum age must not be below the minimum age."))
        return cleaned
