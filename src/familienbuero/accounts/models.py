"""Staff accounts and their memberships (roles) in municipalities, offices and organisations.

Families never have accounts: they book and register with a manage link.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from familienbuero.accounts.roles import Role


class User(AbstractUser):
    """A staff member. Platform administrators are superusers; all others act through memberships."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """One role of a user in one municipality; office and provider roles name their office/organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    office = models.ForeignKey(
        "tenancy.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("office"),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[Role.COORDINATOR, Role.DATA_PROTECTION],
                        office__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(role=Role.OFFICE_STAFF, office__isnull=False, organization__isnull=True)
                    | Q(
                        role__in=[Role.PROVIDER_STAFF, Role.PARTNER_EDITOR],
                        office__isnull=True,
                        organization__isnull=False,
                    )
                ),
                name="membership_role_target",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(role=Role.COORDINATOR),
                name="membership_unique_coordinator",
            ),
            models.UniqueConstraint(
                fields=["user", "office"],
                condition=Q(role=Role.OFFICE_STAFF),
                name="membership_unique_office",
            ),
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=Q(organization__isnull=False),
                name="membership_unique_organization_role",
            ),
        ]

    def __str__(self) -> str:
        target = self.office or self.organization or self.municipality
        return f"{self.user} – {self.get_role_display()} – {target}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.role == Role.OFFICE_STAFF and not self.office_id:
            errors["office"] = _("Office staff need an office.")
        if self.role in (Role.PROVIDER_STAFF, Role.PARTNER_EDITOR) and not self.organization_id:
            errors["organization"] = _("This role needs an organisation.")
        if self.role in (Role.COORDINATOR, Role.DATA_PROTECTION) and (self.office_id or self.organization_id):
            errors["role"] = _(
                "A coordinator acts for the whole municipality; leave office and organisation empty."
            )
        if self.role != Role.OFFICE_STAFF and self.office_id:
            errors.setdefault("office", _("Only office staff belong to an office."))
        if self.role not in (Role.PROVIDER_STAFF, Role.PARTNER_EDITOR) and self.organization_id:
            errors.setdefault(
                "organization", _("Only provider staff and partner editors belong to an organisation.")
            )
        for field, related in (("office", self.office), ("organization", self.organization)):
            if related is not None and related.municipality_id != self.municipality_id:
                errors[field] = _("It belongs to another municipality.")
        if errors:
            raise ValidationError(errors)
