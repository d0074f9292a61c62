"""An independent check, built only from issue 12's text, with the incidents worked out by hand.

The hours are the issue's own example (上午 08:30–12:00; 下午 14:30–17:30 from 05-01 to 09-30),
grace 0, late 2.2a, absent 2.2b, the missing-punch rule left to its default (the absent rule).
The month is June 2020: 端午节 06-25…06-27 off, Sunday 06-28 a make-up workday, so 21 workdays.
陈静 (id 7, 教体局) is read from a raw punch CSV (登记号码, 姓名, 日期时间) in GBK; 周强 (no id,
司法局) from ZKTeco daily records (姓名, 日期, 对应时段, 签到时间, 签退时间) in UTF-8 with a BOM.
"""

from __future__ import annotations

import calendar
import datetime as dt

import xlsxwriter

from qualitywin.attendance import attendance_from_files
from qualitywin.issues import Code
from qualitywin.scheme import load_scheme

RULES = """
SCHEME = {"name": "独立检验", "winners": 5}
CATEGORIES = [{"name": "工作纪律", "points": 30}]
RULES = [
    {"id": "2.2a", "category": "工作纪律", "points": 1, "mode": "per_count", "text": "迟到、早退"},
    {"id": "2.2b", "category": "工作纪律", "points": 5, "mode": "per_count", "text": "旷工半天"},
]
ROSTER = ["教体局", "司法局"]
ATTENDANCE = {
    "sessions": [
        {"name": "上午", "start": "08:30", "end": "12:00"},
        {"name": "下午", "start": "14:30", "end": "17:30", "from": "05-01", "to": "09-30"},
        {"name": "下午", "start": "14:00", "end": "17:00"},
    ],
    "late_rule": "2.2a",
    "absent_rule": "2.2b",
}
"""
NORMAL = ("08:21", "12:02", "14:22", "17:35")
HOLIDAYS = {25, 26, 27}
MAKE_UP = {28}

CHEN = {  # day → punches (times of day), where they differ from a normal day
    2: ("08:45", "12:02", "14:22", "17:35"),  # 15 minutes late
    3: ("08:21", "12:02", "14:30", "17:10"),  # left 20 minutes early
    4: ("08:25", "14:22", "17:35"),  # one morning punch, before 10:15: signed in, never out
    5: ("08:21", "12:02"),  # no afternoon at all
    8: ("08:20", "13:14", "13:15", "17:30"),  # 12:00/14:30 split at 13:15: all on time
    12: ("09:00", "12:02", "14:22", "17:35"),  # late, but 上午 公出 (exempt)
}
ZHOU = {  # day → (上午 签到, 签退, 下午 签到, 签退)
    9: ("08:30:59", "12:00", "14:30", "17:29:59"),  # seconds cut: on time, then 1 minute early
    10: ("", "", "", "16:00"),  # 上午 absent; 下午 one punch at its midpoint: a sign-out, 90 early
    11: ("", "", "", ""),  # 全天 请假 (exempt)
    25: ("10:00", "", "", ""),  # a holiday: ignored
    28: ("", "", "", ""),  # the make-up Sunday, no punch: absent twice
}

EXPECTED = sorted(
    [
        ("2020-06-02", "教体局", "2.2a", "陈静"),
        ("2020-06-03", "教体局", "2.2a", "陈静"),
        ("2020-06-04", "教体局", "2.2b", "陈静"),  # missing punch, at the absent rule by default
        ("2020-06-05", "教体局", "2.2b", "陈静"),
        ("2020-06-09", "司法局", "2.2a", "周强"),
        ("2020-06-10", "司法局", "2.2b", "周强"),  # 上午 absent
        ("2020-06-10", "司法局", "2.2a", "周强"),  # 下午 90 minutes early
        ("2020-06-10", "司法局", "2.2b", "周强"),  # 下午 no sign-in
        ("2020-06-28", "司法局", "2.2b", "周强"),
        ("2020-06-28", "司法局", "2.2b", "周强"),
    ]
)


def june_days() -> list[int]:
    return [
        d
        for d in range(1, 31)
        if (calendar.weekday(2020, 6, d) < 5 or d in MAKE_UP) and d not in HOLIDAYS
    ] + sorted(HOLIDAYS)  # punches on holidays too


def write_inputs(folder):
    rules = folder / "rules.py"
    rules.write_text(RULES, encoding="utf-8")
    lines = ["登记号码,姓名,日期时间"]
    for day in june_days():
        for t in CHEN.get(day, NORMAL):
            lines.append(f"00007,陈静,2020-06-{day:02d} {t}:00")
    lines.append("00031,吴某,2020-06-02 08:30:00")  # not on the roster
    raw = folder / "原始记录.csv"
    raw.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    lines = ["姓名,日期,对应时段,签到时间,签退时间"]
    for day in june_days():
        times = ZHOU.get(day, NORMAL if day not in HOLIDAYS else ("", "", "", ""))
        lines.append(f"周强,2020-06-{day:02d},上午,{times[0]},{times[1]}")
        lines.append(f"周强,2020-06-{day:02d},下午,{times[2]},{times[3]}")
    daily = folder / "考勤记录.csv"
    daily.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    staff = folder / "人员.xlsx"
    book = xlsxwriter.Workbook(str(staff))
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("人员")
    for r, row in enumerate(
        [("姓名", "窗口", "工号"), ("陈静", "教体局", "7"), ("周强", "司法局", "")]
    ):
        sheet.write_row(r, 0, row)
    sheet = book.add_worksheet("考勤例外")
    sheet.write_row(0, 0, ("姓名", "日期", "时段", "原因"))
    for r, (name, day, session, reason) in enumerate(
        [("陈静", 12, "上午", "公出"), ("周强", 11, "全天", "请假")], start=1
    ):
        sheet.write_string(r, 0, name)
        sheet.write_datetime(r, 1, dt.datetime(2020, 6, day), date)
        sheet.write_string(r, 2, session)
        sheet.write_string(r, 3, reason)
    book.close()
    return rules, [raw, daily], staff


def test_the_independent_month_derives_exactly_the_incidents_worked_out_by_hand(tmp_path):
    rules, exports, staff = write_inputs(tmp_path)
    result = attendance_from_files(exports, month="2020-06", staff=staff, scheme=load_scheme(rules))
    assert result.errors == []
    assert len(result.workdays) == 21
    got = sorted((r.date.isoformat(), r.window, r.rule, r.person) for r in result.rows)
    assert got == EXPECTED
    assert [w.code for w in result.warnings] == [Code.PUNCHES_NOT_ON_ROSTER]
    assert "吴某(31)" in result.warnings[0].params["people"][0]
    exempt = sorted(
        (c.day.day, c.session.name, c.exemption.reason) for c in result.checks if c.exemption
    )
    assert exempt == [(11, "上午", "请假"), (11, "下午", "请假"), (12, "上午", "公出")]
