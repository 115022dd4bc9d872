"""Periodic work (reminders, retention) run by one cron entry: ``manage.py runperiodic``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from familienbuero.accounts.maintenance import prune_login_records
from familienbuero.appointments.services import enqueue_reminders, erase_booking_personal_data
from familienbuero.directory.review import remind_stale_services
from familienbuero.events.services import erase_personal_data as erase_event_personal_data
from familienbuero.events.services import expire_offers, send_reminders
from familienbuero.funding.services import send_deadline_reminders
from familienbuero.participation.services import erase_ballot_session_hashes
from familienbuero.public.services import erase_feedback_contacts, send_feedback_reminders
from familienbuero.referrals.services import erase_closed_referral_personal_data
from familienbuero.volunteering.jobs import erase_volunteering_personal_data

logger = logging.getLogger(__name__)

JOBS: tuple[tuple[str, Callable[..., int]], ...] = (
    ("accessibility feedback reminders sent", send_feedback_reminders),
    ("appointment personal data erased (retention)", erase_booking_personal_data),
    ("appointment reminders enqueued", enqueue_reminders),
    ("feedback contacts erased (retention)", erase_feedback_contacts),
    ("login records deleted (retention)", prune_login_records),
    ("referral personal data erased (retention)", erase_closed_referral_personal_data),
    ("volunteering personal data erased (retention)", erase_volunteering_personal_data),
    ("funding reporting deadline reminders sent", send_deadline_reminders),
    ("participation session hashes erased (retention)", erase_ballot_session_hashes),
    ("stale service reminders sent", remind_stale_services),
    ("event waiting-list offers expired", expire_offers),
    ("event reminders sent", send_reminders),
    ("event personal data erased (retention)", erase_event_personal_data),
)


def run_all(*, now: datetime | None = None) -> dict[str, int]:
    """Runs every job; one failing job does not stop the others (it is logged and re-raised at the end)."""
    from familienbuero.privacy.models import ErasureRun

    run = ErasureRun.objects.create()
    results: dict[str, int] = {}
    failures: list[Exception] = []
    for label, job in JOBS:
        try:
            results[label] = job(now=now)
        except Exception as error:
            logger.exception("periodic job failed: %s", label)
            failures.append(error)
    run.results, run.failed, run.finished_at = results, bool(failures), timezone.now()
    run.save(update_fields=["results", "failed", "finished_at"])  # how many each job erased (or sent)
    if failures:
        raise failures[0]
    return results
