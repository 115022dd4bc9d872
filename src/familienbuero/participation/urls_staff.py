from django.urls import path

from familienbuero.participation import views_staff

app_name = "participation-staff"
urlpatterns = [
    path("", views_staff.round_list, name="list"),
    path("neu/", views_staff.round_create, name="create"),
    path("<uuid:round_uuid>/", views_staff.round_detail, name="round"),
    path("<uuid:round_uuid>/bearbeiten/", views_staff.round_edit, name="edit"),
    path("<uuid:round_uuid>/status/", views_staff.round_status, name="status"),
    path("<uuid:round_uuid>/option/", views_staff.option_add, name="option-add"),
    path("option/<int:pk>/", views_staff.option_edit, name="option-edit"),
    path("<uuid:round_uuid>/codes/", views_staff.codes, name="codes"),
    path("<uuid:round_uuid>/ergebnis/", views_staff.result_edit, name="result"),
    path("idee/<int:pk>/", views_staff.idea_moderate, name="idea-moderate"),
]
