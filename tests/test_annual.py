"""`qualitywin annual`: monthly results read back and gathered into the year workbook."""

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.annual import gather_year, read_result
from qualitywin.cli import app
from qualitywin.issues import Code, QualitywinError
from qualitywin.jsonview import year_to_dict
from qualitywin.scheme import load_scheme

from conftest import build_workbook, day

runner = CliRunner()
ROSTER = load_scheme().roster
CATEGORIES = ("领导重视", "工作纪律", "行为规范", "办件规范")


def run(*args):
    return runner.invoke(app, ["--lang", "en", *map(str, args)])


def month_rows(month: int, year: int = 2020) -> list[tuple]:
    """A different month each time, no ties: window i loses (5i + 3·month) mod 29 late arrivals,
    and one window a 1.2 (5 points of 领导重视)."""
    rows = [
        (day(3, month, year), w, "2.2a", (5 * i + 3 * month) % 29)
        for i, w in enumerate(ROSTER)
        if (5 * i + 3 * month) % 29
    ]
    rows.append((day(5, month, year), ROSTER[month % len(ROSTER)], "1.2", 1))
    if month == 4:
        rows.append((day(8, 4), "民政局", "2.8", 1, "王五"))
    return rows


def score(folder: Path, month: int, rows=None, *extra: str, year: int = 2020) -> Path:
    source = build_workbook(
        folder / f"{year}-{month:02d}.xlsx", month_rows(month, year) if rows is None else rows
    )
    result = run("score", source, *extra)
    assert result.exit_code == 0, result.output
    return source.with_name(f"{source.stem}-结果.xlsx")


@pytest.fixture
def months(tmp_path):
    """`months(1, 2, 3)` → the folder with those months of 2020 scored."""

    def make(*numbers: int) -> Path:
        for number in numbers:
            score(tmp_path, number)
        return tmp_path

    return make


def flat(output: str) -> str:
    """Console output without the line breaks and borders rich adds on a narrow terminal."""
    return re.sub(r"[\s│]+", " ", output)


def ranking_of(path: Path) -> dict[str, dict]:
    rows = list(openpyxl.load_workbook(path, read_only=True)["排名"].iter_rows(values_only=True))
    header = next(r for r in rows if "窗口" in r)
    return {r[header.index("窗口")]: dict(zip(header, r)) for r in rows[rows.index(header) + 1 :]}


def sheet_rows(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if "窗口" in r)
    header = rows[header_at]
    return [dict(zip(header, r)) for r in rows[header_at + 1 :] if r[1]]


def test_the_year_table_agrees_with_the_monthly_results_to_the_point(months):
    folder = months(*range(1, 13))
    result = run("annual", folder, "--year", "2020")
    assert result.exit_code == 0, result.output
    output = folder / "2020-年度汇总.xlsx"
    monthly = {m: ranking_of(folder / f"2020-{m:02d}-结果.xlsx") for m in range(1, 13)}
    book = openpyxl.load_workbook(output)
    summary = sheet_rows(book, "年度汇总")
    assert len(summary) == 28
    for line in summary:
        window = line["窗口"]
        totals = [Decimal(str(monthly[m][window]["总分"])) for m in range(1, 13)]
        assert line["评分月数"] == 12
        assert line["平均总分"] == pytest.approx(float(round(sum(totals) / 12, 2)))
        assert line["最低总分"] == min(totals)
        assert line["入选次数"] == sum(monthly[m][window]["状态"] == "入选" for m in range(1, 13))
        for category in CATEGORIES:
            points = {"领导重视": 15, "工作纪律": 30, "行为规范": 10, "办件规范": 15}[category]
            lost = sum(points - monthly[m][window][category] for m in range(1, 13))
            assert line[f"{category}扣分"] == lost
    averages = [line["平均总分"] for line in summary]
    assert averages == sorted(averages, reverse=True)
    detail = {r["窗口"]: r for r in sheet_rows(book, "月度明细")}
    assert all(detail[w][f"{m} 月"] == monthly[m][w]["总分"] for w in ROSTER for m in range(1, 13))


