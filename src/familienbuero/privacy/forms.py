from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from familienbuero.core.personal_data import normalise_phone
from familienbuero.privacy.models import AccessLog, Consent
from familienbuero.privacy.services import CONSENT_TEXTS


class PersonForm(forms.Form):
    """The person asked about: by email address and/or phone number."""

    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not normalise_phone(data.get("phone", "")):
            raise forms.ValidationError(_("Enter an email address or a phone number."))
        return data


class ExportForm(PersonForm):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("printable page")), ("json", _("JSON file"))],
        initial="html",
    )


class EraseForm(PersonForm):
    confirm = forms.BooleanField(
        label=_("I have checked the list: erase all these personal data now. This cannot be undone."),
        required=True,
        error_messages={"required": _("Confirm the erasure by ticking the box.")},
    )


class AccessLogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all")), *AccessLog.Action.choices]
    )
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    object_id = forms.CharField(label=_("Object"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ChangeLogFilterForm(forms.Form):
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ConsentForm(PersonForm):
    text_version = forms.ChoiceField(
        label=_("Consent text"),
        choices=[
            (version, f"{Consent.Purpose(purpose).label} ({version})")
            for version, (purpose, _t) in CONSENT_TEXTS.items()
        ],
    )
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        max_length=500,
        help_text=_("What exactly the consent covers, e.g. “photos of the summer festival 2026”."),
    )
    given = forms.BooleanField(
        label=_("The person has read the text and agrees."),
        required=True,
        error_messages={"required": _("Record a consent only when the person agrees.")},
    )


class ConsentFilterForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Purpose"), required=False, choices=[("", _("all")), *Consent.Purpose.choices]
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("all")), ("in_force", _("in force")), ("revoked", _("revoked"))],
    )
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(label=_("Retention period (days)"), min_value=1, max_value=100_000)
