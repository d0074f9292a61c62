"""Damaged workbooks from the wild: a fixed, seeded budget of mutants through the real CLI.

Each mutant of our samples (.xlsx by hand and by xlsxwriter, .xls, .ods) is validated or scored
in a child process limited to 1 GiB: it must exit 0, 1 or 2 with no traceback, die by no signal,
answer within 10 s, leave its input unchanged and, when refused, leave no result behind.
benchmarks/fuzz.py runs thousands the same way.
"""

from __future__ import annotations

import collections

import fuzzing

BUDGET = 240  # mutants; about 30 s of wall time on two cores
SEED = 20200214


def test_no_mutant_crashes_hangs_or_tracebacks(tmp_path):
    outcomes = fuzzing.fuzz(tmp_path, BUDGET, SEED, jobs=2, batch=40)
    assert len(outcomes) == BUDGET
    bad = [f"{o.what} ({o.path}): {o.problem}\n{o.output[-600:]}" for o in outcomes if o.problem]
    assert bad == []
    codes = collections.Counter(o.code for o in outcomes)
    assert codes[0] > 0 and codes[1] > 0  # the mutator both keeps and breaks workbooks


def test_the_samples_themselves_are_valid(tmp_path):
    samples = fuzzing.make_samples(tmp_path)
    outcomes = fuzzing.run_batch(samples, {})
    assert [(o.code, o.problem) for o in outcomes] == [(0, "")] * len(samples)


def test_the_mutator_is_seeded(tmp_path):
    samples = fuzzing.make_samples(tmp_path / "s")
    first, _ = fuzzing.make_mutants(samples, tmp_path / "a", 12, SEED)
    again, _ = fuzzing.make_mutants(samples, tmp_path / "b", 12, SEED)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert all(p.read_bytes() != s.read_bytes() for p, s in zip(first, samples * 3))
