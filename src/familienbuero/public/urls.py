from django.urls import path

from familienbuero.public import views, views_legal

app_name = "public"
urlpatterns = [
    path("", views.municipality_home, name="home"),
    path("buero/<slug:office_slug>/", views.office_detail, name="office"),
    path("impressum/", views_legal.imprint, name="imprint"),
    path("datenschutz/", views_legal.privacy, name="privacy"),
    path("barrierefreiheit/", views_legal.accessibility, name="accessibility"),
    path("barrierefreiheit/rueckmeldung/", views_legal.accessibility_feedback, name="accessibility-feedback"),
    path(
        "barrierefreiheit/rueckmeldung/danke/",
        views_legal.accessibility_feedback_thanks,
        name="accessibility-feedback-thanks",
    ),
    path("gebaerdensprache/", views_legal.sign_language, name="sign-language"),
    path("gebaerdensprache/video/", views_legal.sign_language_video, name="sign-language-video"),
]
