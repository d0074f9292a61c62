"""Invariants of scoring and ranking, on months hypothesis makes up (no files: records directly).

The profile (conftest.py) decides how many examples: "ci" runs 200 per property.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from qualitywin.model import Incident, Measure, MonthRecords
from qualitywin.ranking import SELECTED
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

SCHEME = load_scheme()
RULES = sorted(r.id for r in SCHEME.rules if r.mode != "computed")
LEAVE_RULE = next(r.id for r in SCHEME.rules if r.mode == "computed")

# a few windows get most incidents, so categories really run down to 0 and ties are common
windows = st.sampled_from(SCHEME.roster[:6]) | st.sampled_from(SCHEME.roster)
incident_fields = st.tuples(
    st.integers(1, 29),  # day of February 2020
    windows,
    st.sampled_from(RULES),
    st.integers(1, 5),  # 人次
    st.sampled_from(["", "张伟", "李娜"]),
    st.sampled_from([False, False, False, True]),  # withdrawn, mostly not
)
leave_fields = st.tuples(
    windows, st.sampled_from(["张伟", "李娜", "王五"]), st.decimals(0, 6, places=1)
)


@st.composite
def months(draw, max_rows: int = 40) -> MonthRecords:
    records = MonthRecords("2020-02.xlsx", "0" * 64, "2020-02", "扣分记录")
    for row, (day, window, rule, count, person, withdrawn) in enumerate(
        draw(st.lists(incident_fields, max_size=max_rows)), start=2
    ):
        records.incidents.append(
            Incident(row, dt.date(2020, 2, day), window, rule, count, person, "", withdrawn)
        )
    for row, (window, person, days) in enumerate(draw(st.lists(leave_fields, max_size=6)), start=2):
        records.measures.append(Measure(LEAVE_RULE, "请假", row, window, person, Decimal(days)))
    return records


def scores(records: MonthRecords) -> dict[str, tuple]:
    result = score_month(records, SCHEME)
    return {w.window: (w.total, dict(w.categories), w.rank, w.status) for w in result.windows}


def with_incidents(records: MonthRecords, incidents: list[Incident]) -> MonthRecords:
    return dataclasses.replace(records, incidents=incidents, issues=[])


@given(months())
def test_every_category_is_within_its_points_and_the_total_is_their_sum(records):
    points = {c.name: c.points for c in SCHEME.categories}
    for window in score_month(records, SCHEME).windows:
        for name, score in window.categories.items():
            assert 0 <= score <= points[name]
        assert window.total == sum(window.categories.values())
        assert window.deducted == SCHEME.max_score - window.total


@given(months(), st.data())
def test_a_withdrawn_row_changes_no_score(records, data):
    extra = data.draw(incident_fields)
    day, window, rule, count, person, _ = extra
    withdrawn = Incident(99, dt.date(2020, 2, day), window, rule, count, person, "", True)
    position = data.draw(st.integers(0, len(records.incidents)))
    incidents = list(records.incidents)
    incidents.insert(position, withdrawn)
    assert scores(with_incidents(records, incidents)) == scores(records)


@given(months(), st.data())
def test_a_counted_deduction_never_raises_a_score(records, data):
    day, window, rule, count, person, _ = data.draw(incident_fields)
    added = Incident(99, dt.date(2020, 2, day), window, rule, count, person, "", False)
    before = score_month(records, SCHEME).windows
    after = {
        w.window: w
        for w in score_month(with_incidents(records, [*records.incidents, added]), SCHEME).windows
    }
    for old in before:
        new = after[old.window]
        assert new.total <= old.total
        for name, score in old.categories.items():
            assert new.categories[name] <= score


@given(months(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(records, rnd: random.Random):
    incidents = list(records.incidents)
    rnd.shuffle(incidents)  # as rows moved in the sheet: they take the row numbers of their place
    incidents = [i._replace(row=row) for row, i in enumerate(incidents, start=2)]
    measures = list(records.measures)
    rnd.shuffle(measures)
    shuffled = dataclasses.replace(records, incidents=incidents, measures=measures, issues=[])
    assert scores(shuffled) == scores(records)
    assert [w.window for w in score_month(shuffled, SCHEME).windows] == [
        w.window for w in score_month(records, SCHEME).windows
    ]


@given(months())
def test_the_selection_is_at_most_five_and_never_splits_a_tie(records):
    result = score_month(records, SCHEME)
    selected = [w for w in result.windows if w.status == SELECTED]
    assert len(selected) <= SCHEME.winners == 5
    others = {w.total for w in result.windows if w.status != SELECTED}
    assert not {w.total for w in selected} & others


@given(months())
def test_the_ranking_is_a_permutation_of_the_roster_best_first(records):
    ranked = score_month(records, SCHEME).windows
    assert sorted(w.window for w in ranked) == sorted(SCHEME.roster)
    assert len(ranked) == len(SCHEME.roster)
    totals = [w.total for w in ranked]
    assert totals == sorted(totals, reverse=True)
    for place, window in enumerate(ranked, start=1):
        assert window.rank == 1 + sum(1 for w in ranked if w.total > window.total)
        assert window.rank <= place
