from django.urls import path

from familienbuero.public import views

app_name = "public"
urlpatterns = [
    path("", views.municipality_home, name="home"),
    path("buero/<slug:office_slug>/", views.office_detail, name="office"),
]
