from django.urls import path

from familienbuero.directory import views_partner, views_review, views_staff

app_name = "directory"
urlpatterns = [
    # Review queue (office staff, coordinators). Before the organisation patterns; none of those has
    # a number as second segment, so an organisation called "aenderungen" cannot collide.
    path("aenderungen/", views_review.review_list, name="review-list"),
    path("aenderungen/<int:change_id>/", views_review.review_detail, name="review-detail"),
    path("aenderungen/<int:change_id>/veroeffentlichen/", views_review.review_publish, name="review-publish"),
    path("aenderungen/<int:change_id>/zurueckgeben/", views_review.review_return, name="review-return"),
    path("<slug:org_slug>/bearbeiten/", views_staff.organization_edit, name="staff-organization-edit"),
    # Partner self-service (partner editors of the organisation).
    path("<slug:org_slug>/angebote/", views_partner.service_list, name="partner-services"),
    path("<slug:org_slug>/angebote/neu/", views_partner.service_new, name="partner-service-new"),
    path(
        "<slug:org_slug>/angebote/vorschlag/<int:change_id>/",
        views_partner.proposal_edit,
        name="partner-proposal-edit",
    ),
    path(
        "<slug:org_slug>/angebote/<slug:service_slug>/bearbeiten/",
        views_partner.service_edit,
        name="partner-service-edit",
    ),
    path(
        "<slug:org_slug>/angebote/<slug:service_slug>/bestaetigen/",
        views_partner.service_confirm,
        name="partner-service-confirm",
    ),
]
