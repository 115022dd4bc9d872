"""Holiday programme: wishes, the draw (see ``lottery.py`` for the mechanism and its properties), results.

The draw stores its seed; ``verify_draw`` re-runs it from the stored wishes and compares, so anybody
with the published seed can check the allocation. Every child's explanation (its class, its position in
the draw, what was already full at its turn) is stored with it and shown on the household's page.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from familienbuero.core.tasks import enqueue_with_transaction
from familienbuero.events import lottery
from familienbuero.events.models import (
    Event,
    PriorityClass,
    Programme,
    Registration,
    Wish,
    WishApplication,
    WishChild,
)
from familienbuero.events.services import _validate_contact, base_url


@dataclass
class ChildWishes:
    first_name: str
    age: int
    together: bool = False
    courses: list[int] = field(default_factory=list)  # event pks, most wanted first


def submit_wishes(
    *,
    programme: Programme,
    contact_name: str,
    email: str = "",
    phone: str = "",
    priority_class: PriorityClass,
    children: Sequence[ChildWishes],
    language: str = "de",
    now: datetime | None = None,
) -> WishApplication:
    now = now or timezone.now()
    errors = _validate_contact(contact_name, email, phone)
    if not programme.wish_phase_open(now):
        errors["__all__"].append(_("Wishes can only be entered during the wish phase."))
    if priority_class.programme_id != programme.pk:
        errors["priority_class"].append(_("Choose one of the listed groups."))
    courses = set(programme.events.filter(status=Event.Status.PUBLISHED).values_list("pk", flat=True))
    if not children:
        errors["children"].append(_("Enter at least one child."))
    for child in children:
        if not child.first_name.strip() or len(child.first_name.strip()) > 60:
            errors["children"].append(_("Enter the first name of every child (at most 60 characters)."))
        if not 0 <= child.age <= 20:
            errors["children"].append(_("Enter an age between 0 and 20."))
        if not child.courses or len(child.courses) > programme.max_wishes:
            errors["children"].append(
                _("Choose between 1 and %(count)d courses per child.") % {"count": programme.max_wishes}
            )
        if len(set(child.courses)) != len(child.courses) or not set(child.courses) <= courses:
            errors["children"].append(_("Choose each course only once, from the list."))
    if errors:
        raise ValidationError({key: list(dict.fromkeys(values)) for key, values in errors.items()})
    with transaction.atomic():
        application = WishApplication.objects.create(
            programme=programme,
            priority_class=priority_class,
            created_at=now,
            language=language,
            contact_name=contact_name.strip(),
            email=email.strip().lower(),
            phone=phone.strip(),
        )
        for child in children:
            row = WishChild.objects.create(
                application=application,
                first_name=child.first_name.strip(),
                age=child.age,
                together=child.together,
            )
            Wish.objects.bulk_create(
                Wish(child=row, event_id=pk, rank=rank) for rank, pk in enumerate(child.courses, start=1)
            )
    return application


def _inputs(programme: Programme) -> tuple[list[lottery.Child], dict[int, int], dict[int, WishChild]]:
    children = {
        c.pk: c
        for c in WishChild.objects.filter(application__programme=programme).select_related(
            "application__priority_class"
        )
    }
    wishes: dict[int, list[int]] = {pk: [] for pk in children}
    for child_id, event_id in (
        Wish.objects.filter(child__application__programme=programme)
        .order_by("child", "rank")
        .values_list("child_id", "event_id")
    ):
        wishes[child_id].append(event_id)
    together_count: dict[int, int] = {}
    for child in children.values():
        if child.together:
            together_count[child.application_id] = together_count.get(child.application_id, 0) + 1
    entries = [
        lottery.Child(
            key=pk,
            priority=child.application.priority_class.position,
            wishes=wishes[pk],
            unit=child.application_id
            if child.together and together_count.get(child.application_id, 0) > 1
            else None,
        )
        for pk, child in sorted(children.items())
    ]
    events = programme.events.filter(status=Event.Status.PUBLISHED)
    taken = {
        event.pk: event.registrations.filter(status__in=Registration.PLACE_STATUSES).count()
        for event in events
    }
    capacities = {event.pk: max(0, event.capacity - taken[event.pk]) for event in events}
    return entries, capacities, children


def run_draw(*, programme: Programme, seed: str = "", now: datetime | None = None) -> lottery.Result:
    """Draws once; the seed (random unless given) is stored and published. Won places become confirmed
    registrations under the household's manage link; results are mailed to every household."""
    now = now or timezone.now()
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        if programme.is_drawn:
            raise ValidationError(_("This programme has already been drawn."))
        if programme.wish_closes > now:
            raise ValidationError(_("The wish phase is not over yet."))
        # Lock the courses: no first-come registration may slip in while places are allocated.
        list(Event.objects.select_for_update().filter(programme=programme).values_list("pk", flat=True))
        seed = seed or secrets.token_hex(8)
        entries, capacities, children = _inputs(programme)
        result = lottery.draw(entries, capacities, seed=seed, max_courses=programme.max_courses_per_child)
        won_pairs = {(child, course) for child, courses in result.allocation.items() for course in courses}
        for wish in Wish.objects.filter(child__application__programme=programme):
            wish.won = (wish.child_id, wish.event_id) in won_pairs
            wish.save(update_fields=["won"])
        for pk, child in children.items():
            child.lottery_number = result.order.get(pk)
            child.explanation = [
                {"round": step.round, "course": step.course, "full": list(step.full_before)}
                for step in result.steps[pk]
            ]
            child.save(update_fields=["lottery_number", "explanation"])
            application = child.application
            for course in result.allocation[pk]:
                Registration.objects.create(
                    event_id=course,
                    token=application.token,
                    status=Registration.Status.CONFIRMED,
                    source=Registration.Source.LOTTERY,
                    created_at=now,
                    language=application.language,
                    contact_name=application.contact_name,
                    email=application.email,
                    phone=application.phone,
                    participant_name=child.first_name,
                    age=child.age,
                )
        programme.seed = seed
        programme.drawn_at = now
        programme.save(update_fields=["seed", "drawn_at"])
        application_ids = sorted({c.application_id for c in children.values()})
        for pk in application_ids:
            enqueue_with_transaction(mail_results, pk)
    return result


