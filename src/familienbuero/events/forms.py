"""Forms of the events app. The registration form asks only for what the event needs: a contact, the
first name and age of each participant, and the event's own questions, each with its purpose."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.core.validators import phone_validator
from familienbuero.directory.models import Organization, Service, TaxonomyTerm
from familienbuero.events.models import Event, Question
from familienbuero.events.services import MAX_PARTICIPANTS, Participant
from familienbuero.tenancy.models import Location, Office

PARTICIPANT_ROWS = 3


class FilterForm(forms.Form):
    alter = forms.IntegerField(label=_("Age of the child"), required=False, min_value=0, max_value=120)
    zielgruppe = forms.ChoiceField(label=_("For whom"), required=False)
    ab = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kostenlos = forms.BooleanField(label=_("Free of charge only"), required=False)
    buero = forms.ChoiceField(label=_("Office"), required=False)

    def __init__(
        self, *args: object, offices: list[Office], groups: list[TaxonomyTerm], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zielgruppe"].choices = [("", _("all"))] + [(t.code, str(t)) for t in groups]
        self.fields["buero"].choices = [("", _("all offices"))] + [(o.slug, o.name) for o in offices]


class ContactForm(forms.Form):
    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("For the confirmation and the link to cancel. Or give a phone number."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30, validators=[phone_validator])

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(
                _("Enter an email address or a phone number so that we can reach you.")
            )
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("First name"), max_length=60, required=False)
    age = forms.IntegerField(
        label=_("Age (years)"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Leave empty if you register yourself."),
    )

    def __init__(self, *args: object, questions: list[Question], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.choice_list:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    required=False,
                    choices=[("", "—")] + [(c, c) for c in question.choice_list],
                    help_text=question.purpose,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text, required=False, max_length=300, help_text=question.purpose
                )

    def participant(self) -> Participant | None:
        data = self.cleaned_data
        if not data.get("name"):
            if data.get("age") is not None or any(data.get(f"q{q.pk}") for q in self.questions):
                self.add_error("name", _("Enter the first name."))
            return None
        answers = {q.pk: data.get(f"q{q.pk}") or "" for q in self.questions}
        return Participant(data["name"], data.get("age"), {pk: v for pk, v in answers.items() if v})


def participant_forms(data: object, questions: list[Question]) -> list[ParticipantForm]:
    return [
        ParticipantForm(data, questions=questions, prefix=f"p{index}", label_suffix="")
        for index in range(PARTICIPANT_ROWS)
    ]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)


class EventForm(forms.Form):
    """Staff: create or edit an event. The German texts are required; the texts in the other languages
    of the site come from one ``EventTranslationForm`` per language (optional)."""

    title = forms.CharField(label=_("Title (German)"), max_length=200)
    description = forms.CharField(label=_("Description (German)"), max_length=4000, widget=forms.Textarea)
    what_to_bring = forms.CharField(
        label=_("What to bring"), max_length=1000, required=False, widget=forms.Textarea
    )
    accessibility_notes = forms.CharField(
        label=_("Accessibility"), max_length=1000, required=False, widget=forms.Textarea
    )
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none(), required=False)
    organiser = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organization.objects.none(), required=False
    )
    co_host = forms.ModelChoiceField(label=_("Co-host"), queryset=Organization.objects.none(), required=False)
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    minimum_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=120, required=False)
    maximum_age = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=120, required=False)
    target_groups = ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost = forms.ChoiceField(label=_("Cost"), choices=Event.Cost.choices)
    fee = forms.DecimalField(
        label=_("Fee (EUR)"), min_value=0, max_digits=7, decimal_places=2, required=False
    )
    languages = forms.CharField(
        label=_("Languages"),
        max_length=60,
        required=False,
        help_text=_("Language codes separated by commas, e.g. de,tr."),
    )
    registration_opens = forms.DateTimeField(
        label=_("Registration from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    registration_closes = forms.DateTimeField(
        label=_("Registration until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    confirm_hours = forms.IntegerField(
        label=_("Hours to confirm a place from the waiting list"), min_value=1, max_value=336, initial=48
    )
    sessions = forms.CharField(
        label=_("Dates"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One date per line: 24.03.2027 15:00-17:00"),
    )

    def __init__(
        self,
        *args: object,
        offices: object,
        locations: object,
        organizations: object,
        services: object,
        groups: object,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["location"].queryset = locations
        self.fields["organiser"].queryset = organizations
        self.fields["co_host"].queryset = organizations
        self.fields["service"].queryset = services
        self.fields["target_groups"].queryset = groups

    def clean_sessions(self) -> list[tuple[object, object]]:
        from datetime import datetime

        from django.utils import timezone

        parsed = []
        for line in self.cleaned_data["sessions"].splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                day, times = line.split(maxsplit=1)
                start, end = (part.strip() for part in times.split("-"))
                zone = timezone.get_current_timezone()
                starts = datetime.strptime(f"{day} {start}", "%d.%m.%Y %H:%M").replace(tzinfo=zone)
                ends = datetime.strptime(f"{day} {end}", "%d.%m.%Y %H:%M").replace(tzinfo=zone)
            except ValueError:
                raise forms.ValidationError(
                    _("Cannot read the date “%(line)s”. Write it like 24.03.2027 15:00-17:00.")
                    % {"line": line[:40]}
                ) from None
            if ends <= starts:
                raise forms.ValidationError(_("A date ends before it starts: %(line)s") % {"line": line[:40]})
            parsed.append((starts, ends))
        if not parsed:
            raise forms.ValidationError(_("Enter at least one date."))
        if len(parsed) > 60:
            raise forms.ValidationError(_("At most 60 dates."))
        return sorted(parsed)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age must not be below the minimum age."))
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and opens >= closes:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=200)
    purpose = forms.CharField(label=_("Why we ask"), max_length=300)
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; empty for a free answer."),
    )


__all__ = ["MAX_PARTICIPANTS"]


class WishContactForm(ContactForm):
    priority_class = forms.ModelChoiceField(
        label=_("Which applies to your family?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Families are drawn in this order. The office may ask for proof (e.g. the BuT notice)."),
    )

    def __init__(self, *args: object, classes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority_class"].queryset = classes


class ChildWishForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=60, required=False)
    age = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=20, required=False)
    together = forms.BooleanField(label=_("Keep together with the siblings entered here"), required=False)

    def __init__(self, *args: object, courses: list[tuple[int, str]], wishes: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.wish_count = wishes
        for rank in range(1, wishes + 1):
            self.fields[f"wish{rank}"] = forms.TypedChoiceField(
                label=_("Wish %(rank)d") % {"rank": rank},
                choices=[("", "—"), *courses],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def child(self) -> object:
        from familienbuero.events.services_lottery import ChildWishes

        data = self.cleaned_data
        courses = [data[f"wish{r}"] for r in range(1, self.wish_count + 1) if data.get(f"wish{r}")]
        if not data.get("first_name"):
            if courses or data.get("age") is not None:
                self.add_error("first_name", _("Enter the first name."))
            return None
        if data.get("age") is None:
            self.add_error("age", _("Enter the age."))
            return None
        return ChildWishes(data["first_name"], data["age"], bool(data.get("together")), courses)
