"""Forms of the appointments app: the family's booking form, the staff's hours form, the calendar filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.appointments.models import ConsultationException, ConsultationHours
from familienbuero.core.validators import phone_validator
from familienbuero.directory.models import Organization, Service, TaxonomyTerm
from familienbuero.referrals.selectors import LANGUAGE_CODES, language_name
from familienbuero.tenancy.models import Office


class BookingForm(forms.Form):
    """Minimal data: a name or pseudonym, and phone or email (one is enough)."""

    person_name = forms.CharField(
        label=_("Name or pseudonym"),
        max_length=120,
        help_text=_("A first name or a made-up name is enough."),
        error_messages={"required": _("Enter a name or a pseudonym.")},
    )
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    contact_email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    interpreter_needed = forms.BooleanField(label=_("I need an interpreter"), required=False)
    interpreter_language = forms.ChoiceField(label=_("Language for the interpreter"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [
            ("", "–"),
            *sorted(((c, language_name(c)) for c in LANGUAGE_CODES if c != "de"), key=lambda c: c[1]),
        ]
        for name in ("contact_phone", "contact_email"):
            self.fields[name].help_text = _("Phone or email: one is enough.")
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("contact_phone") and not data.get("contact_email"):
            self.add_error(
                "contact_phone", _("Enter a phone number or an email address so that we can reach you.")
            )
        if data.get("interpreter_needed") and not data.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language for the interpreter."))
        return data


# Building a ModelForm class evaluates the default querysets of its foreign keys; the scoped managers
# refuse that outside a tenant scope. ``__init__`` sets the real, tenant-limited querysets.
with scopes_disabled():

    class HoursForm(forms.ModelForm):
        """Consultation hours as staff define them; offices and providers limited to what the user manages."""

        class Meta:
            model = ConsultationHours
            fields = [
                "title",
                "office",
                "organization",
                "service",
                "topics",
                "languages",
                "recurrence",
                "starts_on",
                "ends_on",
                "start_time",
                "end_time",
                "slot_minutes",
                "buffer_minutes",
                "room_kind",
                "anonymous_allowed",
                "walk_ins",
                "skip_public_holidays",
                "is_active",
                "counsellors",
            ]
            widgets = {
                "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                "topics": forms.CheckboxSelectMultiple,
                "counsellors": forms.CheckboxSelectMultiple,
            }

        def __init__(
            self,
            *args: Any,
            offices: QuerySet[Office],
            organizations: QuerySet[Organization],
            own_team_allowed: bool,
            services: QuerySet[Service],
            counsellors: QuerySet[User],
            **kwargs: Any,
        ) -> None:
            super().__init__(*args, **kwargs)
            self.fields["office"].queryset = offices
            self.fields["organization"].queryset = organizations
            self.fields["organization"].required = not own_team_allowed
            self.fields["service"].queryset = services
            self.fields["counsellors"].queryset = counsellors
            self.fields["counsellors"].label_from_instance = lambda user: (
                user.get_full_name() or user.username
            )
            self.fields["counsellors"].help_text = _(
                "With counsellors, a slot is free only while one of them is free; without, the room decides."
            )
            self.fields["topics"].queryset = TaxonomyTerm.objects.filter(
                taxonomy=TaxonomyTerm.Taxonomy.TOPIC
            ).prefetch_related("translations")


class ExceptionForm(forms.ModelForm):
    """A dated exception: no hours that day, or extra hours (times empty: the usual times)."""

    class Meta:
        model = ConsultationException
        fields = ["date", "kind", "start_time", "end_time", "reason"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, hours: ConsultationHours, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "ausnahme")
        super().__init__(*args, **kwargs)
        self.instance.hours = hours

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and start >= end:
            self.add_error("end_time", _("The end must be after the start."))
        if (
            data.get("date")
            and ConsultationException.objects.filter(hours=self.instance.hours, date=data["date"]).exists()
        ):
            self.add_error("date", _("There is already an exception on this day."))
        return data


class CalendarFilterForm(forms.Form):
    datum = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    raum = forms.TypedChoiceField(label=_("Room"), required=False, coerce=int, empty_value=None)
    anbieter = forms.ChoiceField(label=_("Provider"), required=False)

    def __init__(
        self, *args: Any, rooms: list[tuple[int, str]], providers: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raum"].choices = [("", _("all rooms")), *rooms]
        self.fields["anbieter"].choices = [("", _("all providers")), *providers]
