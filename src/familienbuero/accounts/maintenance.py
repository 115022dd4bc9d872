"""Retention of login records (see ``core.processing``: "login_attempts")."""

from __future__ import annotations

from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from familienbuero.core.processing import LOGIN_ATTEMPTS_DAYS


def prune_login_records(*, now: datetime | None = None) -> int:
    """Deletes failed-login counters and access logs older than the retention period."""
    cutoff = (now or timezone.now()) - timedelta(days=LOGIN_ATTEMPTS_DAYS)
    deleted = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted
