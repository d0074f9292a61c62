"""How wide text looks: a CJK character takes two cells in a terminal and about two digit widths
in a spreadsheet column. Used for the workbooks' column widths and the console tables."""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable

_WIDE = frozenset({"W", "F"})


def display_width(text: str) -> int:
    """Cells `text` takes: East Asian wide and fullwidth characters count 2, others 1."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in _WIDE else 1
               for c in text if not unicodedata.combining(c))


def column_width(values: Iterable[Any], minimum: float = 6, maximum: float = 60,
                 padding: float = 2) -> float:
    """An Excel column width (in digit widths) that shows the widest of `values` on one line."""
    widest = max((display_width(_shown(v)) for v in values), default=0)
    return max(minimum, min(maximum, widest + padding))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
