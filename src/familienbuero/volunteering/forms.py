"""Forms of the volunteering app; all plain HTML forms (checkbox lists, no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from familienbuero.core.validators import phone_validator
from familienbuero.tenancy.models import District, Municipality
from familienbuero.volunteering.choices import GRADES, Language, Place, SchoolType, Subject, slot_choices
from familienbuero.volunteering.models import Tutor, TutoringRequest


def _multi(
    label: str, choices: Any, *, required: bool = True, help_text: str = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
    )


class _ProfileFields(forms.Form):
    """Subjects, languages, weekly slots, places and district: shared by tutors and requests."""

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subjects"] = _multi(_("Subjects"), Subject.choices)
        self.fields["languages"] = _multi(_("Languages"), Language.choices)
        self.fields["slots"] = _multi(
            _("Weekly availability"), slot_choices(), help_text=_("Choose every time that suits.")
        )
        self.fields["places"] = _multi(_("Where"), Place.choices)
        self.fields["district"] = forms.ModelChoiceField(
            label=_("District"),
            queryset=District.objects.filter(municipality=municipality).order_by("name"),
            required=False,
            empty_label=_("no preference"),
        )
        self.order_fields(self.field_order or [])


class TutorRegistrationForm(_ProfileFields):
    field_order = [
        "name",
        "email",
        "phone",
        "subjects",
        "school_types",
        "grade_min",
        "grade_max",
        "languages",
        "slots",
        "places",
        "district",
        "max_pupils",
        "privacy",
    ]
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, validators=[phone_validator])
    school_types = _multi(
        _("School types"), SchoolType.choices, required=False, help_text=_("None chosen: every school type.")
    )
    grade_min = forms.TypedChoiceField(label=_("From grade"), choices=GRADES, coerce=int, initial=1)
    grade_max = forms.TypedChoiceField(label=_("To grade"), choices=GRADES, coerce=int, initial=13)
    max_pupils = forms.IntegerField(label=_("How many pupils at most?"), min_value=1, max_value=10, initial=1)
    privacy = forms.BooleanField(
        label=_("I have read the privacy information: my details are used only to arrange tutoring."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("email") or data.get("phone")):
            raise forms.ValidationError(_("Enter an email address or a phone number."))
        if data.get("grade_min") and data.get("grade_max") and data["grade_min"] > data["grade_max"]:
            self.add_error("grade_max", _("The last grade cannot be lower than the first."))
        return data

    def tutor_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("privacy", None)
        return data


class TutorReviewForm(forms.ModelForm):
    class Meta:
        model = Tutor
        fields = ["status", "clearance_seen_on", "training_done"]
        widgets = {"clearance_seen_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "clearance_seen_on": _(
                "Date on which staff saw the extended police clearance certificate (only the date is kept). "
                "It must be seen again after five years."
            )
        }


class TutoringRequestForm(_ProfileFields):
    field_order = [
        "source",
        "child_name",
        "parent_phone",
        "parent_email",
        "school_type",
        "grade",
        "subjects",
        "languages",
        "slots",
        "places",
        "district",
        "priority",
    ]
    source = forms.ChoiceField(label=_("Request from"), choices=TutoringRequest.Source.choices)
    child_name = forms.CharField(label=_("Child's first name or pseudonym"), max_length=60)
    parent_phone = forms.CharField(
        label=_("Parent's phone"), max_length=30, required=False, validators=[phone_validator]
    )
    parent_email = forms.EmailField(label=_("Parent's email"), required=False)
    school_type = forms.ChoiceField(label=_("School type"), choices=SchoolType.choices)
    grade = forms.TypedChoiceField(label=_("Grade"), choices=GRADES, coerce=int)
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=TutoringRequest.Priority.choices,
        required=False,
        help_text=_("As the family states it; no documents are stored."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("parent_email") or data.get("parent_phone")):
            raise forms.ValidationError(_("Enter a phone number or an email address of a parent."))
        return data


class OverrideForm(forms.Form):
    tutor = forms.ModelChoiceField(label=_("Tutor"), queryset=Tutor.objects.none())

    def __init__(self, *args: Any, tutors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tutor"].queryset = tutors
