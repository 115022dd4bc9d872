"""Writes of the participation rounds, one function per use case."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from familienbuero.participation.images import process_image
from familienbuero.participation.labels import BALLOT_SESSION_DAYS
from familienbuero.participation.models import MAX_DOTS, Ballot, Dot, Idea, Option, PaperCode, Round
from familienbuero.tenancy.models import Municipality, Office

#: Letters and digits that cannot be confused when read from paper (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CODES_PER_BATCH = 500

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"(?:\+|\b0)[\d /()-]{6,}\d")
_URL = re.compile(r"(https?://|www\.)", re.IGNORECASE)


def session_hash(round_: Round, session_key: str) -> str:
    """A keyed hash: the same session gives the same value for this round, and nothing leads back."""
    message = f"{round_.uuid}:{session_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def round_create(
    *,
    municipality: Municipality,
    question: str,
    age_min: int,
    age_max: int,
    opens_on: date,
    closes_on: date,
    easy_text: str = "",
    allow_ideas: bool = True,
    requires_code: bool = False,
    office: Office | None = None,
) -> Round:
    round_ = Round(
        municipality=municipality,
        office=office,
        question=question,
        easy_text=easy_text,
        age_min=age_min,
        age_max=age_max,
        opens_on=opens_on,
        closes_on=closes_on,
        allow_ideas=allow_ideas,
        requires_code=requires_code,
    )
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def round_set_status(*, round_: Round, status: str) -> Round:
    round_.status = status
    round_.save(update_fields=["status"])
    return round_


@transaction.atomic
def option_add(
    *,
    round_: Round,
    title: str,
    description: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
) -> Option:
    if image is not None and not image_alt.strip():
        raise ValidationError({"image_alt": _("Please say in a few words what the picture shows.")})
    option = Option(
        municipality_id=round_.municipality_id,
        round=round_,
        title=title,
        description=description,
        image_alt=image_alt,
        position=round_.options.count() + 1,
    )
    if image is not None:
        cleaned = process_image(image)
        option.image.save(cleaned.name, cleaned, save=False)
    option.full_clean()
    option.save()
    return option


def check_no_personal_data(text: str) -> None:
    if _EMAIL.search(text) or _PHONE.search(text) or _URL.search(text):
        raise ValidationError(
            {"text": _("Please write no e-mail address, phone number or link. Just your idea.")}
        )


@transaction.atomic
def idea_submit(*, round_: Round, text: str, today: date | None = None) -> Idea:
    today = today or timezone.localdate()
    if not round_.allow_ideas:
        raise ValidationError(_("This round takes no ideas."))
    if not round_.is_open(today):
        raise ValidationError(_("This round is closed. You cannot take part now."), code="closed")
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": _("Please write your idea.")})
    check_no_personal_data(text)
    idea = Idea(municipality_id=round_.municipality_id, round=round_, text=text)
    idea.full_clean()
    idea.save()
    return idea


@transaction.atomic
def idea_moderate(*, idea: Idea, approve: bool, put_to_vote: bool = False, text: str | None = None) -> Idea:
    """Approves (optionally with a corrected text, e.g. a name removed) or rejects an idea. An approved
    idea may be put to the vote as an option."""
    if text is not None and text.strip():
        idea.text = " ".join(text.split())
        check_no_personal_data(idea.text)
    idea.status = Idea.Status.APPROVED if approve else Idea.Status.REJECTED
    idea.moderated_at = timezone.now()
    idea.full_clean()
    idea.save()
    if approve and put_to_vote:
        option_add(
            round_=idea.round, title=idea.text[:80], description=idea.text if len(idea.text) > 80 else ""
        )
    return idea


@transaction.atomic
def codes_generate(*, round_: Round, count: int) -> list[PaperCode]:
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(_("Between 1 and %(max)s codes at a time.") % {"max": MAX_CODES_PER_BATCH})
    existing = set(round_.codes.values_list("code", flat=True))
    fresh: set[str] = set()
    while len(fresh) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in existing:
            fresh.add(code)
    return PaperCode.objects.bulk_create(
        [PaperCode(municipality_id=round_.municipality_id, round=round_, code=code) for code in sorted(fresh)]
    )


def normalise_code(raw: str) -> str:
    return "".join(raw.split()).upper().replace("-", "")


class AlreadyVoted(ValidationError):
    pass


def vote_cast(
    *,
    round_: Round,
    option_ids: list[int],
    session_key: str = "",
    code: str = "",
    via_kiosk: bool = False,
    today: date | None = None,
) -> Ballot:
    """One ballot with one to three dots, each on a different option of this round.

    Outside the round's dates nothing is accepted. Without a code, one ballot per browser session (the
    unique constraint decides, also between simultaneous requests). With a code, one ballot per code
    (the code is taken by a conditional update, so two requests cannot both use it)."""
    today = today or timezone.localdate()
    if not round_.is_open(today):
        raise ValidationError(_("This round is closed. You cannot take part now."), code="closed")
    chosen = sorted(set(option_ids))
    if not chosen:
        raise ValidationError(_("Choose at least one thing."), code="empty")
    if len(chosen) > MAX_DOTS:
        raise ValidationError(_("You have only three dots. Choose at most three things."), code="too_many")
    options = list(Option.objects.filter(round=round_, pk__in=chosen))
    if len(options) != len(chosen):
        raise ValidationError(_("Please choose from the list."), code="unknown_option")
    try:
        with transaction.atomic():
            paper_code = None
            if round_.requires_code and not via_kiosk:
                paper_code = PaperCode.objects.filter(round=round_, code=normalise_code(code)).first()
                if paper_code is None:
                    raise ValidationError({"code": _("This code is not right. Look at your card again.")})
                taken = PaperCode.objects.filter(pk=paper_code.pk, used_at__isnull=True).update(
                    used_at=timezone.now()
                )
                if not taken:
                    raise AlreadyVoted({"code": _("This code was already used.")}, code="used")
            key = "" if (paper_code is not None or via_kiosk) else session_hash(round_, session_key)
            if not via_kiosk and paper_code is None and not session_key:
                raise ValidationError(_("Please allow cookies for this page to vote."), code="no_session")
            ballot = Ballot.objects.create(
                municipality_id=round_.municipality_id,
                round=round_,
                session_hash=key,
                code=paper_code,
                via_kiosk=via_kiosk,
            )
            Dot.objects.bulk_create([Dot(ballot=ballot, option=option) for option in options])
    except IntegrityError as error:
        raise AlreadyVoted(_("You have already voted. Thank you!"), code="already_voted") from error
    return ballot


@transaction.atomic
def result_publish(
    *, round_: Round, result_text: str, option_outcomes: dict[int, str], idea_outcomes: dict[int, str]
) -> Round:
    if not result_text.strip():
        raise ValidationError({"result_text": _("Please write what will be done.")})
    round_.result_text = result_text.strip()
    round_.result_published_at = round_.result_published_at or timezone.now()
    round_.save(update_fields=["result_text", "result_published_at"])
    for option in Option.objects.filter(round=round_, pk__in=option_outcomes):
        option.outcome = option_outcomes[option.pk].strip()
        option.save(update_fields=["outcome"])
    for idea in Idea.objects.filter(round=round_, pk__in=idea_outcomes, status=Idea.Status.APPROVED):
        idea.outcome = idea_outcomes[idea.pk].strip()
        idea.save(update_fields=["outcome"])
    return round_


def erase_ballot_session_hashes(*, now: datetime | None = None) -> int:
    """Blanks the session hashes of ballots of rounds closed more than ``BALLOT_SESSION_DAYS`` ago
    (processing register entry "participation"); the dots stay and still count."""
    today = timezone.localdate(now or timezone.now())
    with scopes_disabled():
        return (
            Ballot.objects.filter(round__closes_on__lt=today - timedelta(days=BALLOT_SESSION_DAYS))
            .exclude(session_hash="")
            .update(session_hash="")
        )
