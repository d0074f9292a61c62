"""The console views fit an 80-column terminal, CJK included, and print plain text when piped."""

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from qualitywin import console as views
from qualitywin.messages import set_language
from qualitywin.records import read_month
from qualitywin.scoring import score_month

from conftest import day
from scoring_helpers import SCHEME


@pytest.fixture
def result(month_file):
    rows = [(day(3), w, "2.2a", i % 3 + 1) for i, w in enumerate(SCHEME.roster[2:])]
    rows.append((day(4), "民政局", "2.8", 1, "王五"))
    return score_month(read_month(month_file(rows), SCHEME), SCHEME)


def render(width, draw, lang="zh"):
    set_language(lang)
    try:
        out = io.StringIO()
        draw(Console(width=width, file=out, highlight=False))
        return out.getvalue()
    finally:
        set_language(None)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_view_fits_the_terminal(result, width, lang):
    drawn = [
        render(width, lambda c: views.show_summary(c, result, SCHEME), lang),
        render(width, lambda c: views.show_top(c, result, SCHEME.winners), lang),
        render(width, lambda c: views.show_scheme(c, SCHEME), lang),
    ]
    for text in drawn:
        assert max(cell_len(line) for line in text.splitlines()) <= width


def test_the_ranking_shows_categories_when_they_fit_and_folds_or_drops_them_when_not(result):
    wide = render(120, lambda c: views.show_summary(c, result, SCHEME))
    assert "领导重视" in wide and "人劳局(社保中心)" in wide
    narrow = render(80, lambda c: views.show_summary(c, result, SCHEME))
    assert "领导" in narrow and "重视" in narrow and "领导重视" not in narrow
    assert "人劳局(社保中心)" in narrow  # window names are never cut at 80 columns
    tiny = render(60, lambda c: views.show_summary(c, result, SCHEME))
    assert "领导" not in tiny.split("入选")[0] and "未显示各类别得分" in tiny


def test_piped_output_has_no_colour_codes(result):
    text = render(80, lambda c: views.show_summary(c, result, SCHEME))
    assert "\x1b[" not in text


def test_a_terminal_gets_colour_unless_no_color(result, monkeypatch):
    out = io.StringIO()
    views.show_top_lines(Console(file=out, force_terminal=True, width=80), result)
    assert "\x1b[" in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    views.show_top_lines(Console(file=out, force_terminal=True, width=80), result)
    assert "\x1b[3" not in out.getvalue()  # no foreground colour


def test_the_progress_bar_stays_off_when_piped_and_for_small_sheets(monkeypatch):
    from qualitywin import cli

    with cli._ProgressBar("reading") as bar:
        bar.update(10, 60_000)  # stderr under pytest is not a terminal
        assert bar.progress is None
    monkeypatch.setattr(cli, "stderr", Console(file=io.StringIO(), force_terminal=True))
    with cli._ProgressBar("reading") as bar:
        bar.update(10, 100)
        assert bar.progress is None
        bar.update(10, 60_000)
        assert bar.progress is not None