def test_ranks_are_competition_ranks_by_average(months):
    result = gather_year([months(1, 2, 3)])
    ranks = [(w.rank, w.exact_average) for w in result.windows]
    for (rank, average), (before_rank, before) in zip(ranks[1:], ranks):
        assert rank == (before_rank if average == before else ranks.index((rank, average)) + 1)


def test_the_year_workbook_has_its_sheets_chart_colour_scale_and_print_setup(months):
    folder = months(1, 2, 3)
    assert run("annual", folder).exit_code == 0
    book = openpyxl.load_workbook(folder / "2020-年度汇总.xlsx")
    assert book.sheetnames == ["年度汇总", "月度明细", "季度", "平均总分图", "说明"]
    detail = book["月度明细"]
    assert any(r.rules[0].type == "colorScale" for r in detail.conditional_formatting)
    summary = book["年度汇总"]
    assert summary.page_setup.orientation == "landscape" and summary.page_setup.paperSize == 9
    assert summary.print_title_rows == "$2:$2" and "&P" in summary.oddFooter.center.text
    marked = [c for row in detail.iter_rows(min_row=3) for c in row if "★" in c.number_format]
    assert marked and all(isinstance(c.value, (int, float)) for c in marked)


def test_selected_months_are_marked_and_decided_ones_apart(tmp_path):
    tie = [(day(3, 1), w, "2.2a") for w in ROSTER[3:]]
    score(tmp_path, 1, tie, "--pick", "公安局")
    score(tmp_path, 2)
    result = gather_year([tmp_path])
    police = next(w for w in result.windows if w.window == "公安局")
    assert police.decided == {"2020-01"} and "2020-01" in police.selected_months
    assert run("annual", tmp_path).exit_code == 0
    detail = openpyxl.load_workbook(tmp_path / "2020-年度汇总.xlsx")["月度明细"]
    row = next(r for r in detail.iter_rows(min_row=3) if r[1].value == "公安局")
    assert "☆" in row[2].number_format
    shown = json.loads(run("annual", tmp_path, "--json", "--force").stdout)
    entry = next(w for w in shown["windows"] if w["window"] == "公安局")
    assert entry["monthly"]["2020-01"] == {"total": 69, "status": "入选", "decided": True}


def test_quarters_average_the_months_present_and_count_selections(months):
    result = gather_year([months(1, 2, 4)])
    window = result.windows[0]
    q1, q2, q3 = window.quarter(1), window.quarter(2), window.quarter(3)
    assert q1.months == 2 and q2.months == 1 and q3.months == 0 and q3.average is None
    expected = (window.totals["2020-01"] + window.totals["2020-02"]) / 2
    assert q1.average == expected.quantize(Decimal("0.01"))
    assert q1.times_selected == sum(window.statuses[m] == "入选" for m in ("2020-01", "2020-02"))


def test_a_month_given_twice_is_an_error_and_nothing_is_written(months, tmp_path):
    folder = months(1, 2)
    copy = tmp_path / "copy of 2020-01.xlsx"
    copy.write_bytes((folder / "2020-01-结果.xlsx").read_bytes())
    result = run("annual", folder)
    assert result.exit_code == 1
    assert "2020-01 has more than one result" in flat(result.stderr) and "copy of 2020-01" in flat(
        result.stderr
    )
    assert not (folder / "2020-年度汇总.xlsx").exists()


def test_the_same_file_named_twice_counts_once(months):
    folder = months(1)
    result = gather_year([folder / "2020-01-结果.xlsx", folder, folder / "2020-01-结果.xlsx"])
    assert [r.month for r in result.months] == ["2020-01"]


def test_a_hand_edited_ranking_is_warned_about_naming_window_and_month(months):
    folder = months(1, 2, 3)
    path = folder / "2020-02-结果.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["排名"]
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "窗口" for c in r))
    columns = {c.value: c.column for c in header_row}
    row = next(
        r
        for r in sheet.iter_rows(min_row=header_row[0].row + 1)
        if r[columns["窗口"] - 1].value == "民政局"
    )
    written = row[columns["总分"] - 1].value + 3
    row[columns["总分"] - 1].value = written
    book.save(path)
    result = run("annual", folder)
    assert result.exit_code == 0
    assert (
        "民政局" in flat(result.stdout)
        and "2020-02" in flat(result.stdout)
        and "do not add up" in flat(result.stdout)
    )
    year = gather_year([folder])
    assert [
        (i.code, i.params["window"], i.params["month"])
        for i in year.warnings
        if i.code == Code.RESULT_INCONSISTENT
    ] == [(Code.RESULT_INCONSISTENT, "民政局", "2020-02")]
    civil = next(w for w in year.windows if w.window == "民政局")
    assert (
        civil.totals["2020-02"] == written
    )  # the total as written is used, and the warning says so


