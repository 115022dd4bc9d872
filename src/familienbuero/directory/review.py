"""Partner self-service with review: proposing, publishing and returning changes to services.

A partner editor never writes to ``Service``. Every edit becomes (or updates) the one open
``ServiceChange`` of that service, and only office staff publishing it copies the values onto the
service, in one transaction. So the public, which reads ``Service`` only, never sees unreviewed text.

Entries nobody confirmed for a year are *stale*: they are flagged in the partner's and the review
list, and the organisation's editors get a reminder mail (see ``remind_stale_services``).
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import Role
from familienbuero.directory import search
from familienbuero.directory.forms_partner import LANGUAGE_NAMES, ServiceProposalForm
from familienbuero.directory.models import (
    Organization,
    Service,
    ServiceChange,
    ServiceLanguage,
    TaxonomyTerm,
)
from familienbuero.tenancy.models import District

logger = logging.getLogger(__name__)

#: An entry nobody confirmed for this long is stale ("not confirmed for 12 months").
STALE_AFTER = timedelta(days=365)
#: Stale entries are reminded of on the day they become stale and every this often after.
REMIND_EVERY = timedelta(days=30)
#: How often ``runperiodic`` runs (cron, README). A reminder is due when its moment falls into the
#: last window; without a "reminded at" field on Service this is what keeps it to one mail per moment.
REMINDER_WINDOW = timedelta(minutes=15)

#: States in which a change is still being worked on: at most one of them per service.
OPEN_STATES = (ServiceChange.State.PENDING, ServiceChange.State.RETURNED)

TEXT_FIELDS = ("name", "description", "eligibility_description", "application_process", "fees_description")
PLAIN_FIELDS = (
    "url",
    "email",
    "phone",
    "minimum_age",
    "maximum_age",
    "free_of_charge",
    "but_eligible",
    "anonymous_possible",
)
TERM_FIELDS = ServiceProposalForm.TERM_FIELDS


class ReviewConflict(Exception):
    """The change is no longer waiting for review (someone else published or returned it)."""


# --- the proposal format ---------------------------------------------------------------------------
# ``ServiceChange.proposed`` = {text and plain fields..., "terms": [uuid], "languages": [code],
# "districts": [slug]}: stable identifiers, so that a proposal survives renamed terms and districts.


def empty_proposal() -> dict[str, Any]:
    proposal: dict[str, Any] = dict.fromkeys(TEXT_FIELDS, "")
    proposal.update({"url": "", "email": "", "phone": "", "minimum_age": None, "maximum_age": None})
    proposal.update({"free_of_charge": True, "but_eligible": False, "anonymous_possible": False})
    proposal.update({"terms": [], "languages": [], "districts": []})
    return proposal


def proposal_from_cleaned_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The JSON stored in ``ServiceChange.proposed``, from a valid ``ServiceProposalForm``."""
    proposal = {name: cleaned[name] for name in (*TEXT_FIELDS, *PLAIN_FIELDS)}
    proposal["terms"] = sorted(str(term.uuid) for name in TERM_FIELDS for term in cleaned[name])
    proposal["languages"] = sorted(cleaned["languages"])
    proposal["districts"] = sorted(district.slug for district in cleaned["districts"])
    return proposal


def service_snapshot(service: Service) -> dict[str, Any]:
    """The published values of a service in the proposal format (German texts)."""
    proposal = empty_proposal()
    if service.has_translation("de"):
        translation = service.get_translation("de")
        for name in TEXT_FIELDS:
            proposal[name] = getattr(translation, name) or ""
    for name in PLAIN_FIELDS:
        value = getattr(service, name)
        proposal[name] = "" if value is None and name in ("url", "email", "phone") else value
    proposal["terms"] = sorted(str(uuid) for uuid in service.terms.values_list("uuid", flat=True))
    proposal["languages"] = sorted(service.languages.values_list("code", flat=True))
    proposal["districts"] = sorted(service.districts.values_list("slug", flat=True))
    return proposal


def form_data(proposal: dict[str, Any]) -> dict[str, Any]:
    """A proposal as form data: for the editor's form (initial) and to re-validate before publishing."""
    proposal = {**empty_proposal(), **proposal}
    data: dict[str, Any] = {name: proposal[name] for name in (*TEXT_FIELDS, *PLAIN_FIELDS)}
    for name in ("minimum_age", "maximum_age"):
        data[name] = "" if proposal[name] is None else proposal[name]
    data["languages"] = ", ".join(proposal["languages"])
    data["districts"] = list(proposal["districts"])
    by_taxonomy = dict(
        (str(uuid), taxonomy)
        for uuid, taxonomy in TaxonomyTerm.objects.filter(
            uuid__in=_valid_uuids(proposal["terms"])
        ).values_list("uuid", "taxonomy")
    )
    for name, taxonomy in TERM_FIELDS.items():
        data[name] = [uuid for uuid in proposal["terms"] if by_taxonomy.get(uuid) == taxonomy]
    # A term deleted meanwhile lands in "topics", where validation reports it instead of dropping it.
    data["topics"] += [uuid for uuid in proposal["terms"] if uuid not in by_taxonomy]
    return data


