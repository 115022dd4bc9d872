from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from parler.forms import TranslatableModelForm

from familienbuero.core.admin_site import MunicipalityScopedAdmin
from familienbuero.public import services
from familienbuero.public.models import AccessibilityFeedback, LegalInfo


class LegalInfoForm(TranslatableModelForm):
    class Meta:
        model = LegalInfo
        exclude: list[str] = []

    def clean_sign_language_video(self) -> Any:
        video = self.cleaned_data.get("sign_language_video")
        if isinstance(video, UploadedFile):  # a new upload, not the stored file
            duration, size = services.inspect_sign_language_video(video, video.size)
            self.video_facts = (duration, size)
        return video


@admin.register(LegalInfo)
class LegalInfoAdmin(MunicipalityScopedAdmin, TranslatableAdmin):
    form = LegalInfoForm
    list_display = ["municipality", "provider_name", "conformance", "last_review"]
    readonly_fields = ["sign_language_video_bytes"]
    fieldsets = [
        (None, {"fields": ["municipality"]}),
        (
            "Impressum",
            {
                "fields": [
                    "provider_name",
                    "legal_form",
                    "represented_by",
                    "street",
                    "postcode",
                    "city",
                    "phone",
                    "email",
                    "vat_id",
                    "supervisory_authority",
                    "content_responsible",
                ]
            },
        ),
        (
            "Datenschutz",
            {
                "fields": [
                    "dpo_name",
                    "dpo_email",
                    "dpo_address",
                    "hosting",
                    "mail_relay",
                    "sms_gateway",
                    "data_protection_authority",
                    "privacy_text",
                ]
            },
        ),
        (
            "Barrierefreiheit",
            {
                "fields": [
                    "conformance",
                    "statement_date",
                    "last_review",
                    "review_method",
                    "non_accessible_parts",
                    "enforcement_body",
                    "feedback_email",
                ]
            },
        ),
        ("Leichte Sprache", {"fields": ["easy_language_intro"]}),
        (
            _("Sign language"),
            {"fields": ["sign_language_video", "sign_language_video_seconds", "sign_language_video_bytes"]},
        ),
    ]

    def save_model(self, request: HttpRequest, obj: LegalInfo, form: forms.ModelForm, change: bool) -> None:
        facts = getattr(form, "video_facts", None)
        if facts is not None:
            duration, size = facts
            obj.sign_language_video_bytes = size
            if duration is not None:
                obj.sign_language_video_seconds = duration
        super().save_model(request, obj, form, change)


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(MunicipalityScopedAdmin):
    list_display = ["created_at", "due_on", "status", "page", "municipality"]
    list_filter = ["status"]
    readonly_fields = [
        "created_at",
        "due_on",
        "page",
        "message",
        "name",
        "email",
        "reminded_at",
        "answered_at",
        "contact_erased_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
