from django.urls import path

from familienbuero.public import views_staff

app_name = "public-staff"
urlpatterns = [
    path("", views_staff.feedback_list, name="feedback-list"),
    path("<int:pk>/beantwortet/", views_staff.feedback_answered, name="feedback-answered"),
]
