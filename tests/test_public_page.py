"""The 公示 page: one self-contained HTML file, readable on a phone, printable, accessible; the
figures those of the result workbook."""

import datetime as dt
import re
import shutil
from html.parser import HTMLParser

import openpyxl
import pytest

from qualitywin.decimals import plain_text
from qualitywin.documents import load_published, write_page_file
from qualitywin.publishing import chinese_punctuation, ranking_rows

from publish_helpers import (
    PUBLISH_TABLE,
    SAMPLE,
    browser_pdf,
    browser_view,
    chromium,
    pdf_pages,
    run,
    scored,
    tool,
)
from rules_helpers import DEFAULT_TEXT


class Cells(HTMLParser):
    """The ranking table's rows as text, and every tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.rows, self.tags, self.row, self.cell = [], [], None, None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "small":
            self.cell = None if self.cell is None else self.cell + "\0"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell.split("\0")[0])
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    result_path = scored(folder)
    path = write_page_file(result_path, date=dt.date(2020, 3, 2))
    return path, load_published(result_path)


def parsed(path):
    cells = Cells()
    cells.feed(path.read_text(encoding="utf-8"))
    return cells


def test_the_table_holds_the_result_s_figures_for_every_window(page):
    path, result = page
    assert path.name == "2020-02-公示.html"
    assert parsed(path).rows == ranking_rows(result)


def test_the_page_fetches_nothing_it_is_one_file(page):
    text = page[0].read_text(encoding="utf-8")
    tags = parsed(page[0]).tags
    assert not [t for t, a in tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _, a in tags if "src" in a or "href" in a]
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", text)
    assert "<svg" in text and text.count("<rect") == len(page[1].windows)


def test_the_table_is_accessible_and_the_winners_stand_out(page):
    path, result = page
    tags = parsed(path).tags
    assert ("caption", {}) in tags
    assert sum(1 for t, a in tags if t == "th" and a.get("scope") == "col") == 4 + len(
        result.scheme.categories
    )
    assert sum(1 for t, a in tags if t == "th" and a.get("scope") == "row") == len(result.windows)
    classes = [a.get("class") for t, a in tags if t == "tr" and "class" in a]
    assert classes == [
        {"入选": "selected", "并列待定": "tied"}.get(str(w.status), "") for w in result.windows
    ]
    text = path.read_text(encoding="utf-8")
    assert "<b>入选</b>" in text and "<b>并列待定</b>" in text  # the legend
    assert "郑州市上街区行政服务中心" in text and "公示期" not in text  # no period set
    assert '<html lang="zh-CN">' in text and "@media print" in text and "size: A4" in text


def test_text_from_the_input_is_escaped_and_the_period_comes_from_the_rules_file(tmp_path):
    hostile = "<img src=x onerror=alert(1)>&局"
    rules = tmp_path / "rules.py"
    text = DEFAULT_TEXT.replace('"民政局"', repr(hostile).replace("'", '"'), 1) + PUBLISH_TABLE
    assert hostile in text
    rules.write_text(text, encoding="utf-8")
    month = tmp_path / "2020-02.xlsx"
    shutil.copy(SAMPLE, month)
    book = openpyxl.load_workbook(month)
    for sheet in book.worksheets:  # 扣分记录 and 请假
        for cell in (c for row in sheet.iter_rows() for c in row if c.value == "民政局"):
            cell.value = hostile
    book.save(month)
    result_path = scored(tmp_path, month, "--rules", str(rules))
    page = write_page_file(result_path, date=dt.date(2020, 3, 2)).read_text(encoding="utf-8")
    assert hostile not in page and "&lt;img src=x onerror=alert(1)&gt;&amp;局" in page
    assert "公示期：2020年3月2日至2020年3月8日（共 7 天）" in page
    assert "上街区政务服务办公室" in page and "考评办" in page


needs_chromium = pytest.mark.skipif(chromium() is None, reason="needs Chromium")


@needs_chromium
@pytest.mark.parametrize("width", [1280, 375])
def test_in_chromium_nothing_scrolls_sideways_and_every_window_shows(page, width):
    path, result = page
    view = browser_view(path, width)
    assert view["inner"] <= width and view["scroll"] <= view["inner"], view
    for score in result.windows:
        assert score.window in view["text"]
    assert plain_text(result.windows[-1].total) in view["text"]


@needs_chromium
@pytest.mark.skipif(tool("pdfinfo") is None, reason="needs poppler")
def test_it_prints_on_a4_pages(page):
    pdf = browser_pdf(page[0])
    info = (
        __import__("subprocess").run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    )
    assert "(A4)" in info, info
    assert pdf_pages(pdf) == 2  # the table and legend, then the chart and the footer


def test_the_command_writes_the_page_and_refuses_to_overwrite(page):
    path, _ = page
    before = path.read_bytes()
    outcome = run("page", path.with_name("2020-02-结果.xlsx"))
    assert outcome.exit_code == 1 and "exists" in outcome.stderr
    assert path.read_bytes() == before


def test_a_veto_and_its_reason_are_shown_with_the_legend_of_the_statuses_used(tmp_path):
    examples = SAMPLE.parent / "examples"
    shutil.copy(SAMPLE.parents[1] / "rules" / "examples" / "bonus_veto.py", tmp_path)
    result_path = scored(
        tmp_path, examples / "bonus_veto-2020-02.xlsx", "--rules", str(tmp_path / "bonus_veto.py")
    )
    result = load_published(result_path)
    vetoed = next(w for w in result.windows if str(w.status) == "一票否决")
    page = write_page_file(result_path).read_text(encoding="utf-8")
    assert '<tr class="vetoed">' in page and "<b>一票否决</b>" in page
    assert f"<small>{chinese_punctuation(vetoed.reason)}</small>" in page  # 一票否决：2.9 …
    assert parsed_rows(page) == ranking_rows(result)


def parsed_rows(text):
    cells = Cells()
    cells.feed(text)
    return cells.rows
