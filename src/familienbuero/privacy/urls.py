from django.urls import path

from familienbuero.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("zugriffe/", views.access_log, name="access-log"),
    path("zugriffe/csv/", views.access_log_csv, name="access-log-csv"),
    path("aenderungen/", views.change_log, name="change-log"),
    path("aenderungen/csv/", views.change_log_csv, name="change-log-csv"),
    path("auskunft/", views.subject_search, name="subject"),
    path("auskunft/export/", views.subject_export, name="subject-export"),
    path("auskunft/loeschen/", views.subject_erase, name="subject-erase"),
    path("einwilligungen/", views.consent_list, name="consents"),
    path("einwilligungen/neu/", views.consent_new, name="consent-new"),
    path("einwilligungen/<int:consent_pk>/widerruf/", views.consent_revoke, name="consent-revoke"),
    path("fristen/", views.retention, name="retention"),
    path("fristen/<slug:key>/", views.retention_set, name="retention-set"),
    path("loeschungen/", views.upcoming, name="upcoming"),
    path("verzeichnis/", views.processing_records, name="processing-records"),
]
