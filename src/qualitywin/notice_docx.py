"""The month's 通报 as a Word document, laid out per GB/T 9704-2012 (see docx_layout.py).

The 版头 (the issuing body in red, the document number, the red rule), the title, the addressee,
the body from the rules file's PUBLISH template, the attachment line, the issuing body and the
date; then the attachment: the ranking table, its header repeated on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qualitywin import docx_layout as layout
from qualitywin.model import MonthResult
from qualitywin.publishing import (
    body_paragraphs,
    chinese_punctuation,
    fill,
    issuer,
    official_date,
    ranking_header,
    ranking_rows,
    scheme_of,
)
from qualitywin.textwidth import display_width

# [2020] 【2020】 (2020) 〔2020〕 → 〔2020〕: the year of a document number stands in 六角括号
_YEAR_BRACKETS = re.compile(r"[\[【(（〔]\s*(\d{4})\s*[\]】)）〕]")


def document_number(number: str) -> str:
    """The 发文字号 with its year in 〔〕, however it was typed: 上政服[2020]3号 → 上政服〔2020〕3号."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", number.strip())


def write_notice(
    result: MonthResult, path: Path, *, number: str = "", date: dt.date | None = None
) -> None:
    """Write the 通报 of a month's result to `path` (.docx)."""
    document = layout.official_document()
    _masthead(document, issuer(result), document_number(number))
    _title(document, fill(scheme_of(result).publish.title, result))
    layout.add_paragraph(document, chinese_punctuation(f"{scheme_of(result).publish.addressee}:"))
    for paragraph in body_paragraphs(result):
        added = layout.add_paragraph(
            document,
            paragraph.text,
            indent_chars=2,
            font=layout.HEADING_FONT if paragraph.heading else layout.BODY_FONT,
        )
        added.paragraph_format.keep_with_next = paragraph.heading
    attachment = fill(scheme_of(result).publish.attachment, result)
    layout.add_paragraph(document)
    layout.add_paragraph(document, chinese_punctuation(f"附件:{attachment}"), indent_chars=2)
    _signature(document, issuer(result), official_date(date or dt.date.today()))
    layout.page_break(document)
    _attachment(document, result, attachment)
    layout.add_page_numbers(document)
    document.save(str(path))


def _masthead(document, body: str, number: str) -> None:
    """发文机关标志 in red 小标宋, the 发文字号 two lines below it, the red rule under it."""
    layout.add_paragraph(
        document,
        body,
        font=layout.TITLE_FONT,
        size=layout.ISSUER_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        colour=layout.RED,
        line_pitch=layout.Pt(layout.ISSUER_SIZE.pt * 1.4),
    )
    layout.add_paragraph(document)
    numbered = layout.add_paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER)
    layout.red_rule_below(numbered)
    layout.add_paragraph(document)


def _title(document, title: str) -> None:
    """The title in 小标宋, centred; a long one in lines of about equal length (GB/T 9704 wants
    them 梯形 or 菱形, never a word or two left alone on the last line)."""
    for line in balanced_lines(title, TITLE_CHARS):
        layout.add_paragraph(
            document,
            line,
            font=layout.TITLE_FONT,
            size=layout.TITLE_SIZE,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            line_pitch=layout.Pt(layout.TITLE_SIZE.pt * 1.5),
        )
    layout.add_paragraph(document)


TITLE_CHARS = 18  # 二号 characters on a title line, leaving a margin on either side
_UNBREAKABLE = re.compile(r"“[^”]*”|\d+(?:\.\d+)?|[A-Za-z]+")


def balanced_lines(title: str, capacity: int) -> list[str]:
    """Split a title into as few lines of at most `capacity` characters as it needs, each about
    as long as the others, never inside a quotation or a number."""
    width = display_width(title) / 2
    lines = max(1, -(-int(width) // capacity))
    if lines == 1:
        return [title]
    protected = {i for m in _UNBREAKABLE.finditer(title) for i in range(m.start() + 1, m.end())}
    breaks = [i for i in range(1, len(title)) if i not in protected]
    target = width / lines
    chosen, start = [], 0
    for _ in range(lines - 1):
        best = min(
            (b for b in breaks if b > start),
            key=lambda b: abs(display_width(title[start:b]) / 2 - target),
            default=None,
        )
        if best is None:
            break
        chosen.append(title[start:best])
        start = best
    return [*chosen, title[start:]]


def _signature(document, body: str, date: str) -> None:
    """署名 under one blank line, two characters in from the right; the date on the next line,
    its first character two characters right of the 署名's first."""
    width = layout.CHARS_PER_LINE
    start = max(0.0, width - 2 - display_width(body) / 2)
    layout.add_paragraph(document)
    layout.add_paragraph(document, body, align=WD_ALIGN_PARAGRAPH.LEFT, left_chars=start)
    date_start = min(start + 2, width - display_width(date) / 2)
    layout.add_paragraph(document, date, align=WD_ALIGN_PARAGRAPH.LEFT, left_chars=date_start)


def _attachment(document, result: MonthResult, title: str) -> None:
    """附件 in 黑体 at the top left, its title centred, the ranking table."""
    layout.add_paragraph(document, "附件", font=layout.HEADING_FONT, align=WD_ALIGN_PARAGRAPH.LEFT)
    layout.add_paragraph(document)
    _title(document, title)
    header = ranking_header(result)
    rows = ranking_rows(result)
    widths = layout.column_widths([header, *rows], layout.TABLE_SIZE)
    layout.add_table(document, header, rows, widths, left_columns=(1,))
