"""The result workbook: 排名, 扣分明细 (split over 扣分明细(2)… past a sheet's rows) and 说明.

xlsxwriter lays the workbook out; the audit's lines (up to a million and more) are then streamed
into 扣分明细 by `xlsx_rows`. Text from the input is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import xlsxwriter

from qualitywin import __version__
from qualitywin.decimals import plain_number
from qualitywin.messages import criterion_text, reason_text, state_text
from qualitywin.model import AuditLine, MonthResult
from qualitywin.printing import print_setup
from qualitywin.result_data import data_cells, result_to_data
from qualitywin.result_layout import (ABOUT_SHEET, AUDIT_HEADER, AUDIT_SHEET, DATA_SHEET,
                                      DECIDED_NOTE, HEADER_ROW, RANKING_SHEET, audit_sheet_name)
from qualitywin.result_layout import ranking_header as _header
from qualitywin.scheme import Scheme
from qualitywin.textwidth import column_width
from qualitywin.xlsx_rows import RowWriter, column_letters, fill_sheets

__all__ = ["ABOUT_SHEET", "AUDIT_HEADER", "AUDIT_SHEET", "RANKING_SHEET", "write_result"]
SHEET_ROWS = 1_048_576  # Excel's limit; tests patch it to check the split
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": "yyyy-mm-dd",
}


def ranking_header(scheme: Scheme) -> list[str]:
    return _header([c.name for c in scheme.categories])


def write_result(result: MonthResult, scheme: Scheme | None, path: Path,
                 generated_at: dt.datetime | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Write the result workbook to `path` (the caller makes it atomic: api.write_result).
    `scheme` is the result's own (`result.scheme`) unless given."""
    scheme = scheme or result.scheme
    layout = path.with_name(path.name + ".layout")
    try:
        book = xlsxwriter.Workbook(str(layout), WORKBOOK_OPTIONS)
        styles = _Styles(book)
        _write_ranking(book, styles, result, scheme)
        audit_sheets = _lay_out_audit(book, styles, result, scheme)
        names = [s.name for s, _ in audit_sheets]
        _write_about(book, styles, result, scheme, names, generated_at or dt.datetime.now())
        _write_data(book, result, names)
        book.close()
        parts, last_cells = _audit_rows(book, styles, audit_sheets, result, scheme, progress)
        fill_sheets(layout, path, parts, last_cells)
    finally:
        layout.unlink(missing_ok=True)


class _Styles:
    """The workbook's formats, made once each (xlsxwriter wants one object per combination)."""

    def __init__(self, book: Any):
        self.book = book
        self._made: dict[tuple, Any] = {}
        self.title = book.add_format({"bold": True, "font_size": 16, "align": "center",
                                      "valign": "vcenter"})
        self.subtitle = book.add_format({"align": "center", "valign": "vcenter",
                                         "font_color": "#404040"})
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "align": "center", "valign": "vcenter"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.legend = book.add_format({"text_wrap": True, "valign": "vcenter"})

    def cell(self, value: Any, status: str = "", align: str = "center") -> Any:
        """A bordered table cell: filled by status, with a number format that fits the value."""
        number = ("0" if value == int(value) else "0.0#") if _is_number(value) else None
        key = (number, status, align)
        if key not in self._made:
            props: dict[str, Any] = {"border": 1, "valign": "vcenter", "align": align}
            if number:
                props["num_format"] = number
            props.update(STATUS_LOOK.get(status, {}))
            self._made[key] = self.book.add_format(props)
        return self._made[key]


# How 排名 shows a status (row fill) and what the legend under the table says about it.
STATUS_LOOK = {"入选": {"bg_color": "#E2EFDA", "bold": True},
               "并列待定": {"bg_color": "#FFF2CC"}}
