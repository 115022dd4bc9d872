"""Playground sponsorships: sponsors report a check or a defect through their personal link; defects
go to a list for the responsible city department; overdue checks are flagged."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering import labels
from familienbuero.volunteering.models import Playground, PlaygroundReport, Sponsorship
from familienbuero.volunteering.photos import process_photo

logger = logging.getLogger(__name__)
Status = PlaygroundReport.Status
OPEN_STATUSES = (Status.NEW, Status.FORWARDED, Status.IN_PROGRESS)


@dataclass(frozen=True)
class PlaygroundState:
    playground: Playground
    last_visit: date | None
    next_due: date
    overdue: bool
    open_defects: int
    sponsors: int


def states(municipality: Municipality, today: date) -> list[PlaygroundState]:
    """Every active playground with its last reported visit, the next check due and whether it is
    overdue (no report within the interval since the last visit or since the first sponsorship)."""
    playgrounds = (
        Playground.objects.filter(municipality=municipality, is_active=True)
        .annotate(
            last_report=Max("reports__reported_at"),
            first_sponsor=Max("sponsorships__created_at"),
        )
        .order_by("name")
    )
    counts: dict[int, int] = {}
    for playground_id in PlaygroundReport.objects.filter(
        municipality=municipality, kind=PlaygroundReport.Kind.DEFECT, status__in=OPEN_STATUSES
    ).values_list("playground", flat=True):
        counts[playground_id] = counts.get(playground_id, 0) + 1
    active_sponsors: dict[int, int] = {}
    for playground_id in Sponsorship.objects.filter(municipality=municipality, is_active=True).values_list(
        "playground", flat=True
    ):
        active_sponsors[playground_id] = active_sponsors.get(playground_id, 0) + 1
    result = []
    for playground in playgrounds:
        last = timezone.localdate(playground.last_report) if playground.last_report else None
        start = last or (timezone.localdate(playground.first_sponsor) if playground.first_sponsor else today)
        due = start + timedelta(days=playground.check_interval_days)
        result.append(
            PlaygroundState(
                playground=playground,
                last_visit=last,
                next_due=due,
                overdue=due < today,
                open_defects=counts.get(playground.pk, 0),
                sponsors=active_sponsors.get(playground.pk, 0),
            )
        )
    return result


@transaction.atomic
def sponsorship_create(
    *, playground: Playground, kind: str, name: str, email: str = "", phone: str = ""
) -> Sponsorship:
    if not name.strip():
        raise ValidationError({"name": _("Enter the sponsor's name.")})
    sponsorship = Sponsorship(
        municipality_id=playground.municipality_id,
        playground=playground,
        kind=kind,
        name=name,
        email=email,
        phone=phone,
    )
    sponsorship.full_clean()
    sponsorship.save()
    return sponsorship


@transaction.atomic
def sponsorship_end(*, sponsorship: Sponsorship) -> Sponsorship:
    """The personal link stops working at once; the contact data is erased after the retention period."""
    if sponsorship.is_active:
        sponsorship.is_active, sponsorship.ended_at = False, timezone.now()
        sponsorship.save(update_fields=["is_active", "ended_at"])
    return sponsorship


@transaction.atomic
def report_submit(
    *,
    sponsorship: Sponsorship,
    kind: str,
    what: str = "",
    where: str = "",
    urgency: str = "",
    photo: UploadedFile | None = None,
    department_url: str = "",
) -> PlaygroundReport:
    """A sponsor's report. A defect needs what and urgency; its photo is cleaned (see ``photos``) and
    the department is informed by mail (without the sponsor's data)."""
    if not sponsorship.is_active:
        raise ValidationError(_("This link is no longer active."))
    report = PlaygroundReport(
        municipality_id=sponsorship.municipality_id,
        playground=sponsorship.playground,
        sponsorship=sponsorship,
        kind=kind,
    )
    if kind == PlaygroundReport.Kind.DEFECT:
        errors = {}
        if not what.strip():
            errors["what"] = _("Describe what is broken.")
        if urgency not in PlaygroundReport.Urgency.values:
            errors["urgency"] = _("Choose how urgent it is.")
        if errors:
            raise ValidationError(errors)
        report.what, report.where, report.urgency, report.status = (
            what.strip(),
            where.strip(),
            urgency,
            Status.NEW,
        )
        if photo:
            report.photo = process_photo(photo)
    elif kind != PlaygroundReport.Kind.CHECK:
        raise ValidationError({"kind": _("Choose check or defect.")})
    report.save()
    if kind == PlaygroundReport.Kind.DEFECT:
        playground = sponsorship.playground
        to = playground.department_email
        with override("de"):
            subject = _("Playground defect: %(playground)s") % {"playground": playground.name}
            body = _(
                "A playground sponsor has reported a defect.\n\nPlayground: %(playground)s\nWhat: %(what)s\n"
                "Where: %(where)s\nUrgency: %(urgency)s\n\nList of defects: %(url)s"
            ) % {
                "playground": playground.name,
                "what": report.what,
                "where": report.where or "–",
                "urgency": report.get_urgency_display(),
                "url": department_url,
            }
        if to:
            transaction.on_commit(lambda: _mail(subject, body, to))
    return report


def _mail(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:
        logger.exception("volunteering: defect mail failed")


@transaction.atomic
def report_set_status(*, report: PlaygroundReport, status: str) -> PlaygroundReport:
    report = PlaygroundReport.objects.select_for_update().get(pk=report.pk)
    if report.kind != PlaygroundReport.Kind.DEFECT or status not in Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    report.status = status
    report.resolved_at = timezone.now() if status in (Status.FIXED, Status.REJECTED) else None
    report.save(update_fields=["status", "resolved_at"])
    return report


def erase_sponsor_personal_data(*, now: datetime | None = None) -> int:
    """Blanks ended sponsorships' name and contact after the retention period; reports stay."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=labels.SPONSOR_RETENTION_DAYS)
    with scopes_disabled():
        return Sponsorship.objects.filter(
            Q(is_active=False), ended_at__lt=cutoff, personal_data_erased_at__isnull=True
        ).update(name="", email="", phone="", personal_data_erased_at=now)
