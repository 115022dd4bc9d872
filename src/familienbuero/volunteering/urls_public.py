from django.urls import path

from familienbuero.volunteering import views_internships, views_playgrounds, views_public

app_name = "volunteering-public"
urlpatterns = [
    path("", views_public.index, name="index"),
    path("nachhilfe/mitmachen/", views_public.tutor_register, name="tutor-register"),
    path("nachhilfe/danke/", views_public.tutor_thanks, name="tutor-thanks"),
]
urlpatterns += [
    path("praktikum/", views_internships.youth_interest_public, name="internship-interest"),
    path("praktikum/danke/", views_internships.youth_interest_thanks, name="internship-thanks"),
]
urlpatterns += [
    path("spielplatz/<str:token>/", views_playgrounds.sponsor_report, name="sponsor-report"),
    path("spielplatz/<str:token>/danke/", views_playgrounds.sponsor_thanks, name="sponsor-thanks"),
]
