from django.urls import path

from familienbuero.directory import views_public

app_name = "directory-public"
urlpatterns = [
    path("", views_public.service_search, name="search"),
    path("<slug:service_slug>/", views_public.service_detail, name="detail"),
]
