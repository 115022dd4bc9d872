from django.urls import path

from familienbuero.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", views.StaffLoginView.as_view(), name="login"),
    path("zwei-faktor/", views.verify, name="verify"),
    path("zwei-faktor/einrichten/", views.setup, name="setup"),
    path("abmelden/", views.logout_view, name="logout"),
]
