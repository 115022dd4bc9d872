from django.urls import path

from familienbuero.volunteering import views_staff

app_name = "volunteering"
urlpatterns = [
    path("", views_staff.overview, name="overview"),
    path("nachhilfe/helfende/", views_staff.tutor_list, name="tutor-list"),
    path("nachhilfe/helfende/<uuid:tutor_uuid>/", views_staff.tutor_detail, name="tutor-detail"),
    path("nachhilfe/anfragen/", views_staff.request_list, name="request-list"),
    path("nachhilfe/anfragen/neu/", views_staff.request_create, name="request-create"),
    path("nachhilfe/anfragen/<uuid:request_uuid>/", views_staff.request_detail, name="request-detail"),
    path(
        "nachhilfe/anfragen/<uuid:request_uuid>/zuordnen/",
        views_staff.request_override,
        name="request-override",
    ),
    path(
        "nachhilfe/anfragen/<uuid:request_uuid>/schliessen/", views_staff.request_close, name="request-close"
    ),
    path("nachhilfe/vorschlaege/", views_staff.proposals, name="proposals"),
    path("nachhilfe/vorschlaege/berechnen/", views_staff.run_matching, name="run-matching"),
    path("nachhilfe/paare/<int:match_pk>/bestaetigen/", views_staff.match_confirm, name="match-confirm"),
    path("nachhilfe/paare/<int:match_pk>/verwerfen/", views_staff.match_discard, name="match-discard"),
    path("nachhilfe/paare/<int:match_pk>/beenden/", views_staff.match_end, name="match-end"),
    path("nachhilfe/paare/<int:match_pk>/termin/", views_staff.session_log, name="session-log"),
]
