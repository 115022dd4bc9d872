"""Reads of the referrals app: who may see which referral, what the receiving organisation sees, and the
anonymous statistics."""

from __future__ import annotations

import statistics as pystats
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language_info

from familienbuero.accounts import permissions
from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Capability
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.referrals.models import Referral, ReferralConsent, ReferralSettings
from familienbuero.tenancy.models import Municipality, Office

#: Languages offered for "preferred language" (ISO codes; names come from Django's own catalogues).
LANGUAGE_CODES = (
    "de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa", "ckb", "sq", "fr", "es", "it", "el",
    "sr", "hr", "bs", "ur", "vi", "hu",
)  # fmt: skip


def language_name(code: str) -> str:
    """The language's name in the active UI language, or the code itself if Django does not know it."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def referral_settings(municipality: Municipality) -> ReferralSettings:
    """The municipality's settings, or an unsaved row with the defaults."""
    found = ReferralSettings.objects.filter(municipality=municipality).first()
    return found or ReferralSettings(municipality=municipality)


# --- navigators (office staff, coordinators) ---------------------------------------------------------


def referring_offices(user: User, municipality: Municipality) -> QuerySet[Office]:
    """Active offices on whose behalf the user may refer (all of them for a coordinator)."""
    office_ids = permissions.office_ids_for(user, municipality.pk)
    offices = Office.objects.filter(is_active=True)
    return offices if office_ids is None else offices.filter(pk__in=office_ids)


def referable_services(municipality: Municipality) -> QuerySet[Service]:
    """Published, active services of the municipality, with their organisation."""
    return (
        Service.objects.filter(municipality=municipality, is_published=True, status=Service.Status.ACTIVE)
        .select_related("organization")
        .prefetch_related("translations")
        .order_by("organization__name", "slug")
    )


def topic_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).prefetch_related("translations")


def office_referrals(user: User, municipality: Municipality) -> QuerySet[Referral]:
    """Referrals made by the offices the user works for (every office for a coordinator)."""
    return (
        Referral.objects.filter(municipality=municipality)
        .for_offices(permissions.office_ids_for(user, municipality.pk))
        .select_related("service", "organization", "office")
        .prefetch_related("service__translations")
        .annotate(
            has_consent_in_force=Exists(
                ReferralConsent.objects.filter(
                    referral=OuterRef("pk"), recipient=OuterRef("organization"), revoked_at__isnull=True
                )
            )
        )
    )


def office_referral_or_404(user: User, municipality: Municipality, referral_uuid: uuid.UUID) -> Referral:
    referral = office_referrals(user, municipality).filter(uuid=referral_uuid).first()
    if referral is None:
        raise Http404
    return referral


def follow_up_referrals(user: User, municipality: Municipality, today: date) -> QuerySet[Referral]:
    """Not closed and without news past the follow-up date, the longest overdue first."""
    return office_referrals(user, municipality).overdue(today).order_by("follow_up_due", "created_at")


# --- receiving organisations (provider staff) --------------------------------------------------------


@dataclass(frozen=True)
class ReceivedReferral:
    """What the receiving organisation sees of a referral: only the fields the consent covers.

    Templates of the receiving side get this, never the ``Referral`` row, so that a field outside the
    consent cannot reach the page by accident.
    """

    uuid: uuid.UUID
    created_at: datetime
    status: str
    status_label: str
    service_name: str
    office_name: str
    office_phone: str
    office_email: str
    topics: tuple[str, ...]
    person_name: str
    contact_phone: str
    contact_email: str
    preferred_language: str
    note: str


def received_referrals(user: User, municipality: Municipality) -> QuerySet[Referral]:
    """Referrals addressed to the user's organisations that they may see: a consent for that organisation
    is in force, the referral is not closed and its personal data has not been erased."""
    organization_ids = permissions.organization_ids_for(user, municipality.pk, Capability.RECEIVE_REFERRALS)
    return (
        Referral.objects.filter(
            municipality=municipality,
            organization_id__in=organization_ids,
            personal_data_erased_at__isnull=True,
        )
        .not_closed()
        .with_consent_in_force()
        .select_related("service", "office")
        .prefetch_related(
            "service__translations",
            "office__translations",
            Prefetch("topics", queryset=topic_terms()),
            Prefetch(
                "consents",
                queryset=ReferralConsent.objects.filter(revoked_at__isnull=True),
                to_attr="consents_in_force",
            ),
        )
    )


def received_referral_or_404(user: User, municipality: Municipality, referral_uuid: uuid.UUID) -> Referral:
    referral = received_referrals(user, municipality).filter(uuid=referral_uuid).first()
    if referral is None:
        raise Http404
    return referral