def _valid_uuids(values: Iterable[str]) -> list[str]:
    pattern = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    return [value for value in values if pattern.match(str(value))]


# --- writes ---------------------------------------------------------------------------------------


def open_change_for(service: Service) -> ServiceChange | None:
    return (
        ServiceChange.objects.filter(service=service, state__in=OPEN_STATES).order_by("-created_at").first()
    )


@transaction.atomic
def propose_change(
    *,
    organization: Organization,
    proposed: dict[str, Any],
    actor: User,
    service: Service | None = None,
    change: ServiceChange | None = None,
) -> ServiceChange | None:
    """Stores a partner's proposal: updates the service's open change, or creates one.

    ``service`` for an existing service, ``change`` to revise a proposal for a new service, neither
    for a new proposal. Returns None when an existing service would not change at all (nothing to
    review). The service row is locked so that two simultaneous saves cannot create two open changes.
    """
    if service is not None:
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.organization_id != organization.pk:
            raise ValueError("service of another organisation")
        change = open_change_for(service)
        if change is None and proposed == service_snapshot(service):
            return None
    elif change is not None:
        change = ServiceChange.objects.select_for_update().get(pk=change.pk)
        if change.organization_id != organization.pk or change.service_id or change.state not in OPEN_STATES:
            raise ValueError("not an open proposal of this organisation")
    if change is None:
        change = ServiceChange(
            municipality_id=organization.municipality_id, organization=organization, service=service
        )
    change.proposed = proposed
    change.state = ServiceChange.State.PENDING
    change.reviewed_at = None
    change.reviewed_by = None
    change.created_by = actor
    change.save()
    return change


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "angebot")[:70].strip("-") or "angebot"
    slug, number = base, 1
    while Service.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(service: Service, data: dict[str, Any]) -> None:
    for name in PLAIN_FIELDS:
        setattr(service, name, data[name])
    service.set_current_language("de")
    for name in TEXT_FIELDS:
        setattr(service, name, data[name])
    service.full_clean()
    service.save()
    service.terms.set(TaxonomyTerm.objects.filter(uuid__in=data["terms"]))
    service.districts.set(District.objects.filter(slug__in=data["districts"]))
    ServiceLanguage.objects.filter(service=service).exclude(code__in=data["languages"]).delete()
    existing = set(ServiceLanguage.objects.filter(service=service).values_list("code", flat=True))
    ServiceLanguage.objects.bulk_create(
        [ServiceLanguage(service=service, code=code) for code in data["languages"] if code not in existing]
    )


def _locked_pending(change: ServiceChange) -> ServiceChange:
    change = ServiceChange.objects.select_for_update().select_related("organization").get(pk=change.pk)
    if change.state != ServiceChange.State.PENDING:
        raise ReviewConflict
    return change


def _form_errors_as_messages(form: ServiceProposalForm) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        text = " ".join(errors)
        messages.append(f"{form.fields[name].label}: {text}" if name in form.fields else text)
    return messages


@transaction.atomic
def publish_change(*, change: ServiceChange, actor: User, now: datetime | None = None) -> Service:
    """Applies a pending change to its service (creating it for a new proposal) and confirms the entry.

    The stored proposal is validated again with the partner form: a district or term may have been
    removed since. Raises ``ValidationError`` (nothing is written) or ``ReviewConflict``.
    """
    now = now or timezone.now()
    change = _locked_pending(change)
    form = ServiceProposalForm(data=form_data(change.proposed))
    if not form.is_valid():
        raise ValidationError(_form_errors_as_messages(form))
    data = proposal_from_cleaned_data(form.cleaned_data)
    if change.service_id is None:
        service = Service(
            municipality_id=change.municipality_id,
            organization=change.organization,
            slug=_unique_slug(data["name"]),
            is_published=True,
        )
    else:
        service = Service.objects.select_for_update().get(pk=change.service_id)
    service.confirmed_at = now
    _apply(service, data)
    change.service = service
    change.state = ServiceChange.State.PUBLISHED
    change.reviewed_by = actor
    change.reviewed_at = now
    change.save()
    search.index_service(service)
    editor, name = change.created_by, data["name"]
    transaction.on_commit(lambda: _notify_editor(editor, "published", name, ""))
    return service


