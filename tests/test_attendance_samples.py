"""The committed clock-export samples are what their generator writes, and the rule derives from
them exactly the incidents the generator planned."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from qualitywin.attendance import attendance_from_files
from qualitywin.clock_exports import read_export
from qualitywin.issues import Code
from qualitywin.scheme import load_scheme

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FOLDER = SAMPLES / "attendance"


def _generator():
    spec = importlib.util.spec_from_file_location("make_attendance", SAMPLES / "make_attendance.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_attendance"] = module
    spec.loader.exec_module(module)
    return module


make_attendance = _generator()


def test_the_committed_samples_are_what_the_generator_writes(tmp_path):
    assert make_attendance.main(["--out", str(tmp_path)]) == 0
    for name in make_attendance.FILES:
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), name


def test_the_samples_cover_three_formats_in_four_file_kinds():
    formats = {name: read_export(FOLDER / name).formats for name in make_attendance.EXPORTS}
    assert formats == {
        "2020-01-一楼-原始记录.csv": ["punches"],
        "2020-01-二楼-考勤记录.xls": ["daily"],
        "2020-01-钉钉-每日统计.xlsx": ["report"],
        "2020-01-企业微信-打卡日报.xls": ["report"],
    }


def test_the_sample_month_derives_exactly_the_planned_incidents():
    result = attendance_from_files(
        [FOLDER / n for n in make_attendance.EXPORTS],
        month="2020-01",
        staff=FOLDER / "人员.xlsx",
        scheme=load_scheme(),
    )
    assert result.errors == []
    assert [(r.date.isoformat(), r.window, r.rule, r.person) for r in result.rows] == (
        make_attendance.expected_incidents()
    )
    assert [w.code for w in result.warnings] == [
        Code.PUNCHES_NOT_ON_ROSTER,
        Code.STAFF_WITHOUT_PUNCHES,
    ]
    assert sum(c.exemption is not None for c in result.checks) == 8
    assert len(result.workdays) == 17
