from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Username and password; the second factor is asked on the next page."""

    error_messages = {
        "invalid_login": _("The user name or the password is wrong. Please check both and try again."),
        "inactive": _("This account is deactivated."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("User name")
        for name, limit in (("username", 150), ("password", 200)):
            field = self.fields[name]
            field.max_length = limit
            field.widget.attrs["maxlength"] = limit
            field.validators.append(MaxLengthValidator(limit))
        self.fields["password"].label = _("Password")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        strip=True,
        validators=[RegexValidator(r"^\d{6}$", _("The code has exactly six digits."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )
