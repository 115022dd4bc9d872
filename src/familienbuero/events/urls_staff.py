from django.urls import path

from familienbuero.events import views_lottery, views_programme, views_staff

app_name = "events"
urlpatterns = [
    path("", views_staff.event_list, name="list"),
    path("neu/", views_staff.event_create, name="create"),
    path("<uuid:event_uuid>/", views_staff.event_detail, name="detail"),
    path("<uuid:event_uuid>/bearbeiten/", views_staff.event_edit, name="edit"),
    path("<uuid:event_uuid>/plaetze/", views_staff.event_capacity, name="capacity"),
    path("<uuid:event_uuid>/absagen/", views_staff.event_cancel, name="cancel"),
    path("<uuid:event_uuid>/fragen/", views_staff.question_add, name="question-add"),
    path("<uuid:event_uuid>/anwesenheit/", views_staff.attendance_list, name="attendance"),
    path("<uuid:event_uuid>/einlass/<int:session_pk>/", views_staff.check_in, name="check-in"),
    path("ferienprogramm/neu/", views_programme.programme_create, name="programme-create"),
    path("ferienprogramm/<uuid:programme_uuid>/", views_lottery.staff_programme, name="programme"),
    path(
        "ferienprogramm/<uuid:programme_uuid>/bearbeiten/",
        views_programme.programme_edit,
        name="programme-edit",
    ),
    path("ferienprogramm/<uuid:programme_uuid>/auslosen/", views_lottery.staff_draw, name="draw"),
]
