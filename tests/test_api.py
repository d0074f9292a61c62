"""The library's front door: one call per use case, the same answers as the command line."""

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import qualitywin
from qualitywin.cli import app
from qualitywin.issues import Code, InvalidWorkbook, QualitywinError
from qualitywin.jsonview import result_to_dict
from qualitywin.result_layout import DATA_SHEET
from qualitywin.vocabulary import AuditState, ReasonCode, WindowStatus

from conftest import build_workbook, day
from rules_helpers import DEFAULT_TEXT, VETO_2_8, rules_file, scheme_key

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "2020-02.xlsx"
runner = CliRunner()
ROWS = [
    (day(3), "公安局", "2.2a", 2, "张伟", "迟到"),
    (day(5), "民政局", "2.8", 1, "王五", "收受礼品"),
    (day(6), "民政局", "3.2", 1, "", "", "撤销"),
    (day(7), "司法局", "1.1a"),
    (day(8), "司法局", "1.1b"),
]


def run(*args):
    return runner.invoke(app, ["--lang", "en", *map(str, args)])


@pytest.fixture
def sample(tmp_path):
    return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))


# -- the front door ----------------------------------------------------------------------------------


def test_the_public_names_are_exported():
    for name in qualitywin.__all__:
        assert getattr(qualitywin, name) is not None, name
    assert (Path(qualitywin.__file__).parent / "py.typed").is_file()


def test_score_file_gives_the_numbers_of_score_json(sample, tmp_path):
    result = qualitywin.score_file(sample)
    shown = json.loads(run("score", sample, "--json", "-o", tmp_path / "r.xlsx").stdout)
    assert shown == result_to_dict(result)
    assert [(w["window"], w["total"]) for w in shown["windows"]] == [
        (w.window, int(w.total) if w.total == int(w.total) else float(w.total))
        for w in result.windows
    ]
    assert result.scheme.name == shown["scheme"] and len(result.source_sha256) == 64


def test_a_workbook_with_errors_raises_invalid_workbook_listing_every_error(tmp_path):
    path = build_workbook(
        tmp_path / "2020-02.xlsx", [(day(3), "公安", "2.2a"), (day(4), "民政局", "9.9"), *ROWS]
    )
    with pytest.raises(InvalidWorkbook) as raised:
        qualitywin.score_file(path)
    error = raised.value
    assert isinstance(error, QualitywinError)
    assert [(i.code, i.where) for i in error.issues] == [
        (Code.WINDOW_UNKNOWN, "扣分记录!B2"),
        (Code.RULE_UNKNOWN, "扣分记录!C3"),
    ]
    assert "扣分记录!B2" in str(error)


