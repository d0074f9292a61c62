"""`score --pick`: the evaluation group's choice among the windows tied at the cut."""

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.issues import Code, QualitywinError
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

from conftest import day

runner = CliRunner()
SCHEME = load_scheme()
ROSTER = SCHEME.roster
# 发改委, 人劳局(社保中心), 教体局 keep 70 (入选); the other 25 lose a point and tie at rank 4.
TIE_AT_4 = [(day(3), w, "2.2a") for w in ROSTER[3:]]
# Five windows keep 70, the others lose 1 to 23 points: no tie at the cut.
NO_TIE = [(day(3), w, "2.2a", i) for i, w in enumerate(ROSTER[5:], start=1)]


def run(*args):
    return runner.invoke(app, ["--lang", "en", *map(str, args)])


def scored(month_file, rows, picks):
    path = month_file(rows)
    return score_month(read_month(path, SCHEME), SCHEME, tuple(picks))


def codes(error: QualitywinError) -> list[Code]:
    return [i.code for i in error.issues]


def test_picked_windows_become_selected_and_decided_the_rest_of_the_tie_blank(month_file):
    result = scored(month_file, TIE_AT_4, ["公安局", "民政局"])
    by = {w.window: w for w in result.windows}
    assert [w.window for w in result.selected] == [*ROSTER[:3], "公安局", "民政局"]
    assert by["公安局"].decided and by["民政局"].decided and not by["发改委"].decided
    assert by["公安局"].rank == by["司法局"].rank == 4
    assert result.tied == [] and by["司法局"].status == ""
    assert result.picks == ["公安局", "民政局"]


def test_fewer_picks_than_places_leaves_the_places_empty(month_file):
    result = scored(month_file, TIE_AT_4, ["公安局"])
    assert len(result.selected) == 4 and result.tied == []


def test_a_pick_may_use_an_alias_or_full_width_spelling(month_file):
    result = scored(month_file, TIE_AT_4, ["核算中心"])
    assert result.picks == ["财政局(核算中心)"]
    result = scored(month_file, TIE_AT_4, [" 财政局(核算中心)"])
    assert result.picks == ["财政局(核算中心)"]


def test_a_pick_when_nothing_is_tied_is_an_error(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, NO_TIE, [ROSTER[0]])
    assert codes(error.value) == [Code.PICK_NO_TIE]


def test_an_unknown_window_is_an_error_with_a_suggestion(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, TIE_AT_4, ["公安"])
    assert codes(error.value) == [Code.PICK_UNKNOWN_WINDOW]
    assert "公安局" in error.value.render("en")


def test_a_window_that_is_not_tied_is_an_error(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, TIE_AT_4, ["发改委"])  # already 入选
    assert codes(error.value) == [Code.PICK_NOT_TIED]
    assert "rank 1" in error.value.render("en")


def test_the_same_window_twice_is_an_error(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, TIE_AT_4, ["公安局", "公安局"])
    assert codes(error.value) == [Code.PICK_DUPLICATE]


def test_more_picks_than_free_places_is_an_error(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, TIE_AT_4, ["公安局", "民政局", "司法局"])  # 5 − 3 = 2 places
    assert codes(error.value) == [Code.PICK_TOO_MANY]
    assert "picked (3) for the places left (2)" in error.value.render("en")


def test_every_wrong_pick_is_reported_at_once(month_file):
    with pytest.raises(QualitywinError) as error:
        scored(month_file, TIE_AT_4, ["发改委", "公安", "民政局", "民政局"])
    assert codes(error.value) == [
        Code.PICK_NOT_TIED,
        Code.PICK_UNKNOWN_WINDOW,
        Code.PICK_DUPLICATE,
        Code.PICK_TOO_MANY,
    ]


def test_score_pick_marks_the_decision_in_json_ranking_and_about(month_file):
    path = month_file(TIE_AT_4)
    result = run("score", path, "--pick", "民政局", "--pick", "公安局", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    decided = [w["window"] for w in shown["windows"] if w.get("decided")]
    assert decided == ["公安局", "民政局"]
    assert shown["selected"] == [*ROSTER[:3], "公安局", "民政局"] and shown["tied"] == []
    assert all("decided" not in w for w in shown["windows"] if w["window"] not in decided)
    book = openpyxl.load_workbook(path.with_name("2020-02-结果.xlsx"), read_only=True)
    rows = list(book["排名"].iter_rows(values_only=True))
    header = next(r for r in rows if "窗口" in r)
    lines = {r[header.index("窗口")]: dict(zip(header, r)) for r in rows[rows.index(header) + 1 :]}
    assert lines["公安局"]["状态"] == "入选" and "考评小组决定" in lines["公安局"]["备注"]
    assert lines["司法局"]["状态"] in ("", None)
    about = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["考评小组决定"] == "公安局、民政局"


@pytest.mark.parametrize(
    "picks, wording",
    [
        (["公安局", "民政局", "司法局"], "for the places left (2)"),
        (["发改委"], "not tied at the cut"),
        (["公安"], "not a window on the roster"),
    ],
)
def test_a_wrong_pick_exits_1_and_writes_nothing(month_file, picks, wording):
    path = month_file(TIE_AT_4)
    args = [a for p in picks for a in ("--pick", p)]
    result = run("score", path, *args)
    assert result.exit_code == 1
    assert wording in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in path.parent.iterdir()) == ["2020-02.xlsx"]


def test_a_pick_with_no_tie_exits_1_and_writes_nothing(month_file):
    path = month_file(NO_TIE)
    result = run("score", path, "--pick", ROSTER[0])
    assert result.exit_code == 1 and "nothing to pick" in result.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == ["2020-02.xlsx"]


def test_a_wrong_pick_leaves_an_earlier_result_untouched(month_file):
    path = month_file(TIE_AT_4)
    assert run("score", path).exit_code == 0
    output = path.with_name("2020-02-结果.xlsx")
    before = output.read_bytes()
    assert run("score", path, "--pick", "发改委", "--force").exit_code == 1
    assert output.read_bytes() == before
