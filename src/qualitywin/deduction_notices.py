"""Each window's 扣分通知单: what was recorded against it this month, for its 首席代表 to sign.

One page a window: the window and the month, each deduction (日期, 条款, 人次, 扣分, 当事人, 说明,
where it was recorded) with the rules' texts under the table, the category and total scores, the
appeal line (days and office from the rules file's PUBLISH) and the signature lines. Written as a
.docx per window, or one document with a page per window.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qualitywin import docx_layout as layout
from qualitywin.decimals import plain_text
from qualitywin.model import MonthResult, WindowScore
from qualitywin.publishing import (
    Deduction,
    chinese_punctuation,
    deductions_by_window,
    issuer,
    lost_points,
    official_date,
    official_month,
    scheme_of,
    status_label,
)

TITLE = "扣分通知单"
DEDUCTION_HEADER = ["日期", "条款", "人次", "扣分", "当事人", "说明", "记录位置"]
SIGNATURES = ("窗口首席代表签字：", "日期：")
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class NoticeFile:
    """One document to write: its file name and the windows it holds."""

    name: str
    windows: tuple[WindowScore, ...]


def notice_files(
    result: MonthResult, *, every_window: bool = False, single: bool = False
) -> list[NoticeFile]:
    """The documents `notices` writes: a file per window (or one for all), for each window that
    lost points (or every window)."""
    windows = tuple(w for w in result.windows if every_window or lost_points(w))
    if not windows:
        return []
    if single:
        return [NoticeFile(f"{result.month}-{TITLE}.docx", windows)]
    return [
        NoticeFile(f"{result.month}-{TITLE}-{safe_file_name(w.window)}.docx", (w,)) for w in windows
    ]


def safe_file_name(window: str) -> str:
    """A window's name as part of a file name on Windows, macOS and Linux."""
    return _UNSAFE_IN_NAME.sub("_", window).strip(" .") or "_"


def write_deduction_notices(
    result: MonthResult,
    windows: tuple[WindowScore, ...],
    path: Path,
    date: dt.date | None = None,
    lines: dict[str, list[Deduction]] | None = None,
) -> None:
    """Write the 扣分通知单 of `windows` into one .docx, a page each. (`lines`: the month's
    deductions_by_window, when the caller writes several files from one result.)"""
    document = layout.official_document()
    lines = deductions_by_window(result) if lines is None else lines
    for number, score in enumerate(windows):
        _notice(
            document,
            result,
            score,
            lines.get(score.window, []),
            date or dt.date.today(),
            new_page=number > 0,
        )
    layout.add_page_numbers(document)
    document.save(str(path))


def _notice(
    document,
    result: MonthResult,
    score: WindowScore,
    lines: list[Deduction],
    date: dt.date,
    new_page: bool,
) -> None:
    month = official_month(result.month)
    title = layout.add_paragraph(
        document,
        f"{month}{TITLE}",
        font=layout.TITLE_FONT,
        size=layout.TITLE_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line_pitch=layout.Pt(layout.TITLE_SIZE.pt * 1.5),
    )
    title.paragraph_format.page_break_before = new_page
    layout.add_paragraph(document, chinese_punctuation(f"{score.window}:"))
    lost = plain_text(score.deducted)
    summary = (
        f"根据《{scheme_of(result).name}》,你窗口{month}共有以下 {len(lines)} 条扣分记录,"
        f"合计扣 {lost} 分:"
        if lines
        else f"你窗口{month}没有扣分记录。"
    )
    layout.add_paragraph(document, chinese_punctuation(summary), indent_chars=2)
    if lines:
        _deduction_table(document, lines)
    _scores(document, result, score)
    publish = scheme_of(result).publish
    appeal = layout.add_paragraph(
        document,
        chinese_punctuation(
            f"如有异议请于{publish.appeal_days}个工作日内向{publish.appeal_office}提出。"
        ),
        indent_chars=2,
    )
    appeal.paragraph_format.keep_with_next = True
    _signatures(document, issuer(result), official_date(date))


def _deduction_table(document, lines) -> None:
    rows = [[d.date, d.rule, d.count, d.points, d.person, d.note, d.where] for d in lines]
    widths = layout.column_widths([DEDUCTION_HEADER, *rows], layout.SMALL_SIZE)
    layout.add_table(
        document, DEDUCTION_HEADER, rows, widths, size=layout.SMALL_SIZE, left_columns=(1, 5)
    )
    texts: dict[str, list[str]] = {}  # one item's text, once, for the rules it holds (1.1a、1.1b)
    for line in lines:
        ids = texts.setdefault(line.rule_text, [])
        if line.rule.split(" ")[0] not in ids:
            ids.append(line.rule.split(" ")[0])
    for text, ids in texts.items():
        layout.add_paragraph(
            document,
            chinese_punctuation(f"{'、'.join(ids)}:{text}"),
            size=layout.SMALL_SIZE,
            line_pitch=layout.Pt(layout.SMALL_SIZE.pt * 1.5),
            indent_chars=0,
        )


def _scores(document, result: MonthResult, score: WindowScore) -> None:
    """The window's score in each category and in total, its rank and status."""
    scheme = scheme_of(result)
    parts = [f"{c.name} {plain_text(score.categories[c.name])} 分" for c in scheme.categories]
    status = status_label(score)
    line = (
        f"本月得分:{'、'.join(parts)},总分 {plain_text(score.total)} 分"
        f"(满分 {plain_text(result.max_score)} 分),名次第 {score.rank} 名"
        + (f",{status}" if status else "")
        + "。"
    )
    layout.add_paragraph(document, chinese_punctuation(line), indent_chars=2)


def _signatures(document, body: str, date: str) -> None:
    """The issuing body and date, then one line to sign on, kept on the page with the line
    above them (a signature line alone on a page of its own is worth nothing)."""
    blank = layout.add_paragraph(document)
    issued = layout.add_paragraph(document, f"{body}    {date}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    spaces = "\u3000" * 7  # room to sign
    signed = layout.add_paragraph(
        document,
        f"{SIGNATURES[0]}{spaces}{SIGNATURES[1]}",
        align=WD_ALIGN_PARAGRAPH.LEFT,
        left_chars=2,
    )
    for paragraph in (blank, issued, signed):
        paragraph.paragraph_format.keep_with_next = paragraph is not signed
