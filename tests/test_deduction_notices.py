"""Each window's 扣分通知单: what was recorded against it, for its 首席代表 to sign."""

import datetime as dt

import pytest
from docx import Document

from qualitywin.decimals import plain_text
from qualitywin.documents import load_published, write_deduction_notice_files
from qualitywin.model import WITHDRAWN

from publish_helpers import PUBLISH_TABLE, SAMPLE, pdf_of, pdf_pages, pdf_text, run, scored, tool
from rules_helpers import DEFAULT_TEXT


@pytest.fixture(scope="module")
def result_path(tmp_path_factory):
    return scored(tmp_path_factory.mktemp("notices"))


def test_one_file_per_window_that_lost_points(result_path, tmp_path):
    result = load_published(result_path)
    written = write_deduction_notice_files(result_path, tmp_path / "out", date=dt.date(2020, 3, 2))
    losing = [w.window for w in result.windows if w.deducted > 0]
    assert len(losing) < len(result.windows)  # some kept every point: no notice for them
    assert sorted(p.name for p in written) == sorted(f"2020-02-扣分通知单-{w}.docx" for w in losing)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)


def test_a_notice_lists_every_counted_deduction_of_the_window_with_where_it_was_recorded(
    result_path, tmp_path
):
    result = load_published(result_path)
    window = "房管局"
    path = next(
        p for p in write_deduction_notice_files(result_path, tmp_path / "out") if window in p.name
    )
    document = Document(path)
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["日期", "条款", "人次", "扣分", "当事人", "说明", "记录位置"]
    lines = [l for l in result.audit if l.window == window and l.state != WITHDRAWN]
    assert len(rows) - 1 == len(lines) > 0
    for row, line in zip(rows[1:], lines):
        rule = result.scheme.rule(line.rule_id)
        assert row[0] == line.date.isoformat()
        assert row[1] == f"{rule.id} {rule.label}"
        assert row[3].startswith(plain_text(line.deducted))
        assert (row[4], row[5]) == (line.person, line.note)
        assert row[6] == f"{line.sheet}第{line.row}行"
    text = "\n".join(p.text for p in document.paragraphs)
    score = next(w for w in result.windows if w.window == window)
    assert f"总分 {plain_text(score.total)} 分" in text
    assert f"合计扣 {plain_text(score.deducted)} 分" in text
    for line in lines:  # the rule's own words under the table
        assert result.scheme.rule(line.rule_id).text.replace(",", "，")[:12] in text
    assert "如有异议请于3个工作日内向督察科提出。" in text
    assert "窗口首席代表签字：" in text.replace(":", "：") and "日期" in text


def test_all_gives_every_window_and_single_one_document_with_a_page_each(result_path, tmp_path):
    result = load_published(result_path)
    every = write_deduction_notice_files(result_path, tmp_path / "all", every_window=True)
    assert len(every) == len(result.windows)
    [single] = write_deduction_notice_files(
        result_path, tmp_path / "one", every_window=True, single=True
    )
    assert single.name == "2020-02-扣分通知单.docx"
    titles = [p.text for p in Document(single).paragraphs if p.text == "2020年2月扣分通知单"]
    assert len(titles) == len(result.windows)


@pytest.mark.skipif(not (tool("soffice") and tool("pdfinfo")), reason="needs LibreOffice")
def test_the_single_document_prints_one_page_per_window(result_path, tmp_path):
    result = load_published(result_path)
    [single] = write_deduction_notice_files(result_path, tmp_path, single=True)
    losing = [w for w in result.windows if w.deducted > 0]
    pdf = pdf_of(single)
    pages = pdf_pages(pdf)
    starts = [
        pdf_text(pdf, "-f", str(n), "-l", str(n)).replace(" ", "").split("\n")[0]
        for n in range(1, pages + 1)
    ]
    assert starts.count("2020年2月扣分通知单") == len(losing)  # each window on a page of its own
    assert len(losing) <= pages <= len(losing) + 2  # a long one may go on to a second page


def test_appeal_days_and_office_come_from_the_rules_file(tmp_path):
    rules = tmp_path / "rules.py"
    rules.write_text(DEFAULT_TEXT + PUBLISH_TABLE, encoding="utf-8")
    result_path = scored(tmp_path, SAMPLE, "--rules", str(rules))
    first = write_deduction_notice_files(result_path)[0]
    assert first.parent == tmp_path / "2020-02-扣分通知单"
    text = "\n".join(p.text for p in Document(first).paragraphs)
    assert "如有异议请于5个工作日内向考评办提出。" in text and "上街区政务服务办公室" in text


def test_nothing_is_overwritten_without_force_and_nothing_half_written(result_path, tmp_path):
    folder = tmp_path / "out"
    written = write_deduction_notice_files(result_path, folder)
    kept = written[-1].read_bytes()
    written[-1].write_bytes(b"signed copy")
    written[0].unlink()
    outcome = run("notices", result_path, "--output", folder)
    assert outcome.exit_code == 1 and "exists" in outcome.stderr
    assert not written[0].exists()  # refused before the first file was written
    assert written[-1].read_bytes() == b"signed copy"
    assert run("notices", result_path, "--output", folder, "--force").exit_code == 0
    assert written[0].exists() and written[-1].read_bytes() != b"signed copy" != kept
    assert not [p for p in folder.iterdir() if "qualitywin-tmp" in p.name]


def test_an_output_that_is_a_file_is_refused(result_path, tmp_path):
    (tmp_path / "taken").write_text("x")
    outcome = run("notices", result_path, "--output", tmp_path / "taken")
    assert outcome.exit_code == 1 and "is not a folder" in outcome.stderr
    assert (tmp_path / "taken").read_text() == "x"


def test_a_month_without_deductions_writes_no_notice_and_says_so(tmp_path):
    from conftest import build_workbook

    month = build_workbook(tmp_path / "2020-02.xlsx", [])
    result_path = scored(tmp_path, month)
    outcome = run("notices", result_path)
    assert outcome.exit_code == 0 and "no window lost points" in outcome.stdout
    assert not (tmp_path / "2020-02-扣分通知单").exists()
    assert run("notices", result_path, "--all", "-q").exit_code == 0
    assert len(list((tmp_path / "2020-02-扣分通知单").iterdir())) == len(
        load_published(result_path).windows
    )


def test_a_line_that_cost_less_says_why_in_the_workbook_s_words(result_path, tmp_path):
    path = next(
        p for p in write_deduction_notice_files(result_path, tmp_path / "out") if "建设局" in p.name
    )
    rows = [[c.text for c in row.cells] for row in Document(path).tables[0].rows]
    replaced = next(r for r in rows if r[1].startswith("1.1a"))
    assert replaced[3] == "0\n被替代(1.1b)"  # 1.1b replaced it that month: 15, not 5 + 15
