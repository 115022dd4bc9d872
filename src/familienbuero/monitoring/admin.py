"""Quarters are administered here (coordinators: districts and quarters belong together). District
figures come in by import only, so that every figure has passed the import's checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from familienbuero.core.admin_site import MunicipalityScopedAdmin
from familienbuero.monitoring.models import Quarter
from familienbuero.tenancy.models import District


class QuarterAdminForm(forms.ModelForm):
    """Base form; the admin adds the model's fields (district choices from ``formfield_for_manytomany``)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        municipality = data.get("municipality")
        chosen = [*data.get("districts", []), *data.get("focus_districts", [])]
        if municipality and any(d.municipality_id != municipality.pk for d in chosen):
            raise forms.ValidationError(_("All districts must belong to the quarter's municipality."))
        if set(data.get("focus_districts", [])) - set(data.get("districts", [])):
            raise forms.ValidationError(_("The densest districts must be districts of the quarter."))
        return data


@admin.register(Quarter)
class QuarterAdmin(MunicipalityScopedAdmin):
    form = QuarterAdminForm
    list_display = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts", "focus_districts"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        allowed = self.allowed_municipality_ids(request)
        queryset = District._base_manager.order_by("municipality__name", "name")
        kwargs["queryset"] = queryset if allowed is None else queryset.filter(municipality__in=allowed)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
