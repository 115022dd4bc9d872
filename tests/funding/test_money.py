"""Amounts: German and plain input accepted, anything malformed refused with a clear German message;
the funding code holds no floats."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from familienbuero.funding import models as funding_models
from familienbuero.funding.money import format_eur, parse_amount

FUNDING = Path(__file__).resolve().parents[2] / "src" / "familienbuero" / "funding"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("87.500,00 €", "87500.00"),
        ("252.500", "252500.00"),
        ("5000", "5000.00"),
        ("0,5", "0.50"),
        (" 12,30 EUR ", "12.30"),
        ("1.000.000,01", "1000000.01"),
    ],
)
def test_accepts_german_and_plain_amounts(raw, expected):
    value = parse_amount(raw)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "raw",
    [
        "12,3,4",
        "1e5",
        "1E5",
        "-5",
        "-5,00",
        "12,345",
        "1.2345",
        "1,234.56",
        "1.23.4",
        "",
        "abc",
        "NaN",
        "Infinity",
        "12.3.4",
        "1 2,3,4",
        "0x10",
        "١٢٣",
        "1.234,567",
        "99999999999,00",
    ],
)
def test_refuses_malformed_amounts_with_a_clear_german_message(raw):
    with override("de"), pytest.raises(ValidationError) as error:
        parse_amount(raw)
    message = " ".join(error.value.messages)
    assert "Betrag" in message


def test_formats_german_notation():
    assert format_eur(Decimal("252500")) == "252.500,00 €"
    assert format_eur(Decimal("7675")) == "7.675,00 €"
    assert format_eur(Decimal("0.5")) == "0,50 €"
    assert format_eur(Decimal("-1234.5")) == "-1.234,50 €"


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2))
def test_formatted_amount_parses_back_exactly(value):
    assert parse_amount(format_eur(value)) == value


def test_no_float_anywhere_in_the_funding_code():
    offenders = []
    for path in FUNDING.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\bfloat\(", r"FloatField"):
            if re.search(pattern, text):
                offenders.append(f"{path.name}: {pattern}")
    assert not offenders


def test_every_money_column_is_a_decimal():
    for model in (funding_models.BudgetLine, funding_models.FundingSource, funding_models.Expense):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.FloatField), field
    assert isinstance(funding_models.Expense._meta.get_field("amount"), models.DecimalField)
    assert isinstance(funding_models.BudgetLine._meta.get_field("planned_amount"), models.DecimalField)
    assert isinstance(funding_models.FundingSource._meta.get_field("fixed_amount"), models.DecimalField)
    assert isinstance(funding_models.FundingSource._meta.get_field("rate"), models.DecimalField)
