"""Forms of the social-area monitoring pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from familienbuero.directory.models import TaxonomyTerm
from familienbuero.monitoring.models import BurdenIndexWeights
from familienbuero.monitoring.services import MAX_FILE_BYTES


class DistrictStatisticsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One row per district and reference date; columns as described in the handbook (README)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose a CSV file.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ReferenceDateForm(forms.Form):
    stichtag = forms.TypedChoiceField(
        label=_("Reference date"),
        coerce=date.fromisoformat,
        error_messages={"invalid_choice": _("No figures for this date.")},
    )

    def __init__(self, *args: Any, dates: list[date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stichtag"].choices = [
            (d.isoformat(), date_format(d, "SHORT_DATE_FORMAT")) for d in dates
        ]


class BurdenIndexWeightsForm(forms.ModelForm):
    class Meta:
        model = BurdenIndexWeights
        fields = ["young_people", "migration", "unemployment", "low_income", "hze", "hze_residential"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in self.Meta.fields):
            raise forms.ValidationError(_("At least one weight must be above 0."))
        return data


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return str(obj)


class CoverageFilterForm(forms.Form):
    thema = TopicChoiceField(
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC),
        required=False,
        to_field_name="code",
        label=_("Topic"),
        empty_label=_("All topics"),
    )
