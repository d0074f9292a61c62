"""Points are Decimals (3.1 + 0.4 is exactly 3.5); these show them as people and files expect."""

from __future__ import annotations

from decimal import Decimal


def plain_number(value: Decimal) -> int | float:
    """A Decimal as the JSON/Excel number it stands for: 70 stays an int, 3.5 a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def plain_text(value: Decimal) -> str:
    """A Decimal as text without trailing zeros: 3.50 → "3.5", 4.0 → "4"."""
    return format(value.normalize(), "f")
