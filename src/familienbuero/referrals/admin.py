"""Only the settings are administered here. Referrals themselves hold personal data and are handled in
the back office, where every access is scoped to the office or the receiving organisation."""

from django.contrib import admin

from familienbuero.core.admin_site import MunicipalityScopedAdmin
from familienbuero.referrals.models import ReferralSettings


@admin.register(ReferralSettings)
class ReferralSettingsAdmin(MunicipalityScopedAdmin):
    list_display = ["municipality", "follow_up_days", "retention_days"]
