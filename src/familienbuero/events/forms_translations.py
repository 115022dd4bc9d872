"""Staff: the texts of an event in the site's other languages (German is entered in ``EventForm`` and is
required). Each language is one small form with its own prefix (``en-title`` …); its fields carry
``lang`` and ``dir`` so that spell checkers and screen readers treat the text as that language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

#: The site languages staff may give an event's texts in besides German (German is required).
OTHER_LANGUAGES = ("en", "tr", "ar", "uk")
#: The translated fields of an event, in the order of the form.
TRANSLATED_FIELDS = ("title", "description", "what_to_bring", "accessibility_notes")


class EventTranslationForm(forms.Form):
    """The texts of an event in one further language. All optional: where a text is missing, the public
    pages show the German one (marked with its language). A language with any text needs its title."""

    def __init__(self, *args: object, language: str, **kwargs: object) -> None:
        super().__init__(*args, prefix=language, **kwargs)
        self.language = language
        self.language_name = dict(settings.LANGUAGES)[language]
        name = self.language_name
        attrs = {"lang": language, "dir": "rtl" if language in settings.LANGUAGES_BIDI else "ltr"}
        self.fields["title"] = forms.CharField(
            label=_("Title (%(language)s)") % {"language": name},
            max_length=200,
            required=False,
            widget=forms.TextInput(attrs=attrs),
        )
        self.fields["description"] = forms.CharField(
            label=_("Description (%(language)s)") % {"language": name},
            max_length=4000,
            required=False,
            widget=forms.Textarea(attrs={**attrs, "rows": 5}),
        )
        self.fields["what_to_bring"] = forms.CharField(
            label=_("What to bring (%(language)s)") % {"language": name},
            max_length=1000,
            required=False,
            widget=forms.Textarea(attrs={**attrs, "rows": 3}),
        )
        self.fields["accessibility_notes"] = forms.CharField(
            label=_("Accessibility (%(language)s)") % {"language": name},
            max_length=1000,
            required=False,
            widget=forms.Textarea(attrs={**attrs, "rows": 3}),
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if any(data.get(name) for name in TRANSLATED_FIELDS[1:]) and not data.get("title"):
            self.add_error(
                "title",
                _("Enter the title in %(language)s too, or leave all %(language)s texts empty.")
                % {"language": self.language_name},
            )
        return data

    @property
    def has_text(self) -> bool:
        """Whether the language is filled in (then its part of the form is shown open)."""
        if self.is_bound:
            return any((self.data.get(f"{self.prefix}-{name}") or "").strip() for name in TRANSLATED_FIELDS)
        return any(self.initial.get(name) for name in TRANSLATED_FIELDS)

    def texts(self) -> dict[str, str] | None:
        """The cleaned texts, or None if the language is left empty (then it is removed)."""
        texts = {name: (self.cleaned_data.get(name) or "").strip() for name in TRANSLATED_FIELDS}
        return texts if any(texts.values()) else None


def translation_forms(
    data: object, initial: dict[str, dict[str, str]] | None = None
) -> list[EventTranslationForm]:
    initial = initial or {}
    return [EventTranslationForm(data, language=code, initial=initial.get(code)) for code in OTHER_LANGUAGES]
