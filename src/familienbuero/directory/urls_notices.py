"""Printable notices under /<municipality>/<language>/aushang/ (public)."""

from django.urls import path

from familienbuero.directory import views_notices

app_name = "notices"
urlpatterns = [
    path("angebot/<slug:slug>/", views_notices.service_notice, name="service"),
    path("buero/<slug:office_slug>/", views_notices.office_notice, name="office"),
]
