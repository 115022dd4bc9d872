from django.urls import path

from familienbuero.tenancy import views_staff

app_name = "tenancy"
urlpatterns = [
    path("", views_staff.dashboard, name="staff-dashboard"),
]
