from decimal import Decimal

from django import template

from familienbuero.funding.money import format_eur

register = template.Library()


@register.filter
def eur(value: Decimal | None) -> str:
    """``252500`` → ``252.500,00 €``."""
    return format_eur(value)
