from django.urls import path

from familienbuero.directory import views_staff

app_name = "directory"
urlpatterns = [
    path("<slug:org_slug>/bearbeiten/", views_staff.organization_edit, name="staff-organization-edit"),
]
