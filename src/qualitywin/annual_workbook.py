"""The year workbook: 年度汇总, 月度明细, 季度, a chart of the average totals, and 说明.

Fed by annual.YearResult; computes nothing itself. Text from the result workbooks is written as
text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from qualitywin import __version__
from qualitywin.annual import QUARTERS, YearResult, year_months
from qualitywin.decimals import plain_number
from qualitywin.printing import print_setup
from qualitywin.textwidth import row_height
from qualitywin.result_workbook import WORKBOOK_OPTIONS

SUMMARY_SHEET = "年度汇总"
MONTHS_SHEET = "月度明细"
QUARTERS_SHEET = "季度"
CHART_SHEET = "平均总分图"
ABOUT_SHEET = "说明"
QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
SELECTED_MARK = "★"  # 入选 that month
DECIDED_MARK = "☆"  # 入选 that month by the evaluation group's pick among tied windows
COLOUR_SCALE = {
    "type": "3_color_scale",
    "min_color": "#F8696B",
    "mid_color": "#FFEB84",
    "max_color": "#63BE7B",
}


def summary_header(result: YearResult) -> list[str]:
    return [
        "名次",
        "窗口",
        "评分月数",
        "入选次数",
        "平均总分",
        "最低总分",
        "最低月份",
        *(f"{c}扣分" for c in result.categories),
        "扣分合计",
    ]


def write_year(result: YearResult, path: Path, generated_at: dt.datetime | None = None) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    styles = _Styles(book)
    _write_summary(book, styles, result)
    _write_months(book, styles, result)
    _write_quarters(book, styles, result)
    _write_chart(book, result)
    _write_about(book, styles, result, generated_at or dt.datetime.now())
    book.close()


class _Styles:
    def __init__(self, book: Any):
        self.book = book
        self._boxes: dict[tuple, Any] = {}
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
            }
        )
        self.note = book.add_format({"italic": True, "font_color": "#595959"})

    def box(
        self, num_format: str | None = None, bold: bool = False, align: str = "", wrap: bool = False
    ) -> Any:
        """A bordered table cell (printed tables keep their lines), made once per look."""
        key = (num_format, bold, align, wrap)
        if key not in self._boxes:
            props: dict[str, Any] = {
                "border": 1,
                "valign": "vcenter",
                "bold": bold,
                "text_wrap": wrap,
            }
            if num_format:
                props["num_format"] = num_format
            if align:
                props["align"] = align
            self._boxes[key] = self.book.add_format(props)
        return self._boxes[key]

    def rank(self) -> Any:  # centred: its digits never touch the window's name
        return self.box(align="center")


def _title(result: YearResult, what: str) -> str:
    return f"{result.year} 年优质服务窗口评选{what}"


def _write_summary(book: Any, styles: _Styles, result: YearResult) -> None:
    sheet = book.add_worksheet(SUMMARY_SHEET)
    header = summary_header(result)
    title = _title(result, "年度汇总")
    sheet.write_string(0, 0, f"{title}({len(result.months)} 个月)", styles.title)
    sheet.write_row(1, 0, header, styles.header)
    months_width = 18  # two months a line; more wrap, and the row grows to show them all
    for offset, window in enumerate(result.windows):
        row = 2 + offset
        _write_cell(sheet, row, 0, window.rank, styles.rank())
        _write_cell(sheet, row, 1, window.window, styles.box())
        _write_cell(sheet, row, 2, window.months_scored, styles.box())
        _write_cell(sheet, row, 3, window.times_selected, styles.box())
        _write_cell(sheet, row, 4, window.average, styles.box("0.00"))
        _write_cell(sheet, row, 5, window.lowest, styles.box())
        lowest_months = "、".join(window.lowest_months)
        _write_cell(sheet, row, 6, lowest_months, styles.box(wrap=True))
        sheet.set_row(row, row_height([(lowest_months, months_width)]))
        for column, category in enumerate(result.categories, start=7):
            lost = window.lost.get(category)
            _write_cell(sheet, row, column, lost if lost is not None else "", styles.box())
        _write_cell(sheet, row, len(header) - 1, window.total_lost, styles.box())
    last = 1 + len(result.windows)
    sheet.write_string(
        last + 2,
        0,
        "名次按平均总分(各窗口评分月份的平均值)排列,平均总分相同者名次相同;"
        "平均总分四舍五入到两位小数;扣分为全年各月扣分之和。",
        styles.note,
    )
    sheet.freeze_panes(2, 2)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, len(header) - 1, 10)
    sheet.set_column(6, 6, months_width)
    sheet.set_row(1, 32)
    print_setup(sheet, title, 1)


def _write_months(book: Any, styles: _Styles, result: YearResult) -> None:
    sheet = book.add_worksheet(MONTHS_SHEET)
    months = year_months(result.year)
    present = {r.month for r in result.months}
    title = _title(result, "月度明细")
    sheet.write_string(0, 0, f"{title}(各月总分)", styles.title)
    header = [
        "名次",
        "窗口",
        *(f"{int(m[5:])} 月" if m in present else f"{int(m[5:])} 月\n(无结果)" for m in months),
        "平均总分",
    ]
    sheet.write_row(1, 0, header, styles.header)
    for offset, window in enumerate(result.windows):
        row = 2 + offset
        _write_cell(sheet, row, 0, window.rank, styles.rank())
        _write_cell(sheet, row, 1, window.window, styles.box())
        for column, month in enumerate(months, start=2):
            if month not in window.totals:
                _write_cell(sheet, row, column, None, styles.box())
                continue
            mark = (
                f'General" {DECIDED_MARK}"'
                if month in window.decided
                else f'General" {SELECTED_MARK}"'
                if window.statuses.get(month) == "入选"
                else None
            )
            _write_cell(sheet, row, column, window.totals[month], styles.box(mark, bool(mark)))
        _write_cell(sheet, row, 14, window.average, styles.box("0.00"))
    last = 1 + len(result.windows)
    if result.windows:
        sheet.conditional_format(2, 2, last, 13, COLOUR_SCALE)
    sheet.write_string(
        last + 2,
        0,
        f"{SELECTED_MARK} 当月入选;{DECIDED_MARK} 当月并列待定,"
        "由考评小组决定入选。颜色:总分越高越绿,越低越红。",
        styles.note,
    )
    sheet.freeze_panes(2, 2)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 14, 9)
    sheet.set_row(1, 32)
    print_setup(sheet, title, 1)


def _write_quarters(book: Any, styles: _Styles, result: YearResult) -> None:
    sheet = book.add_worksheet(QUARTERS_SHEET)
    title = _title(result, "季度汇总")
    sheet.write_string(0, 0, title, styles.title)
    header = ["名次", "窗口"]
    for quarter in QUARTERS:
        header += [f"{QUARTER_NAMES[quarter]}\n平均总分", f"{QUARTER_NAMES[quarter]}\n入选次数"]
    sheet.write_row(1, 0, header, styles.header)
    for offset, window in enumerate(result.windows):
        row = 2 + offset
        _write_cell(sheet, row, 0, window.rank, styles.rank())
        _write_cell(sheet, row, 1, window.window, styles.box())
        for quarter in QUARTERS:
            figures = window.quarter(quarter)
            column = 2 * quarter
            shown = figures.months > 0
            _write_cell(sheet, row, column, figures.average if shown else None, styles.box("0.00"))
            _write_cell(
                sheet, row, column + 1, figures.times_selected if shown else None, styles.box()
            )
    last = 1 + len(result.windows)
    if result.windows:
        averages = " ".join(f"{_column(2 * q)}3:{_column(2 * q)}{last + 1}" for q in QUARTERS)
        sheet.conditional_format(2, 2, last, 2, {**COLOUR_SCALE, "multi_range": averages})
    sheet.write_string(
        last + 2,
        0,
        "季度平均总分为该季度有结果的月份的平均值;一季度为 1–3 月,依此类推。",
        styles.note,
    )
    sheet.freeze_panes(2, 2)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 9, 10)
    sheet.set_row(1, 32)
    print_setup(sheet, title, 1)


def _write_chart(book: Any, result: YearResult) -> None:
    if not result.windows:
        return
    last = 2 + len(result.windows)
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "平均总分",
            "categories": [SUMMARY_SHEET, 2, 1, last - 1, 1],
            "values": [SUMMARY_SHEET, 2, 4, last - 1, 4],
            "data_labels": {"value": True, "num_format": "0.00"},
            "fill": {"color": "#5B9BD5"},
        }
    )
    lowest = min(w.average for w in result.windows)
    start = max(0, math.floor((float(lowest) - 1) / 5) * 5)
    chart.set_title({"name": f"{result.year} 年各窗口平均总分(横轴从 {start} 起)"})
    chart.set_x_axis({"min": start, "num_format": "0"})
    chart.set_y_axis(
        {
            "reverse": True,
            "interval_unit": 1,  # rank 1 at the top, every window named
            "num_font": {"size": 8},
        }
    )
    chart.set_legend({"none": True})
    chartsheet = book.add_chartsheet(CHART_SHEET)
    chartsheet.set_chart(chart)
    chartsheet.set_paper(9)
    chartsheet.set_landscape()


def _write_about(book: Any, styles: _Styles, result: YearResult, generated_at: dt.datetime) -> None:
    sheet = book.add_worksheet(ABOUT_SHEET)
    schemes = list(dict.fromkeys(r.scheme_name for r in result.months))
    rows: list[tuple[str, Any]] = [
        ("年份", result.year),
        ("月份", "、".join(r.month for r in result.months)),
        ("缺少的月份", "、".join(result.missing_months) or "无"),
        ("评选办法", ";".join(schemes)),
        ("生成时间", generated_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("工具版本", f"qualitywin {__version__}"),
        (
            "计算方法",
            "平均总分 = 窗口各评分月份总分之和 ÷ 评分月数,四舍五入到两位小数;名次按平均总分"
            "(未经四舍五入)排列,相同者名次相同;入选次数只计“入选”(含考评小组决定);"
            "扣分 = 各月(类别满分 − 类别得分)之和。",
        ),
    ]
    rows += [("警告", warning.message("zh")) for warning in result.warnings]
    sheet.write_row(0, 0, ("项目", "内容"), styles.header)
    for offset, (key, value) in enumerate(rows, start=1):
        _write_cell(sheet, offset, 0, key)
        _write_cell(sheet, offset, 1, value)
    row = len(rows) + 2
    sources = (
        "月份",
        "结果文件",
        "结果文件 SHA-256",
        "评选办法",
        "规则文件",
        "输入文件",
        "输入文件 SHA-256",
    )
    sheet.write_row(row, 0, sources, styles.header)
    for offset, month in enumerate(result.months, start=row + 1):
        values = (
            month.month,
            Path(month.path).name,
            month.sha256,
            month.scheme_name,
            month.rules_file,
            month.source_file,
            month.source_sha256,
        )
        for column, value in enumerate(values):
            _write_cell(sheet, offset, column, value)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 66)
    sheet.set_column(3, 6, 24)
    print_setup(sheet, _title(result, "年度汇总 · 说明"), 0)


def _write_cell(sheet: Any, row: int, column: int, value: Any, style: Any = None) -> None:
    """Numbers as numbers, nothing as a blank cell (keeping its border), everything else as
    text (never a formula)."""
    if value is None or value == "":
        sheet.write_blank(row, column, None, style)
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, plain_number(value), style)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, "" if value is None else str(value), style)


def _column(index: int) -> str:
    from qualitywin.issues import column_letter

    return column_letter(index + 1)
