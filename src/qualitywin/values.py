"""Parsers for single cell values, as python-calamine gives them (str, float, int, bool, date,
datetime, '' for blank). Each returns the clean value or raises `BadValue` with a code; the
caller adds the sheet and cell."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from qualitywin.issues import Code
from qualitywin.scheme import normalise_rule_id, normalise_text

EXCEL_TEXT_LIMIT = 32_767
COUNTED_WORDS = frozenset({"", "有效", "valid"})
WITHDRAWN_WORDS = frozenset({"撤销", "已撤销", "withdrawn"})

_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


class BadValue(Exception):
    def __init__(self, code: Code, **params: Any):
        super().__init__(code.value)
        self.code = code
        self.params = params


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any) -> dt.date:
    """A date cell (its time ignored) or text 2020-02-03, 2020/2/3, 2020.2.3, 2020年2月3日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise BadValue(Code.DATE_INVALID)
    if isinstance(value, (int, float)):
        raise BadValue(Code.DATE_NUMBER)
    if isinstance(value, str):
        text = _DATE_TIME_SUFFIX.sub("", normalise_text(value))
        match = _DATE_TEXT.match(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
    raise BadValue(Code.DATE_INVALID)


def number_text(value: float) -> str:
    """The shortest text of a number cell, as Excel shows it: 1.2 → "1.2", 2.0 → "2"."""
    if value.is_integer():  # False for NaN and ±inf (an .ods may hold them), which int() refuses
        return str(int(value))
    return repr(value)


def cell_text(value: Any) -> str:
    """Any cell as trimmed text (numbers in their shortest form)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def rule_key(value: Any) -> str:
    """Rule id as typed: `２．２Ａ` → `2.2a`, a number cell 1.2 → `1.2`."""
    return normalise_rule_id(cell_text(value))


def parse_count(value: Any) -> int:
    """人次: a whole number ≥ 1; blank means 1."""
    if is_blank(value):
        return 1
    if isinstance(value, bool):
        raise BadValue(Code.COUNT_INVALID)
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        try:
            number = Decimal(normalise_text(str(value)))
        except InvalidOperation:
            raise BadValue(Code.COUNT_INVALID) from None
    if not number.is_finite() or number != number.to_integral_value() or number < 1:
        raise BadValue(Code.COUNT_INVALID)
    return int(number)


def parse_status(value: Any) -> bool:
    """状态 → True when the row is withdrawn (kept but not counted)."""
    word = normalise_text(cell_text(value)).casefold() if not is_blank(value) else ""
    if word in COUNTED_WORDS:
        return False
    if word in WITHDRAWN_WORDS:
        return True
    raise BadValue(Code.STATUS_INVALID)


def parse_amount(value: Any) -> Decimal:
    """A number ≥ 0 for a computed sheet (days, a rate), in decimal as the cell shows it:
    3.1 + 0.4 is exactly 3.5. Blank is 0."""
    if is_blank(value):
        return Decimal(0)
    if isinstance(value, bool):
        raise BadValue(Code.NUMBER_INVALID)
    if isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = normalise_text(value).rstrip("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise BadValue(Code.NUMBER_INVALID) from None
    else:
        raise BadValue(Code.NUMBER_INVALID)
    if not number.is_finite() or number < 0:
        raise BadValue(Code.NUMBER_INVALID)
    return number


def free_text(value: Any) -> str:
    """当事人 / 说明: any cell as text, within Excel's cell limit."""
    if value.__class__ is str and len(value) <= EXCEL_TEXT_LIMIT:
        return value.strip()
    if is_blank(value):
        return ""
    text = cell_text(value)
    if len(text) > EXCEL_TEXT_LIMIT:
        raise BadValue(Code.TEXT_TOO_LONG, length=len(text), limit=EXCEL_TEXT_LIMIT)
    return text
