"""An empty month's input workbook that offers the right choices: the clerks' side of the contract.

扣分记录 and 请假 carry the contract's headers, with data validation on every input column (lists
fed from a hidden sheet, since an inline list may hold only 255 characters), input messages that
explain each column, and a 条款内容 column that shows the chosen rule by formula (the reader
ignores it). 条款说明 lists the scheme. Sheet names, headers and messages are Chinese: the contract.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from qualitywin.decimals import plain_number
from qualitywin.printing import print_setup
from qualitywin.records import IGNORED_COLUMNS, INCIDENT_FIELDS, INCIDENT_SHEET, parse_month
from qualitywin.scheme import Computed, Rule, Scheme
from qualitywin.textwidth import column_width

TEMPLATE_ROWS = 2000  # rows below the header that carry the validations and the formula
RULES_SHEET = "条款说明"
LOOKUP_SHEET = "下拉选项"  # hidden; read by no one but the dropdowns
RULE_TEXT_HEADER = IGNORED_COLUMNS[0].name  # 条款内容
STATUS_CHOICES = ("有效", "撤销")
RULES_HEADER = ("条款", "类别", "简称", "条款内容", "分值", "方式")


@dataclass(frozen=True)
class _Column:
    header: str
    title: str  # the input message's title (≤ 32 characters)
    message: str  # the input message (≤ 255 characters)
    width: float


def write_template(month: str, scheme: Scheme, path: Path, rows: int = TEMPLATE_ROWS) -> None:
    """Write the empty input workbook for `month` (YYYY-MM) to `path`."""
    month = parse_month(month)
    first, last = _month_days(month)
    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties(
        {
            "title": f"{scheme.center} {month} 扣分记录",
            "subject": scheme.name,
            "comments": "qualitywin template",
        }
    )
    styles = _Styles(book)
    incidents = book.add_worksheet(INCIDENT_SHEET[0])
    leave_sheets = [
        (rule, book.add_worksheet(rule.computed.sheet))
        for rule in scheme.computed_rules()
        if rule.computed
    ]
    rules_sheet = book.add_worksheet(RULES_SHEET)
    lookup = book.add_worksheet(LOOKUP_SHEET)
    lists = _write_lookup(lookup, scheme)
    rule_range = _write_rules(rules_sheet, styles, scheme)
    _write_incidents(incidents, styles, scheme, month, first, last, rows, lists, rule_range)
    for rule, sheet in leave_sheets:
        _write_computed(sheet, styles, rule, rows, lists)
    lookup.hide()
    incidents.activate()
    book.close()


def _month_days(month: str) -> tuple[dt.date, dt.date]:
    year, number = (int(p) for p in month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


class _Styles:
    def __init__(self, book: Any):
        self.header = book.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.formula_header = book.add_format(
            {
                "bold": True,
                "bg_color": "#EDEDED",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "font_color": "#595959",
            }
        )
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.text = book.add_format({"num_format": "@"})
        self.whole = book.add_format({"num_format": "0"})
        self.number = book.add_format({"num_format": "General"})
        self.formula = book.add_format({"font_color": "#595959", "italic": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.top = book.add_format({"valign": "top"})


def _write_lookup(sheet: Any, scheme: Scheme) -> dict[str, str]:
    """The dropdowns' choices, one column each; → their absolute ranges."""
    columns = {
        "窗口": list(scheme.roster),
        "条款": [r.id for r in scheme.rules if r.mode != "computed"],
    }
    ranges = {}
    for index, (name, values) in enumerate(columns.items()):
        sheet.write_string(0, index, name)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, index, value)
        letter = chr(ord("A") + index)
        ranges[name] = f"='{LOOKUP_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _write_rules(sheet: Any, styles: _Styles, scheme: Scheme) -> str:
    """条款说明: the scheme, one rule a row; → the range the formula column looks rules up in."""
    sheet.write_row(0, 0, RULES_HEADER, styles.header)
    for row, rule in enumerate(scheme.rules, start=1):
        sheet.write_string(row, 0, rule.id, styles.top)
        sheet.write_string(row, 1, rule.category, styles.top)
        sheet.write_string(row, 2, rule.short, styles.wrap)
        sheet.write_string(row, 3, rule.text, styles.wrap)
        sheet.write_number(row, 4, plain_number(rule.points), styles.top)
        sheet.write_string(row, 5, describe_mode(rule), styles.wrap)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(scheme.rules), len(RULES_HEADER) - 1)
    widths = (
        column_width([RULES_HEADER[0], *(r.id for r in scheme.rules)]),
        column_width([RULES_HEADER[1], *(r.category for r in scheme.rules)]),
        column_width([RULES_HEADER[2], *(r.short for r in scheme.rules)], maximum=30),
        60,
        6,
        column_width([describe_mode(r) for r in scheme.rules], maximum=24),
    )
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    print_setup(sheet, f"{scheme.name} 条款说明", 0)
    return f"'{RULES_SHEET}'!$A$2:$D${len(scheme.rules) + 1}"