def verify_draw(programme: Programme) -> bool:
    """Re-runs the draw with the published seed and compares it with what is stored."""
    if not programme.is_drawn:
        return False
    entries, _capacities, _children = _inputs(programme)
    events = programme.events.filter(status=Event.Status.PUBLISHED)
    capacities = {
        e.pk: e.capacity
        - e.registrations.filter(status__in=Registration.PLACE_STATUSES).exclude(source="lottery").count()
        for e in events
    }
    result = lottery.draw(
        entries, capacities, seed=programme.seed, max_courses=programme.max_courses_per_child
    )
    stored = set(
        Wish.objects.filter(child__application__programme=programme, won=True).values_list(
            "child_id", "event_id"
        )
    )
    return stored == {(child, course) for child, courses in result.allocation.items() for course in courses}


def explain(child: WishChild, titles: dict[int, str], class_size: int) -> list[str]:
    """Why this child got what it got, in sentences for the family."""
    application = child.application
    lines = [
        _(
            "Group: %(group)s. Position in the draw within this group: %(number)d of %(size)d "
            "(groups are served in order; within a group the order is random)."
        )
        % {"group": application.priority_class.label, "number": child.lottery_number or 0, "size": class_size}
    ]
    for step in child.explanation:
        full = ", ".join(titles.get(pk, "?") for pk in step["full"])
        if step["course"] is not None:
            line = _("Round %(round)d: place in “%(course)s”.") % {
                "round": step["round"],
                "course": titles.get(step["course"], "?"),
            }
        else:
            line = _("Round %(round)d: no place.") % {"round": step["round"]}
        if full:
            line += " " + _("Already full at this child's turn: %(courses)s.") % {"courses": full}
        lines.append(line)
    return lines


@task()
def mail_results(application_id: int) -> None:
    with scopes_disabled():
        application = WishApplication.objects.select_related("programme__municipality").get(pk=application_id)
        if not application.email:
            return
        programme = application.programme
        children = list(application.children.prefetch_related("wishes"))
        titles = {e.pk: str(e) for e in programme.events.prefetch_related("translations")}
        with translation.override(application.language or "de"):
            url = base_url() + reverse(
                "events-public:wishes-manage",
                kwargs={
                    "municipality_slug": programme.municipality.slug,
                    "language": application.language or "de",
                    "token": application.token,
                },
            )
            rows = [(child, [titles[w.event_id] for w in child.wishes.all() if w.won]) for child in children]
            body = render_to_string(
                "events/mail/results.txt",
                {"programme": programme, "application": application, "rows": rows, "url": url},
            )
        subject = " ".join(body.splitlines()[0].split())
        send_mail(
            subject,
            "\n".join(body.splitlines()[1:]).strip() + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [application.email],
        )
        WishApplication.objects.filter(pk=application.pk).update(results_sent_at=timezone.now())
