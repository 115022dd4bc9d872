"""Validators shared by several apps."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Digits with the separators people write in German numbers ("02855 80-0", "+49 (2855) 800").
phone_validator = RegexValidator(r"^\+?[0-9 ()/-]{5,30}$", _("Enter a phone number with digits only."))
postcode_validator = RegexValidator(r"^\d{5}$", _("A postcode has five digits."))
