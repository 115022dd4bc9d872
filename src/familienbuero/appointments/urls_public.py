from django.urls import path

from familienbuero.appointments import views_public

app_name = "appointments"
urlpatterns = [
    path("", views_public.index, name="index"),
    path("termine/", views_public.slot_list, name="slots"),
    path("buchen/<uuid:hours_uuid>/<str:slot>/", views_public.book, name="book"),
    path("termin/<str:token>/", views_public.manage, name="manage"),
    path("termin/<str:token>/absagen/", views_public.cancel, name="cancel"),
    path("termin/<str:token>/verschieben/", views_public.move, name="move"),
    path("anbieter/<str:provider_key>/frei-belegt.ics", views_public.provider_feed, name="provider-feed"),
    path("kalender/<str:token>.ics", views_public.counsellor_feed, name="counsellor-feed"),
]
