"""The year's 公示 page, from a year workbook (年度汇总) written by `annual`.

The year workbook carries no machine-readable data yet, so its visible 年度汇总 sheet is read:
the title (the year), the header and a row per window. The page is drawn like the month's
(public_page.py): the table with 入选次数, the average totals as an inline SVG chart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path
from typing import Any

from qualitywin.issues import Code, QualitywinError
from qualitywin.public_page import (
    BAR_GAP,
    BAR_HEIGHT,
    CHART_WIDTH,
    LABEL_WIDTH,
    keep_quotes_whole,
    page,
)
from qualitywin.publishing import chinese_punctuation, official_date
from qualitywin.reader import open_workbook

SUMMARY_SHEET = "年度汇总"
SHOWN = ("名次", "窗口", "评分月数", "入选次数", "平均总分", "最低总分", "扣分合计")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass
class YearSummary:
    year: str
    title: str
    header: list[str]
    rows: list[dict[str, str]]


def is_year_workbook(path: Path) -> bool:
    try:
        return SUMMARY_SHEET in open_workbook(path).sheet_names
    except QualitywinError:
        return False  # the month's reader says what is wrong with it


def read_year_summary(path: Path) -> YearSummary:
    book = open_workbook(path)
    title, header, rows = "", [], []  # type: tuple[str, list[str], list[dict[str, str]]]
    for _, left, cells in book.rows(SUMMARY_SHEET).iter():
        values = [_text(v) for v in ([None] * (left - 1) + list(cells))]
        if not title and not header:
            title = next((v for v in values if v), "")
            if "窗口" not in values:
                continue
        if not header:
            header = values
            continue
        record = dict(zip(header, values))
        if not record.get("窗口"):
            break
        rows.append(record)
    found = _YEAR.search(title)
    if not header or "窗口" not in header or found is None:
        raise QualitywinError.of(Code.NOT_A_RESULT, path=str(path), missing=f"{SUMMARY_SHEET}!窗口")
    return YearSummary(found.group(1), title, header, rows)


def year_page_of(path: Path, date: dt.date | None = None) -> tuple[str, str]:
    """The page's HTML and the stem of its default file name (the year)."""
    summary = read_year_summary(path)
    title = f"{summary.year}年“优质服务窗口”评选年度汇总公示"
    columns = [c for c in SHOWN if c in summary.header]
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    body = []
    most = most_selected(summary)
    for record in summary.rows:
        selected = record.get("窗口") in most
        cells = "".join(
            f'<th scope="row" data-label="窗口">{escape(record.get(c, ""))}</th>'
            if c == "窗口"
            else f'<td data-label="{escape(c)}">{escape(record.get(c, ""))}</td>'
            for c in columns
        )
        body.append(f'<tr class="{"selected" if selected else ""}">{cells}</tr>')
    table = (
        f'<table class="ranking"><caption>{escape(summary.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    legend = (
        '<section class="legend"><h2>说明</h2><ul><li><span class="swatch selected"></span>'
        + escape(chinese_punctuation(f"全年入选次数最多的 {PLACES} 个窗口(含并列)。"))
        + "</li><li>"
        + escape(chinese_punctuation("入选次数:全年被评为优质服务窗口的月数;名次按平均总分。"))
        + "</li></ul></section>"
    )
    parts = [
        f"<h1>{keep_quotes_whole(escape(title))}</h1>",
        table,
        legend,
        _chart(summary),
        f"<footer><p>发布日期:{escape(official_date(date or dt.date.today()))}</p></footer>",
    ]
    return page(title, "\n".join(parts)), summary.year


PLACES = 5


def most_selected(summary: YearSummary) -> set[str]:
    """The windows most often 入选: the first PLACES by count, ties at the cut included (as
    annual's YearResult.most_selected)."""
    counts = sorted((_number(r.get("入选次数")) for r in summary.rows), reverse=True)
    counts = [c for c in counts if c > 0]
    if not counts:
        return set()
    cut = counts[min(PLACES, len(counts)) - 1]
    return {r.get("窗口", "") for r in summary.rows if _number(r.get("入选次数")) >= cut > 0}


def _chart(summary: YearSummary) -> str:
    averages = [(r.get("窗口", ""), _number(r.get("平均总分"))) for r in summary.rows]
    top = max((value for _, value in averages), default=Decimal(1)) or Decimal(1)
    plot = CHART_WIDTH - LABEL_WIDTH - 44
    bars = []
    for index, (window, value) in enumerate(averages):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = float(value / top) * plot
        middle = y + BAR_HEIGHT / 2
        bars.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" class="label">{escape(window)}'
            f'</text><rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" class="bar"/><text x="{LABEL_WIDTH + width + 4:.1f}" '
            f'y="{middle:.1f}" class="value">{escape(str(value))}</text>'
        )
    height = len(averages) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    caption = f"{summary.year}年各窗口平均总分"
    return (
        f'<figure class="chart"><svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(caption)}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}'
        f"</svg><figcaption>{escape(caption)}</figcaption></figure>"
    )


def _number(value: Any) -> Decimal:
    try:
        return Decimal(str(value).strip() or "0")
    except InvalidOperation:
        return Decimal(0)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(str(value)).normalize(), "f") if value == value else ""
    return str(value).strip()
