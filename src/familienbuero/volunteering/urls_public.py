from django.urls import path

from familienbuero.volunteering import views_public

app_name = "volunteering-public"
urlpatterns = [
    path("nachhilfe/mitmachen/", views_public.tutor_register, name="tutor-register"),
    path("nachhilfe/danke/", views_public.tutor_thanks, name="tutor-thanks"),
]
