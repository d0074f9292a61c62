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
from qualitywin.model import AuditLine, MonthResult, WindowScore
from qualitywin.printing import A4, print_setup
from qualitywin.ranking import BELOW_MINIMUM, SELECTED, TIED, VETOED
from qualitywin.result_data import data_cells, result_to_data
from qualitywin.result_layout import (
    ABOUT_CATEGORIES,
    ABOUT_INPUT,
    ABOUT_INPUT_SHA,
    ABOUT_MAX,
    ABOUT_MONTH,
    ABOUT_RULES_FILE,
    ABOUT_SCHEME,
    ABOUT_SHEET,
    ABOUT_VERSION,
    AUDIT_HEADER,
    AUDIT_SHEET,
    CHART_SHEET,
    DATA_SHEET,
    DECIDED_NOTE,
    LEGEND_ROW,
    RANKING_SHEET,
    TOOL_PREFIX,
    audit_sheet_name,
)
from qualitywin.result_layout import ranking_header as _header
from qualitywin.scheme import Scheme
from qualitywin.staff_sheet import write_staff_sheet
from qualitywin.textwidth import LINE_HEIGHT, column_width, lines_needed, row_height
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


def write_result(
    result: MonthResult,
    scheme: Scheme | None,
    path: Path,
    generated_at: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
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
        if result.staff:
            write_staff_sheet(book, styles.header, styles.boxed, result, scheme.center)
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
        self.title = book.add_format(
            {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        )
        self.subtitle = book.add_format(
            {"align": "center", "valign": "vcenter", "font_color": "#404040"}
        )
        self.header = book.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.legend = book.add_format({"text_wrap": True, "valign": "vcenter"})
        # 扣分明细 and 说明: every cell bordered, long text wrapped (the row is made tall enough)
        self.boxed = book.add_format({"border": 1, "valign": "top"})
        self.boxed_wrap = book.add_format(
            {"border": 1, "valign": "top", "text_wrap": True, "align": "left"}
        )
        self.boxed_date = book.add_format(
            {"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"}
        )
        for streamed in (self.boxed, self.boxed_wrap, self.boxed_date):
            streamed._get_xf_index()  # an index now: the streamed rows name it

    def cell(self, value: Any, status: str = "", align: str = "center", wrap: bool = False) -> Any:
        """A bordered table cell: filled by status, with a number format that fits the value."""
        number = ("0" if value == int(value) else "0.0#") if _is_number(value) else None
        key = (number, status, align, wrap)
        if key not in self._made:
            props: dict[str, Any] = {
                "border": 1,
                "valign": "vcenter",
                "align": align,
                "text_wrap": wrap,
            }
            if number:
                props["num_format"] = number
            props.update(STATUS_LOOK.get(status, {}))
            self._made[key] = self.book.add_format(props)
        return self._made[key]


# How 排名 shows a status (row fill) and what the legend under the table says about it.
STATUS_LOOK: dict[str, dict[str, Any]] = {
    "入选": {"bg_color": "#E2EFDA", "bold": True},
    "并列待定": {"bg_color": "#FFF2CC"},
    "一票否决": {"bg_color": "#F8CBAD"},
    "未达最低分": {"bg_color": "#EDEDED"},
}
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
    sheet.merge_range(
        1,
        0,
        1,
        last_column,
        f"{scheme.name} · 满分 {plain_number(scheme.max_score)} · 每月最多入选 {result.winners} 个",
        styles.subtitle,
    )
    legend = legend_lines(result, scheme)
    header_row = LEGEND_ROW + len(legend)
    sheet.write_row(header_row, 0, header, styles.header)
    sheet.set_row(header_row, 30)
    sheet.freeze_panes(header_row + 1, 2)
    table = [
        _ranking_values(score, scheme, _referrals_by_window(result)) for score in result.windows
    ]
    widths = [
        column_width(
            [h, *(str(r[i]) for r in table)], minimum=6, maximum=40 if i == last_column else 24
        )
        + (2 if i else 0)
        for i, h in enumerate(header)
    ]  # + room for the filter button
    for offset, (score, values) in enumerate(zip(result.windows, table)):
        row = header_row + 1 + offset
        for column, value in enumerate(values):
            align = "left" if column in (1, last_column) else "center"
            _write_cell(
                sheet,
                row,
                column,
                value,
                styles.cell(value, score.status, align, wrap=column == last_column),
            )
        sheet.set_row(row, row_height([(values[-1], widths[-1])]))  # a long 备注 wraps
    last_row = header_row + len(result.windows)
    sheet.autofilter(header_row, 0, last_row, last_column)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    _write_legend(sheet, styles, legend, last_column, widths)
    _insert_chart(book, result, scheme, header_row)
    print_setup(
        sheet,
        title,
        header_row,
        landscape=True,
        signature="考评小组(签字):                    日期:",
    )


def _ranking_values(
    score: WindowScore, scheme: Scheme, referrals: dict[str, list[str]]
) -> list[Any]:
    notes = [score.reason] if score.reason else []
    if score.decided:
        notes.append(DECIDED_NOTE)
    notes.extend(referrals.get(score.window, []))
    return [
        score.rank,
        score.window,
        *(score.categories[c.name] for c in scheme.categories),
        score.total,
        score.deducted,
        score.status,
        ";".join(notes),
    ]


def legend_lines(result: MonthResult, scheme: Scheme) -> list[tuple[str, str]]:
    """What each status of this month means, as decided by this scheme: 入选 always, the
    others when the month or the scheme has them."""
    statuses = {score.status for score in result.windows}
    chosen = (
        f"按总分排名入选本月优质服务窗口,每月最多 {result.winners} 个;同分同名次,各类别扣完为止"
    )
    if scheme.veto_rules() or scheme.min_total is not None:
        chosen += ";一票否决或未达最低分的窗口不占名额,名额依次顺延"
    if scheme.tie_break:
        chosen += ";同分跨过名额线时按并列处理顺序决定,依据见备注"
    if result.picks:
        chosen += ";备注“考评小组决定”表示由考评小组从并列窗口中选定"
    lines: list[tuple[str, str]] = [(SELECTED, chosen + "。扣分依据见“扣分明细”工作表。")]
    if TIED in statuses:
        lines.append((TIED, "与名额线上的窗口同分而名额不足,由考评小组从并列窗口中决定入选。"))
    if VETOED in statuses or scheme.veto_rules():
        rules = "、".join(r.id for r in scheme.veto_rules())
        lines.append((VETOED, f"有一票否决条款({rules})的计入记录,本月不得入选;条款和记录见备注。"))
    if scheme.min_total is not None:
        lines.append(
            (
                BELOW_MINIMUM,
                f"总分低于入选最低分 {plain_number(scheme.min_total)} 分,本月不得入选。",
            )
        )
    return lines


def _write_legend(
    sheet: Any, styles: _Styles, lines: list[tuple[str, str]], last_column: int, widths: list[float]
) -> None:
    """What the statuses mean, above the table (readers take every row below its header)."""
    room = sum(widths[2:])
    for row, (status, meaning) in enumerate(lines, start=LEGEND_ROW):
        sheet.merge_range(row, 0, row, 1, status, styles.cell(status, status))
        sheet.merge_range(row, 2, row, last_column, meaning, styles.legend)
        sheet.set_row(row, row_height([(meaning, room)]))


def _insert_chart(book: Any, result: MonthResult, scheme: Scheme, header_row: int) -> None:
    """A bar per window, its total, in rank order; coloured by status. On a chart sheet of its
    own, the second page: below the table it printed under a lone repeated header row."""
    count = len(result.windows)
    if not count:
        return
    total_column = 2 + len(scheme.categories)
    first, last = header_row + 1, header_row + count
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "总分",
            "categories": [RANKING_SHEET, first, 1, last, 1],
            "values": [RANKING_SHEET, first, total_column, last, total_column],
            "points": [
                {"fill": {"color": CHART_COLOURS.get(s.status, CHART_COLOURS[""])}}
                for s in result.windows
            ],
            "data_labels": {"value": True, "num_format": "0.##"},
            "gap": 40,
        }
    )
    chart.set_title(
        {
            "name": f"{result.month} 各窗口总分(满分 {plain_number(scheme.max_score)})",
            "name_font": {"size": 12},
        }
    )
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "num_font": {"size": 8}})
    chart.set_x_axis(
        {
            "min": 0,
            "max": plain_number(scheme.max_score),
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chartsheet = book.add_chartsheet(CHART_SHEET)
    chartsheet.set_chart(chart)
    chartsheet.set_paper(A4)
    chartsheet.set_landscape()
    chartsheet.set_header("&C" + f"{scheme.center} {result.month} 各窗口总分".replace("&", "&&"))


def _referrals_by_window(result: MonthResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in result.referrals:
        found.setdefault(r.window, []).append(reason_text(r.reason, "zh"))
    return found


def _lay_out_audit(
    book: Any, styles: _Styles, result: MonthResult, scheme: Scheme
) -> list[tuple[Any, range]]:
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


def _new_audit_sheet(
    book: Any, styles: _Styles, number: int, widths: list[float], lines: int, title: str
) -> Any:
    """An audit sheet laid out with its header only; its `lines` rows are streamed in later."""
    name = audit_sheet_name(number)
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, AUDIT_HEADER, styles.header)
    sheet.set_row(0, 22)
    sheet.freeze_panes(1, 0)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
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
        for index, value in (
            (0, line.source_sheet),
            (1, line.row),
            (7, line.count),
            (8, line.person),
            (9, line.note),
            (10, line.points),
            (11, line.deducted),
            (12, line.state_label),
        ):
            columns[index].append(value)
    caps = {5: 40, 9: 30}
    return [column_width(values, maximum=caps.get(i, 20)) + 2 for i, values in enumerate(columns)]


def _audit_rows(
    book: Any,
    styles: _Styles,
    sheets: list[tuple[Any, range]],
    result: MonthResult,
    scheme: Scheme,
    progress: Callable[[int, int], None] | None,
) -> tuple[dict[str, Iterator[str]], dict[str, str]]:
    """Per audit sheet part: its rows as XML, and the last cell of its data."""
    boxes = [styles.boxed.xf_index] * len(AUDIT_HEADER)
    for wrapped in WRAPPED_AUDIT_COLUMNS:
        boxes[wrapped] = styles.boxed_wrap.xf_index
    writer = RowWriter(len(AUDIT_HEADER), styles.boxed_date.xf_index, boxes)
    rules = {r.id: r for r in scheme.rules}
    widths = _audit_widths(result, scheme)
    last_column = column_letters(len(AUDIT_HEADER))[-1]
    parts, last_cells = {}, {}
    for sheet, lines in sheets:
        part = f"xl/worksheets/sheet{_sheet_part_number(book, sheet)}.xml"
        parts[part] = _audit_xml(writer, result.audit, lines, rules, widths, progress)
        last_cells[part] = f"{last_column}{len(lines) + 1}"
    return parts, last_cells


def _sheet_part_number(book: Any, sheet: Any) -> int:
    """xl/worksheets/sheetN.xml: worksheets are numbered apart from chart sheets."""
    plain = [s for s in book.worksheets() if not s.is_chartsheet]
    return plain.index(sheet) + 1


WRAPPED_AUDIT_COLUMNS = (5, 9)  # 条款内容, 说明: wrapped in their columns, the row made tall


def _audit_xml(
    writer: RowWriter,
    audit: list[AuditLine],
    lines: range,
    rules: dict,
    widths: list[float],
    progress: Callable[[int, int], None] | None,
) -> Iterator[str]:
    total = len(audit)
    text_lines = {r: lines_needed(rule.text, widths[5]) for r, rule in rules.items()}
    note_room = widths[9]
    # (state, replaced by) → 计分情况, made once each; keyed by the member's identity, as an enum
    # member hashes in Python code (0.6 µs, a million times)
    labels: dict[tuple[int, str], str] = {}
    for row, index in enumerate(lines, start=2):
        line = audit[index]
        rule = rules[line.rule_id]
        key = (id(line.state), line.replaced_by)
        label = labels.get(key)
        if label is None:
            assert line.state is not None, "a booked line has its state"
            label = labels[key] = state_text(line.state, "zh", by=line.replaced_by)
        tall = max(text_lines[line.rule_id], lines_needed(line.note, note_room) if line.note else 1)
        yield writer.row(
            row,
            (
                line.source_sheet,
                line.row,
                line.date,
                line.window,
                line.rule_id,
                rule.text,
                rule.category,
                line.count,
                line.person,
                line.note,
                line.points,
                line.deducted,
                label,
            ),
            tall * LINE_HEIGHT + 2 if tall > 1 else None,
        )
        if progress and index % 50_000 == 0:
            progress(index, total)
    if progress:
        progress(lines.stop, total)


def _write_cell(sheet: Any, row: int, column: int, value: Any, style: Any = None) -> None:
    """Numbers as numbers, nothing as a blank cell (keeping its border), everything else as
    text (never a formula)."""
    if value is None or value == "":
        sheet.write_blank(row, column, None, style)
    elif isinstance(value, bool):
        sheet.write_string(row, column, str(value), style)
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
        rows.append(
            ("加分类别", f"{category.name}:每月最多加 {plain_number(category.points)} 分,计入满分")
        )
    vetoes = scheme.veto_rules()
    if vetoes:
        rows.append(
            (
                "一票否决条款",
                "、".join(f"{r.id} {r.short}" for r in vetoes) + ":有计入的记录即不得入选,名额顺延",
            )
        )
    if scheme.min_total is not None:
        rows.append(
            ("入选最低分", f"总分低于 {plain_number(scheme.min_total)} 分不得入选,名额顺延")
        )
    if scheme.tie_break:
        rows.append(
            (
                "并列处理顺序",
                "、".join(criterion_text(c, "zh") for c in scheme.tie_break)
                + "(仅在并列跨过名额线时使用)",
            )
        )
    capped = [(r.id, r.cap) for r in scheme.rules if r.cap is not None]
    if capped:
        rows.append(
            (
                "条款封顶",
                "、".join(f"{rule} 每月最多 {plain_number(cap)} 分" for rule, cap in capped),
            )
        )
    evidence = [r.id for r in scheme.rules if r.evidence]
    if evidence:
        rows.append(("需要依据的条款", "、".join(evidence) + "(当事人或说明必填)"))
    return rows


def _write_about(
    book: Any,
    styles: _Styles,
    result: MonthResult,
    scheme: Scheme,
    audit_sheets: list[str],
    generated_at: dt.datetime,
) -> None:
    sheet = book.add_worksheet(ABOUT_SHEET)
    rows: list[tuple[str, Any]] = [
        (ABOUT_SCHEME, scheme.name),
        ("来源", scheme.source),
        (ABOUT_RULES_FILE, Path(scheme.path).name),
        (ABOUT_INPUT, Path(result.source_path).name),
        (ABOUT_INPUT_SHA, result.source_sha256),
        *_more_sources(result),
        (ABOUT_MONTH, result.month),
        ("生成时间", generated_at.strftime("%Y-%m-%d %H:%M:%S")),
        (ABOUT_VERSION, f"{TOOL_PREFIX} {__version__}"),
        (ABOUT_MAX, result.max_score),
        (
            ABOUT_CATEGORIES,
            "、".join(
                f"{c.name} {'+' if c.is_bonus else ''}{plain_number(c.points)}"
                for c in scheme.categories
            ),
        ),
        ("每月入选上限", result.winners),
        ("计入行数", result.rows_counted),
        ("撤销行数", result.rows_withdrawn),
    ]
    rows.extend(_feature_rows(scheme))
    if scheme.note:
        rows.append(("说明", scheme.note))
    if len(audit_sheets) > 1:
        rows.append(
            ("扣分明细分表", f"扣分明细超过一张工作表的行数上限,续写在:{'、'.join(audit_sheets)}")
        )
    if result.picks:
        rows.append(("考评小组决定", "、".join(result.picks)))
    sheet.write_row(0, 0, ("项目", "内容"), styles.header)
    key_width, value_width = column_width([key for key, _ in rows]), 90
    for offset, (key, value) in enumerate(rows, start=1):
        sheet.write_string(offset, 0, key, styles.boxed_wrap)
        _write_cell(sheet, offset, 1, value, styles.boxed_wrap)  # left-aligned, numbers too
        sheet.set_row(offset, row_height([(value, value_width)]))
    sheet.set_column(0, 0, key_width)
    sheet.set_column(1, 1, value_width)
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
