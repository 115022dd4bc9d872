from django.urls import path

from familienbuero.appointments import views_staff

app_name = "appointments-staff"
urlpatterns = [
    path("", views_staff.day, name="day"),
    path("woche/", views_staff.week, name="week"),
    path("buchung/<uuid:booking_uuid>/", views_staff.booking_detail, name="booking"),
    path(
        "buchung/<uuid:booking_uuid>/anwesenheit/", views_staff.booking_attendance, name="booking-attendance"
    ),
    path("buchung/<uuid:booking_uuid>/absagen/", views_staff.booking_cancel, name="booking-cancel"),
    path("sprechzeiten/", views_staff.hours_list, name="hours"),
    path("sprechzeiten/neu/", views_staff.hours_create, name="hours-create"),
    path("sprechzeiten/<uuid:hours_uuid>/", views_staff.hours_edit, name="hours-edit"),
    path("sprechzeiten/<uuid:hours_uuid>/ausnahmen/", views_staff.exception_add, name="hours-exception-add"),
    path(
        "sprechzeiten/<uuid:hours_uuid>/ausnahmen/<int:exception_pk>/loeschen/",
        views_staff.exception_delete,
        name="hours-exception-delete",
    ),
    path("warteschlange/", views_staff.queue, name="queue"),
    path("warteschlange/<slug:office_slug>/neu/", views_staff.queue_add, name="queue-add"),
    path("warteschlange/<slug:office_slug>/aufrufen/", views_staff.queue_next, name="queue-next"),
    path("warteschlange/<slug:office_slug>/anzeige/", views_staff.queue_display, name="queue-display"),
    path(
        "warteschlange/<slug:office_slug>/<int:number>/gegangen/", views_staff.queue_left, name="queue-left"
    ),
    path("kalender/", views_staff.feed, name="feed"),
    path("kalender/neu/", views_staff.feed_renew, name="feed-renew"),
    path("kalender/widerrufen/", views_staff.feed_revoke, name="feed-revoke"),
]
