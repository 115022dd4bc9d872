from django.contrib import admin
from parler.admin import TranslatableAdmin

from familienbuero.core.admin_site import MunicipalityScopedAdmin
from familienbuero.directory.models import Organization


@admin.register(Organization)
class OrganizationAdmin(MunicipalityScopedAdmin, TranslatableAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]
