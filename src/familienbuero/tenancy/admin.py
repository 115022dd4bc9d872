from django.contrib import admin
from parler.admin import TranslatableAdmin

from familienbuero.core.admin_site import MunicipalityScopedAdmin, ScopedInline
from familienbuero.directory import search
from familienbuero.tenancy.models import (
    District,
    Location,
    Municipality,
    Office,
    OpeningException,
    OpeningHours,
    Room,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """Only platform administrators create and edit municipalities."""

    list_display = ["name", "slug", "official_key", "is_active"]
    prepopulated_fields = {"slug": ["name"]}

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class PlacesInSearchMixin:
    """The service search filters and orders by districts and places (step-free access, coordinates):
    a change here tells it to reread them."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        search.places_changed(obj.municipality_id)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)  # type: ignore[misc]
        search.places_changed(obj.municipality_id)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        towns = set(queryset.values_list("municipality_id", flat=True))
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        for town in towns:
            search.places_changed(town)


@admin.register(District)
class DistrictAdmin(PlacesInSearchMixin, MunicipalityScopedAdmin):
    list_display = ["name", "social_area", "municipality"]
    list_filter = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


class RoomInline(ScopedInline):
    model = Room
    extra = 0


@admin.register(Location)
class LocationAdmin(PlacesInSearchMixin, MunicipalityScopedAdmin, TranslatableAdmin):
    list_display = ["name", "street", "district", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "street"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(MunicipalityScopedAdmin):
    municipality_path = "location__municipality"
    list_display = ["name", "kind", "capacity", "location"]
    list_filter = ["kind"]


class OpeningHoursInline(ScopedInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(ScopedInline):
    model = OpeningException
    extra = 0


@admin.register(Office)
class OfficeAdmin(MunicipalityScopedAdmin, TranslatableAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["municipality", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(OpeningException)
class OpeningExceptionAdmin(MunicipalityScopedAdmin):
    municipality_path = "office__municipality"
    list_display = ["office", "date", "closed", "reason"]
    date_hierarchy = "date"
