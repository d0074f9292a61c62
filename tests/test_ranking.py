"""Ranking (1, 2, 2, 4) and selection of at most five, with ties at the cut left to people."""

from decimal import Decimal

from qualitywin.model import WindowScore
from qualitywin.ranking import rank, select
from qualitywin.scheme import load_scheme

from conftest import day
from scoring_helpers import score_rows

ROSTER = load_scheme().roster


def scores(totals: dict[str, int]) -> list[WindowScore]:
    return [WindowScore(w, {}, Decimal(totals.get(w, 0)), Decimal(0)) for w in ROSTER]


def ranked(totals: dict[str, int], winners: int = 5) -> list[tuple[int, str, str]]:
    result = rank(scores(totals), ROSTER)
    select(result, winners)
    return [(s.rank, s.window, s.status) for s in result]


def test_competition_ranking_with_ties_in_roster_order():
    top = ranked({"公安局": 70, "发改委": 68, "教体局": 68, "民政局": 65})[:4]
    assert top == [
        (1, "公安局", "入选"),
        (2, "发改委", "入选"),
        (2, "教体局", "入选"),
        (4, "民政局", "入选"),
    ]


def test_three_windows_tied_at_rank_4_are_all_pending():
    totals = {
        "发改委": 70,
        "教体局": 69,
        "公安局": 68,
        "民政局": 60,
        "司法局": 60,
        "建设局": 60,
        "交通局": 50,
    }
    top = ranked(totals)[:7]
    assert [s for _, _, s in top] == ["入选"] * 3 + ["并列待定"] * 3 + [""]
    assert [r for r, _, _ in top] == [1, 2, 3, 4, 4, 4, 7]


def test_a_tie_entirely_within_the_five_is_selected():
    totals = {"发改委": 70, "教体局": 69, "公安局": 69, "民政局": 69, "司法局": 60, "建设局": 59}
    assert [s for _, _, s in ranked(totals)[:6]] == ["入选"] * 5 + [""]


def test_a_tie_just_after_the_cut_is_blank():
    totals = {w: 70 - i for i, w in enumerate(ROSTER[:5])} | {ROSTER[5]: 60, ROSTER[6]: 60}
    statuses = [s for _, _, s in ranked(totals)]
    assert statuses[:5] == ["入选"] * 5 and statuses[5:7] == ["", ""]


def test_all_28_with_full_marks_are_all_pending(tmp_path):
    result = score_rows(tmp_path, [])
    assert [w.status for w in result.windows] == ["并列待定"] * 28
    assert [w.window for w in result.windows] == list(ROSTER)
    assert result.selected == [] and len(result.tied) == 28


def test_the_number_of_winners_comes_from_the_scheme():
    statuses = [s for _, _, s in ranked({w: 70 - i for i, w in enumerate(ROSTER)}, winners=3)]
    assert statuses.count("入选") == 3


def test_a_scored_month_ranks_and_selects(tmp_path):
    rows = [(day(3), w, "2.2a") for w in ROSTER[3:]]  # everyone but the first three loses a point
    result = score_rows(tmp_path, rows)
    assert [w.window for w in result.selected] == list(ROSTER[:3])
    assert len(result.tied) == 25 and {w.rank for w in result.tied} == {4}
