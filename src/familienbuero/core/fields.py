"""Form fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# The range of the database's integer keys (64-bit on PostgreSQL and SQLite).
_KEY_LIMIT = 2**63


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a number no key can have (beyond the 64-bit range) is refused as an invalid
    choice before any query: SQLite cannot even bind it (``OverflowError``), and a hostile post must get
    a form error, never a server error."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for item in value:
                text = str(item).strip()
                # isdecimal, not isdigit: "²" is a digit that int() does not read.
                if text.lstrip("+-").isdecimal() and not -_KEY_LIMIT <= int(text) < _KEY_LIMIT:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super().clean(value)
