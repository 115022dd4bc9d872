"""Money is ``Decimal`` rounded to cents, never a binary fraction.

``parse_amount`` accepts what people type in a German office ("1.234,56", "1234,56", "87.500 €") and
the plain form ("1234.56"); it refuses everything ambiguous or odd ("12,3,4", "1e5", "-5", "1,234")
with a message that says what is expected.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
#: Upper bound of one amount (the database column holds 12 digits, 2 of them cents).
MAX_AMOUNT = Decimal("9999999999.99")

_GERMAN_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$", re.ASCII)  # 1.234,56  87.500
_GERMAN_PLAIN = re.compile(r"^\d+(,\d{1,2})?$", re.ASCII)  # 1234,56  5000
_POINT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$", re.ASCII)  # 1234.56  12.5

INVALID_MESSAGE = _(
    "Please enter an amount in euros such as 1.234,56 – digits, at most two decimal places, no minus sign."
)


def cents(value: Decimal) -> Decimal:
    """Rounds to whole cents, half up (as a cashier does)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(raw: object) -> Decimal:
    """The amount typed in ``raw`` as a Decimal in cents; ValidationError if it is not clearly one."""
    text = format(raw, "f") if isinstance(raw, Decimal) else str(raw if raw is not None else "")
    text = text.strip().replace("\u00a0", " ")
    for suffix in ("€", "EUR", "eur", "Euro"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    text = text.replace(" ", "")
    if _GERMAN_GROUPED.match(text):
        normal = text.replace(".", "").replace(",", ".")
    elif _GERMAN_PLAIN.match(text):
        normal = text.replace(",", ".")
    elif _POINT_DECIMAL.match(text):
        normal = text
    else:
        raise ValidationError(INVALID_MESSAGE, code="invalid_amount")
    try:
        value = Decimal(normal)
    except InvalidOperation as error:  # pragma: no cover - the patterns above admit only digits
        raise ValidationError(INVALID_MESSAGE, code="invalid_amount") from error
    if value > MAX_AMOUNT:
        raise ValidationError(_("This amount is too large."), code="amount_too_large")
    return cents(value)


def format_eur(value: Decimal | None) -> str:
    """German notation with thousands separators: ``Decimal("252500")`` → ``252.500,00 €``."""
    if value is None:
        return "–"
    value = cents(value)
    sign = "-" if value < 0 else ""
    whole, fraction = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{'.'.join(groups)},{fraction} €"
