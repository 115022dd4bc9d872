"""Reporting deadlines can be corrected and deleted (with a confirmation page first); a new date gets its
reminder again; every write is in the change log; another municipality's deadline is 404."""

from __future__ import annotations

from datetime import date

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.funding import services
from familienbuero.funding.models import ReportingDeadline
from tests.conftest import verified_client
from tests.funding.conftest import A_URL

B_URL = "/stadt-b/de/intern/finanzierung/"


def _deadline(plan_a) -> ReportingDeadline:
    with scope(municipality=plan_a["container"].municipality):
        deadline = services.deadline_add(
            source=plan_a["leader"], due_on=date(2027, 3, 31), label="Zwischenbericht LEADER"
        )
        ReportingDeadline.objects.filter(pk=deadline.pk).update(reminded_at=timezone.now())
    return deadline


def test_a_deadline_is_corrected_and_gets_its_reminder_again(plan_a, coordinator, tenants):
    deadline = _deadline(plan_a)
    project_page = coordinator.get(f"{A_URL}{plan_a['container'].pk}/").content.decode()
    assert f"{A_URL}frist/{deadline.pk}/" in project_page
    response = coordinator.post(
        f"{A_URL}frist/{deadline.pk}/", {"label": "Verwendungsnachweis LEADER", "due_on": "2027-06-30"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        deadline.refresh_from_db()
    assert (deadline.label, deadline.due_on, deadline.reminded_at) == (
        "Verwendungsnachweis LEADER",
        date(2027, 6, 30),
        None,
    )
    content_type = ContentType.objects.get_for_model(ReportingDeadline)
    entry = LogEntry.objects.filter(
        content_type=content_type, object_pk=str(deadline.pk), action=LogEntry.Action.UPDATE
    ).last()
    assert entry.actor == tenants[0].users[Role.COORDINATOR] and "due_on" in entry.changes_dict


def test_an_invalid_date_changes_nothing(plan_a, coordinator):
    deadline = _deadline(plan_a)
    response = coordinator.post(f"{A_URL}frist/{deadline.pk}/", {"label": "", "due_on": "31.02.2027"})
    assert response.status_code == 422
    with scopes_disabled():
        deadline.refresh_from_db()
    assert (deadline.label, deadline.due_on) == ("Zwischenbericht LEADER", date(2027, 3, 31))


def test_a_deadline_is_deleted_only_after_the_confirmation(plan_a, coordinator):
    deadline = _deadline(plan_a)
    page = coordinator.get(f"{A_URL}frist/{deadline.pk}/loeschen/")
    assert page.status_code == 200 and "Zwischenbericht LEADER" in page.content.decode()
    with scopes_disabled():
        assert ReportingDeadline.objects.filter(pk=deadline.pk).exists()
    response = coordinator.post(f"{A_URL}frist/{deadline.pk}/loeschen/", follow=True)
    assert "ist gelöscht" in response.content.decode()
    with scopes_disabled():
        assert not ReportingDeadline.objects.filter(pk=deadline.pk).exists()
    content_type = ContentType.objects.get_for_model(ReportingDeadline)
    assert LogEntry.objects.filter(
        content_type=content_type, object_pk=str(deadline.pk), action=LogEntry.Action.DELETE
    ).exists()


def test_another_municipality_cannot_touch_the_deadline(plan_a, tenants):
    deadline = _deadline(plan_a)
    b_coordinator = verified_client(tenants[1].users[Role.COORDINATOR])
    assert b_coordinator.get(f"{B_URL}frist/{deadline.pk}/").status_code == 404
    assert b_coordinator.post(f"{B_URL}frist/{deadline.pk}/loeschen/").status_code == 404
    with scopes_disabled():
        assert ReportingDeadline.objects.get(pk=deadline.pk).due_on == date(2027, 3, 31)