def as_received(referral: Referral) -> ReceivedReferral:
    """The receiving organisation's view of a referral from ``received_referrals``."""
    consent = next(
        (c for c in getattr(referral, "consents_in_force", []) if c.recipient_id == referral.organization_id),
        None,
    )

    def shared(flag: str, value: str) -> str:
        return value if consent is not None and getattr(consent, flag) else ""

    topics = tuple(str(t) for t in referral.topics.all()) if consent and consent.share_topics else ()
    return ReceivedReferral(
        uuid=referral.uuid,
        created_at=referral.created_at,
        status=referral.status,
        status_label=str(referral.get_status_display()),
        service_name=str(referral.service),
        office_name=referral.office.name,
        office_phone=referral.office.phone,
        office_email=referral.office.email,
        topics=topics,
        person_name=shared("share_name", referral.person_name),
        contact_phone=shared("share_phone", referral.contact_phone),
        contact_email=shared("share_email", referral.contact_email),
        preferred_language=shared("share_language", language_name(referral.preferred_language)),
        note=shared("share_note", referral.note_for_receiver),
    )


# --- statistics ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class ServiceRow:
    service: str
    organization: str
    count: int
    contacted: int
    median_days_to_first_contact: float | None


@dataclass(frozen=True)
class ReferralStatistics:
    """Counts without personal data: per service, topic and outcome, and the time to first contact."""

    total: int
    with_consent: int
    by_service: tuple[ServiceRow, ...]
    by_topic: tuple[CountRow, ...]
    by_outcome: tuple[CountRow, ...]
    contacted: int
    median_days_to_first_contact: float | None


def _median_days(durations: Iterable[timedelta]) -> float | None:
    days = [d.total_seconds() / 86400 for d in durations]
    return round(pystats.median(days), 1) if days else None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def referral_statistics(
    municipality: Municipality, *, date_from: date | None = None, date_to: date | None = None
) -> ReferralStatistics:
    """Statistics of the referrals made in the period (both days included).

    Reads only non-personal columns, so the figures are the same before and after the retention job.
    """
    referrals = Referral.objects.filter(municipality=municipality).order_by()
    if date_from is not None:
        referrals = referrals.filter(created_at__gte=_day_start(date_from))
    if date_to is not None:
        referrals = referrals.filter(created_at__lt=_day_start(date_to + timedelta(days=1)))

    rows = list(referrals.values_list("pk", "service_id", "status", "created_at", "first_contact_at"))
    consented = set(
        ReferralConsent.objects.filter(referral__in=referrals)
        .values_list("referral_id", flat=True)
        .distinct()
    )
    durations_by_service: dict[int, list[timedelta]] = defaultdict(list)
    count_by_service: Counter[int] = Counter()
    contacted_by_service: Counter[int] = Counter()
    status_counts: Counter[str] = Counter()
    for _pk, service_id, status, created_at, first_contact_at in rows:
        count_by_service[service_id] += 1
        status_counts[status] += 1
        if first_contact_at is not None:
            contacted_by_service[service_id] += 1
            durations_by_service[service_id].append(max(first_contact_at - created_at, timedelta(0)))

    services = {
        s.pk: s
        for s in Service.objects.filter(pk__in=count_by_service)
        .select_related("organization")
        .prefetch_related("translations")
    }
    by_service = sorted(
        (
            ServiceRow(
                service=str(services[pk]),
                organization=services[pk].organization.name,
                count=count,
                contacted=contacted_by_service[pk],
                median_days_to_first_contact=_median_days(durations_by_service[pk]),
            )
            for pk, count in count_by_service.items()
        ),
        key=lambda row: (-row.count, row.service),
    )

    topic_counts = dict(
        Referral.topics.through.objects.filter(referral__in=referrals)
        .values("taxonomyterm_id")
        .annotate(n=Count("referral_id", distinct=True))
        .values_list("taxonomyterm_id", "n")
    )
    terms = {t.pk: str(t) for t in topic_terms().filter(pk__in=topic_counts)}
    by_topic = sorted(
        (CountRow(terms[pk], n) for pk, n in topic_counts.items()), key=lambda row: (-row.count, row.label)
    )
    by_outcome = tuple(
        CountRow(str(label), status_counts[value])
        for value, label in Referral.Status.choices
        if status_counts[value]
    )
    all_durations = [d for durations in durations_by_service.values() for d in durations]
    return ReferralStatistics(
        total=len(rows),
        with_consent=len(consented),
        by_service=tuple(by_service),
        by_topic=tuple(by_topic),
        by_outcome=by_outcome,
        contacted=len(all_durations),
        median_days_to_first_contact=_median_days(all_durations),
    )
