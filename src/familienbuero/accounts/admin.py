from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts.models import Membership, User
from familienbuero.core.admin_site import MunicipalityScopedAdmin, ScopedInline


class MembershipInline(ScopedInline):
    model = Membership
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(MunicipalityScopedAdmin, DjangoUserAdmin):
    """Coordinators see their municipality's staff and accounts that have no role yet (new ones).

    Accounts that also hold a role elsewhere (or are platform administrators) are left to the platform
    administrators: otherwise one municipality's coordinator could take over another's staff account.
    """

    capability_model = "accounts.membership"
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Contact"), {"fields": ("first_name", "last_name", "email", "preferred_language")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        queryset = admin.ModelAdmin.get_queryset(self, request)
        allowed = self.allowed_municipality_ids(request)
        if allowed is None:
            return queryset
        foreign = Membership._base_manager.exclude(municipality__in=allowed).values("user_id")
        return (
            queryset.filter(Q(memberships__municipality__in=allowed) | Q(memberships__isnull=True))
            .exclude(pk__in=foreign)
            .exclude(is_superuser=True)
            .distinct()
        )

    def get_inline_instances(self, request, obj=None):  # type: ignore[no-untyped-def]
        return super().get_inline_instances(request, obj) if obj is not None else []


@admin.register(Membership)
class MembershipAdmin(MunicipalityScopedAdmin):
    list_display = ["user", "role", "municipality", "office", "organization"]
    list_filter = ["role", "municipality"]
