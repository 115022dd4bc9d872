from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from parler.admin import TranslatableAdmin

from familienbuero.core.admin_site import MunicipalityScopedAdmin, ScopedInline
from familienbuero.directory import search
from familienbuero.directory.models import (
    Contact,
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
    TaxonomyTerm,
)


@admin.register(Organization)
class OrganizationAdmin(MunicipalityScopedAdmin, TranslatableAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]


class ServiceLanguageInline(ScopedInline):
    model = ServiceLanguage
    extra = 0


class ServiceAtLocationInline(ScopedInline):
    model = ServiceAtLocation
    extra = 0


class ServiceScheduleInline(ScopedInline):
    model = ServiceSchedule
    extra = 0


class CostOptionInline(ScopedInline):
    model = CostOption
    extra = 0


class ContactInline(ScopedInline):
    model = Contact
    extra = 0


@admin.register(Service)
class ServiceAdmin(MunicipalityScopedAdmin, TranslatableAdmin):
    list_display = ["__str__", "organization", "status", "is_published", "confirmed_at"]
    list_filter = ["status", "is_published", "organization__kind"]
    search_fields = ["translations__name", "slug"]
    filter_horizontal = ["terms", "districts"]
    inlines = [
        ServiceLanguageInline,
        ServiceAtLocationInline,
        ServiceScheduleInline,
        CostOptionInline,
        ContactInline,
    ]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        allowed = self.allowed_municipality_ids(request)
        if db_field.name == "districts" and allowed is not None:
            kwargs["queryset"] = db_field.related_model._base_manager.filter(municipality__in=allowed)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # The search index follows every change made here (after terms, languages and places are saved).
    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        search.index_service(form.instance)

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        service_id, municipality_id = obj.pk, obj.municipality_id
        super().delete_model(request, obj)
        search.remove_service(service_id, municipality_id)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        services = list(queryset.values_list("pk", "municipality_id"))
        super().delete_queryset(request, queryset)
        for service_id, municipality_id in services:
            search.remove_service(service_id, municipality_id)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(TranslatableAdmin):
    """The shared vocabulary is the same for every municipality: platform administrators only."""

    list_display = ["__str__", "taxonomy", "code", "position"]
    list_filter = ["taxonomy"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission  # type: ignore[assignment]
