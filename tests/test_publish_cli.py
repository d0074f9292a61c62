"""notice, notices and page as a user runs them: made from the result workbook; a result edited
by hand after scoring is refused (exit 1, nothing written); a bad --date is a usage error."""

import re

import openpyxl
import pytest

from qualitywin.documents import write_page_file

from publish_helpers import ROOT, run, scored


def flat(text: str) -> str:
    """Output as one line: the console wraps long paths at its width."""
    return " ".join(text.split())


@pytest.fixture
def result_path(tmp_path):
    return scored(tmp_path)


@pytest.mark.parametrize("command", ["notice", "notices", "page"])
def test_each_command_has_help_in_both_languages(command):
    for lang, words in (("en", "result workbook"), ("zh", "结果工作簿")):
        outcome = run("--lang", lang, command, "--help")
        assert outcome.exit_code == 0 and words in outcome.stdout


def test_the_three_documents_from_one_result(result_path):
    folder = result_path.parent
    notice = run("notice", result_path, "--number", "上政服〔2020〕3号", "--date", "2020-03-02")
    assert (
        notice.exit_code == 0 and flat(notice.stdout) == f"written: {folder / '2020-02-通报.docx'}"
    )
    notices = run("notices", result_path)
    assert notices.exit_code == 0 and "deduction notices written" in flat(notices.stdout)
    page = run("page", result_path)
    assert page.exit_code == 0 and (folder / "2020-02-公示.html").is_file()
    assert len(list((folder / "2020-02-扣分通知单").glob("*.docx"))) == 25


@pytest.mark.parametrize("command", ["notice", "notices", "page"])
def test_a_result_edited_by_hand_is_refused_and_nothing_is_written(result_path, command):
    book = openpyxl.load_workbook(result_path)
    sheet = book["排名"]
    total = next(c for c in sheet[5] if c.value == "总分").column
    sheet.cell(6, total).value = 69  # the first window's total changed in Excel
    book.save(result_path)
    before = sorted(p.name for p in result_path.parent.iterdir())
    outcome = run(command, result_path)
    assert outcome.exit_code == 1
    message = flat(outcome.stderr)
    assert "排名!G6: 2020-02-结果.xlsx was edited after scoring" in message
    assert "it says 69 for the 总分 of 民政局, its data says 70" in message
    assert "Traceback" not in outcome.output
    assert sorted(p.name for p in result_path.parent.iterdir()) == before


def test_a_bad_date_is_a_usage_error(result_path):
    outcome = run("notice", result_path, "--date", "2020-02-30")
    assert outcome.exit_code == 2 and "--date 2020-02-30 is not a date" in flat(outcome.stderr)
    assert not (result_path.parent / "2020-02-通报.docx").exists()


def test_a_workbook_that_is_not_a_result_is_refused(tmp_path):
    outcome = run("notice", ROOT / "samples" / "2020-02.xlsx", "--output", tmp_path / "n.docx")
    assert outcome.exit_code == 1 and "not a qualitywin result workbook" in flat(outcome.stderr)


def test_the_year_gets_its_page_from_the_year_workbook(tmp_path):
    results = [scored(tmp_path, ROOT / "samples" / "2020" / f"2020-{m:02}.xlsx") for m in (1, 2, 3)]
    assert run("annual", *results, "--output", tmp_path / "2020-年度汇总.xlsx", "-q").exit_code == 0
    page = write_page_file(tmp_path / "2020-年度汇总.xlsx")
    assert page.name == "2020-公示.html"
    text = page.read_text(encoding="utf-8")
    assert "2020年“优质服务窗口”评选年度汇总公示" in text
    book = openpyxl.load_workbook(tmp_path / "2020-年度汇总.xlsx")
    windows = [r[1].value for r in book["年度汇总"].iter_rows(min_row=3) if r[1].value]
    assert windows and all(f'<th scope="row" data-label="窗口">{w}</th>' in text for w in windows)
    counts = {r[1].value: r[3].value for r in book["年度汇总"].iter_rows(min_row=3) if r[1].value}
    top = sorted(counts.values(), reverse=True)[min(5, len(counts)) - 1]
    highlighted = re.findall(
        r'<tr class="selected"><td data-label="名次">[^<]*</td>'
        r'<th scope="row" data-label="窗口">([^<]*)</th>',
        text,
    )
    assert highlighted and set(highlighted) == {w for w, c in counts.items() if c >= top and c}
