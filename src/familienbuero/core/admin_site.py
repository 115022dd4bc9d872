"""The Django admin, limited to verified staff with an admin capability, scoped by municipality."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet, URLField
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from familienbuero.accounts import permissions


def _admin_has_permission(site: admin.AdminSite, request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)()
    return bool(user.is_active and verified and permissions.can_use_admin(user))


def _admin_login(site: admin.AdminSite, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """One login for everything: password, then the second factor; logged-in users without a role: 403."""
    next_url = request.GET.get("next", reverse("admin:index"))
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, reverse("accounts:login"))
    if not request.user.is_verified():
        return redirect_to_login(next_url, reverse("accounts:verify"))
    raise PermissionDenied


def install_admin_site(site: admin.AdminSite) -> None:
    site.site_header = _("Familienbüro administration")
    site.site_title = _("Familienbüro")
    site.index_title = _("Administration")
    site.has_permission = _admin_has_permission.__get__(site)  # type: ignore[method-assign]
    site.login = _admin_login.__get__(site)  # type: ignore[method-assign]
    site.admin_view = _scopes_disabled_admin_view(site.admin_view)  # type: ignore[method-assign]


def _scopes_disabled_admin_view(admin_view: Any) -> Any:
    """Admin views run without tenant scope; ``MunicipalityScopedAdmin`` filters explicitly instead."""

    def wrapper(view: Any, cacheable: bool = False) -> Any:
        inner = admin_view(view, cacheable)

        def scoped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            with scopes_disabled():
                response = inner(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return response

        return scoped

    return wrapper


class ScopedForeignKeyMixin:
    """Foreign-key choices limited to the municipalities the user may administer."""

    capability_model: str | None = None
    municipality_path = "municipality"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        allowed = self.allowed_municipality_ids(request)
        if allowed is None:
            return queryset
        return queryset.filter(**{f"{self.municipality_path}__in": allowed})

    def allowed_municipality_ids(self, request: HttpRequest) -> set[int] | None:
        if request.user.is_superuser:
            return None
        from familienbuero.accounts.roles import ADMIN_MODEL_CAPABILITIES

        opts = self.opts  # type: ignore[attr-defined]
        key = self.capability_model or f"{opts.app_label}.{opts.model_name}"
        return permissions.municipality_ids_with(request.user, ADMIN_MODEL_CAPABILITIES[key])

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        allowed = self.allowed_municipality_ids(request)
        related = db_field.related_model
        if allowed is not None:
            if related._meta.label_lower == "tenancy.municipality":
                kwargs["queryset"] = related._base_manager.filter(pk__in=allowed)
            else:
                path = _municipality_path_of(related)
                if path is not None:
                    kwargs["queryset"] = related._base_manager.filter(**{f"{path}__in": allowed})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class MunicipalityScopedAdmin(ScopedForeignKeyMixin, admin.ModelAdmin):
    """Shows a coordinator only the rows of municipalities where a role grants the model's capability.

    ``municipality_path`` is the lookup from the model to its municipality. Rows outside give 404.
    """

    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Model | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Not found."))
        return obj


def _municipality_path_of(model: type[Model]) -> str | None:
    """The lookup from a related model to its municipality, found by walking foreign keys."""
    names = {f.name: f for f in model._meta.get_fields() if getattr(f, "many_to_one", False)}
    if "municipality" in names:
        return "municipality"
    for name in ("office", "location", "organization", "service"):
        if name in names:
            inner = _municipality_path_of(names[name].related_model)
            if inner:
                return f"{name}__{inner}"
    return None


class ScopedInline(ScopedForeignKeyMixin, admin.TabularInline):
    """An inline whose rows and foreign-key choices are limited like its parent's."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        path = _municipality_path_of(self.model)
        if path is not None:
            self.municipality_path = path
        return super().get_queryset(request)
