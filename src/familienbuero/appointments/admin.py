"""Only the settings (retention, booking horizon) are administered here. Hours are managed in the back
office by the providers themselves; bookings hold personal data and are seen only there."""

from django.contrib import admin

from familienbuero.appointments.models import AppointmentSettings
from familienbuero.core.admin_site import MunicipalityScopedAdmin


@admin.register(AppointmentSettings)
class AppointmentSettingsAdmin(MunicipalityScopedAdmin):
    list_display = ["municipality", "retention_days", "booking_weeks"]
