"""Forms of the volunteering app; all plain HTML forms (checkbox lists, no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from familienbuero.core.validators import phone_validator
from familienbuero.tenancy.models import District, Municipality
from familienbuero.volunteering.choices import (
    GRADES,
    InternshipField,
    Language,
    Place,
    SchoolType,
    Subject,
    slot_choices,
)
from familienbuero.volunteering.models import (
    InternshipOffer,
    Placement,
    Playground,
    PlaygroundReport,
    Sponsorship,
    Tutor,
    TutoringRequest,
)


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


class TutorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Tutor) -> str:
        return obj.display_name


class OverrideForm(forms.Form):
    tutor = TutorChoiceField(label=_("Tutor"), queryset=Tutor.objects.none())

    def __init__(self, *args: Any, tutors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tutor"].queryset = tutors


class InternshipOfferForm(forms.ModelForm):
    field = forms.ChoiceField(label=_("Field"), choices=InternshipField.choices)

    class Meta:
        model = InternshipOffer
        fields = [
            "provider_name",
            "provider_kind",
            "title",
            "field",
            "starts_on",
            "ends_on",
            "min_age",
            "places",
            "contact_name",
            "contact_phone",
            "contact_email",
            "is_active",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["starts_on"] > data["ends_on"]:
            self.add_error("ends_on", _("The end cannot lie before the start."))
        return data


class YouthInterestForm(forms.Form):
    first_name = forms.CharField(label=_("First name or pseudonym"), max_length=60)
    age = forms.IntegerField(label=_("Age"), min_value=12, max_value=27)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("Email"), required=False)
    fields = _multi(_("Fields of interest"), InternshipField.choices)
    available_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    available_until = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("email") or data.get("phone")):
            raise forms.ValidationError(_("Enter an email address or a phone number."))
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and start > end:
            self.add_error("available_until", _("The end cannot lie before the start."))
        return data


class PublicYouthInterestForm(YouthInterestForm):
    privacy = forms.BooleanField(
        label=_(
            "I have read the privacy information: my details are used only to find an internship and are "
            "erased at the latest after one year."
        ),
    )

    def interest_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("privacy", None)
        return data


class PlacementForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    feedback = forms.CharField(
        label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )

    def __init__(self, *args: Any, placement: Placement, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": placement.status, "feedback": placement.feedback})
        kwargs.setdefault("prefix", f"p{placement.pk}")
        super().__init__(*args, **kwargs)
        from familienbuero.volunteering.internships import next_statuses

        allowed = [placement.status, *next_statuses(placement.status)]
        labels_ = dict(Placement.Status.choices)
        self.fields["status"].choices = [(value, labels_[value]) for value in allowed]


def _district_unscoped(field: Any, **kwargs: Any) -> forms.Field | None:
    """The district's choices are set per request (the scoped manager refuses queries at import)."""
    if field.name == "district":
        return forms.ModelChoiceField(queryset=None, required=False, label=_("District"))
    return field.formfield(**kwargs)


class PlaygroundForm(forms.ModelForm):
    class Meta:
        formfield_callback = _district_unscoped
        model = Playground
        fields = [
            "name",
            "address",
            "district",
            "latitude",
            "longitude",
            "equipment",
            "check_interval_days",
            "department",
            "department_email",
            "is_active",
        ]
        widgets = {"equipment": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(municipality=municipality).order_by("name")


class SponsorshipForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Sponsorship.Kind.choices)
    name = forms.CharField(label=_("Name of the sponsor or group"), max_length=160)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, validators=[phone_validator])


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you report?"),
        choices=PlaygroundReport.Kind.choices,
        widget=forms.RadioSelect,
        initial=PlaygroundReport.Kind.CHECK,
    )
    what = forms.CharField(
        label=_("What is broken?"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for a defect."),
    )
    where = forms.CharField(
        label=_("Where exactly?"),
        max_length=200,
        required=False,
        help_text=_("For example: the swing at the sandpit."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent?"),
        choices=PlaygroundReport.Urgency.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("At most 10 MB. The photo is made smaller; location and camera data are removed."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == PlaygroundReport.Kind.DEFECT:
            if not (data.get("what") or "").strip():
                self.add_error("what", _("Describe what is broken."))
            if not data.get("urgency"):
                self.add_error("urgency", _("Choose how urgent it is."))
        return data


class DefectStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlaygroundReport.Status.choices)
