"""Word documents laid out the way Chinese official documents are (GB/T 9704-2012), with python-docx.

A4; the text block 156 × 225 mm, 37 mm from the top and 28 mm from the left; body text 三号
(16 pt) 仿宋_GB2312 at a fixed line pitch giving 22 lines a page and 28 characters a line; titles
in 小标宋; headings in 黑体; page numbers "— 1 —" in 四号 宋体 under the text block, odd pages on
the right and even pages on the left, one character in.

python-docx names a run's font for Latin text only (w:ascii, w:hAnsi); Word and WPS pick the font
of Chinese text from w:eastAsia, so `set_font` sets that too. Where the Chinese fonts are missing
(LibreOffice on Linux) the viewer falls back to an installed CJK font.
"""

from __future__ import annotations

from typing import Any

from qualitywin.textwidth import display_width

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
ISSUER_SIZE = Pt(26)  # 一号: the 发文机关标志
PAGE_NUMBER_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(12)  # 小四: the attached table
SMALL_SIZE = Pt(10.5)  # 五号: the deduction table of a 扣分通知单
RED = RGBColor(0xE0, 0x00, 0x00)

PAGE = (Mm(210), Mm(297))
MARGIN_TOP, MARGIN_LEFT = Mm(37), Mm(28)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines = 28.98 pt; a hair less keeps the 22nd line on the page
# 28 characters of 16 pt are 448 pt; the line is 442.2 pt: each character is drawn 0.25 pt closer.
CHAR_SPACING_TWIPS = -5
FOOTER_DISTANCE = Mm(21)  # the page number's line ends 7 mm under the text block and a bit more

# The order the schema wants for the children of w:rPr and w:pPr that we add.
_AFTER_SPACING_IN_RPR = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_AFTER_BORDER_IN_PPR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def official_document() -> Any:
    """An empty document: A4, the text block of GB/T 9704, body text 仿宋 三号 at 22 × 28."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE
    section.top_margin, section.left_margin = MARGIN_TOP, MARGIN_LEFT
    section.right_margin = Emu(PAGE[0] - MARGIN_LEFT - TEXT_WIDTH)
    section.bottom_margin = Emu(PAGE[1] - MARGIN_TOP - TEXT_HEIGHT)
    section.footer_distance = FOOTER_DISTANCE
    _chinese_defaults(document)
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, BODY_SIZE)
    _condense(normal.element.get_or_add_rPr())
    layout = normal.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE_PITCH
    layout.space_before = layout.space_after = Pt(0)
    layout.widow_control = False  # widow control moves lines and breaks the 22-line grid
    return document


def _chinese_defaults(document: Any) -> None:
    """The document's language is Chinese (zh-CN), not python-docx's template's: a viewer that
    lacks 仿宋_GB2312 then falls back to a Simplified Chinese font, not a Japanese one."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:  # the template says ja-JP
        theme_language.set(qn("w:eastAsia"), "zh-CN")


def set_font(
    target: Any,
    east_asian: str,
    size: Any = None,
    latin: str = LATIN_FONT,
    bold: bool | None = None,
) -> None:
    """The font of a run or a style, Chinese text included (w:eastAsia)."""
    font = target.font
    font.name = latin
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    element = target._r if hasattr(target, "_r") else target.element  # a run, or a style
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _condense(rpr: Any) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr.insert_element_before(spacing, *_AFTER_SPACING_IN_RPR)


def add_paragraph(
    document: Any,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: Any = None,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: float = 0,
    left_chars: float = 0,
    colour: RGBColor | None = None,
    line_pitch: Any = None,
) -> Any:
    """A paragraph of one run; indents are counted in body characters (16 pt)."""
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    if indent_chars:
        layout.first_line_indent = Pt(BODY_SIZE.pt * indent_chars)
    if left_chars:
        layout.left_indent = Pt(BODY_SIZE.pt * left_chars)
    if line_pitch is not None:
        layout.line_spacing = line_pitch
    if text:
        run = paragraph.add_run(text)
        set_font(run, font, size)
        if colour is not None:
            run.font.color.rgb = colour
    return paragraph


def red_rule_below(paragraph: Any) -> None:
    """The red separator line (红色分隔线) under the document number."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "12"),
        ("w:space", "8"),
        ("w:color", "E00000"),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDER_IN_PPR)


def page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_page_numbers(document: Any) -> None:
    """ "— 1 —" under the text block: odd pages on the right, even pages on the left."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
        one_char = Pt(PAGE_NUMBER_SIZE.pt)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = one_char
        else:
            layout.left_indent = one_char
        for part in ("— ", None, " —"):
            run = paragraph.add_run(part or "")
            set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT)
            if part is None:
                _page_field(run)


def _page_field(run: Any) -> None:
    """The PAGE field, as Word writes it: begin, the instruction, separate, a shown value, end."""
    for kind, instruction in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        else:
            element = OxmlElement("w:t")
            element.text = "1"
        run._r.append(element)


def add_table(
    document: Any,
    header: list[str],
    rows: list[list[str]],
    widths_mm: list[float],
    *,
    size: Any = TABLE_SIZE,
    left_columns: tuple = (),
) -> Any:
    """A bordered table, its header row repeated on every page, centred under the text."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _repeat_as_header(table.rows[0])
    for cell, value in zip(table.rows[0].cells, header):
        _fill_cell(cell, value, HEADING_FONT, size, WD_ALIGN_PARAGRAPH.CENTER)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values)):
            align = WD_ALIGN_PARAGRAPH.LEFT if index in left_columns else WD_ALIGN_PARAGRAPH.CENTER
            _fill_cell(cell, value, BODY_FONT, size, align)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        _keep_row_whole(row)
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    return table


CELL_PADDING_MM = (
    5.5  # Word's cell margins (0.19 cm a side) and the gap a viewer puts between Chinese and Latin
)


def text_width_mm(text: str, size: Any) -> float:
    """About how wide a line of text is drawn: a Chinese character is a square, a Latin letter
    or digit about 0.6 of one (wider than half: fonts that stand in for Times are wide)."""
    wide = display_width(text) - len(text)  # characters two cells wide
    return (wide + (len(text) - wide) * 0.6) * size.pt * 25.4 / 72


def column_widths(rows: list[list[str]], size: Any, total_mm: float = 156.0) -> list[float]:
    """Column widths (mm) that fill the text width: each column as wide as its longest line
    (its header may take two lines);
    when they do not fit, only the widest columns wrap (all cut to one width), so dates and
    figures stay on one line; when they are narrower, every column widens in proportion."""
    header, body = rows[0], rows[1:]
    natural = [
        max(
            [
                text_width_mm(str(name), size) / (2 if len(str(name)) > 2 else 1),
                *(text_width_mm(line, size) for row in body for line in str(row[i]).split("\n")),
            ]
        )
        + CELL_PADDING_MM
        for i, name in enumerate(header)
    ]  # a long header: two lines
    if sum(natural) <= total_mm:
        return [width * total_mm / sum(natural) for width in natural]
    low, high = 0.0, max(natural)
    for _ in range(40):  # the widest a column may be, so that they all fit
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(w, cap) for w in natural) < total_mm else (low, cap)
    return [min(width, low) for width in natural]


def _fill_cell(cell: Any, value: str, font: str, size: Any, align: Any) -> None:
    lines = str(value).split("\n")
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        if number:
            paragraph = cell.add_paragraph()
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing = Pt(size.pt * 1.2)
        run = paragraph.add_run(line)
        set_font(run, font, size)


def _repeat_as_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_row_whole(row: Any) -> None:
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    properties = row._tr.get_or_add_trPr()
    properties.insert(0, keep)
