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

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

MAX_DOTS = 3
IDEA_MAX_LENGTH = 200


def new_kiosk_token() -> str:
    return secrets.token_urlsafe(18)


class Round(models.Model):
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
    question = models.CharField(_("question"), max_length=200)
    easy_text = models.TextField(
        _("explanation in easy language"),
        blank=True,
        help_text=_("Short sentences. One idea per sentence. It is read aloud well."),
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
    result_text = models.TextField(_("what will be done"), blank=True)
    result_published_at = models.DateTimeField(_("result published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

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
        return self.question

    def is_open(self, today: date) -> bool:
        return self.status == self.Status.PUBLISHED and self.opens_on <= today <= self.closes_on

    @property
    def result_published(self) -> bool:
        return self.result_published_at is not None


class Option(models.Model):
    """Something to vote for, prepared by staff (or an approved idea put to the vote)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(_("title"), max_length=80)
    description = models.CharField(_("short description"), max_length=200, blank=True)
    image = models.ImageField(_("picture"), upload_to="participation/", blank=True)
    image_alt = models.CharField(
        _("what the picture shows"),
        max_length=150,
        blank=True,
        help_text=_("Read aloud to children who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(_("what became of it"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


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
