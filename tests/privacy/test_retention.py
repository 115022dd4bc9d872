"""Retention: own periods within the register's limits, the daily run's log, upcoming erasures, and the
records of processing generated from the register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core.processing import REGISTRY
from familienbuero.privacy import retention
from familienbuero.privacy.models import ErasureRun
from familienbuero.public.models import AccessibilityFeedback
from familienbuero.public.services import erase_feedback_contacts
from familienbuero.referrals import services
from familienbuero.referrals.selectors import referral_settings
from tests.conftest import verified_client
from tests.privacy.conftest import A_PRIVACY, B_PRIVACY, feedback


def test_own_periods_outside_the_limits_are_refused_with_a_clear_error(world):
    with pytest.raises(ValidationError) as error:
        retention.set_retention_days(
            municipality=world.a.municipality, key="accessibility_feedback", days=10, actor=None
        )
    assert "zwischen 30 und 730 Tagen" in str(error.value)
    with pytest.raises(ValidationError):
        retention.set_retention_days(
            municipality=world.a.municipality, key="staff_accounts", days=30, actor=None
        )

    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    response = client.post(f"{A_PRIVACY}fristen/accessibility_feedback/", {"retention_days": "5000"})
    assert response.status_code == 422
    assert "zwischen 30 und 730 Tagen" in response.content.decode()
    assert retention.retention_days(world.a.municipality, "accessibility_feedback") == 180


def test_an_own_period_applies_to_the_daily_erasure_of_that_municipality_only(world):
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    assert (
        client.post(f"{A_PRIVACY}fristen/accessibility_feedback/", {"retention_days": "30"}).status_code
        == 302
    )
    assert retention.retention_days(world.a.municipality, "accessibility_feedback") == 30
    assert retention.retention_days(world.b.municipality, "accessibility_feedback") == 180
    answered = timezone.now() - timedelta(days=40)
    a = feedback(world.a.municipality, status="answered", answered_at=answered)
    b = feedback(world.b.municipality, status="answered", answered_at=answered)
    assert erase_feedback_contacts() == 1
    with scopes_disabled():
        assert AccessibilityFeedback.objects.get(pk=a.pk).email == ""
        assert AccessibilityFeedback.objects.get(pk=b.pk).email != ""


def test_the_referral_period_is_the_referral_settings(world):
    retention.set_retention_days(municipality=world.a.municipality, key="referrals", days=90, actor=None)
    with scopes_disabled():
        assert referral_settings(world.a.municipality).retention_days == 90
    assert retention.retention_days(world.a.municipality, "referrals") == 90
    with pytest.raises(ValidationError):
        retention.set_retention_days(municipality=world.a.municipality, key="referrals", days=3, actor=None)


def test_upcoming_erasures_per_kind_for_7_and_30_days(world):
    referral = world.refer()
    with scopes_disabled():
        services.referral_record_outcome(referral=referral, status="withdrawn", actor=None, side="office")
        referral.refresh_from_db()
        type(referral).objects.filter(pk=referral.pk).update(closed_at=timezone.now() - timedelta(days=170))
    feedback(world.a.municipality, status="answered", answered_at=timezone.now() - timedelta(days=160))
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    response = client.get(f"{A_PRIVACY}loeschungen/")
    assert response.status_code == 200
    rows = {row["key"]: row["counts"] for row in response.context["rows"]}
    assert rows["referrals"] == [0, 1]
    assert rows["accessibility_feedback"] == [0, 1]
    b_rows = (
        verified_client(world.b.users[Role.DATA_PROTECTION]).get(f"{B_PRIVACY}loeschungen/").context["rows"]
    )
    assert all(row["counts"] == [0, 0] for row in b_rows)


def test_the_daily_run_logs_how_many_records_each_job_erased(world):
    feedback(world.a.municipality, status="answered", answered_at=timezone.now() - timedelta(days=200))
    call_command("runperiodic")
    run = ErasureRun.objects.get()
    assert run.finished_at is not None and not run.failed
    assert run.erased["feedback contacts erased (retention)"] == 1
    assert run.erased["referral personal data erased (retention)"] == 0
    page = (
        verified_client(world.a.users[Role.DATA_PROTECTION]).get(f"{A_PRIVACY}loeschungen/").content.decode()
    )
    assert run.finished_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in page


def test_records_of_processing_are_generated_from_the_register(world):
    retention.set_retention_days(municipality=world.a.municipality, key="referrals", days=90, actor=None)
    response = verified_client(world.a.users[Role.DATA_PROTECTION]).get(f"{A_PRIVACY}verzeichnis/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == len(REGISTRY)
    html = response.content.decode()
    assert "Art. 30" in html and "90 Tage" in html
    assert "§ 67b(2) SGB X" in html or "§ 67b" in html
