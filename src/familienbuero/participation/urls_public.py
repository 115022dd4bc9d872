from django.urls import path

from familienbuero.participation import views_public

app_name = "participation"
urlpatterns = [
    path("", views_public.round_list, name="list"),
    path("bild/<int:pk>/", views_public.image, name="image"),
    path("<uuid:round_uuid>/", views_public.round_detail, name="round"),
    path("<uuid:round_uuid>/abstimmen/", views_public.vote, name="vote"),
    path("<uuid:round_uuid>/danke/", views_public.thanks, name="thanks"),
    path("<uuid:round_uuid>/idee/", views_public.idea, name="idea"),
    path("<uuid:round_uuid>/idee/danke/", views_public.idea_thanks, name="idea-thanks"),
    path("<uuid:round_uuid>/ergebnis/", views_public.result, name="result"),
    path("<uuid:round_uuid>/tablet/<str:token>/", views_public.kiosk, name="kiosk"),
    path("<uuid:round_uuid>/tablet/<str:token>/abstimmen/", views_public.kiosk_vote, name="kiosk-vote"),
    path("<uuid:round_uuid>/tablet/<str:token>/fertig/", views_public.kiosk_done, name="kiosk-done"),
]
