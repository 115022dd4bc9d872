from django.urls import path

from familienbuero.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.record, name="record"),
    path("meine/", views.own_list, name="own-list"),
    path("<int:pk>/korrigieren/", views.correct, name="correct"),
    path("<int:pk>/loeschen/", views.delete, name="delete"),
    path("auswertung/", views.dashboard, name="dashboard"),
    path("auswertung/kontakte.csv", views.dashboard_csv, name="dashboard-csv"),
    path("auswertung/kontakte.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("jahresbericht/", views.annual_report, name="annual-report"),
    path("jahresbericht/bericht.xlsx", views.annual_report_xlsx, name="annual-report-xlsx"),
]
