"""Participation rounds for children and youths: a question, options prepared by staff (with a picture),
ideas the children write, and ballots of up to three dots.

Nothing here identifies a child. A ballot stores a keyed hash of the browser session (so that one
session votes once) or the paper code it was cast with, and when; an idea stores its text only. Ideas
are shown only after a member of staff approved them.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.cache import is_missing
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

MAX_DOTS = 3
IDEA_MAX_LENGTH = 200


#: Languages staff may enter texts in besides German (German is required; the others fall back to it).
TEXT_LANGUAGES = ("de", "en", "tr", "ar", "uk")


def new_kiosk_token() -> str:
    return secrets.token_urlsafe(18)


class _Shown:
    """``obj.shown.question``: the text in the active language, or the German one where it is missing;
    ``obj.shown_lang.question``: the language of that text (for ``lang`` attributes)."""

    def __init__(self, obj: FallbackTextMixin, *, language_only: bool = False) -> None:
        self._obj = obj
        self._language_only = language_only

    def __getattr__(self, field: str) -> str:
        if field.startswith("_"):
            raise AttributeError(field)
        if self._language_only:
            return self._obj.text_language(field)
        return self._obj.text_in(field)


class FallbackTextMixin:
    """Per-field fallback: parler falls back only when a language has no translation at all; a child
    should also see the German explanation when only the Arabic question was entered."""

    def _own_text(self, field: str, language: str) -> str:
        """The text stored for exactly this language (parler would fall back to German itself)."""
        cached = self._translations_cache[self._parler_meta.root_model].get(language)  # type: ignore[attr-defined]
        if cached is not None and not is_missing(cached):
            return getattr(cached, field) or ""
        prefetched = self._get_prefetched_translations()  # type: ignore[attr-defined]
        if prefetched is not None:  # all languages were loaded with the query: no query per text
            row = next((row for row in prefetched if row.language_code == language), None)
            return (getattr(row, field) or "") if row is not None else ""
        if not self.has_translation(language):  # type: ignore[attr-defined]
            return ""
        return self.safe_translation_getter(field, language_code=language) or ""  # type: ignore[attr-defined]

    def text_language(self, field: str, language: str | None = None) -> str:
        """The language the text of ``field`` is shown in: the asked one, or German where it is empty."""
        language = language or get_language() or settings.PARLER_DEFAULT_LANGUAGE_CODE
        if language != settings.PARLER_DEFAULT_LANGUAGE_CODE and self._own_text(field, language):
            return language
        return settings.PARLER_DEFAULT_LANGUAGE_CODE

    def text_in(self, field: str, language: str | None = None) -> str:
        return self._own_text(field, self.text_language(field, language))

    @property
    def shown(self) -> _Shown:
        return _Shown(self)

    @property
    def shown_lang(self) -> _Shown:
        return _Shown(self, language_only=True)


class Round(FallbackTextMixin, TranslatableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft (not visible)")
        PUBLISHED = "published", _("visible")

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(
        "tenancy.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    translations = TranslatedFields(
        # German is required (the services check it); other languages may leave any text empty.
        question=models.CharField(_("question"), max_length=200, blank=True),
        easy_text=models.TextField(
            _("explanation in easy language"),
            blank=True,
            max_length=2000,
            help_text=_("Short sentences. One idea per sentence. It is read aloud well."),
        ),
        result_text=models.TextField(_("what will be done"), blank=True, max_length=4000),
    )
    age_min = models.PositiveSmallIntegerField(_("from age"), validators=[MaxValueValidator(27)])
    age_max = models.PositiveSmallIntegerField(_("to age"), validators=[MaxValueValidator(27)])
    opens_on = models.DateField(_("voting opens on"))
    closes_on = models.DateField(_("voting closes on"))
    allow_ideas = models.BooleanField(_("children may write their own ideas"), default=True)
    requires_code = models.BooleanField(
        _("voting only with a paper code"),
        default=False,
        help_text=_("Codes are printed and handed out, e.g. at school: one code, one ballot."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    kiosk_token = models.CharField(max_length=40, default=new_kiosk_token, editable=False)
    result_published_at = models.DateTimeField(_("result published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("participation round")
        verbose_name_plural = _("participation rounds")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="participation_round_dates"
            ),
            models.CheckConstraint(condition=Q(age_max__gte=F("age_min")), name="participation_round_ages"),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("question", any_language=True) or str(self.uuid)[:8]

    def is_open(self, today: date) -> bool:
        return self.status == self.Status.PUBLISHED and self.opens_on <= today <= self.closes_on

    @property
    def result_published(self) -> bool:
        return self.result_published_at is not None


class Option(FallbackTextMixin, TranslatableModel):
    """Something to vote for, prepared by staff (or an approved idea put to the vote)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="options")
    image = models.ImageField(_("picture"), upload_to="participation/", blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=80, blank=True),
        description=models.CharField(_("short description"), max_length=200, blank=True),
        image_alt=models.CharField(
            _("what the picture shows"),
            max_length=150,
            blank=True,
            help_text=_("Read aloud to children who cannot see it."),
        ),
        outcome=models.CharField(_("what became of it"), max_length=300, blank=True),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or f"Option {self.pk}"


class Idea(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not shown")

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ideas")
    text = models.CharField(_("idea"), max_length=IDEA_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome = models.CharField(_("what became of it"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["round", "status"], name="participation_idea_status")]

    def __str__(self) -> str:
        return self.text[:60]


class PaperCode(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=12)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="participation_code_unique")]

    def __str__(self) -> str:
        return self.code


class Ballot(models.Model):
    """One child's vote: up to three dots. ``session_hash`` is a keyed hash of the browser session;
    with a paper code, the code is the key instead."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    session_hash = models.CharField(max_length=64, blank=True)
    code = models.OneToOneField(
        PaperCode, on_delete=models.PROTECT, null=True, blank=True, related_name="ballot"
    )
    via_kiosk = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "session_hash"],
                condition=~Q(session_hash=""),
                name="participation_one_ballot_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot {self.pk}"


class Dot(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="dots")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="dots")

    objects = ScopedManager(municipality="ballot__municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="participation_dot_once")]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.option_id}"
