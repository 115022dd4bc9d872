"""Read-only views for platform administrators. Nobody changes or deletes log entries or consents here:
the access log is append-only, consents are revoked in the back office, retention is set there too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from familienbuero.privacy.models import AccessLog, Consent, ErasureRun, RetentionOverride


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "municipality", "actor_name", "action", "object_type", "object_id", "object_label"]
    list_filter = ["action", "municipality"]
    search_fields = ["actor_name", "object_id"]
    date_hierarchy = "at"


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["given_at", "municipality", "purpose", "text_version", "revoked_at"]
    list_filter = ["purpose", "municipality"]


@admin.register(RetentionOverride)
class RetentionOverrideAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "key", "retention_days", "changed_at", "changed_by"]


@admin.register(ErasureRun)
class ErasureRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "failed", "results"]