CHART_COLOURS = {"入选": "#70AD47", "并列待定": "#FFC000", "": "#5B9BD5"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _write_ranking(book: Any, styles: _Styles, result: MonthResult, scheme: Scheme) -> None:
    sheet = book.add_worksheet(RANKING_SHEET)
    header = ranking_header(scheme)
    last_column = len(header) - 1
    title = f"{scheme.center} {result.month} 优质服务窗口评选结果"
    sheet.merge_range(0, 0, 0, last_column, title, styles.title)
    sheet.set_row(0, 30)
    sheet.merge_range(1, 0, 1, last_column, f"{scheme.name} · 满分 "
                      f"{plain_number(scheme.max_score)} · 每月最多入选 {result.winners} 个",
                      styles.subtitle)
    sheet.write_row(HEADER_ROW, 0, header, styles.header)
    sheet.set_row(HEADER_ROW, 30)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    referrals = _referrals_by_window(result)
    table: list[list[Any]] = []
    for offset, score in enumerate(result.windows):
        notes = [score.reason] if score.reason else []
        if score.decided:
            notes.append(DECIDED_NOTE)
        notes.extend(referrals.get(score.window, []))
        values = [score.rank, score.window, *(score.categories[c.name] for c in scheme.categories),
                  score.total, score.deducted, score.status, ";".join(notes)]
        table.append(values)
        for column, value in enumerate(values):
            align = "left" if column in (1, last_column) else "center"
            _write_cell(sheet, HEADER_ROW + 1 + offset, column, value,
                        styles.cell(value, score.status, align))
    last_row = HEADER_ROW + len(result.windows)
    sheet.autofilter(HEADER_ROW, 0, last_row, last_column)
    widths = [column_width([h, *(str(r[i]) for r in table)], minimum=6,
                           maximum=40 if i == last_column else 24) + (2 if i else 0)
              for i, h in enumerate(header)]  # + room for the filter button
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    _write_legend(sheet, styles, 2, last_column, result)
    _insert_chart(book, sheet, result, scheme, last_row + 2, widths)
    sheet.set_h_pagebreaks([last_row + 1])  # the table on page 1, the chart on page 2
    print_setup(sheet, title, HEADER_ROW, landscape=True,
                 signature="考评小组(签字):                    日期:")


def _write_legend(sheet: Any, styles: _Styles, row: int, last_column: int,
                  result: MonthResult) -> None:
    """What the statuses mean, above the table (readers take every row below its header)."""
    lines = [
        ("入选", f"总分排名在前 {result.winners} 名以内,入选本月优质服务窗口。"
                 "同分同名次;各类别扣完为止。扣分依据见“扣分明细”工作表。"),
        ("并列待定", f"与第 {result.winners} 名同分而名额不足,由考评小组从并列窗口中决定入选;"
                     "备注“考评小组决定”表示已选定。"),
    ]
    for offset, (status, meaning) in enumerate(lines):
        sheet.merge_range(row + offset, 0, row + offset, 1, status, styles.cell(status, status))
        sheet.merge_range(row + offset, 2, row + offset, last_column, meaning, styles.legend)


def _insert_chart(book: Any, sheet: Any, result: MonthResult, scheme: Scheme, row: int,
                  widths: list[float]) -> None:
    """A bar per window, its total, in rank order; coloured by status."""
    count = len(result.windows)
    if not count:
        return
    total_column = 2 + len(scheme.categories)
    first, last = HEADER_ROW + 1, HEADER_ROW + count
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": "总分",
        "categories": [RANKING_SHEET, first, 1, last, 1],
        "values": [RANKING_SHEET, first, total_column, last, total_column],
        "points": [{"fill": {"color": CHART_COLOURS.get(s.status, CHART_COLOURS[""])}}
                   for s in result.windows],
        "data_labels": {"value": True, "num_format": "0.##"},
        "gap": 40,
    })
    chart.set_title({"name": f"{result.month} 各窗口总分(满分 {plain_number(scheme.max_score)})",
                     "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "num_font": {"size": 8}})
    chart.set_x_axis({"min": 0, "max": plain_number(scheme.max_score),
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    width = int(sum(w * 7 + 5 for w in widths))
    chart.set_size({"width": width, "height": max(240, 20 * count + 80)})
    sheet.insert_chart(row, 0, chart, {"object_position": 3})



def _referrals_by_window(result: MonthResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in result.referrals:
        found.setdefault(r.window, []).append(reason_text(r.reason, "zh"))
    return found


def _lay_out_audit(book: Any, styles: _Styles, result: MonthResult,
                   scheme: Scheme) -> list[tuple[Any, range]]:
    """The audit sheets with their headers, and which lines each will hold."""
    lines = len(result.audit)
    per_sheet = SHEET_ROWS - 1
    widths = _audit_widths(result, scheme)
    title = f"{scheme.center} {result.month} 扣分明细"
    sheets = []
    for number, first in enumerate(range(0, max(lines, 1), per_sheet), start=1):
        held = range(first, min(first + per_sheet, lines))
        sheet = _new_audit_sheet(book, styles, number, widths, len(held), title)
        sheets.append((sheet, held))
    return sheets


def _new_audit_sheet(book: Any, styles: _Styles, number: int, widths: list[float], lines: int,
                     title: str) -> Any:
    """An audit sheet laid out with its header only; its `lines` rows are streamed in later."""
    name = audit_sheet_name(number)
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, AUDIT_HEADER, styles.header)
    sheet.set_row(0, 22)
    sheet.freeze_panes(1, 0)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width, styles.date if column == 2 else None)
    sheet.autofilter(0, 0, max(lines, 1), len(AUDIT_HEADER) - 1)
    print_setup(sheet, title if number == 1 else f"{title}({number})", 0, landscape=True)
    return sheet


def _audit_widths(result: MonthResult, scheme: Scheme, sample: int = 2000) -> list[float]:
    """Column widths from the headers, the scheme's words and the first lines of the audit (a
    million lines are not measured one by one)."""
    lines = result.audit[:sample]
    columns: list[list[Any]] = [[h] for h in AUDIT_HEADER]
    columns[2].append("2020-02-29")
    columns[3].extend(scheme.roster)
    columns[4].extend(r.id for r in scheme.rules)
    columns[5].extend(r.text for r in scheme.rules)
    columns[6].extend(c.name for c in scheme.categories)
    for line in lines:
        for index, value in ((0, line.source_sheet), (1, line.row), (7, line.count), (8, line.person),
                             (9, line.note), (10, line.points), (11, line.deducted),
                             (12, line.state_label)):
            columns[index].append(value)
    caps = {5: 40, 9: 30}
    return [column_width(values, maximum=caps.get(i, 20)) + 2 for i, values in enumerate(columns)]


def _audit_rows(book: Any, styles: _Styles, sheets: list[tuple[Any, range]], result: MonthResult,
                scheme: Scheme, progress: Callable[[int, int], None] | None,
                ) -> tuple[dict[str, Iterator[str]], dict[str, str]]:
    """Per audit sheet part: its rows as XML, and the last cell of its data."""
    worksheets = book.worksheets()
    writer = RowWriter(len(AUDIT_HEADER), styles.date.xf_index)
    rules = {r.id: r for r in scheme.rules}
    last_column = column_letters(len(AUDIT_HEADER))[-1]
    parts, last_cells = {}, {}
    for sheet, lines in sheets:
        part = f"xl/worksheets/sheet{worksheets.index(sheet) + 1}.xml"
        parts[part] = _audit_xml(writer, result.audit, lines, rules, progress)
        last_cells[part] = f"{last_column}{len(lines) + 1}"
    return parts, last_cells


def _audit_xml(writer: RowWriter, audit: list[AuditLine], lines: range, rules: dict,
               progress: Callable[[int, int], None] | None) -> Iterator[str]:
    total = len(audit)
    labels: dict[tuple[Any, str], str] = {}  # (state, replaced by) → 计分情况, made once each
    for row, index in enumerate(lines, start=2):
        line = audit[index]
        rule = rules[line.rule_id]
        key = (line.state, line.replaced_by)
        label = labels.get(key)
        if label is None:
            label = labels[key] = state_text(line.state, "zh", by=line.replaced_by)
        yield writer.row(row, (line.source_sheet, line.row, line.date, line.window, line.rule_id,
                               rule.text, rule.category, line.count, line.person, line.note,
                               line.points, line.deducted, label))
        if progress and index % 50_000 == 0:
            progress(index, total)
    if progress:
        progress(lines.stop, total)


def _write_cell(sheet: Any, row: int, column: int, value: Any, style: Any = None) -> None:
    """Numbers as numbers, everything else as text (never a formula)."""
    if isinstance(value, bool) or value is None:
        sheet.write_string(row, column, "" if value is None else str(value), style)
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, plain_number(value), style)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(value), style)


def _feature_rows(scheme: Scheme) -> list[tuple[str, Any]]:
    """The scheme's optional features, one row each, only those it uses (docs/rules.md)."""
    rows: list[tuple[str, Any]] = []
    for category in scheme.bonus_categories:
        rows.append(("加分类别", f"{category.name}:每月最多加 {plain_number(category.points)} 分,"
                                 f"计入满分"))
    vetoes = scheme.veto_rules()
    if vetoes:
        rows.append(("一票否决条款", "、".join(f"{r.id} {r.short}" for r in vetoes)
                     + ":有计入的记录即不得入选,名额顺延"))
    if scheme.min_total is not None:
        rows.append(("入选最低分", f"总分低于 {plain_number(scheme.min_total)} 分不得入选,名额顺延"))
    if scheme.tie_break:
        rows.append(("并列处理顺序", "、".join(criterion_text(c, "zh") for c in scheme.tie_break)
                     + "(仅在并列跨过名额线时使用)"))
    capped = [r for r in scheme.rules if r.cap is not None]
    if capped:
        rows.append(("条款封顶", "、".join(f"{r.id} 每月最多 {plain_number(r.cap)} 分"
                                          for r in capped)))
    evidence = [r.id for r in scheme.rules if r.evidence]
    if evidence:
        rows.append(("需要依据的条款", "、".join(evidence) + "(当事人或说明必填)"))
    return rows


def _write_about(book: Any, styles: _Styles, result: MonthResult, scheme: Scheme,
                 audit_sheets: list[str], generated_at: dt.datetime) -> None:
    sheet = book.add_worksheet(ABOUT_SHEET)
    rows: list[tuple[str, Any]] = [
        ("评选办法", scheme.name),
        ("来源", scheme.source),
        ("规则文件", Path(scheme.path).name),
        ("输入文件", Path(result.source_path).name),
        ("输入文件 SHA-256", result.source_sha256),
        *_more_sources(result),
        ("月份", result.month),
        ("生成时间", generated_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("工具版本", f"qualitywin {__version__}"),
        ("满分", result.max_score),
        ("类别", "、".join(f"{c.name} {'+' if c.is_bonus else ''}{plain_number(c.points)}"
                          for c in scheme.categories)),
        ("每月入选上限", result.winners),
        ("计入行数", result.rows_counted),
        ("撤销行数", result.rows_withdrawn),
    ]
    rows.extend(_feature_rows(scheme))
    if scheme.note:
        rows.append(("说明", scheme.note))
    if len(audit_sheets) > 1:
        rows.append(("扣分明细分表", f"扣分明细超过一张工作表的行数上限,续写在:{'、'.join(audit_sheets)}"))
    if result.picks:
        rows.append(("考评小组决定", "、".join(result.picks)))
    sheet.write_row(0, 0, ("项目", "内容"), styles.header)
    for offset, (key, value) in enumerate(rows, start=1):
        sheet.write_string(offset, 0, key, styles.wrap)
        _write_cell(sheet, offset, 1, value, styles.wrap)
    sheet.set_column(0, 0, column_width([key for key, _ in rows]))
    sheet.set_column(1, 1, 90)
    print_setup(sheet, f"{scheme.center} {result.month} 评选说明", 0, landscape=False)


def _more_sources(result: MonthResult) -> list[tuple[str, Any]]:
    """A month of several workbooks: the second and later files, each with its SHA-256."""
    rows: list[tuple[str, Any]] = []
    for number, source in enumerate(result.sources[1:], start=2):
        rows.append((f"输入文件 {number}", Path(source.path).name))
        rows.append((f"输入文件 {number} SHA-256", source.sha256))
    return rows


def _write_data(book: Any, result: MonthResult, audit_sheets: list[str]) -> None:
    """The hidden sheet with the result as data (result_data.py describes its layout)."""
    sheet = book.add_worksheet(DATA_SHEET)
    for row, value in enumerate(data_cells(result_to_data(result, audit_sheets))):
        sheet.write_string(row, 0, value)
    sheet.hide()
