"""Changes to personal data and to permissions, recorded by django-auditlog (with the acting user from
``auditlog.middleware.AuditlogMiddleware``).

Personal values are masked completely: the log says *that* a name or an address changed, by whom and
when, but it does not keep a copy of the data – otherwise erasing the data would leave it in the log.
Every entry is tagged with its municipality, so that each data protection officer sees only their own.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import post_log
from django.apps import apps
from django.db.models import Q, QuerySet
from django.dispatch import receiver
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import Municipality

MASK = "familienbuero.privacy.audit.redact"

#: model label -> options for ``auditlog.register``
AUDITED: dict[str, dict[str, Any]] = {
    "referrals.referral": {
        "mask_fields": [
            "person_name",
            "contact_phone",
            "contact_email",
            "preferred_language",
            "note_for_receiver",
        ],
        "mask_callable": MASK,
    },
    "referrals.referralconsent": {},
    "accounts.membership": {},
    "accounts.user": {"include_fields": ["username", "is_active", "is_staff", "is_superuser"]},
    "public.accessibilityfeedback": {
        "mask_fields": ["name", "email", "message", "page"],
        "mask_callable": MASK,
    },
    "privacy.consent": {},
    "privacy.retentionoverride": {},
}


def redact(value: str) -> str:
    """Masks a personal value completely; an empty value stays empty (so erasure shows as '*** → ')."""
    return "" if value in ("", "None") else "***"


def register_models() -> None:
    for label, options in AUDITED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)


def _municipality_id(instance: Any) -> int | None:
    if getattr(instance, "municipality_id", None):
        return instance.municipality_id
    referral_id = getattr(instance, "referral_id", None)
    if referral_id:
        with scopes_disabled():
            return (
                apps.get_model("referrals.referral")
                ._base_manager.filter(pk=referral_id)
                .values_list("municipality_id", flat=True)
                .first()
            )
    return None


@receiver(post_log)
def _tag_entry(sender: type, instance: Any, log_entry: LogEntry | None = None, **kwargs: Any) -> None:
    """Adds the municipality to the entry, and a description without personal data."""
    if log_entry is None or sender._meta.label_lower not in AUDITED:
        return
    update: dict[str, Any] = {}
    municipality_id = _municipality_id(instance)
    if municipality_id:
        update["additional_data"] = {"municipality_id": municipality_id}
    if sender._meta.label_lower == "public.accessibilityfeedback":
        update["object_repr"] = f"{sender._meta.verbose_name} #{instance.pk}"
    if update:
        LogEntry.objects.filter(pk=log_entry.pk).update(**update)


def entries_for(municipality: Municipality) -> QuerySet[LogEntry]:
    """The change log of one municipality: its objects, and the accounts of people who work there."""
    with scopes_disabled():
        member_ids = [
            str(pk)
            for pk in apps.get_model("accounts.membership")
            .objects.filter(municipality=municipality)
            .values_list("user_id", flat=True)
        ]
    user_type = apps.get_model("contenttypes.contenttype").objects.get_for_model(
        apps.get_model("accounts.user")
    )
    return (
        LogEntry.objects.filter(
            Q(additional_data__municipality_id=municipality.pk)
            | Q(content_type=user_type, object_pk__in=member_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