@transaction.atomic
def return_change(
    *, change: ServiceChange, actor: User, comment: str, now: datetime | None = None
) -> ServiceChange:
    """Sends a pending change back to the partner with a comment saying what to revise."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Please say what the partner should revise.")})
    change = _locked_pending(change)
    change.state = ServiceChange.State.RETURNED
    change.comment = comment
    change.reviewed_by = actor
    change.reviewed_at = now or timezone.now()
    change.full_clean(exclude=["proposed"])
    change.save()
    editor, name = change.created_by, change.proposed.get("name", "")
    transaction.on_commit(lambda: _notify_editor(editor, "returned", name, comment))
    return change


def confirm_unchanged(*, service: Service, now: datetime | None = None) -> None:
    """The partner says the published entry is still correct: no review is needed for that."""
    Service.objects.filter(pk=service.pk).update(confirmed_at=now or timezone.now())


def _notify_editor(user: User | None, event: str, service_name: str, comment: str) -> None:
    """Tells the proposing editor what became of the proposal, in their language. A failing mail
    relay must not undo a review that is already committed, so errors are only logged."""
    if user is None or not user.email or not user.is_active:
        return
    with override(user.preferred_language):
        if event == "published":
            subject = _("Your change to “%(service)s” was published") % {"service": service_name}
            body = _("The family office has published your change to “%(service)s”. Thank you!") % {
                "service": service_name
            }
        else:
            subject = _("Your change to “%(service)s” was returned") % {"service": service_name}
            body = "\n\n".join(
                [
                    _("The family office returned your change to “%(service)s” with this comment:")
                    % {"service": service_name},
                    comment,
                    _("Please revise it in the back office under “Our services”."),
                ]
            )
    try:
        send_mail(subject[:200], body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:
        logger.exception("Could not notify the editor of a reviewed change")


# --- stale entries ---------------------------------------------------------------------------------


def stale_before(now: datetime | None = None) -> datetime:
    """Services confirmed before this moment are stale."""
    return (now or timezone.now()) - STALE_AFTER


def is_stale(service: Service, now: datetime | None = None) -> bool:
    return service.confirmed_at < stale_before(now)


def stale_services(now: datetime | None = None) -> QuerySet[Service]:
    """Published, not discontinued services nobody confirmed for a year, oldest first."""
    return (
        Service.objects.filter(confirmed_at__lt=stale_before(now), is_published=True)
        .exclude(status=Service.Status.DEFUNCT)
        .order_by("confirmed_at")
    )


def reminder_due(service: Service, now: datetime, window: timedelta = REMINDER_WINDOW) -> bool:
    """True on the run right after the entry became stale, and after each further ``REMIND_EVERY``.

    Computed from ``confirmed_at`` alone, so no state is kept: a run missed for longer than the
    window skips that reminder (the next one follows ``REMIND_EVERY`` later).
    """
    overdue = now - (service.confirmed_at + STALE_AFTER)
    return overdue >= timedelta(0) and overdue % REMIND_EVERY < window


def remind_stale_services(*, now: datetime | None = None, window: timedelta = REMINDER_WINDOW) -> int:
    """Mails each partner editor the stale entries of their organisation that are due for a reminder.

    Services with a change waiting for review are left out: the next step is the office's. Returns
    the number of mails sent.
    """
    now = now or timezone.now()
    due: dict[int, list[Service]] = defaultdict(list)
    with scopes_disabled():
        candidates = (
            stale_services(now)
            .exclude(changes__state=ServiceChange.State.PENDING)
            .select_related("organization", "municipality")
            .prefetch_related("translations")
        )
        for service in candidates:
            if reminder_due(service, now, window):
                due[service.organization_id].append(service)
        editors = (
            Membership.objects.filter(
                role=Role.PARTNER_EDITOR, organization_id__in=list(due), user__is_active=True
            )
            .exclude(user__email="")
            .select_related("user")
        )
        recipients: dict[int, list[User]] = defaultdict(list)
        for membership in editors:
            recipients[membership.organization_id].append(membership.user)
    sent = 0
    for organization_id, services in due.items():
        organization = services[0].organization
        with scope(municipality=services[0].municipality):
            for user in recipients.get(organization_id, []):
                sent += _send_stale_reminder(user, organization, services)
        if not recipients.get(organization_id):
            logger.warning("Stale services of organisation %s, but no editor with an email", organization_id)
    return sent


def _send_stale_reminder(user: User, organization: Organization, services: list[Service]) -> int:
    with override(user.preferred_language):
        lines = "\n".join(
            "- "
            + _("%(service)s (last confirmed on %(date)s)")
            % {
                "service": service.safe_translation_getter("name", any_language=True) or service.slug,
                "date": f"{timezone.localtime(service.confirmed_at):%d.%m.%Y}",
            }
            for service in services
        )
        subject = _("Please check your entries in the service directory")
        body = "\n\n".join(
            [
                _(
                    "These entries of %(organization)s have not been confirmed for more than a year. "
                    "Please check them in the back office under “Our services”: save a change, or "
                    "confirm that the entry is still correct."
                )
                % {"organization": organization.name},
                lines,
            ]
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return 1


# --- the review diff --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffRow:
    """One field of the review table: published value → proposed value, readable for staff."""

    name: str
    label: str
    old: str
    new: str
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


YES_NO = {True: gettext_lazy("yes"), False: gettext_lazy("no")}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


LIST_FIELDS = ("languages", *TERM_FIELDS, "districts")


def _display(
    proposal: dict[str, Any], terms: dict[str, TaxonomyTerm], districts: dict[str, str]
) -> dict[str, Any]:
    """The proposal's values as text (lists of texts for the list fields), keyed by form field name."""
    proposal = {**empty_proposal(), **proposal}
    values: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, "url", "email", "phone"):
        values[name] = str(proposal[name] or "")
    for name in ("free_of_charge", "but_eligible", "anonymous_possible"):
        values[name] = str(YES_NO[bool(proposal[name])])
    for name in ("minimum_age", "maximum_age"):
        values[name] = "" if proposal[name] is None else str(proposal[name])
    values["languages"] = [f"{language_name(code)} ({code})" for code in proposal["languages"]]
    for name, taxonomy in TERM_FIELDS.items():
        values[name] = [
            str(terms[uuid])
            for uuid in proposal["terms"]
            if uuid in terms and terms[uuid].taxonomy == taxonomy
        ]
    if any(uuid not in terms for uuid in proposal["terms"]):
        values["topics"].append(_("unknown term (deleted?)"))
    values["districts"] = [districts.get(slug, slug) for slug in proposal["districts"]]
    return values