def test_score_month_refuses_records_with_errors(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安", "2.2a"), *ROWS])
    records = qualitywin.validate_file(path)
    assert [i.code for i in records.errors] == [Code.WINDOW_UNKNOWN]
    with pytest.raises(InvalidWorkbook):
        qualitywin.score_month(records, qualitywin.load_scheme())


def test_rules_may_be_a_scheme_or_a_path_and_path_a_sequence_of_one(tmp_path, sample):
    rules = rules_file(tmp_path, scheme_key("min_total", "69"))
    by_path = qualitywin.score_file(sample, rules=rules)
    by_scheme = qualitywin.score_file([sample], rules=qualitywin.load_scheme(rules))
    assert result_to_dict(by_path) == result_to_dict(by_scheme)
    assert by_path.min_total == 69
    twice = qualitywin.validate_file([sample, sample])  # a month of several files (issue 12)
    assert "file-twice" in [i.code.value for i in twice.errors]
    with pytest.raises(ValueError):
        qualitywin.validate_file([])


def test_write_result_writes_beside_the_input_and_refuses_as_the_cli_does(sample):
    result = qualitywin.score_file(sample)
    written = qualitywin.write_result(result)
    assert written == sample.with_name("2020-02-结果.xlsx") and written.is_file()
    with pytest.raises(QualitywinError) as refused:
        qualitywin.write_result(result)
    assert refused.value.issues[0].code == Code.OUTPUT_EXISTS
    with pytest.raises(QualitywinError) as over_input:
        qualitywin.write_result(result, sample, force=True)
    assert over_input.value.issues[0].code == Code.OUTPUT_IS_INPUT
    assert qualitywin.write_result(result, force=True) == written
    assert sorted(p.name for p in sample.parent.iterdir()) == ["2020-02-结果.xlsx", "2020-02.xlsx"]


def test_to_dict_has_everything_the_views_show(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", ROWS)
    result = qualitywin.score_file(path, rules=rules_file(tmp_path, VETO_2_8))
    full = result.to_dict()
    assert [c["name"] for c in full["categories"]] == [
        "领导重视",
        "工作纪律",
        "行为规范",
        "办件规范",
    ]
    assert full["categories"][0] == {"name": "领导重视", "kind": "deduction", "points": 15}
    assert full["rows_counted"] == 4 and full["rows_withdrawn"] == 1
    assert full["referrals"][0]["window"] == "民政局"
    assert full["referrals"][0]["reason"]["code"] == "referral"
    assert full["audit_lines"] == len(full["audit"]) == 5
    replaced = next(a for a in full["audit"] if a["rule"] == "1.1a")
    assert (replaced["state"], replaced["replaced_by"]) == ("被替代", "1.1b")
    civil = next(w for w in full["windows"] if w["window"] == "民政局")
    assert civil["status"] == "一票否决" and civil["cause"]["code"] == "veto"
    assert civil["cause"]["params"]["row"] == 3
    assert "audit" not in result_to_dict(result)  # score --json: no million audit lines


def test_to_frames_gives_dataframes(sample):
    frames = qualitywin.score_file(sample).to_frames()
    assert set(frames) >= {"windows", "audit", "warnings"}
    assert len(frames["windows"]) == 28


# -- validate --json ------------------------------------------------------------------------------------


def test_validate_json_prints_the_issues_as_data(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安", "2.2a")])
    result = run("validate", path, "--json")
    assert result.exit_code == 1
    shown = json.loads(result.stdout)
    assert shown["errors"] == 1 and shown["month"] == "2020-02"
    issue = shown["issues"][0]
    assert {
        k: issue[k] for k in ("code", "severity", "sheet", "row", "column", "cell", "value")
    } == {
        "code": "window-unknown",
        "severity": "error",
        "sheet": "扣分记录",
        "row": 2,
        "column": 2,
        "cell": "B2",
        "value": "公安",
    }
    assert issue["message"] and "hint" in issue


# -- the example schemes in English ---------------------------------------------------------------------


def _score_example(example, tmp_path, lang):
    month = ROOT / "samples" / "examples" / f"{example}-2020-02.xlsx"
    result = runner.invoke(
        app,
        [
            "--lang",
            lang,
            "score",
            str(month),
            "--rules",
            str(ROOT / "rules" / "examples" / f"{example}.py"),
            "-o",
            str(tmp_path / "r.xlsx"),
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("example", ["bonus_veto", "satisfaction"])
def test_the_example_schemes_show_no_raw_keys_and_no_chinese_reasons_in_english(example, tmp_path):
    shown = _score_example(example, tmp_path, "en")
    assert "status." not in shown and "reason." not in shown
    for chinese in ("一票否决:", "低于最低分", "总分并列", "未达最低分", "移交:"):
        assert chinese not in shown, chinese
    assert "below minimum" in shown or "vetoed" in shown


@pytest.mark.parametrize("example", ["bonus_veto", "satisfaction"])
def test_the_example_schemes_show_no_raw_keys_in_chinese(example, tmp_path):
    shown = _score_example(example, tmp_path, "zh")
    assert "status." not in shown and "reason." not in shown
    assert "未达最低分" in shown


# -- the result workbook carries its own data -------------------------------------------------------


def test_the_result_has_a_hidden_data_sheet(sample):
    path = qualitywin.write_result(qualitywin.score_file(sample))
    book = openpyxl.load_workbook(path, read_only=False)
    assert book[DATA_SHEET].sheet_state == "hidden"
    assert book[DATA_SHEET]["A1"].value == "qualitywin-result/1"


def test_load_result_rebuilds_the_result_with_its_scheme_and_audit(tmp_path):
    path = build_workbook(
        tmp_path / "2020-02.xlsx", ROWS, leave=[("公安局", "张伟", 3, 2), ("公安局", "李娜", 1, 0)]
    )
    result = qualitywin.score_file(path, rules=rules_file(tmp_path, VETO_2_8))
    again = qualitywin.load_result(qualitywin.write_result(result))
    assert result_to_dict(again) == result_to_dict(result)
    assert again.to_dict() == result.to_dict()  # the audit line by line, the referrals, warnings
    assert again.scheme.text == result.scheme.text and again.scheme.rules == result.scheme.rules
    assert [line.state for line in again.audit].count(AuditState.REPLACED) == 1
    quick = qualitywin.load_result(path.with_name("2020-02-结果.xlsx"), audit=False)
    assert quick.audit == [] and result_to_dict(quick) == result_to_dict(result)
    civil = next(w for w in again.windows if w.window == "民政局")
    assert civil.status is WindowStatus.VETOED and civil.cause.code is ReasonCode.VETO
    computed = next(line for line in again.audit if line.rule_id == "2.1")
    assert computed.row == 2 and computed.count == 4 and computed.date is None  # one row: a number


def _edit_total(path: Path, window: str, change: int) -> str:
    book = openpyxl.load_workbook(path)
    sheet = book["排名"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "窗口" for c in r))
    columns = {c.value: c.column for c in header}
    row = next(
        r
        for r in sheet.iter_rows(min_row=header[0].row + 1)
        if r[columns["窗口"] - 1].value == window
    )
    cell = row[columns["总分"] - 1]
    cell.value += change
    book.save(path)
    return cell.coordinate


def test_a_hand_edited_result_is_refused_naming_the_cell(sample):
    path = qualitywin.write_result(qualitywin.score_file(sample))
    cell = _edit_total(path, "民政局", 3)
    with pytest.raises(QualitywinError) as refused:
        qualitywin.load_result(path)
    issue = refused.value.issues[0]
    assert (issue.code, issue.where, issue.params["field"]) == (
        Code.RESULT_EDITED,
        f"排名!{cell}",
        "总分",
    )
    loose = qualitywin.load_result(path, strict=False)
    assert [(w.code, w.where) for w in loose.warnings if w.code == Code.RESULT_DATA_DIFFERS] == [
        (Code.RESULT_DATA_DIFFERS, f"排名!{cell}")
    ]


def test_an_older_result_without_data_is_refused_by_load_result_but_read_by_annual(sample):
    path = qualitywin.write_result(qualitywin.score_file(sample))
    book = openpyxl.load_workbook(path)
    del book[DATA_SHEET]
    book.save(path)
    with pytest.raises(QualitywinError) as refused:
        qualitywin.load_result(path)
    assert refused.value.issues[0].code == Code.RESULT_NO_DATA
    year = qualitywin.gather_year([path])
    assert year.months[0].month == "2020-02" and len(year.windows) == 28


def test_annual_warns_when_the_ranking_disagrees_with_the_data(sample):
    path = qualitywin.write_result(qualitywin.score_file(sample))
    cell = _edit_total(path, "民政局", -1)
    year = qualitywin.gather_year([path])
    assert [(i.code, i.where) for i in year.warnings if i.code == Code.RESULT_DATA_DIFFERS] == [
        (Code.RESULT_DATA_DIFFERS, f"排名!{cell}")
    ]


def test_a_category_named_with_a_chinese_comma_survives_the_year(tmp_path):
    rules = tmp_path / "rules.py"
    rules.write_text(DEFAULT_TEXT.replace('"办件规范"', '"办件、规范"'), encoding="utf-8")
    path = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "4.1", 2)])
    written = qualitywin.write_result(qualitywin.score_file(path, rules=rules))
    year = qualitywin.gather_year([written])
    assert year.categories[-1] == "办件、规范"
    police = next(w for w in year.windows if w.window == "公安局")
    assert police.lost["办件、规范"] == Decimal(10)
    assert not year.warnings or all(w.code != Code.RESULT_DATA_DIFFERS for w in year.warnings)


def test_write_year_writes_beside_the_months(sample):
    written = qualitywin.write_result(qualitywin.score_file(sample))
    target = qualitywin.write_year(qualitywin.gather_year([written]))
    assert target == sample.parent / "2020-年度汇总.xlsx" and target.is_file()


def test_the_year_to_frames_is_windows_by_months(sample):
    written = qualitywin.write_result(qualitywin.score_file(sample))
    frames = qualitywin.gather_year([written]).to_frames()
    assert list(frames["totals"].columns) == ["2020-02"] and len(frames["totals"]) == 28
    assert frames["windows"].loc["公安局", "months_scored"] == 1


def test_load_result_reads_the_audit_across_continued_sheets(tmp_path, monkeypatch):
    from qualitywin import result_workbook

    monkeypatch.setattr(result_workbook, "SHEET_ROWS", 3)  # a header and 2 lines a sheet
    path = build_workbook(tmp_path / "2020-02.xlsx", ROWS)
    result = qualitywin.score_file(path)
    written = qualitywin.write_result(result)
    assert "扣分明细(3)" in openpyxl.load_workbook(written, read_only=True).sheetnames
    again = qualitywin.load_result(written)
    assert [(a.sheet, a.row, a.state) for a in again.audit] == [
        (a.sheet, a.row, a.state) for a in result.audit
    ]


def test_an_edited_audit_line_is_found_by_its_totals(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", ROWS)
    written = qualitywin.write_result(qualitywin.score_file(path))
    book = openpyxl.load_workbook(written)
    book["扣分明细"]["L2"] = 0  # 实扣分 of the first line
    book.save(written)
    with pytest.raises(QualitywinError) as refused:
        qualitywin.load_result(written)
    assert {(i.code, i.sheet) for i in refused.value.issues} == {(Code.RESULT_EDITED, "扣分明细")}