def describe_mode(rule: Rule) -> str:
    """How a rule deducts, in the center's words."""
    if rule.mode == "once":
        text = "每月一次"
    elif rule.mode == "per_count":
        text = f"每{rule.unit or '次'}"
    else:
        text = f"按{rule.computed.sheet if rule.computed else ''}工作表计算"
    if rule.replaces:
        text += f",替代 {rule.replaces}"
    if rule.referral:
        text += ",移交有关部门"
    return text


def _incident_columns(month: str, first: dt.date, last: dt.date) -> list[_Column]:
    messages = {
        "日期": (
            "日期",
            f"填写 {first:%Y-%m-%d} 至 {last:%Y-%m-%d} 之间的日期,例如 {first:%Y-%m-%d}。",
            12,
        ),
        "窗口": ("窗口", "从下拉列表选择窗口(参评窗口名单),不要手工输入简称。", 20),
        "条款": (
            "条款",
            "从下拉列表选择条款编号,例如 2.2a。右侧“条款内容”会显示所选条款。"
            "2.1(请假)不在此登记,请填“请假”工作表。完整条款见“条款说明”工作表。",
            8,
        ),
        "人次": ("人次", "不小于 1 的整数;空着按 1 计。", 7),
        "当事人": ("当事人", "当事人姓名(可以空着)。", 12),
        "说明": ("说明", "情况说明(可以空着)。", 30),
        "状态": ("状态", "空着或选“有效”:计入扣分;选“撤销”:保留记录,不扣分。", 8),
    }
    columns = []
    for field in INCIDENT_FIELDS:
        title, message, width = messages.get(field.column.name, (field.column.name, "", 12))
        columns.append(_Column(field.column.name, title, message, width))
        if field.key == "rule":
            columns.append(
                _Column(
                    RULE_TEXT_HEADER,
                    "条款内容(自动显示)",
                    "按所选条款自动显示,无需填写;计分时忽略此列。",
                    50,
                )
            )
    return columns


def _write_incidents(
    sheet: Any,
    styles: _Styles,
    scheme: Scheme,
    month: str,
    first: dt.date,
    last: dt.date,
    rows: int,
    lists: dict[str, str],
    rule_range: str,
) -> None:
    columns = _incident_columns(month, first, last)
    letters = {c.header: chr(ord("A") + i) for i, c in enumerate(columns)}
    for index, column in enumerate(columns):
        style = styles.formula_header if column.header == RULE_TEXT_HEADER else styles.header
        sheet.write_string(0, index, column.header, style)
        sheet.set_column(
            index,
            index,
            max(column.width, column_width([column.header])),
            _column_style(styles, column.header),
        )
    last_row = rows  # 0-based: rows 1..rows hold data
    for index, column in enumerate(columns):
        rule = _incident_rule(column.header, lists, first, last)
        if rule is None:
            continue
        sheet.data_validation(
            1,
            index,
            last_row,
            index,
            {**rule, "input_title": column.title, "input_message": column.message},
        )
    for index, column in enumerate(columns):
        if column.header in ("当事人", "说明", RULE_TEXT_HEADER):  # a message, no rule
            sheet.data_validation(
                1,
                index,
                last_row,
                index,
                {"validate": "any", "input_title": column.title, "input_message": column.message},
            )
    text_column = list(letters).index(RULE_TEXT_HEADER)
    rule_letter = letters["条款"]
    for row in range(1, last_row + 1):
        key = f"{rule_letter}{row + 1}"
        sheet.write_formula(
            row,
            text_column,
            f'=IFERROR(VLOOKUP({key},{rule_range},3,FALSE)&":"&'
            f'VLOOKUP({key},{rule_range},4,FALSE),"")',
            styles.formula,
            "",
        )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last_row, len(columns) - 1)
    print_setup(sheet, f"{scheme.center} {month} 扣分记录", 0)