def _item_segments(old: list[str], new: list[str]) -> tuple[list[Segment], list[Segment]]:
    """For lists (languages, terms, districts): exactly the removed and the added items are marked."""

    def segments(items: list[str], other: list[str]) -> list[Segment]:
        out: list[Segment] = []
        for position, item in enumerate(items):
            if position:
                out.append(Segment(", ", False))
            out.append(Segment(item, item not in other))
        return out

    return segments(old, new), segments(new, old)


def _word_segments(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Word-level marking for long texts, so that one changed word in 4,000 characters is found."""
    old_tokens, new_tokens = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    old_out: list[Segment] = []
    new_out: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            old_out.append(Segment("".join(old_tokens[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_out.append(Segment("".join(new_tokens[j1:j2]), tag != "equal"))
    return old_out, new_out


def diff_change(change: ServiceChange) -> list[DiffRow]:
    """Every editable field, in the order of the partner form, with the published and proposed value."""
    old = service_snapshot(change.service) if change.service_id else empty_proposal()
    new = {**empty_proposal(), **change.proposed}
    uuids = _valid_uuids({*old["terms"], *new["terms"]})
    terms = {
        str(term.uuid): term
        for term in TaxonomyTerm.objects.filter(uuid__in=uuids).prefetch_related("translations")
    }
    districts = dict(
        District.objects.filter(slug__in={*old["districts"], *new["districts"]}).values_list("slug", "name")
    )
    old_values, new_values = _display(old, terms, districts), _display(new, terms, districts)
    rows = []
    for name, form_field in ServiceProposalForm.base_fields.items():
        before, after = old_values[name], new_values[name]
        if name in LIST_FIELDS:
            old_segments, new_segments = _item_segments(before, after)
            before, after = ", ".join(before), ", ".join(after)
            old_segments, new_segments = (
                old_segments or [Segment("", False)],
                new_segments or [Segment("", False)],
            )
        elif name in TEXT_FIELDS and before and after and before != after:
            old_segments, new_segments = _word_segments(before, after)
        else:
            old_segments = [Segment(before, before != after)]
            new_segments = [Segment(after, before != after)]
        rows.append(DiffRow(name, str(form_field.label), before, after, old_segments, new_segments))
    return rows
