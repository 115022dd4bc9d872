"""Staff writes of holiday programmes: the programme, its priority groups (in draw order) and its
courses. Everything is checked before anything is stored; refused input stores nothing.

Rules: the wish phase ends after it starts; the planned draw date (shown to families) is not before
its end; a child cannot get more courses than it may wish for; at
least one group, names unique; a group families already chose cannot be removed (rename it instead),
nor a course families already wished for; courses are events of the programme's office that belong to
no other programme; once drawn, only the name and the description can change (the published seed must
keep reproducing the result).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from familienbuero.events.models import Event, PriorityClass, Programme, Wish, WishApplication
from familienbuero.tenancy.models import Office

#: The fields a drawn programme keeps (they decided the draw).
DRAW_FIELDS = ("office", "wish_opens", "wish_closes", "max_wishes", "max_courses_per_child")


@dataclass(frozen=True)
class ClassRow:
    """One row of the groups: an existing group (pk) or a new one (None); an empty label removes it."""

    pk: int | None
    label: str
    position: int | None = None


@dataclass(frozen=True)
class ProgrammeData:
    office: Office
    name: str
    description: str
    wish_opens: datetime
    wish_closes: datetime
    max_wishes: int
    max_courses_per_child: int
    draw_planned_on: date | None = None


def ordered_labels(rows: list[ClassRow]) -> list[ClassRow]:
    """Rows with a name, by their number (rows without a number after, in the order given)."""
    named = [(index, row) for index, row in enumerate(rows) if row.label.strip()]
    named.sort(key=lambda item: (item[1].position is None, item[1].position or 0, item[0]))
    return [row for _index, row in named]


def _check_classes(programme: Programme, rows: list[ClassRow], errors: dict[str, list[str]]) -> None:
    existing = {c.pk: c for c in programme.priority_classes.all()} if programme.pk else {}
    if any(row.pk is not None and row.pk not in existing for row in rows):
        errors["classes"].append(_("The form does not match this programme. Please reload it."))
    named = ordered_labels(rows)
    if not named:
        errors["classes"].append(_("Enter at least one group (e.g. “All families”)."))
    labels = [row.label.strip().casefold() for row in named]
    if len(set(labels)) < len(labels):
        errors["classes"].append(_("Each group needs its own name."))
    numbers = [row.position for row in named if row.position is not None]
    if len(set(numbers)) < len(numbers):
        errors["classes"].append(_("Give each group its own number."))
    kept = {row.pk for row in named if row.pk is not None}
    removed = [c for pk, c in existing.items() if pk not in kept]
    chosen = set(
        WishApplication.objects.filter(priority_class__in=removed).values_list("priority_class", flat=True)
    )
    for group in removed:
        if group.pk in chosen:
            errors["classes"].append(
                _("“%(group)s” cannot be removed: families have already chosen it. Rename it instead.")
                % {"group": group.label}
            )


def _check_courses(
    programme: Programme, office: Office, courses: list[Event], errors: dict[str, list[str]]
) -> None:
    for course in courses:
        if course.office_id != office.pk:
            errors["courses"].append(_("“%(course)s” is an event of another office.") % {"course": course})
        elif course.programme_id not in (None, programme.pk):
            errors["courses"].append(
                _("“%(course)s” already belongs to another programme.") % {"course": course}
            )
    if programme.pk:
        dropped = programme.events.exclude(pk__in=[c.pk for c in courses])
        wished = set(Wish.objects.filter(event__in=dropped).values_list("event_id", flat=True))
        for course in dropped.filter(pk__in=wished):
            errors["courses"].append(
                _("“%(course)s” cannot be taken out: families have already wished for it.")
                % {"course": course}
            )


def _comparable(value: object) -> object:
    """Times to the minute: the form shows and sends them without seconds."""
    return value.replace(second=0, microsecond=0) if isinstance(value, datetime) else value


def _drawn_unchanged(
    programme: Programme, data: ProgrammeData, rows: list[ClassRow], courses: list[Event]
) -> bool:
    """Whether everything that decided the draw stays as it is."""
    if any(_comparable(getattr(programme, name)) != _comparable(getattr(data, name)) for name in DRAW_FIELDS):
        return False
    classes = [(row.pk, row.label.strip()) for row in ordered_labels(rows)]
    if classes != [(c.pk, c.label) for c in programme.priority_classes.all()]:
        return False
    return {c.pk for c in courses} == set(programme.events.values_list("pk", flat=True))


def _check(
    programme: Programme, data: ProgrammeData, rows: list[ClassRow], courses: list[Event]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if data.wish_opens >= data.wish_closes:
        errors["wish_closes"].append(_("The wish phase must end after it starts."))
    if data.draw_planned_on and data.draw_planned_on < timezone.localdate(data.wish_closes):
        errors["draw_planned_on"].append(_("The draw can only take place after the wish phase."))
    if data.max_courses_per_child > data.max_wishes:
        errors["max_courses_per_child"].append(
            _("A child cannot get more courses than it may wish for (%(count)d).")
            % {"count": data.max_wishes}
        )
    _check_classes(programme, rows, errors)
    _check_courses(programme, data.office, courses, errors)
    if programme.pk and programme.is_drawn and not _drawn_unchanged(programme, data, rows, courses):
        errors["__all__"].append(
            _("The places of this programme have been drawn: only its name and description can change.")
        )
    return errors


def save_programme(
    *, programme: Programme, data: ProgrammeData, classes: list[ClassRow], courses: list[Event]
) -> Programme:
    """Creates or updates the programme with its groups (in order) and courses, or raises
    ``ValidationError`` (keys: form field names, ``classes``, ``courses``, ``__all__``)."""
    with transaction.atomic():
        if programme.pk:
            programme = Programme.objects.select_for_update().get(pk=programme.pk)
        errors = _check(programme, data, classes, courses)
        if errors:
            raise ValidationError({key: list(dict.fromkeys(values)) for key, values in errors.items()})
        for name, value in data.__dict__.items():
            setattr(programme, name, value)
        programme.full_clean(exclude=["seed", "drawn_at"])
        programme.save()
        named = ordered_labels(classes)
        kept = [row.pk for row in named if row.pk is not None]
        programme.priority_classes.exclude(pk__in=kept).delete()
        # Move the kept groups out of the way first: positions are unique per programme.
        for group in programme.priority_classes.all():
            group.position += 1000
            group.save(update_fields=["position"])
        for position, row in enumerate(named):
            if row.pk is None:
                PriorityClass.objects.create(programme=programme, position=position, label=row.label.strip())
            else:
                PriorityClass.objects.filter(pk=row.pk, programme=programme).update(
                    position=position, label=row.label.strip()
                )
        Event.objects.filter(programme=programme).exclude(pk__in=[c.pk for c in courses]).update(
            programme=None
        )
        Event.objects.filter(pk__in=[c.pk for c in courses]).update(programme=programme)
    return programme