def test_a_workbook_that_is_not_a_result_is_a_clear_error(tmp_path):
    incidents = build_workbook(tmp_path / "2020-01.xlsx", month_rows(1))
    result = run("annual", incidents)
    assert result.exit_code == 1
    assert "not a qualitywin result workbook" in result.stderr and "Traceback" not in result.output
    other = openpyxl.Workbook()
    other.active.title = "排名"
    other.create_sheet("说明").append(["工具版本", "something else"])
    other.save(tmp_path / "other.xlsx")
    with pytest.raises(QualitywinError) as error:
        read_result(tmp_path / "other.xlsx")
    assert error.value.issues[0].code == Code.NOT_A_RESULT
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    assert run("annual", text).exit_code == 1


def test_a_folder_skips_the_monthly_inputs_and_the_year_workbook(months):
    folder = months(1, 2)
    assert run("annual", folder).exit_code == 0
    result = gather_year([folder])
    assert [r.month for r in result.months] == ["2020-01", "2020-02"]
    assert sorted(Path(p).name for p in result.skipped) == [
        "2020-01.xlsx",
        "2020-02.xlsx",
        "2020-年度汇总.xlsx",
    ]


def test_missing_months_are_warned_about(months):
    folder = months(1, 3)
    result = run("annual", folder)
    assert result.exit_code == 0
    assert "months with no result (10)" in flat(result.stdout) and "2020-02" in flat(result.stdout)
    assert gather_year([folder]).missing_months == [f"2020-{m:02d}" for m in (2, *range(4, 13))]


def test_months_scored_under_different_schemes_are_warned_about(months, tmp_path):
    folder = months(1, 2)
    path = folder / "2020-02-结果.xlsx"
    book = openpyxl.load_workbook(path)
    about = book["说明"]
    for row in about.iter_rows():
        if row[0].value == "评选办法":
            row[1].value = "另一个评选办法"
    book.save(path)
    result = run("annual", folder)
    assert result.exit_code == 0 and "different schemes" in flat(result.stdout)
    assert "另一个评选办法" in flat(result.stdout)


def test_a_result_of_another_year_is_skipped_with_a_warning(months, tmp_path):
    folder = months(1)
    score(folder, 12, year=2019)
    result = run("annual", folder, "--year", "2020")
    assert result.exit_code == 0 and "not of 2020; skipped" in flat(result.stdout)
    assert run("annual", folder).exit_code == 1  # two years, no --year
    assert run("annual", folder, "--year", "2018").exit_code == 1  # nothing of 2018


def test_an_unresolved_tie_is_warned_about(tmp_path):
    score(tmp_path, 1, [(day(3, 1), w, "2.2a") for w in ROSTER[3:]])
    result = run("annual", tmp_path)
    assert result.exit_code == 0 and "still has windows tied at the cut" in flat(result.stdout)


def test_the_output_is_refused_when_it_exists_and_written_with_force(months, tmp_path):
    folder = months(1)
    assert run("annual", folder).exit_code == 0
    again = run("annual", folder)
    assert again.exit_code == 1 and "exists" in again.stderr
    assert run("annual", folder, "--force").exit_code == 0
    target = tmp_path / "year.xlsx"
    assert run("annual", folder / "2020-01-结果.xlsx", "-o", target).exit_code == 0
    assert target.is_file()
    result = run("annual", folder, "-o", folder / "2020-01-结果.xlsx", "--force")
    assert result.exit_code == 1 and "is the input" in result.stderr