def _incident_rule(
    header: str, lists: dict[str, str], first: dt.date, last: dt.date
) -> dict[str, Any] | None:
    stop = {"error_type": "stop"}
    if header == "日期":
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": first,
            "maximum": last,
            "error_title": "日期不在本月",
            "error_message": f"请填写 {first:%Y-%m-%d} 至 {last:%Y-%m-%d} 之间的日期。",
            **stop,
        }
    if header in ("窗口", "条款"):
        return {
            "validate": "list",
            "source": lists[header],
            "error_title": f"{header}不在列表中",
            "error_message": f"请从下拉列表中选择{header}。",
            **stop,
        }
    if header == "人次":
        return {
            "validate": "integer",
            "criteria": ">=",
            "value": 1,
            "error_title": "人次不正确",
            "error_message": "人次应为不小于 1 的整数。",
            **stop,
        }
    if header == "状态":
        return {
            "validate": "list",
            "source": list(STATUS_CHOICES),
            "error_title": "状态不正确",
            "error_message": "状态只能是 有效 或 撤销(或空着)。",
            **stop,
        }
    return None


def _column_style(styles: _Styles, header: str) -> Any:
    if header == "日期":
        return styles.date
    if header == "人次":
        return styles.whole
    if header == RULE_TEXT_HEADER:
        return styles.formula
    return styles.text


def _write_computed(
    sheet: Any, styles: _Styles, rule: Rule, rows: int, lists: dict[str, str]
) -> None:
    """A sheet a computed rule reads (请假 for 2.1): its headers and rules."""
    spec: Computed = rule.computed  # type: ignore[assignment]
    headers = [spec.window_column.name]
    if spec.person_column is not None:
        headers.append(spec.person_column.name)
    headers.extend(c.name for c in spec.value_columns)
    sheet.write_row(0, 0, headers, styles.header)
    sheet.data_validation(
        1,
        0,
        rows,
        0,
        {
            "validate": "list",
            "source": lists["窗口"],
            "error_type": "stop",
            "input_title": spec.window_column.name,
            "input_message": "从下拉列表选择窗口。",
            "error_title": "窗口不在列表中",
            "error_message": "请从下拉列表中选择窗口。",
        },
    )
    sheet.set_column(0, 0, 20, styles.text)
    first_value = 1
    if spec.person_column is not None:
        sheet.data_validation(
            1,
            1,
            rows,
            1,
            {
                "validate": "any",
                "input_title": spec.person_column.name,
                "input_message": f"每人一行;同一人多行时合计计算。条款 {rule.id}:{rule.short}。",
            },
        )
        sheet.set_column(1, 1, 12, styles.text)
        first_value = 2
    for offset, column in enumerate(spec.value_columns):
        index = first_value + offset
        sheet.data_validation(
            1,
            index,
            rows,
            index,
            {
                "validate": "decimal",
                "criteria": ">=",
                "value": 0,
                "error_type": "stop",
                "input_title": column.name[:32],
                "input_message": "本月合计,不小于 0 的数,半天填 0.5;没有就空着。",
                "error_title": "数值不正确",
                "error_message": f"{column.name}应为不小于 0 的数。",
            },
        )
        sheet.set_column(index, index, column_width([column.name]), styles.number)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, rows, len(headers) - 1)
    print_setup(sheet, spec.sheet, 0)
