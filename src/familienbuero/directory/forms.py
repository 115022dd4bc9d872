from __future__ import annotations

from parler.forms import TranslatableModelForm

from familienbuero.directory.models import Organization


class OrganizationPublicInfoForm(TranslatableModelForm):
    """What a partner editor may change: the public contact details and description (in German)."""

    class Meta:
        model = Organization
        fields = ["website", "email", "phone", "description"]