def test_json_is_the_library_result_and_alone_on_stdout(months):
    folder = months(1, 2, 3)
    result = run("annual", folder, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown == json.loads(json.dumps(year_to_dict(gather_year([folder])), ensure_ascii=False))
    assert shown["year"] == 2020 and len(shown["windows"]) == 28
    assert [m["month"] for m in shown["months"]] == ["2020-01", "2020-02", "2020-03"]
    digest = hashlib.sha256((folder / "2020-01-结果.xlsx").read_bytes()).hexdigest()
    assert shown["months"][0]["sha256"] == digest
    first = shown["windows"][0]
    assert set(first) == {
        "window",
        "rank",
        "months_scored",
        "times_selected",
        "average_total",
        "lowest_total",
        "lowest_months",
        "lost",
        "monthly",
        "quarters",
    }
    assert set(first["quarters"]) == {"Q1", "Q2", "Q3", "Q4"}
    assert first["quarters"]["Q2"] == {"months": 0, "average_total": None, "times_selected": 0}
    assert isinstance(first["average_total"], (int, float))
    assert {w["code"] for w in shown["warnings"]} >= {"months-missing"}


def test_the_about_sheet_lists_the_sources_with_their_digests(months):
    folder = months(1, 2)
    assert run("annual", folder).exit_code == 0
    rows = list(
        openpyxl.load_workbook(folder / "2020-年度汇总.xlsx")["说明"].iter_rows(values_only=True)
    )
    sources = [r for r in rows if r[0] in ("2020-01", "2020-02")]
    for month, name, digest, *_ in sources:
        path = folder / name
        assert name == f"{month}-结果.xlsx"
        assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_console_prints_the_year_table_and_the_most_selected(months):
    folder = months(1, 2, 3)
    result = run("annual", folder)
    year = gather_year([folder])
    assert "Most often selected" in flat(result.stdout)
    assert all(w.window in flat(result.stdout) for w in year.most_selected())
    assert "result written to" in flat(result.stdout)


def test_annual_has_help():
    result = run("annual", "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_a_total_that_is_not_a_number_is_a_clear_error(months):
    folder = months(1)
    path = folder / "2020-01-结果.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["排名"]
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "窗口" for c in r))
    total = next(c for c in header_row if c.value == "总分")
    sheet.cell(total.row + 1, total.column).value = "七十"
    book.save(path)
    result = run("annual", path)
    assert result.exit_code == 1
    assert "总分 should be a number, not 七十" in flat(result.stderr)
    assert f"排名!{total.column_letter}{total.row + 1}" in result.stderr


def test_the_order_of_the_arguments_changes_nothing(months):
    folder = months(3, 1, 2)
    files = sorted(folder.glob("*-结果.xlsx"))
    forward, backward = gather_year(files), gather_year(list(reversed(files)))
    assert year_to_dict(forward) == year_to_dict(backward)


def test_every_new_code_has_a_message_in_both_languages():
    from qualitywin.messages import CATALOG

    for code in (
        c
        for c in Code
        if c.value.startswith(
            (
                "pick-",
                "result-",
                "month",
                "no-results",
                "years-",
                "schemes-",
                "tie-",
                "not-a-result",
            )
        )
    ):
        assert code.value in CATALOG["zh"] and code.value in CATALOG["en"], code


def test_a_scheme_with_a_bonus_category_adds_up_and_loses_nothing_in_it(tmp_path):
    root = Path(__file__).resolve().parents[1]
    sample = tmp_path / "2020-02.xlsx"
    sample.write_bytes((root / "samples" / "examples" / "bonus_veto-2020-02.xlsx").read_bytes())
    rules = root / "rules" / "examples" / "bonus_veto.py"
    assert (
        CliRunner().invoke(app, ["score", str(sample), "--rules", str(rules), "-q"]).exit_code == 0
    )
    done = CliRunner().invoke(app, ["annual", str(tmp_path / "2020-02-结果.xlsx"), "--json"])
    assert done.exit_code == 0, done.output
    year = json.loads(done.stdout)
    assert not [w for w in year["warnings"] if w["code"] == "result-inconsistent"]
    police = next(w for w in year["windows"] if w["window"] == "公安局")
    assert police["average_total"] == 75  # full marks and the whole 加分 cap
    assert police["lost"].get("加分", 0) == 0
