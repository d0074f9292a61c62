"""The result workbook is printed, signed and posted: A4 landscape, one page wide, the header on
every page, page x of y, a filter, a chart of the totals; LibreOffice turns it into a PDF."""

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from qualitywin import result_workbook
from qualitywin.records import read_month
from qualitywin.scoring import score_month
from qualitywin.template import write_template
from qualitywin.textwidth import column_width, display_width

from conftest import day
from scoring_helpers import SCHEME

# three windows keep 70 (入选); the others lose a point and tie for the last two places
# (燃气公司 loses more: neither)
ROWS = [(day(3), window, "2.2a", 1, "张伟") for window in SCHEME.roster[3:]] + [
    (day(4), "燃气公司", "2.2b", 1)
]


@pytest.fixture(scope="module")
def result_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    from conftest import build_workbook

    source = build_workbook(folder / "2020-02.xlsx", ROWS)
    result = score_month(read_month(source, SCHEME), SCHEME)
    output = folder / "2020-02-结果.xlsx"
    result_workbook.write_result(result, SCHEME, output)
    return output


def test_display_width_counts_cjk_double():
    assert display_width("公安局") == 6 and display_width("2.2a") == 4
    assert display_width("人劳局(社保中心)") == 16 and display_width("ＡＢ") == 4
    assert column_width(["窗口", "民族宗教局"]) == 12


@pytest.mark.parametrize("name", ["排名", "扣分明细"])
def test_both_sheets_print_a4_landscape_one_page_wide_with_the_header_repeated(result_file, name):
    sheet = openpyxl.load_workbook(result_file)[name]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # 1 wide: the default
    header_row = 5 if name == "排名" else 1
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    assert sheet.freeze_panes is not None


def test_the_ranking_has_a_title_a_legend_a_filter_and_status_fills(result_file):
    sheet = openpyxl.load_workbook(result_file)["排名"]
    assert "郑州市上街区行政服务中心" in sheet["A1"].value and "2020-02" in sheet["A1"].value
    assert SCHEME.name in sheet["A2"].value
    header = [c.value for c in sheet[5]]
    assert header == result_workbook.ranking_header(SCHEME)
    assert sheet.auto_filter.ref == f"A5:{chr(ord('A') + len(header) - 1)}{5 + 28}"
    assert {sheet["A3"].value, sheet["A4"].value} == {"入选", "并列待定"}
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=6)}
    assert rows["发改委"][len(header) - 2].value == "入选"
    assert rows["发改委"][0].fill.fgColor.rgb.endswith("E2EFDA")
    assert rows["公安局"][len(header) - 2].value == "并列待定"
    assert rows["公安局"][0].fill.fgColor.rgb.endswith("FFF2CC")
    assert rows["燃气公司"][len(header) - 2].value in (None, "")
    assert rows["燃气公司"][0].fill.fgColor.rgb in (None, "00000000")
    assert sheet.column_dimensions["B"].width >= display_width("人劳局(社保中心)")


def test_the_chart_of_the_totals_is_a_chart_sheet_right_after_the_ranking(result_file):
    """Its own page: below the table it printed under a lone repeated header row."""
    with zipfile.ZipFile(result_file) as book:
        names = book.namelist()
        workbook = book.read("xl/workbook.xml").decode()
        order = re.findall(r'<sheet name="([^"]+)"', workbook)
        assert order[:2] == ["排名", result_workbook.CHART_SHEET]
        assert "xl/chartsheets/sheet1.xml" in names and "xl/charts/chart1.xml" in names
        assert not [n for n in names if n.startswith("xl/worksheets/_rels/")]  # no drawing on 排名
        chart = book.read("xl/charts/chart1.xml").decode()
        assert "<c:barChart>" in chart and "排名!$B$6:$B$33" in chart
        setup = book.read("xl/chartsheets/sheet1.xml").decode()
        assert 'paperSize="9"' in setup and 'orientation="landscape"' in setup


def test_the_audit_filter_covers_the_known_lines(result_file):
    sheet = openpyxl.load_workbook(result_file)["扣分明细"]
    assert sheet.auto_filter.ref == f"A1:M{1 + len(ROWS)}"
    assert sheet.max_row == 1 + len(ROWS)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_template_and_prints_the_result(result_file, tmp_path):
    template = tmp_path / "2020-02.xlsx"
    write_template("2020-02", SCHEME, template)
    result = tmp_path / "result.xlsx"
    shutil.copy(result_file, result)
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(template),
            str(result),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pdf" / "2020-02.pdf").stat().st_size > 1000
    pdf = (tmp_path / "pdf" / "result.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 4 <= pages <= 6  # 排名, 总分图, 扣分明细, 说明
