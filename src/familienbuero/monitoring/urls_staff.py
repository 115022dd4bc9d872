"""Mounted by the project under ``/<municipality>/<language>/intern/sozialraum/``."""

from django.urls import path

from familienbuero.monitoring import views_staff

app_name = "monitoring-staff"
urlpatterns = [
    path("", views_staff.index, name="index"),
    path("import/", views_staff.import_statistics, name="import"),
    path("gewichtung/", views_staff.weights, name="weights"),
    path("angebotsmatrix/", views_staff.coverage_matrix, name="coverage"),
    path("quartier/<slug:quarter_slug>/", views_staff.report, name="report"),
    path("quartier/<slug:quarter_slug>/bericht.csv", views_staff.report_csv, name="report-csv"),
    path("quartier/<slug:quarter_slug>/bericht.xlsx", views_staff.report_xlsx, name="report-xlsx"),
]
