"""Writes of the participation rounds, one function per use case."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
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
from familienbuero.participation.models import (
    MAX_DOTS,
    TEXT_LANGUAGES,
    Ballot,
    Dot,
    Idea,
    Option,
    PaperCode,
    Round,
)
from familienbuero.tenancy.models import Municipality, Office

#: Letters and digits that cannot be confused when read from paper (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CODES_PER_BATCH = 500

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"(?:\+|\b0)[\d /()-]{6,}\d")
_URL = re.compile(r"(https?://|www\.)", re.IGNORECASE)


#: {"en": {"question": "…", "easy_text": "…"}, "ar": {…}}: texts in languages other than German.
Translations = Mapping[str, Mapping[str, str]]


def _set_texts(obj: Round | Option, german: Mapping[str, str], translations: Translations | None) -> None:
    """Sets the German texts and the other languages' texts (any of them may be empty: the child then
    sees the German one). Lengths are checked against the translation model, errors are keyed like the
    form fields (``question`` for German, ``question_ar`` for Arabic)."""
    translation_model = obj._parler_meta.root_model
    errors: dict[str, list[str]] = {}
    texts = {"de": german, **{lang: values for lang, values in (translations or {}).items() if lang != "de"}}
    for language, values in texts.items():
        if language not in TEXT_LANGUAGES:
            raise ValidationError(_("Unknown language: %(code)s") % {"code": language[:10]})
        entered = any((v or "").strip() for v in values.values())
        if language != "de" and not entered and not obj.has_translation(language):
            continue  # nothing entered: no empty row, the German text is shown
        obj.set_current_language(language)
        for name, value in values.items():
            value = (value or "").strip()
            try:
                translation_model._meta.get_field(name).run_validators(value)
            except ValidationError as error:
                errors[name if language == "de" else f"{name}_{language}"] = error.messages
            setattr(obj, name, value)
    obj.set_current_language("de")
    if errors:
        raise ValidationError(errors)


def texts_by_language(obj: Round | Option) -> dict[str, dict[str, str]]:
    """The texts as stored, per language (no fallback): what a staff edit form starts from."""
    fields = list(obj._parler_meta.get_translated_fields())
    return {
        row.language_code: {name: getattr(row, name) for name in fields} for row in obj.translations.all()
    }


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
    translations: Translations | None = None,
) -> Round:
    """A new round (a draft). ``question``/``easy_text`` are German; ``translations`` the other languages."""
    round_ = Round(
        municipality=municipality,
        office=office,
        age_min=age_min,
        age_max=age_max,
        opens_on=opens_on,
        closes_on=closes_on,
        allow_ideas=allow_ideas,
        requires_code=requires_code,
    )
    _round_texts(round_, question, easy_text, translations)
    round_.full_clean()
    round_.save()
    return round_


def _round_texts(round_: Round, question: str, easy_text: str, translations: Translations | None) -> None:
    if not question.strip():
        raise ValidationError({"question": _("Please write the question in German.")})
    _set_texts(round_, {"question": question, "easy_text": easy_text}, translations)


@transaction.atomic
def round_update(
    *,
    round_: Round,
    question: str,
    age_min: int,
    age_max: int,
    opens_on: date,
    closes_on: date,
    easy_text: str = "",
    allow_ideas: bool = True,
    requires_code: bool = False,
    translations: Translations | None = None,
) -> Round:
    """Corrects a round's texts (in every language), ages, dates and settings."""
    round_.age_min, round_.age_max = age_min, age_max
    round_.opens_on, round_.closes_on = opens_on, closes_on
    round_.allow_ideas, round_.requires_code = allow_ideas, requires_code
    _round_texts(round_, question, easy_text, translations)
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
    translations: Translations | None = None,
) -> Option:
    """``title``, ``description`` and ``image_alt`` are German; ``translations`` the other languages."""
    option = Option(
        municipality_id=round_.municipality_id,
        round=round_,
        position=round_.options.count() + 1,
    )
    _option_texts(option, title, description, image_alt, translations, has_image=image is not None)
    if image is not None:
        cleaned = process_image(image)
        option.image.save(cleaned.name, cleaned, save=False)
    option.full_clean()
    option.save()
    return option


def _option_texts(
    option: Option,
    title: str,
    description: str,
    image_alt: str,
    translations: Translations | None,
    *,
    has_image: bool,
) -> None:
    if not title.strip():
        raise ValidationError({"title": _("Please write the title in German.")})
    if has_image and not image_alt.strip():
        raise ValidationError({"image_alt": _("Please say in a few words what the picture shows.")})
    _set_texts(option, {"title": title, "description": description, "image_alt": image_alt}, translations)


@transaction.atomic
def option_update(
    *,
    option: Option,
    title: str,
    description: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
    translations: Translations | None = None,
) -> Option:
    """Corrects an option's texts in every language; a new picture replaces the old one."""
    _option_texts(
        option,
        title,
        description,
        image_alt,
        translations,
        has_image=image is not None or bool(option.image),
    )
    if image is not None:
        cleaned = process_image(image)
        old = option.image.name if option.image else ""
        option.image.save(cleaned.name, cleaned, save=False)
        if old:
            transaction.on_commit(lambda: option.image.storage.delete(old))
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
    *,
    round_: Round,
    result_text: str,
    option_outcomes: dict[int, str],
    idea_outcomes: dict[int, str],
    result_translations: Mapping[str, str] | None = None,
    outcome_translations: Mapping[int, Mapping[str, str]] | None = None,
) -> Round:
    """Publishes what will be done. ``result_text`` and ``option_outcomes`` are German; the translations
    are ``{"ar": "…"}`` for the result and ``{option_pk: {"ar": "…"}}`` for the options. What became of an
    idea is written once (the idea itself stays as the child wrote it)."""
    if not result_text.strip():
        raise ValidationError({"result_text": _("Please write what will be done.")})
    _set_texts(
        round_,
        {"result_text": result_text},
        {lang: {"result_text": text} for lang, text in (result_translations or {}).items()},
    )
    round_.result_published_at = round_.result_published_at or timezone.now()
    round_.save(update_fields=["result_published_at"])
    outcome_translations = outcome_translations or {}
    for option in Option.objects.filter(round=round_, pk__in=option_outcomes):
        others = outcome_translations.get(option.pk, {})
        try:
            _set_texts(
                option,
                {"outcome": option_outcomes[option.pk]},
                {lang: {"outcome": text} for lang, text in others.items()},
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    f"option_{option.pk}{name.removeprefix('outcome')}": msgs
                    for name, msgs in error.message_dict.items()
                }
            ) from error
        option.save()
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
