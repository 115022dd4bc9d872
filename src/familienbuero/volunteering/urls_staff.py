from django.urls import path

from familienbuero.volunteering import views_internships, views_playgrounds, views_staff

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
urlpatterns += [
    path("praktika/", views_internships.offer_list, name="offer-list"),
    path("praktika/neu/", views_internships.offer_edit, name="offer-create"),
    path("praktika/<uuid:offer_uuid>/", views_internships.offer_edit, name="offer-edit"),
    path("praktika/interessen/", views_internships.interest_list, name="interest-list"),
    path("praktika/interessen/neu/", views_internships.interest_create, name="interest-create"),
    path(
        "praktika/interessen/<uuid:interest_uuid>/", views_internships.interest_detail, name="interest-detail"
    ),
    path(
        "praktika/interessen/<uuid:interest_uuid>/vorschlagen/<uuid:offer_uuid>/",
        views_internships.placement_propose,
        name="placement-propose",
    ),
    path(
        "praktika/interessen/<uuid:interest_uuid>/schliessen/",
        views_internships.interest_close,
        name="interest-close",
    ),
    path(
        "praktika/vermittlungen/<int:placement_pk>/",
        views_internships.placement_update,
        name="placement-update",
    ),
]
urlpatterns += [
    path("spielplaetze/", views_playgrounds.playground_list, name="playground-list"),
    path("spielplaetze/neu/", views_playgrounds.playground_edit, name="playground-create"),
    path("spielplaetze/maengel/", views_playgrounds.defect_list, name="defect-list"),
    path(
        "spielplaetze/maengel/<int:report_pk>/status/", views_playgrounds.defect_status, name="defect-status"
    ),
    path("spielplaetze/maengel/<int:report_pk>/foto/", views_playgrounds.defect_photo, name="defect-photo"),
    path(
        "spielplaetze/paten/<int:sponsorship_pk>/beenden/",
        views_playgrounds.sponsorship_end,
        name="sponsorship-end",
    ),
    path("spielplaetze/<uuid:playground_uuid>/", views_playgrounds.playground_edit, name="playground-edit"),
    path(
        "spielplaetze/<uuid:playground_uuid>/paten/",
        views_playgrounds.sponsorship_add,
        name="sponsorship-add",
    ),
]
