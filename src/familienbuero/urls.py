from django.contrib import admin
from django.urls import include, path

from familienbuero.core import views as core_views
from familienbuero.core.admin_site import install_admin_site
from familienbuero.public import views as public_views

install_admin_site(admin.site)

tenant_patterns = [
    path("", include("familienbuero.public.urls")),
    path("angebote/", include("familienbuero.directory.urls_public")),
    path("aushang/", include("familienbuero.directory.urls_notices")),
    path("opendata/", include("familienbuero.monitoring.urls")),
    path("intern/", include("familienbuero.tenancy.urls_staff")),
    path("intern/organisationen/", include("familienbuero.directory.urls_staff")),
    path("intern/barrierefreiheit/", include("familienbuero.public.urls_staff")),
    path("intern/vermittlungen/", include("familienbuero.referrals.urls")),
    path("mitmachen/", include("familienbuero.participation.urls_public")),
    path("intern/beteiligung/", include("familienbuero.participation.urls_staff")),
    path("ehrenamt/", include("familienbuero.volunteering.urls_public")),
    path("intern/ehrenamt/", include("familienbuero.volunteering.urls_staff")),
    path("beratung/", include("familienbuero.appointments.urls_public")),
    path("intern/termine/", include("familienbuero.appointments.urls_staff")),
    path("veranstaltungen/", include("familienbuero.events.urls_public")),
    path("intern/veranstaltungen/", include("familienbuero.events.urls_staff")),
    path("intern/finanzierung/", include("familienbuero.funding.urls")),
    path("intern/kontakte/", include("familienbuero.contacts.urls")),
    path("intern/sozialraum/", include("familienbuero.monitoring.urls_staff")),
    path("intern/datenschutz/", include("familienbuero.privacy.urls")),
]

urlpatterns = [
    path("", public_views.platform_home, name="platform-home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("konto/", include("familienbuero.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/hsds/", include("familienbuero.directory.hsds.urls")),
    path("<slug:municipality_slug>/", public_views.municipality_redirect, name="municipality-redirect"),
    path("<slug:municipality_slug>/<str:language>/", include(tenant_patterns)),
]

handler404 = "familienbuero.core.views.page_not_found"
handler500 = "familienbuero.core.views.server_error"
