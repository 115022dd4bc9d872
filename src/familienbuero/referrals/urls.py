from django.urls import path

from familienbuero.referrals import views_office, views_receiver, views_statistics

app_name = "referrals"
urlpatterns = [
    path("", views_office.referral_list, name="list"),
    path("neu/", views_office.referral_create, name="create"),
    path("nachfassen/", views_office.follow_up_list, name="follow-up"),
    path("<uuid:referral_uuid>/", views_office.referral_detail, name="detail"),
    path("<uuid:referral_uuid>/ergebnis/", views_office.referral_outcome, name="outcome"),
    path("<uuid:referral_uuid>/einwilligung/", views_office.consent_give, name="consent-give"),
    path(
        "<uuid:referral_uuid>/einwilligung/<int:consent_pk>/widerruf/",
        views_office.consent_revoke,
        name="consent-revoke",
    ),
    path("eingang/", views_receiver.inbox, name="inbox"),
    path("eingang/<uuid:referral_uuid>/", views_receiver.inbox_detail, name="inbox-detail"),
    path("eingang/<uuid:referral_uuid>/ergebnis/", views_receiver.inbox_outcome, name="inbox-outcome"),
    path("statistik/", views_statistics.statistics, name="statistics"),
    path("statistik/csv/", views_statistics.statistics_csv, name="statistics-csv"),
]
