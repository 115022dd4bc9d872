"""Writes for the public-sector conventions: accessibility feedback tickets, sign-language video."""

from __future__ import annotations

import calendar
import logging
import struct
from datetime import date, datetime, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from familienbuero.core.processing import FEEDBACK_CONTACT_DAYS
from familienbuero.public.models import AccessibilityFeedback, LegalInfo
from familienbuero.tenancy.models import Municipality

logger = logging.getLogger(__name__)
REMIND_DAYS_BEFORE_DUE = 7


def one_month_after(day: date) -> date:
    """Same day next month, clamped to the month's last day (31 Jan → 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _notify(feedback: AccessibilityFeedback, subject: str, intro: str) -> None:
    with scope(municipality=feedback.municipality):
        legal = LegalInfo.objects.filter(municipality=feedback.municipality).first()
    if legal is None or not legal.feedback_email:
        logger.warning("No feedback email configured for municipality %s", feedback.municipality_id)
        return
    body = f"{intro}\n\n{feedback.message}\n\n{_('Page concerned:')} {feedback.page or '-'}\n"
    body += _("Answer due by %(date)s.") % {"date": feedback.due_on.strftime("%d.%m.%Y")}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [legal.feedback_email])


@transaction.atomic
def feedback_create(
    *, municipality: Municipality, message: str, page: str = "", name: str = "", email: str = ""
) -> AccessibilityFeedback:
    today = timezone.localdate()
    feedback = AccessibilityFeedback(
        municipality=municipality,
        message=message,
        page=page,
        name=name,
        email=email,
        due_on=one_month_after(today),
    )
    feedback.full_clean()
    feedback.save()

    def notify() -> None:
        with override("de"):
            _notify(
                feedback, _("New feedback on accessibility"), _("New feedback on accessibility was received:")
            )

    transaction.on_commit(notify)
    return feedback


@transaction.atomic
def feedback_mark_answered(*, feedback: AccessibilityFeedback) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status != AccessibilityFeedback.Status.ANSWERED:
        feedback.status = AccessibilityFeedback.Status.ANSWERED
        feedback.answered_at = timezone.now()
        feedback.save(update_fields=["status", "answered_at"])
    return feedback


def send_feedback_reminders(*, now: datetime | None = None) -> int:
    """Reminds the municipality of open feedback whose deadline is at most a week away (once each)."""
    now = now or timezone.now()
    horizon = timezone.localdate(now) + timedelta(days=REMIND_DAYS_BEFORE_DUE)
    sent = 0
    with scopes_disabled():
        due = AccessibilityFeedback.objects.filter(
            status=AccessibilityFeedback.Status.OPEN, reminded_at__isnull=True, due_on__lte=horizon
        ).select_related("municipality")
        for feedback in due:
            with override("de"):
                _notify(
                    feedback,
                    _("Reminder: feedback on accessibility must be answered"),
                    _("This feedback on accessibility has not been answered yet:"),
                )
            AccessibilityFeedback.objects.filter(pk=feedback.pk).update(reminded_at=now)
            sent += 1
    return sent


def erase_feedback_contacts(*, now: datetime | None = None) -> int:
    """Erases name and email of feedback answered more than the retention period ago (the municipality's
    own period where it set one on the data-protection page)."""
    from familienbuero.privacy.retention import overrides

    now = now or timezone.now()
    own = overrides("accessibility_feedback")
    with scopes_disabled():
        due = AccessibilityFeedback.objects.filter(
            status=AccessibilityFeedback.Status.ANSWERED, contact_erased_at__isnull=True
        )
        batches = [
            due.exclude(municipality_id__in=own).filter(
                answered_at__lt=now - timedelta(days=FEEDBACK_CONTACT_DAYS)
            )
        ]
        batches += [
            due.filter(municipality_id=municipality_id, answered_at__lt=now - timedelta(days=days))
            for municipality_id, days in own.items()
        ]
        return sum(batch.update(name="", email="", contact_erased_at=now) for batch in batches)


# --- sign-language video -----------------------------------------------------------------------------


def _mp4_duration(stream: IO[bytes]) -> int | None:
    """Duration in seconds from the MP4 ``moov/mvhd`` box, or None if the file is not a readable MP4."""

    def boxes(end: int | None):  # type: ignore[no-untyped-def]
        while end is None or stream.tell() < end:
            header = stream.read(8)
            if len(header) < 8:
                return
            size, kind = struct.unpack(">I4s", header)
            start = stream.tell() - 8
            if size == 1:
                size = struct.unpack(">Q", stream.read(8))[0]
            elif size == 0:
                return
            yield kind, start, start + size
            stream.seek(start + size)

    stream.seek(0)
    for kind, start, stop in boxes(None):
        if kind == b"moov":
            stream.seek(start + 8)
            for inner, inner_start, _stop in boxes(stop):
                if inner == b"mvhd":
                    stream.seek(inner_start + 8)
                    version = stream.read(1)[0]
                    stream.read(3)
                    if version == 1:
                        stream.read(16)
                        timescale, duration = struct.unpack(">IQ", stream.read(12))
                    else:
                        stream.read(8)
                        timescale, duration = struct.unpack(">II", stream.read(8))
                    return round(duration / timescale) if timescale else None
    return None


def inspect_sign_language_video(upload: IO[bytes], size: int) -> tuple[int | None, int]:
    """Checks type (by content, not name) and size; returns (duration in seconds or None, size)."""
    limit = settings.SIGN_LANGUAGE_VIDEO_MAX_MB * 1024 * 1024
    if size > limit:
        raise ValidationError(
            _("The video is too large (at most %(mb)s MB).") % {"mb": settings.SIGN_LANGUAGE_VIDEO_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(12)
    if head[4:8] == b"ftyp":
        duration = _mp4_duration(upload)
    elif head[:4] == b"\x1a\x45\xdf\xa3":
        duration = None  # WebM: the coordinator enters the duration
    else:
        raise ValidationError(_("Please upload an MP4 or WebM video."))
    upload.seek(0)
    return duration, size
