"""The month's 通报: a .docx laid out per GB/T 9704-2012, read back with python-docx, and printed
to PDF by LibreOffice."""

import datetime as dt
import re

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from qualitywin.decimals import plain_text
from qualitywin.documents import load_published, write_notice_file
from qualitywin.notice_docx import balanced_lines, document_number
from qualitywin.publishing import chinese_number, chinese_punctuation, official_date

from publish_helpers import (
    PUBLISH_TABLE,
    SAMPLE,
    pdf_of,
    pdf_pages,
    pdf_text,
    raster,
    red_pixels,
    scored,
    tool,
)
from rules_helpers import DEFAULT_TEXT

MM = Mm(1)


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notice")
    result_path = scored(folder)
    path = write_notice_file(result_path, number="上政服[2020]3号", date=dt.date(2020, 3, 2))
    return path, load_published(result_path)


def east_asian(run_or_style) -> str:
    element = run_or_style._r if hasattr(run_or_style, "_r") else run_or_style.element
    return element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_page_is_a4_with_the_text_block_of_gb_t_9704(notice):
    section = Document(notice[0]).sections[0]
    for found, wanted in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.left_margin, 28),
    ):
        assert abs(found - Mm(wanted)) < MM  # Word stores twentieths of a point
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(width - Mm(156)) < MM and abs(height - Mm(225)) < MM


def test_body_text_is_fangsong_sanhao_at_22_lines_of_28_characters(notice):
    document = Document(notice[0])
    normal = document.styles["Normal"]
    assert east_asian(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)
    layout = normal.paragraph_format
    assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    height_pt = 225 / 25.4 * 72
    assert int(height_pt / layout.line_spacing.pt) == 22
    body = next(p for p in document.paragraphs if p.text.startswith("为进一步"))
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert east_asian(body.runs[0]) == "仿宋_GB2312"
    # the language of the text is Chinese: a viewer without the font falls back to a Chinese one
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_title_headings_and_masthead_have_their_fonts(notice):
    document = Document(notice[0])
    head = document.paragraphs[: [p.text for p in document.paragraphs].index("各进驻窗口单位：")]
    title_runs = [r for p in head for r in p.runs if r.font.size == Pt(22)]
    assert "".join(r.text for r in title_runs) == "关于2020年2月“优质服务窗口”评选结果的通报"
    assert all(east_asian(r) == "方正小标宋简体" for r in title_runs)
    headings = [p for p in document.paragraphs if re.match("[一二三四五六七八九十]+、", p.text)]
    assert [h.text for h in headings] == ["一、评选结果", "二、有关要求"]
    assert all(east_asian(h.runs[0]) == "黑体" for h in headings)
    assert all(h.paragraph_format.keep_with_next for h in headings)
    masthead = document.paragraphs[0].runs[0]
    assert masthead.text == "郑州市上街区行政服务中心" and east_asian(masthead) == "方正小标宋简体"
    assert str(masthead.font.color.rgb) == "E00000"


def test_document_number_date_and_addressee_are_written_the_official_way(notice):
    texts = [p.text for p in Document(notice[0]).paragraphs]
    assert "上政服〔2020〕3号" in texts
    assert "各进驻窗口单位：" in texts
    assert texts.index("2020年3月2日") == texts.index("郑州市上街区行政服务中心", 1) + 1
    assert (
        document_number("上政服（2020）3号")
        == document_number("上政服【2020】3号")
        == "上政服〔2020〕3号"
    )
    assert official_date(dt.date(2020, 3, 2)) == "2020年3月2日"


def test_the_body_names_the_scheme_the_month_the_winners_the_ties_and_the_referral(notice):
    path, result = notice
    text = "\n".join(p.text for p in Document(path).paragraphs)
    selected = [w.window for w in result.windows if w.status == "入选"]
    tied = [w.window for w in result.windows if w.status == "并列待定"]
    assert selected and tied and result.referrals
    assert (
        f"经考评，{'、'.join(selected)}共{len(selected)}个窗口被评为2020年2月“优质服务窗口”" in text
    )
    assert (
        chinese_punctuation(f"{'、'.join(tied)}总分并列") in text
    )  # 人劳局（社保中心） and "由中心考评小组研究决定" in text
    assert f"{result.referrals[0].window}（{result.referrals[0].rule_id} " in text
    assert "上街区行政服务中心优质服务窗口评选办法（试行）" in text
    assert "附件：2020年2月“优质服务窗口”评选排名表" in text


