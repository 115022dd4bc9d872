"""Reads: what children may see (published rounds, approved ideas only) and the results."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from familienbuero.participation.models import Ballot, Idea, Option, Round
from familienbuero.tenancy.models import Municipality


def public_rounds(municipality: Municipality, today: date) -> tuple[list[Round], list[Round]]:
    """(rounds open today, rounds with a published result)."""
    rounds = list(
        Round.objects.filter(municipality=municipality, status=Round.Status.PUBLISHED).prefetch_related(
            "translations"
        )
    )
    open_now = [r for r in rounds if r.is_open(today)]
    results = [r for r in rounds if r.result_published]
    return open_now, results


def public_round_or_404(municipality: Municipality, round_uuid: uuid.UUID) -> Round:
    round_ = (
        Round.objects.filter(municipality=municipality, uuid=round_uuid, status=Round.Status.PUBLISHED)
        .prefetch_related("translations")
        .first()
    )
    if round_ is None:
        raise Http404
    return round_


def kiosk_round_or_404(municipality: Municipality, round_uuid: uuid.UUID, token: str) -> Round:
    round_ = public_round_or_404(municipality, round_uuid)
    if not token or token != round_.kiosk_token:
        raise Http404
    return round_


def staff_rounds(municipality: Municipality) -> QuerySet[Round]:
    return (
        Round.objects.filter(municipality=municipality)
        .prefetch_related("translations")
        .annotate(
            pending=Count("ideas", filter=Q(ideas__status=Idea.Status.PENDING), distinct=True),
            ballot_count=Count("ballots", distinct=True),
        )
    )


def staff_round_or_404(municipality: Municipality, round_uuid: uuid.UUID) -> Round:
    round_ = Round.objects.filter(municipality=municipality, uuid=round_uuid).first()
    if round_ is None:
        raise Http404
    return round_


def staff_idea_or_404(municipality: Municipality, pk: int) -> Idea:
    idea = Idea.objects.filter(municipality=municipality, pk=pk).select_related("round").first()
    if idea is None:
        raise Http404
    return idea


def staff_option_or_404(municipality: Municipality, pk: int) -> Option:
    option = Option.objects.filter(municipality=municipality, pk=pk).select_related("round").first()
    if option is None:
        raise Http404
    return option


def public_image_option_or_404(municipality: Municipality, pk: int) -> Option:
    option = (
        Option.objects.filter(municipality=municipality, pk=pk, round__status=Round.Status.PUBLISHED)
        .exclude(image="")
        .first()
    )
    if option is None:
        raise Http404
    return option


def visible_ideas(round_: Round) -> QuerySet[Idea]:
    """Only ideas a member of staff approved: nothing unmoderated is ever shown."""
    return Idea.objects.filter(round=round_, status=Idea.Status.APPROVED)


def options(round_: Round) -> QuerySet[Option]:
    return Option.objects.filter(round=round_).prefetch_related("translations")


@dataclass(frozen=True)
class ResultRow:
    option: Option
    dots: int
    rank: int


@dataclass(frozen=True)
class Results:
    rows: tuple[ResultRow, ...]
    ballots: int

    @property
    def dots(self) -> int:
        return sum(row.dots for row in self.rows)


def results(round_: Round) -> Results:
    """Dots per option, most first (ties share a rank), and the number of ballots."""
    counted = list(
        Option.objects.filter(round=round_)
        .prefetch_related("translations")
        .annotate(dot_count=Count("dots"))
        .order_by("-dot_count", "position", "pk")
    )
    rows = []
    rank = 0
    previous = None
    for index, option in enumerate(counted, start=1):
        if option.dot_count != previous:
            rank = index
            previous = option.dot_count
        rows.append(ResultRow(option=option, dots=option.dot_count, rank=rank))
    return Results(rows=tuple(rows), ballots=Ballot.objects.filter(round=round_).count())
