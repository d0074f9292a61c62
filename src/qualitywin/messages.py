"""Every user-facing sentence, in Chinese and English.

`CATALOG[lang][key]` is a `str.format` template. Issue codes are keys (`code.value`), with the
hint under `code.value + ".hint"`; console strings have dotted names (`summary.counted`).
The language comes from `set_language`, else QUALITYWIN_LANG, else the locale (zh* → zh, else en).
"""

from __future__ import annotations

import locale
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qualitywin.issues import Issue

LANGUAGES = ("zh", "en")
_current: str | None = None


def set_language(lang: str | None) -> None:
    global _current
    _current = lang if lang in LANGUAGES else None


def current_language() -> str:
    if _current:
        return _current
    env = os.environ.get("QUALITYWIN_LANG", "").strip().lower()
    if env[:2] in LANGUAGES:
        return env[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    template = CATALOG[lang or current_language()].get(key) or CATALOG["en"].get(key, key)
    return template.format(**params) if params else template


def issue_text(issue: "Issue", lang: str | None = None) -> str:
    return text(issue.code.value, lang, **_issue_params(issue, lang))


def issue_hint(issue: "Issue", lang: str | None = None) -> str:
    key = issue.code.value + ".hint"
    lang = lang or current_language()
    if key not in CATALOG[lang]:
        return ""
    return text(key, lang, **_issue_params(issue, lang))


def _issue_params(issue: "Issue", lang: str | None = None) -> dict[str, Any]:
    params = {key: _show(value, limit=None) for key, value in issue.params.items()}
    what = f"what.{issue.params.get('what')}"
    if what in CATALOG["en"]:  # a file's kind, as filecheck names it: translated here
        params["what"] = text(what, lang)
    params.setdefault("value", _show(issue.value))
    params.setdefault("sheet", issue.sheet or "")
    params.setdefault("cell", issue.cell or "")
    suggestions = issue.params.get("suggestions")
    params["did_you_mean"] = _did_you_mean(suggestions, lang) if suggestions else ""
    return params


def _show(value: Any, limit: int | None = 60) -> str:
    """A value as the message shows it: lists joined, long cell text shortened."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):  # as Excel shows it
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():  # a number cell 3 reads as 3.0
        return str(int(value))
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _did_you_mean(suggestions: Any, lang: str | None = None) -> str:
    return text("did_you_mean", lang, names=_show(suggestions))


ZH: dict[str, str] = {
    "did_you_mean": "(是不是:{names}?)",
    # the file
    "file-missing": "找不到文件 {path}",
    "file-missing.hint": "检查路径和文件名。",
    "not-a-file": "{path} 不是文件(是{what})",
    "not-a-file.hint": "请给出一个 .xlsx 工作簿文件。",
    "file-empty": "{path} 是空文件(0 字节)",
    "file-empty.hint": "文件可能没有保存完整,请重新保存或重新拷贝。",
    "file-unreadable": "无法读取 {path}:{reason}",
    "not-a-workbook": "{path} 不是 Excel 工作簿(它是{what})",
    "not-a-workbook.hint": "在 Excel 或 WPS 中打开后“另存为” .xlsx 工作簿。",
    "encrypted": "{path} 设有打开密码(已加密)",
    "encrypted.hint": "在 Excel 或 WPS 中输入密码打开,取消密码(文件→信息→保护工作簿→用密码进行加密,清空)后保存,再运行。",
    "unsafe-xml": "工作簿的 {part} 含有 DTD/实体声明(可能是恶意构造的文件),已拒绝,未展开任何实体",
    "unsafe-xml.hint": "正常的 Excel/WPS 文件不含实体声明;请向文件来源核实,或重新从 Excel 另存为 .xlsx。",
    "zip-bomb": "工作簿解压后会超过上限 {limit} 字节(已知至少 {size} 字节),已拒绝,没有解压",
    "zip-bomb.hint": "如确属超大工作簿,用 --max-unzipped 提高上限(字节数)。",
    "too-many-rows": "工作表 {sheet} 有 {rows} 行,超过 Excel 的上限 {limit} 行",
    "too-many-rows.hint": "把记录拆分到多个工作簿。",
    "too-many-cells": "工作表 {sheet} 的使用范围达 {rows} 行 × {columns} 列({cells} 个单元格),超过上限 {limit},已拒绝(可能是恶意构造的文件)",
    "too-many-cells.hint": "在 Excel 或 WPS 中按 Ctrl+End 找到最远的单元格,删除多余的行和列后另存为 .xlsx。",
    "insecure-setup": "{library} 没有使用 {needs} 解析 XML,拒绝读取",
    "insecure-setup.hint": "重新安装 qualitywin(pip install qualitywin 会一并安装 {needs})。",
    "what.directory": "文件夹",
    "what.special-file": "特殊文件(管道或设备)",
    "what.text": "文本文件",
    "what.csv": "CSV 文本文件",
    "what.html": "网页(HTML)文件,常见于系统导出的“.xls”",
    "what.xml": "XML 文件",
    "what.pdf": "PDF 文件",
    "what.binary": "无法识别的二进制文件",
    "what.damaged-zip": "损坏或不完整的压缩包",
    "what.empty-zip": "空的压缩包",
    "what.zip-without-workbook": "不含工作簿的压缩包",
    "what.xlsb": "Excel 二进制工作簿(.xlsb)",
    "what.other-document": "其他类型的办公文档(Word、PowerPoint 等)",
    "what.damaged-ole": "损坏的旧版 Office 文件",
    "what.damaged-workbook": "损坏的工作簿",
    # output
    "output-exists": "结果文件 {path} 已存在,未覆盖",
    "output-exists.hint": "加 --force 覆盖,或用 --output 指定另一个文件。",
    "output-is-input": "结果文件 {path} 就是输入文件,拒绝写入",
    "output-is-input.hint": "用 --output 指定另一个文件名。",
    "output-dir-missing": "结果文件所在的文件夹 {path} 不存在",
    "output-dir-missing.hint": "先建好文件夹,或用 --output 指定已有文件夹中的文件。",
    "output-not-writable": "无法写入 {path}:{reason}",
    # rules file
    "rules-file": "无法读取规则文件 {file}:{reason}",
    "rules-syntax": "规则文件语法错误:{reason}",
    "rules-not-data": "规则文件只能包含“名称 = 字面量表格”的赋值,不能有代码",
    "rules-missing-table": "规则文件缺少表 {table}",
    "rules-bad-value": "{key} 的值不正确,应为:{expected}",
    "rules-unknown-key": "{where} 中有未知的键 {key}(可用的键:{known})",
    "rules-duplicate-id": "条款编号 {id} 重复(第一次出现在第 {first} 行)",
    "rules-unknown-category": "条款 {id} 的类别 {category} 未在 CATEGORIES 中定义(已定义:{known})",
    "rules-unknown-mode": "条款 {id} 的计分方式 {mode} 未知(可用:{known})",
    "rules-bad-points": "{what} 的分值 {value} 应为正数",
    "rules-empty-roster": "ROSTER(参评窗口名单)为空",
    "rules-unknown-rule": "{key} 引用了未定义的条款 {id}",
    "rules-unknown-criterion": "并列处理规则 {criterion} 不存在(可用:{known})",
    "rules-no-floor": "类别 {category} 的条款可扣分超过其分值 {points},按“扣完为止”处理",
    # workbook structure
    "sheet-missing": "找不到工作表 {wanted};工作簿中的工作表有:{found}",
    "sheet-missing.hint": "把记录所在的工作表改名为 {wanted}。",
    "header-missing": "工作表 {sheet} 是空的,没有表头行",
    "header-missing.hint": "第一行非空行应是表头:{columns}。",
    "column-missing": "工作表 {sheet} 缺少必填列 {column}{did_you_mean}",
    "column-missing.hint": "表头应包含:{columns}。",
    "column-duplicate": "列 {column} 出现了两次(另一次在 {other})",
    "column-duplicate.hint": "删除或改名其中一列。",
    "column-unknown": "未知的列 {value},将被忽略{did_you_mean}",
    "sheet-hidden": "工作表 {sheet} 是隐藏的,仍按其内容计分",
    "month-mismatch": "--month {month} 与文件名中的月份 {file_month} 不同,按 {month} 计",
    # data cells
    "required-blank": "{column} 为空(必填)",
    "cell-error": "单元格是错误值 {value}",
    "cell-error.hint": "修正产生错误的公式,或直接填入数值。",
    "formula-no-value": "单元格是公式 {value},但没有计算结果",
    "formula-no-value.hint": "在 Excel/WPS 中打开并保存一次以计算公式,或直接填入数值。",
    "text-too-long": "文字过长({length} 个字符,上限 {limit})",
    "date-invalid": "日期 {value} 无法识别",
    "date-invalid.hint": "请填日期,如 2020-02-03、2020/2/3、2020.2.3 或 2020年2月3日。",
    "date-number": "日期列是数字 {value},不是日期",
    "date-number.hint": "把单元格格式设为“日期”,或填写 2020-02-03 这样的文字。",
    "date-outside-month": "日期 {value} 不在 {month} 月内",
    "window-unknown": "窗口 {value} 不在参评名单中{did_you_mean}",
    "window-unknown.hint": "名单见 qualitywin rules。",
    "rule-unknown": "条款 {value} 不存在{did_you_mean}",
    "rule-unknown.hint": "条款编号见 qualitywin rules。",
    "rule-computed": "条款 {value} 不能在此登记,它由工作表 {from_sheet} 计算",
    "count-invalid": "人次 {value} 应为不小于 1 的整数",
    "status-invalid": "状态 {value} 无法识别,应为空、有效 或 撤销",
    "number-invalid": "{column} 的值 {value} 应为不小于 0 的数",
    "name-blank": "{column} 为空(按人计算时必填)",
    "rule-replaced": "{window} 同时登记了 {replaced} 和 {by},按 {by} 计,{replaced} 不再扣分",
    # console
    "validate.ok": "{file}:没有错误({rows} 行记录)",
    "validate.errors": "{file}:{errors} 个错误",
    "validate.warnings": "{warnings} 个警告",
    "heading.errors": "错误",
    "heading.warnings": "警告",
    "column.where": "位置",
    "column.problem": "问题",
    "column.rank": "名次",
    "column.window": "窗口",
    "column.total": "总分",
    "column.deducted": "扣分",
    "column.status": "状态",
    "summary.title": "{month} 月 {scheme}",
    "summary.selected": "入选:{windows}",
    "summary.tied": "并列待定:{windows}(由考评小组决定)",
    "summary.referral": "移交:{window} {person}({rule},{where})",
    "summary.rows": "计入 {counted} 行,撤销 {withdrawn} 行,共 {total} 行",
    "summary.written": "结果已写入 {path}",
    "top.title": "{month} 月优质服务窗口(最多 {winners} 个)",
    "top.none": "无",
    "top.tied_note": "以上并列待定窗口由考评小组决定入选。",
    "rules.title": "{name}(满分 {max_score},每月最多 {winners} 个)",
    "rules.roster": "参评窗口({count}):{windows}",
    "rules.aliases": "别名:{aliases}",
    "rules.ok": "{file}:规则文件无误({rules} 条条款,{categories} 个类别)",
    "error.prefix": "错误",
    "usage.month_missing": "无法确定月份:文件名 {file} 中没有 YYYY-MM,请用 --month YYYY-MM 指定",
    "usage.month_invalid": "月份 {value} 不正确,应为 YYYY-MM(月份 01–12)",
    "progress.reading": "读取",
    "progress.writing": "写入",
}

EN: dict[str, str] = {
    "did_you_mean": " (did you mean: {names}?)",
    "file-missing": "file not found: {path}",
    "file-missing.hint": "Check the path and the file name.",
    "not-a-file": "{path} is not a file (it is {what})",
    "not-a-file.hint": "Give an .xlsx workbook file.",
    "file-empty": "{path} is empty (0 bytes)",
    "file-empty.hint": "The file may not have been saved completely; save or copy it again.",
    "file-unreadable": "cannot read {path}: {reason}",
    "not-a-workbook": "{path} is not an Excel workbook (it is {what})",
    "not-a-workbook.hint": "Open it in Excel or WPS and save it as an .xlsx workbook.",
    "encrypted": "{path} is password-protected (encrypted)",
    "encrypted.hint": "Open it in Excel or WPS with the password, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save, and run again.",
    "unsafe-xml": "the workbook's {part} declares a DTD or entities (a crafted file?); refused without expanding anything",
    "unsafe-xml.hint": "Files saved by Excel or WPS never declare entities; check where the file came from, or save it again as .xlsx from Excel.",
    "zip-bomb": "the workbook would inflate past the limit of {limit} bytes (at least {size}); refused without inflating it",
    "zip-bomb.hint": "If the workbook really is that large, raise the limit with --max-unzipped BYTES.",
    "too-many-rows": "sheet {sheet} has {rows} rows, more than Excel's limit of {limit}",
    "too-many-rows.hint": "Split the records over several workbooks.",
    "too-many-cells": "sheet {sheet} spans {rows} rows × {columns} columns ({cells} cells), more than the limit of {limit}; refused (a crafted file?)",
    "too-many-cells.hint": "In Excel or WPS press Ctrl+End to find the farthest cell, delete the extra rows and columns, and save as .xlsx again.",
    "insecure-setup": "{library} does not parse XML through {needs}; refusing to read",
    "insecure-setup.hint": "Reinstall qualitywin (pip install qualitywin installs {needs} with it).",
    "what.directory": "a folder",
    "what.special-file": "a special file (a pipe or a device)",
    "what.text": "a text file",
    "what.csv": "a CSV text file",
    "what.html": "a web page (HTML), as some systems export as “.xls”",
    "what.xml": "an XML file",
    "what.pdf": "a PDF file",
    "what.binary": "an unknown binary file",
    "what.damaged-zip": "a damaged or incomplete zip archive",
    "what.empty-zip": "an empty zip archive",
    "what.zip-without-workbook": "a zip archive with no workbook in it",
    "what.xlsb": "an Excel binary workbook (.xlsb)",
    "what.other-document": "another kind of office document (Word, PowerPoint …)",
    "what.damaged-ole": "a damaged legacy Office file",
    "what.damaged-workbook": "a damaged workbook",
    "output-exists": "the result file {path} exists; not overwritten",
    "output-exists.hint": "Add --force to overwrite it, or choose another file with --output.",
    "output-is-input": "the result file {path} is the input file; refused",
    "output-is-input.hint": "Choose another file name with --output.",
    "output-dir-missing": "the folder of the result file, {path}, does not exist",
    "output-dir-missing.hint": "Create the folder first, or give --output a file in an existing folder.",
    "output-not-writable": "cannot write {path}: {reason}",
    "rules-file": "cannot read the rules file {file}: {reason}",
    "rules-syntax": "syntax error in the rules file: {reason}",
    "rules-not-data": "a rules file may only hold `NAME = literal table` assignments, no code",
    "rules-missing-table": "the rules file has no {table} table",
    "rules-bad-value": "the value of {key} is wrong; expected: {expected}",
    "rules-unknown-key": "unknown key {key} in {where} (known keys: {known})",
    "rules-duplicate-id": "rule id {id} is defined twice (first on line {first})",
    "rules-unknown-category": "rule {id} names category {category}, which CATEGORIES does not define (defined: {known})",
    "rules-unknown-mode": "rule {id} has unknown mode {mode} (known: {known})",
    "rules-bad-points": "the points of {what} must be positive, not {value}",
    "rules-empty-roster": "ROSTER (the windows scored) is empty",
    "rules-unknown-rule": "{key} names rule {id}, which is not defined",
    "rules-unknown-criterion": "tie-break criterion {criterion} does not exist (known: {known})",
    "rules-no-floor": "the rules of category {category} can deduct more than its {points} points; it stops at 0",
    "sheet-missing": "sheet {wanted} not found; the workbook has: {found}",
    "sheet-missing.hint": "Rename the sheet holding the records to {wanted}.",
    "header-missing": "sheet {sheet} is empty: no header row",
    "header-missing.hint": "The first non-empty row must be the header: {columns}.",
    "column-missing": "sheet {sheet} has no column {column} (required){did_you_mean}",
    "column-missing.hint": "The header must contain: {columns}.",
    "column-duplicate": "column {column} appears twice (also at {other})",
    "column-duplicate.hint": "Delete or rename one of them.",
    "column-unknown": "unknown column {value}, ignored{did_you_mean}",
    "sheet-hidden": "sheet {sheet} is hidden; it is scored all the same",
    "month-mismatch": "--month {month} differs from the month in the file name, {file_month}; using {month}",
    "required-blank": "{column} is blank (required)",
    "cell-error": "the cell holds the error value {value}",
    "cell-error.hint": "Fix the formula that gives the error, or type the value.",
    "formula-no-value": "the cell holds the formula {value} with no computed value",
    "formula-no-value.hint": "Open and save the file once in Excel or WPS so formulas are computed, or type the value.",
    "text-too-long": "text too long ({length} characters, limit {limit})",
    "date-invalid": "date {value} not understood",
    "date-invalid.hint": "Give a date such as 2020-02-03, 2020/2/3, 2020.2.3 or 2020年2月3日.",
    "date-number": "the date column holds the number {value}, not a date",
    "date-number.hint": "Format the cell as a date, or type text like 2020-02-03.",
    "date-outside-month": "date {value} is not in {month}",
    "window-unknown": "window {value} is not on the roster{did_you_mean}",
    "window-unknown.hint": "See the roster with `qualitywin rules`.",
    "rule-unknown": "rule {value} does not exist{did_you_mean}",
    "rule-unknown.hint": "See the rule ids with `qualitywin rules`.",
    "rule-computed": "rule {value} cannot be recorded here; it is computed from sheet {from_sheet}",
    "count-invalid": "count {value} must be a whole number of at least 1",
    "status-invalid": "status {value} not understood; expected blank, 有效/valid or 撤销/withdrawn",
    "number-invalid": "{column}: {value} must be a number of at least 0",
    "name-blank": "{column} is blank (required when scored per person)",
    "rule-replaced": "{window} has both {replaced} and {by}; {by} counts and {replaced} deducts nothing",
    "validate.ok": "{file}: no errors ({rows} record rows)",
    "validate.errors": "{file}: {errors} errors",
    "validate.warnings": "{warnings} warnings",
    "heading.errors": "Errors",
    "heading.warnings": "Warnings",
    "column.where": "Where",
    "column.problem": "Problem",
    "column.rank": "Rank",
    "column.window": "Window",
    "column.total": "Total",
    "column.deducted": "Lost",
    "column.status": "Status",
    "summary.title": "{month} · {scheme}",
    "summary.selected": "Selected (入选): {windows}",
    "summary.tied": "Tied at the cut (并列待定): {windows} — the evaluation group decides",
    "summary.referral": "Referral (移交): {window} {person} ({rule}, {where})",
    "summary.rows": "{counted} rows counted, {withdrawn} withdrawn, {total} in all",
    "summary.written": "result written to {path}",
    "top.title": "Quality service windows of {month} (at most {winners})",
    "top.none": "none",
    "top.tied_note": "The evaluation group decides among the tied windows.",
    "rules.title": "{name} (maximum {max_score}, at most {winners} a month)",
    "rules.roster": "Windows ({count}): {windows}",
    "rules.aliases": "Aliases: {aliases}",
    "rules.ok": "{file}: rules file is valid ({rules} rules, {categories} categories)",
    "error.prefix": "Error",
    "usage.month_missing": "cannot tell the month: the file name {file} holds no YYYY-MM; give --month YYYY-MM",
    "usage.month_invalid": "month {value} is not valid; expected YYYY-MM (month 01–12)",
    "progress.reading": "reading",
    "progress.writing": "writing",
}

CATALOG = {"zh": ZH, "en": EN}
