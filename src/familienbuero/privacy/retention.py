"""Retention periods: the processing register's default, or the municipality's own period within the
limits the register entry allows. Erasure jobs ask ``retention_days`` for the period to apply."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.core.processing import REGISTRY, Processing, processing
from familienbuero.privacy import hooks
from familienbuero.privacy.models import RetentionOverride
from familienbuero.tenancy.models import Municipality


def is_adjustable(entry: Processing) -> bool:
    return entry.retention_days is not None and entry.min_days is not None and entry.max_days is not None


def _from_app(municipality: Municipality, key: str) -> int | None:
    for get in hooks.functions("get_retention_days"):
        days = get(municipality, key)
        if days is not None:
            return int(days)
    return None


def retention_days(municipality: Municipality, key: str) -> int | None:
    """The period that applies in the municipality (``None``: as long as the purpose lasts)."""
    entry = processing(key)
    if not is_adjustable(entry):
        return entry.retention_days
    days = _from_app(municipality, key)
    if days is not None:
        return days
    with scopes_disabled():
        found = RetentionOverride.objects.filter(municipality=municipality, key=key).first()
    return found.retention_days if found else entry.retention_days


def days_by_municipality(key: str) -> dict[int, int | None]:
    """municipality id -> the period that applies there (``retention_days``), for the erasure jobs that
    run over all municipalities: the one place that decides how long a kind of data is kept."""
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    return {municipality.pk: retention_days(municipality, key) for municipality in municipalities}


def overrides(key: str) -> dict[int, int]:
    """municipality id -> own period, for a job that runs over all municipalities."""
    with scopes_disabled():
        return dict(
            RetentionOverride.objects.filter(key=key).values_list("municipality_id", "retention_days")
        )


def periods(municipality: Municipality) -> list[tuple[Processing, int | None]]:
    return [(entry, retention_days(municipality, entry.key)) for entry in REGISTRY]


@transaction.atomic
def set_retention_days(*, municipality: Municipality, key: str, days: int, actor: User | None) -> int:
    """Sets the municipality's own period; outside the entry's limits: ``ValidationError``."""
    try:
        entry = processing(key)
    except StopIteration:
        raise ValidationError(_("Unknown kind of personal data.")) from None
    if not is_adjustable(entry):
        raise ValidationError(_("The retention period of this kind of data cannot be changed."))
    if not entry.min_days <= days <= entry.max_days:  # type: ignore[operator]
        raise ValidationError(
            {
                "retention_days": _(
                    "The retention period must be between %(min)s and %(max)s days (you entered %(days)s)."
                )
                % {"min": entry.min_days, "max": entry.max_days, "days": days}
            }
        )
    for set_in_app in hooks.functions("set_retention_days"):
        if set_in_app(municipality, key, days):
            return days
    with scopes_disabled():
        RetentionOverride.objects.update_or_create(
            municipality=municipality,
            key=key,
            defaults={"retention_days": days, "changed_at": timezone.now(), "changed_by": actor},
        )
    return days
