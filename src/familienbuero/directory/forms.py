from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from parler.forms import TranslatableModelForm

from familienbuero.directory.models import Organization


class OrganizationPublicInfoForm(TranslatableModelForm):
    """What a partner editor may change: the public contact details and description (in German)."""

    website = forms.URLField(label=_("website"), required=False, max_length=300, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["website", "email", "phone", "description"]
