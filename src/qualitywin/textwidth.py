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
    return sum(
        2 if unicodedata.east_asian_width(c) in _WIDE else 1
        for c in text
        if not unicodedata.combining(c)
    )


def column_width(
    values: Iterable[Any], minimum: float = 6, maximum: float = 60, padding: float = 2
) -> float:
    """An Excel column width (in digit widths) that shows the widest of `values` on one line."""
    widest = max((display_width(_shown(v)) for v in values), default=0)
    return max(minimum, min(maximum, widest + padding))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


LINE_HEIGHT = 15  # points: one line of the default 11-point font, as Excel and LibreOffice draw it


def lines_needed(text: Any, width: float) -> int:
    """How many lines `text` takes when wrapped in a column `width` digit widths wide (a CJK
    character takes about two). Generous by a cell: a cut word costs more than a spare line."""
    room = max(width - 1.5, 1)
    return max(
        1, sum(max(1, -(-display_width(part) // int(room))) for part in _shown(text).split("\n"))
    )


def row_height(texts_and_widths: Iterable[tuple[Any, float]]) -> float | None:
    """The height (points) a row needs so each wrapped text shows whole; None for one line.

    Spreadsheets do not grow a row for wrapped text when they open a file, so we set it."""
    lines = max((lines_needed(t, w) for t, w in texts_and_widths), default=1)
    return None if lines <= 1 else lines * LINE_HEIGHT + 2
