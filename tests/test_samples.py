"""The committed samples are what the generator makes, and they score as its own arithmetic says."""

import importlib.util
import sys
from pathlib import Path

import pytest

from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _generator():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module
    spec.loader.exec_module(module)
    return module


make_samples = _generator()
SCHEME = load_scheme()


@pytest.mark.parametrize("number", range(1, 13))
def test_each_2020_sample_scores_as_the_generator_expects(number):
    month = make_samples.month_of_2020(number)
    expected = {r.window: r for r in make_samples.expected_results(month)}
    records = read_month(SAMPLES / "2020" / f"2020-{number:02d}.xlsx", SCHEME)
    assert records.errors == []
    result = score_month(records, SCHEME)
    for score in result.windows:
        want = expected[score.window]
        assert (score.total, score.rank, score.status) == (want.total, want.rank, want.status)


def test_the_february_sample_has_three_windows_tied_at_rank_4():
    result = score_month(read_month(SAMPLES / "2020-02.xlsx", SCHEME), SCHEME)
    assert [w.window for w in result.selected] == ["民政局", "商务局", "自来水公司"]
    assert [(w.window, w.rank) for w in result.tied] == [
        ("人劳局(社保中心)", 4),
        ("司法局", 4),
        ("卫生局", 4),
    ]
    assert [(r.window, r.rule_id) for r in result.referrals] == [("房管局", "2.8")]


def test_the_committed_samples_are_what_the_generator_writes(tmp_path):
    assert make_samples.main(["--out", str(tmp_path), "--quiet"]) == 0
    for committed in [SAMPLES / "2020-02.xlsx", *sorted((SAMPLES / "2020").glob("*.xlsx"))]:
        fresh = tmp_path / committed.relative_to(SAMPLES)
        assert fresh.read_bytes() == committed.read_bytes(), committed.name
