"""Every write of the funding plan – projects, budget lines, funding sources (with their eligible lines),
reporting deadlines and expenses – is recorded by django-auditlog: who (the signed-in user, via
``AuditlogMiddleware``), when, and which values changed. Each entry is tagged with its municipality, so
it appears in that municipality's change log (``privacy.audit.entries_for``) and nowhere else."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import post_log
from django.apps import apps

AUDITED: dict[str, dict[str, Any]] = {
    "funding.project": {},
    "funding.budgetline": {},
    # The eligible lines are logged by ``log_eligible_lines`` as one readable before → after change
    # (auditlog's own m2m entries have another shape, which the change log page does not show).
    "funding.fundingsource": {},
    "funding.reportingdeadline": {"exclude_fields": ["reminded_at"]},
    "funding.expense": {"exclude_fields": ["created_at"]},
}


def register_models() -> None:
    for label, options in AUDITED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)


def _tag_entry(sender: type, instance: Any, log_entry: LogEntry | None = None, **kwargs: Any) -> None:
    if log_entry is None or sender._meta.label_lower not in AUDITED:
        return
    municipality_id = getattr(instance, "municipality_id", None)
    if municipality_id:
        data = {**(log_entry.additional_data or {}), "municipality_id": municipality_id}
        LogEntry.objects.filter(pk=log_entry.pk).update(additional_data=data)


def log_eligible_lines(source: Any, before: list[str], after: list[str]) -> None:
    """One change-log entry when a funding source's eligible lines changed (names, in plan order)."""
    if before == after:
        return
    LogEntry.objects.log_create(
        source,
        action=LogEntry.Action.UPDATE,
        changes={"eligible_lines": [", ".join(before), ", ".join(after)]},
        additional_data={"municipality_id": source.municipality_id},
    )


def connect() -> None:
    register_models()
    post_log.connect(_tag_entry, dispatch_uid="funding.audit.tag_entry")
