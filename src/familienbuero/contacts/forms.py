"""Forms of the contacts app: the one-screen contact entry and the filters of the dashboards."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from familienbuero.contacts.models import (
    LANGUAGE_CODES,
    MAX_PERSONS,
    AgeBand,
    Channel,
    Duration,
    Interpreter,
    Place,
    TargetGroup,
    language_label,
)
from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.referrals.models import Referral
from familienbuero.tenancy.models import District, Location, Office

DATETIME_INPUT = "%Y-%m-%dT%H:%M"

#: Values remembered in the session after a contact was recorded, offered as defaults next time.
REMEMBERED_FIELDS = (
    "office",
    "place",
    "location",
    "channel",
    "duration",
    "target_group",
    "age_band",
    "district",
    "language",
    "interpreter",
)
#: The fields shown before the first "Save" button: usually the only ones that change between contacts.
ESSENTIAL_FIELDS = ("target_group", "age_band", "topics")


def language_choices() -> list[tuple[str, str]]:
    """German first, then the others by name in the UI language."""
    others = sorted(
        ((code, language_label(code)) for code in LANGUAGE_CODES if code != "de"), key=lambda c: c[1]
    )
    return [("de", language_label("de")), *others]


class ReferralChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Referral) -> str:
        # Service and time only: the contact form never shows the family's name.
        return f"{obj.service} · {timezone.localtime(obj.created_at):%d.%m. %H:%M}"


class ContactForm(forms.Form):
    """One screen, big touch targets, every field pre-set: a contact is recorded in a few taps."""

    target_group = forms.ChoiceField(label=_("Who"), choices=TargetGroup.choices, widget=forms.RadioSelect)
    age_band = forms.ChoiceField(label=_("Age band"), choices=AgeBand.choices, widget=forms.RadioSelect)
    topics = ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
        required=False,
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect)
    place = forms.ChoiceField(label=_("Place"), choices=Place.choices, widget=forms.RadioSelect)
    duration = forms.ChoiceField(label=_("Duration"), choices=Duration.choices, widget=forms.RadioSelect)
    persons = forms.IntegerField(
        label=_("Number of persons"),
        min_value=1,
        max_value=MAX_PERSONS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    district = forms.ModelChoiceField(
        queryset=None,
        label=_("District of residence"),
        required=False,
        empty_label=_("not stated"),
    )
    language = forms.ChoiceField(label=_("Language used"), choices=())
    interpreter = forms.ChoiceField(
        label=_("Interpreter"), choices=Interpreter.choices, widget=forms.RadioSelect
    )
    referral_made = forms.BooleanField(label=_("Referral made"), required=False)
    referred_service = forms.ModelChoiceField(
        queryset=None,
        label=_("Referred to service"),
        required=False,
        empty_label=_("not stated"),
    )
    referral = ReferralChoiceField(
        queryset=None,
        label=_("Referral recorded in the referrals list"),
        required=False,
        empty_label=_("none"),
        help_text=_("Referrals of your offices from the last three days, by service and time."),
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    contact_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_INPUT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )
    office = forms.ModelChoiceField(queryset=None, label=_("Office"))
    location = forms.ModelChoiceField(
        queryset=None, label=_("Location"), required=False, empty_label=_("not stated")
    )

    def __init__(
        self,
        *args: Any,
        offices: QuerySet[Office],
        topics: QuerySet[TaxonomyTerm],
        districts: QuerySet[District],
        services: QuerySet[Service],
        referrals: QuerySet[Referral],
        locations: QuerySet[Location],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        self.fields["district"].queryset = districts
        self.fields["referred_service"].queryset = services
        self.fields["referral"].queryset = referrals
        self.fields["location"].queryset = locations
        self.fields["language"].choices = language_choices()
        office_list = list(offices)
        self.fields["office"].queryset = offices
        if len(office_list) == 1:
            # One office: nothing to choose, one field less on the screen.
            self.fields["office"].widget = forms.HiddenInput()
        # The first choice gets the focus: the form is ready for the keyboard when it opens.
        self.fields["target_group"].widget.attrs["autofocus"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("referral") is not None or data.get("referred_service") is not None:
            data["referral_made"] = True
        return data


def initial_values(
    *, remembered: dict[str, Any], offices: Iterable[Office], now: Any = None
) -> dict[str, Any]:
    """Defaults of the entry form: now, the user's (first) office, then the values used last time."""
    now = timezone.localtime(now or timezone.now())
    office_list = list(offices)
    initial: dict[str, Any] = {
        "contact_at": now.replace(second=0, microsecond=0),
        "office": office_list[0].pk if office_list else None,
        "place": Place.DESK,
        "channel": Channel.WALK_IN,
        "duration": Duration.UP_TO_15,
        "target_group": TargetGroup.PARENT,
        "age_band": AgeBand.NOT_STATED,
        "language": "de",
        "interpreter": Interpreter.NOT_NEEDED,
        "persons": 1,
    }
    office_ids = {o.pk for o in office_list}
    for name in REMEMBERED_FIELDS:
        if name in remembered and (name != "office" or remembered[name] in office_ids):
            initial[name] = remembered[name]
    return initial


def remembered_values(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """What the session keeps for the next contact (primary keys and choice values only)."""
    values = {}
    for name in REMEMBERED_FIELDS:
        value = cleaned_data.get(name)
        values[name] = getattr(value, "pk", value)
    return values


class FieldGroup:
    """A part of a form, rendered by ``includes/form.html`` like a whole form."""

    def __init__(self, form: forms.Form, names: Iterable[str], *, first: bool = False) -> None:
        self.form = form
        self.names = [name for name in names if name in form.fields]
        self.first = first
        self.prefix = form.prefix

    def non_field_errors(self) -> Any:
        return self.form.non_field_errors() if self.first else []

    def hidden_fields(self) -> list[forms.BoundField]:
        return [self.form[name] for name in self.names if self.form[name].is_hidden]

    def visible_fields(self) -> list[forms.BoundField]:
        return [self.form[name] for name in self.names if not self.form[name].is_hidden]


class PeriodForm(forms.Form):
    """Filters of the dashboard: period, office (if there is a choice), interval of the time chart."""

    INTERVALS = [("week", _("week")), ("month", _("month")), ("year", _("year"))]

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    office = forms.ModelChoiceField(
        queryset=None, label=_("Office"), required=False, empty_label=_("all offices")
    )
    interval = forms.ChoiceField(label=_("Contacts per"), choices=INTERVALS, required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        data["date_from"] = data.get("date_from") or date(today.year, 1, 1)
        data["date_to"] = data.get("date_to") or today
        data["interval"] = data.get("interval") or "month"
        if data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("The end of the period lies before its start."))
        if data["date_to"] - data["date_from"] > timedelta(days=3700):
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        return data


class YearForm(forms.Form):
    """The annual report: one office, one calendar year."""

    office = forms.ModelChoiceField(queryset=None, label=_("Office"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year, this_year - 10, -1)]
