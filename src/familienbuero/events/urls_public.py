from django.urls import path

from familienbuero.events import views_calendar, views_lottery, views_public

app_name = "events-public"
urlpatterns = [
    path("", views_public.event_list, name="list"),
    path("kalender.ics", views_public.ical_feed, name="ical"),
    path("monat/", views_calendar.month_calendar, name="calendar"),
    path("monat/<int:year>/<int:month>/", views_calendar.month_calendar, name="calendar-month"),
    path("<uuid:event_uuid>/", views_public.event_detail, name="detail"),
    path("<uuid:event_uuid>/anmelden/", views_public.register, name="register"),
    path("anmeldung/<str:token>/", views_public.manage, name="manage"),
    path(
        "anmeldung/<str:token>/<uuid:registration_uuid>/abmelden/", views_public.manage_cancel, name="cancel"
    ),
    path(
        "anmeldung/<str:token>/<uuid:registration_uuid>/bestaetigen/",
        views_public.manage_confirm,
        name="confirm",
    ),
    path("ferienprogramm/<uuid:programme_uuid>/", views_lottery.programme_detail, name="programme"),
    path("ferienprogramm/<uuid:programme_uuid>/wuensche/", views_lottery.wishes, name="wishes"),
    path("ferienprogramm/wuensche/<str:token>/", views_lottery.wishes_manage, name="wishes-manage"),
]
