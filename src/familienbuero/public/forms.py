from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Which barrier did you find?"),
        help_text=_("Describe what did not work for you and on which page. At most 4000 characters."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    page = forms.CharField(label=_("Page concerned (optional)"), max_length=500, required=False)
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        help_text=_("Only if you want an answer. We delete it 180 days after our answer."),
        max_length=254,
        required=False,
    )

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if "\x00" in message:
            raise forms.ValidationError(_("The text contains characters that are not allowed."))
        return message
