"""Forms of the referrals app: the one-screen referral, the consent, the outcome, the statistics period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.referrals.models import Referral, phone_validator
from familienbuero.referrals.selectors import LANGUAGE_CODES, language_name
from familienbuero.tenancy.models import Office


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        # The organisation in brackets: the consent text names "the organisation of the chosen service".
        return f"{obj} ({obj.organization.name})"


class ReferralForm(forms.Form):
    """One screen: office (only if there is a choice), service, need, how to reach the family."""

    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("Referring office"))
    service = ServiceChoiceField(queryset=Service.objects.none(), label=_("Service"))
    topics = ModelMultipleChoiceField(
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Need (topics)"),
        error_messages={"required": _("Choose at least one topic.")},
    )
    person_name = forms.CharField(
        label=_("Name or pseudonym"),
        max_length=120,
        help_text=_("A first name or a pseudonym agreed with the family is enough."),
        error_messages={"required": _("Enter a name or a pseudonym.")},
    )
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    contact_email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), required=False, choices=())
    note_for_receiver = forms.CharField(
        label=_("Note for the organisation"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional, at most 500 characters, passed on only with consent. "
            "No health or case details – only what the organisation needs to get in touch."
        ),
    )

    def __init__(
        self,
        *args: Any,
        offices: QuerySet[Office],
        services: QuerySet[Service],
        topics: QuerySet[TaxonomyTerm],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["topics"].queryset = topics
        self.fields["preferred_language"].choices = [
            ("", _("not stated")),
            *sorted(((code, language_name(code)) for code in LANGUAGE_CODES), key=lambda c: c[1]),
        ]
        office_list = list(offices)
        if len(office_list) == 1:
            # One office: nothing to choose, one field less on the screen.
            del self.fields["office"]
            self.single_office: Office | None = office_list[0]
        else:
            self.fields["office"].queryset = offices
            self.single_office = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not data.get("contact_phone")
            and not data.get("contact_email")
            and not self.has_error("contact_phone")
            and not self.has_error("contact_email")
        ):
            self.add_error(
                "contact_phone", _("Enter a phone number or an email address so the family can be reached.")
            )
        return data

    @property
    def chosen_office(self) -> Office | None:
        return self.single_office or self.cleaned_data.get("office")


class ConsentForm(forms.Form):
    given = forms.BooleanField(
        label=_("The family has agreed to this text. Pass the referral on to the organisation."),
        required=False,
    )

    def __init__(self, *args: Any, required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "consent")
        super().__init__(*args, **kwargs)
        if required:
            self.fields["given"].required = True
            self.fields["given"].error_messages["required"] = _(
                "Tick the box only if the family has agreed to the text."
            )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(label=_("What happened?"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Referral.Status.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in allowed]


class StatisticsPeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("Referred from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Referred until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end must not be before the start."))
        return data
