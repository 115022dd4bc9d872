"""Mounted by the project under ``/<municipality>/<language>/opendata/``."""

from django.urls import path

from familienbuero.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("<slug:dataset_slug>.csv", views.dataset_csv, name="csv"),
    path("<slug:dataset_slug>.csv-metadata.json", views.dataset_metadata, name="csv-metadata"),
]