def test_the_attachment_is_the_ranking_with_its_header_repeated(notice):
    path, result = notice
    table = Document(path).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    categories = [c.name for c in result.scheme.categories]
    assert rows[0] == ["名次", "窗口", *categories, "总分", "状态"]
    assert rows[1:] == [
        [
            str(w.rank),
            w.window,
            *(plain_text(w.categories[c]) for c in categories),
            plain_text(w.total),
            str(w.status),
        ]
        for w in result.windows
    ]
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"


def test_page_numbers_are_a_page_field_between_dashes_odd_right_even_left(notice):
    document = Document(notice[0])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert " PAGE " in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert str(paragraph.alignment).lower().startswith(side)


def test_the_decided_tie_is_named_as_the_evaluation_group_s_decision(tmp_path):
    result_path = scored(tmp_path, SAMPLE, "--pick", "司法局")
    text = "\n".join(p.text for p in Document(write_notice_file(result_path)).paragraphs)
    assert "其中司法局与其他窗口总分并列，经中心考评小组研究决定入选" in text
    assert "总分并列，入选名额不足" not in text


def test_the_wording_comes_from_the_rules_file_that_travels_in_the_result(tmp_path):
    rules = tmp_path / "rules.py"
    rules.write_text(DEFAULT_TEXT + PUBLISH_TABLE, encoding="utf-8")
    result_path = scored(tmp_path, SAMPLE, "--rules", str(rules))
    rules.unlink()  # the result alone: it carries the rules file's text, PUBLISH included
    (tmp_path / "2020-02.xlsx").unlink()
    document = Document(write_notice_file(result_path, date=dt.date(2020, 3, 2)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "上街区政务服务办公室" and "各窗口单位：" in texts
    assert any("如有异议请于5个工作日内向考评办提出" in t for t in texts)


def test_titles_break_into_balanced_lines_never_inside_a_quotation():
    lines = balanced_lines("关于2020年2月“优质服务窗口”评选结果的通报", 18)
    assert lines == ["关于2020年2月“优质服务窗口”", "评选结果的通报"]
    assert balanced_lines("短标题", 18) == ["短标题"]
    assert [chinese_number(n) for n in (1, 2, 10, 12, 21)] == ["一", "二", "十", "十二", "二十一"]


@pytest.mark.skipif(
    not (tool("soffice") and tool("pdfinfo") and tool("pdftoppm")),
    reason="needs LibreOffice and poppler",
)
def test_libreoffice_prints_it_on_three_a4_pages_in_a_chinese_font_28_to_a_line(notice):
    pdf = pdf_of(notice[0])
    assert pdf_pages(pdf) == 3  # the notice on two pages, the 28 windows' table on the third
    info = pdf_text(pdf, "-f", "1", "-l", "1").replace(" ", "")  # pdftotext spaces 2020 年
    assert "关于2020年2月“优质服务窗口”" in info and "评选结果的通报" in info
    fonts = (
        __import__("subprocess").run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    )
    assert "CJK" in fonts  # an installed Chinese font, not boxes
    # the first body line: two characters of indent and 26 characters of text
    lines = [l.strip() for l in pdf_text(pdf, "-layout").splitlines()]
    first = next(l for l in lines if l.startswith("为进一步"))
    assert len(first) == 26, first
    last_page = pdf_text(pdf, "-f", "3", "-l", "3")
    assert "附件" in last_page and "房管局" in last_page
    # rasterised: the red masthead and rule are drawn in the top third of page 1, nowhere on 3
    assert red_pixels(raster(pdf, 1), top_fraction=1 / 3) > 100
    assert red_pixels(raster(pdf, 3)) == 0
