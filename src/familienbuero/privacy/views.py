"""Back office of data protection: access and change log (data protection officer), data-subject
requests and consents (data protection officer, coordinators), retention and the records of processing
(data protection officer). Everything is limited to the municipality of the URL."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.core.personal_data import PersonalRecord, find_everywhere
from familienbuero.core.processing import REGISTRY, processing
from familienbuero.privacy import audit, hooks, services
from familienbuero.privacy import retention as retention_rules
from familienbuero.privacy.forms import (
    AccessLogFilterForm,
    ChangeLogFilterForm,
    ConsentFilterForm,
    ConsentForm,
    EraseForm,
    ExportForm,
    PersonForm,
    RetentionForm,
)
from familienbuero.privacy.models import AccessLog, Consent, ErasureRun

PAGE_SIZE = 100
UPCOMING_DAYS = (7, 30)


def _redirect(request: HttpRequest, name: str) -> HttpResponse:
    return redirect(name, municipality_slug=request.municipality.slug, language=request.LANGUAGE_CODE)


def _day_start(day: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))  # type: ignore[arg-type]


def _csv_response(filename: str, header: list[str], rows: Iterable[list[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response


@staff_required(Capability.BACKOFFICE)
def index(request: HttpRequest) -> HttpResponse:
    allowed = {
        capability: permissions.has_capability(request.user, capability, request.municipality.pk)
        for capability in (
            Capability.VIEW_AUDIT_LOG,
            Capability.DATA_SUBJECT_REQUESTS,
            Capability.MANAGE_RETENTION,
        )
    }
    if not any(allowed.values()):
        raise Http404
    context = {
        "can_view_log": allowed[Capability.VIEW_AUDIT_LOG],
        "can_handle_requests": allowed[Capability.DATA_SUBJECT_REQUESTS],
        "can_manage_retention": allowed[Capability.MANAGE_RETENTION],
    }
    return render(request, "privacy/index.html", context)


# --- access log and change log ---------------------------------------------------------------------


def _access_entries(request: HttpRequest) -> tuple[AccessLogFilterForm, QuerySet[AccessLog]]:
    form = AccessLogFilterForm(request.GET or None)
    entries = AccessLog.objects.filter(municipality=request.municipality)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_name__iexact=data["actor"].strip())
        if data["object_id"]:
            entries = entries.filter(object_id__startswith=data["object_id"].strip())
        if data["date_from"]:
            entries = entries.filter(at__gte=_day_start(data["date_from"]))
        if data["date_to"]:
            entries = entries.filter(at__lt=_day_start(data["date_to"] + timedelta(days=1)))
    return form, entries


@staff_required(Capability.VIEW_AUDIT_LOG)
def access_log(request: HttpRequest) -> HttpResponse:
    form, entries = _access_entries(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request, "privacy/access_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@staff_required(Capability.VIEW_AUDIT_LOG)
def access_log_csv(request: HttpRequest) -> HttpResponse:
    _form, entries = _access_entries(request)
    services.record_access(
        request, None, AccessLog.Action.EXPORT, object_type="privacy.accesslog", object_id="csv"
    )
    rows = (
        [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor_name,
            entry.get_action_display(),
            entry.object_type,
            entry.object_id,
            entry.object_label,
        ]
        for entry in entries.iterator()
    )
    header = [_("Time"), _("User name"), _("Action"), _("Object type"), _("Object"), _("Description")]
    return _csv_response("zugriffsprotokoll.csv", header, rows)


def _change_entries(request: HttpRequest) -> tuple[ChangeLogFilterForm, QuerySet[LogEntry]]:
    form = ChangeLogFilterForm(request.GET or None)
    entries = audit.entries_for(request.municipality)
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor__username__iexact=data["actor"].strip())
        if data["date_from"]:
            entries = entries.filter(timestamp__gte=_day_start(data["date_from"]))
        if data["date_to"]:
            entries = entries.filter(timestamp__lt=_day_start(data["date_to"] + timedelta(days=1)))
    return form, entries


def _changes(entry: LogEntry) -> str:
    return "; ".join(
        f"{field}: {values[0] if len(values) > 0 else ''} → {values[1] if len(values) > 1 else ''}"
        for field, values in (entry.changes_dict or {}).items()
    )


@staff_required(Capability.VIEW_AUDIT_LOG)
def change_log(request: HttpRequest) -> HttpResponse:
    form, entries = _change_entries(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = [(entry, _changes(entry)) for entry in page.object_list]
    query = request.GET.copy()
    query.pop("seite", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "privacy/change_log.html", context)


@staff_required(Capability.VIEW_AUDIT_LOG)
def change_log_csv(request: HttpRequest) -> HttpResponse:
    _form, entries = _change_entries(request)
    services.record_access(
        request, None, AccessLog.Action.EXPORT, object_type="auditlog.logentry", object_id="csv"
    )
    rows = (
        [
            timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor.get_username() if entry.actor else "",
            entry.get_action_display(),
            entry.content_type.model if entry.content_type else "",
            entry.object_pk,
            entry.object_repr,
            _changes(entry),
        ]
        for entry in entries.iterator()
    )
    header = [
        _("Time"),
        _("User name"),
        _("Action"),
        _("Object type"),
        _("Object"),
        _("Description"),
        _("Changes"),
    ]
    return _csv_response("aenderungsprotokoll.csv", header, rows)


# --- data-subject requests -------------------------------------------------------------------------


def _find(request: HttpRequest, form: PersonForm) -> list[PersonalRecord]:
    return find_everywhere(
        request.municipality,
        email=form.cleaned_data.get("email", ""),
        phone=form.cleaned_data.get("phone", ""),
    )


def _log_person(request: HttpRequest, form: PersonForm, action: str, label: str) -> None:
    """The access-log entry of a data-subject action: the person only as a keyed hash."""
    reference = services.person_reference(
        email=form.cleaned_data.get("email", ""), phone=form.cleaned_data.get("phone", "")
    )
    services.record_access(request, None, action, object_type="person", object_id=reference, label=label)


def _kind_labels() -> dict[str, str]:
    return {entry.key: str(entry.purpose) for entry in REGISTRY}


def _render_subject(
    request: HttpRequest,
    form: PersonForm,
    records: list[PersonalRecord] | None,
    *,
    erase_form: EraseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person = {"email": form.data.get("email", ""), "phone": form.data.get("phone", "")}
    context = {
        "form": form,
        "records": records,
        "person": person,
        "erase_form": erase_form or EraseForm(initial=person),
        "export_form": ExportForm(initial=person),
    }
    return render(request, "privacy/subject.html", context, status=status)


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
def subject_search(request: HttpRequest) -> HttpResponse:
    """Search by POST, so that addresses and numbers do not end up in URLs and server logs."""
    if request.method != "POST":
        return _render_subject(request, PersonForm(), None)
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _render_subject(request, form, None, status=422)
    records = _find(request, form)
    _log_person(
        request, form, AccessLog.Action.SEARCH, _("%(count)s records found") % {"count": len(records)}
    )
    return _render_subject(request, form, records)


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
@require_POST
def subject_export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _render_subject(request, form, None, status=422)
    records = _find(request, form)
    _log_person(
        request, form, AccessLog.Action.EXPORT, _("%(count)s records exported") % {"count": len(records)}
    )
    now = timezone.now()
    if form.cleaned_data["format"] == "json":
        response = HttpResponse(
            services.export_json(records, municipality=request.municipality, now=now),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="auskunft-{now:%Y%m%d-%H%M}.json"'
        return response
    labels = _kind_labels()
    context = {
        "records": [(labels.get(record.kind, record.kind), record) for record in records],
        "created": now,
    }
    return render(request, "privacy/subject_export.html", context)


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
@require_POST
def subject_erase(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST)
    if not form.is_valid():
        person = PersonForm(request.POST)
        records = _find(request, person) if person.is_valid() else None
        return _render_subject(request, person, records, erase_form=form, status=422)
    records = _find(request, form)
    count = services.erase_all(records)
    kinds = ", ".join(sorted({record.kind for record in records}))
    _log_person(
        request,
        form,
        AccessLog.Action.ERASE,
        _("%(count)s records erased: %(kinds)s") % {"count": count, "kinds": kinds},
    )
    messages.success(
        request,
        _("%(count)s records were erased. The anonymous statistics are unchanged.") % {"count": count},
    )
    return _redirect(request, "privacy:subject")


# --- consents --------------------------------------------------------------------------------------


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
def consent_list(request: HttpRequest) -> HttpResponse:
    form = ConsentFilterForm(request.GET or None)
    consents = Consent.objects.filter(municipality=request.municipality).select_related(
        "given_by", "revoked_by"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["purpose"]:
            consents = consents.filter(purpose=data["purpose"])
        if data["state"] == "in_force":
            consents = consents.filter(revoked_at__isnull=True)
        elif data["state"] == "revoked":
            consents = consents.filter(revoked_at__isnull=False)
        refs = services.contact_references(
            email=data["email"] or "", phone=data["phone"] or "", earlier_keys=True
        )
        if refs:
            consents = consents.filter(subject_reference__in=refs)
    page = Paginator(consents, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(request, "privacy/consents.html", {"form": form, "page": page, "query": query.urlencode()})


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
def consent_new(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_give(
                municipality=request.municipality,
                text_version=form.cleaned_data["text_version"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                scope=form.cleaned_data["scope"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            services.record_access(request, consent, AccessLog.Action.CONSENT, label=_("consent recorded"))
            messages.success(request, _("The consent was recorded."))
            return _redirect(request, "privacy:consents")
    texts = {version: text for version, (_purpose, text) in services.CONSENT_TEXTS.items()}
    status = 422 if request.method == "POST" else 200
    return render(request, "privacy/consent_new.html", {"form": form, "texts": texts}, status=status)


@staff_required(Capability.DATA_SUBJECT_REQUESTS)
@require_POST
def consent_revoke(request: HttpRequest, consent_pk: int) -> HttpResponse:
    consent = Consent.objects.filter(municipality=request.municipality, pk=consent_pk).first()
    if consent is None:
        raise Http404
    try:
        services.consent_revoke(consent=consent, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        services.record_access(request, consent, AccessLog.Action.CONSENT, label=_("consent revoked"))
        messages.success(request, _("The consent is revoked; it is no longer used from now on."))
    return _redirect(request, "privacy:consents")


# --- retention and records of processing -------------------------------------------------------------


def _render_retention(
    request: HttpRequest, *, failed_key: str = "", failed_form: RetentionForm | None = None, status: int = 200
) -> HttpResponse:
    rows = []
    for entry, days in retention_rules.periods(request.municipality):
        form = None
        if retention_rules.is_adjustable(entry):
            form = failed_form if entry.key == failed_key else RetentionForm(initial={"retention_days": days})
        rows.append({"entry": entry, "days": days, "form": form})
    return render(request, "privacy/retention.html", {"rows": rows}, status=status)


@staff_required(Capability.MANAGE_RETENTION)
def retention(request: HttpRequest) -> HttpResponse:
    return _render_retention(request)


@staff_required(Capability.MANAGE_RETENTION)
@require_POST
def retention_set(request: HttpRequest, key: str) -> HttpResponse:
    try:
        entry = processing(key)
    except StopIteration:
        raise Http404 from None
    form = RetentionForm(request.POST)
    if form.is_valid():
        try:
            retention_rules.set_retention_days(
                municipality=request.municipality,
                key=entry.key,
                days=form.cleaned_data["retention_days"],
                actor=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The retention period was saved."))
            return _redirect(request, "privacy:retention")
    return _render_retention(request, failed_key=entry.key, failed_form=form, status=422)


@staff_required(Capability.MANAGE_RETENTION)
def upcoming(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    counts: dict[str, dict[int, int]] = {}
    for days in UPCOMING_DAYS:
        for upcoming_erasures in hooks.functions("upcoming_erasures"):
            for key, count in upcoming_erasures(request.municipality, now + timedelta(days=days)).items():
                counts.setdefault(key, {})[days] = count
    labels = {entry.key: entry for entry in REGISTRY}
    rows = [
        {"entry": labels.get(key), "key": key, "counts": [per_days.get(days, 0) for days in UPCOMING_DAYS]}
        for key, per_days in sorted(counts.items())
    ]
    last_run = ErasureRun.objects.filter(finished_at__isnull=False).first()
    context = {"rows": rows, "days": UPCOMING_DAYS, "last_run": last_run}
    return render(request, "privacy/upcoming.html", context)


@staff_required(Capability.MANAGE_RETENTION)
def processing_records(request: HttpRequest) -> HttpResponse:
    """Records of processing activities (Art. 30 GDPR), generated from the processing register."""
    context = {"rows": retention_rules.periods(request.municipality), "created": timezone.now()}
    return render(request, "privacy/processing_records.html", context)
