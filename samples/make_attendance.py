"""Generate a month of sample clock exports (January 2020) and the staff roster they belong to.

    python samples/make_attendance.py [--out DIR]

writes into DIR (default: samples/attendance/):

* 人员.xlsx — the roster (人员: 姓名, 窗口, 工号) and its exceptions (考勤例外);
* 2020-01-一楼-原始记录.csv — the ground floor's ZKTeco clock, raw punches, GBK (as ZKTime writes);
* 2020-01-二楼-考勤记录.xls — the first floor's ZKTeco 考勤记录 (签到/签退 per session), a
  SpreadsheetML 2003 ".xls";
* 2020-01-钉钉-每日统计.xlsx — windows on DingTalk: title rows and a header over two merged rows;
* 2020-01-企业微信-打卡日报.xls — a window on WeCom: an HTML table saved as ".xls".

January 2020 has New Year's Day, the Spring Festival from the 24th, and Sunday the 19th as a
make-up workday. A temporary worker not on the roster punches on the ground floor; one roster
person appears in no export. The calendar is chinese-calendar's, read here directly.

Deterministic (a fixed seed, a fixed `created` time, xlsxwriter in memory): a rerun gives
byte-identical files. `expected_incidents()` is what the scheme's rule must make of them, worked
out here from the plan (never from qualitywin): tests/test_attendance_samples.py compares.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar
import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "attendance"
YEAR, MONTH = 2020, 1
FIXED_CREATED = dt.datetime(2020, 2, 1, 9, 0, 0)
SEED = 20200131
# The default scheme's hours in winter: 上午 08:30–12:00, 下午 14:00–17:00; late/early 2.2a,
# absent and missing punch 2.2b (rules/shangjie_2020.py, ATTENDANCE).
SESSIONS = {"上午": (8 * 60 + 30, 12 * 60), "下午": (14 * 60, 17 * 60)}
LATE, ABSENT = "2.2a", "2.2b"


@dataclass(frozen=True)
class Person:
    name: str
    window: str
    roster_id: str  # the roster's 工号 ("" for a person the roster lists without one)
    clock_id: str  # what the export shows
    clock: str  # raw | daily | dingtalk | wecom | none


PEOPLE = [
    Person("张伟", "公安局", "101", "00101", "raw"),
    Person("王芳", "公安局", "102", "00102", "raw"),
    Person("李娜", "民政局", "103", "00103", "raw"),
    Person("王芳", "民政局", "104", "00104", "raw"),  # a second 王芳: only the id tells them apart
    Person("刘洋", "人劳局(社保中心)", "105", "00105", "raw"),
    Person("陈静", "人劳局(社保中心)", "106", "00106", "raw"),
    Person("杨磊", "工商局", "201", "201", "daily"),
    Person("赵敏", "工商局", "202", "202", "daily"),
    Person("黄勇", "地税局", "203", "203", "daily"),
    Person("周丽", "地税局", "204", "204", "daily"),
    Person("吴刚", "国土局", "205", "205", "daily"),
    Person("徐静", "房管局", "SJ0301", "SJ0301", "dingtalk"),
    Person("孙涛", "房管局", "SJ0302", "SJ0302", "dingtalk"),
    Person("胡军", "建设局", "", "SJ0303", "dingtalk"),  # matched by name
    Person("朱红", "建设局", "SJ0304", "SJ0304", "dingtalk"),
    Person("高峰", "自来水公司", "gaofeng", "gaofeng", "wecom"),
    Person("林霞", "自来水公司", "linxia", "linxia", "wecom"),
    Person("马超", "燃气公司", "", "", "none"),  # in no export: a warning, nothing derived
]
TEMP_WORKER = Person("孙立", "", "", "09001", "raw")  # punches, but is not on the roster
# 考勤例外: (person index, day, session, reason, what the clock shows that session)
EXCEPTIONS = [
    (2, 7, "全天", "请假", "absent"),
    (6, 9, "上午", "公出", "absent"),
    (11, 14, "全天", "出差", "absent"),
    (11, 15, "全天", "出差", "absent"),
    (15, 21, "下午", "补卡", "missing_out"),
]
KINDS = ("late", "early", "absent", "missing_out", "missing_in")
WEIGHTS = (0.025, 0.015, 0.004, 0.006, 0.004)  # per session; the rest is on time


def workdays() -> list[dt.date]:
    days = [dt.date(YEAR, MONTH, d) for d in range(1, calendar.monthrange(YEAR, MONTH)[1] + 1)]
    return [d for d in days if chinese_calendar.is_workday(d)]


@dataclass(frozen=True)
class Planned:
    """One person's session: the event and the punches (minutes after midnight) it leaves."""

    person: int
    day: dt.date
    session: str
    event: str  # ok | late | early | absent | missing_out | missing_in
    sign_in: int | None
    sign_out: int | None
    exempt: bool = False


def plan() -> list[Planned]:
    rng = random.Random(SEED)
    exempt = {(i, d, s): e for i, d, s, _, e in EXCEPTIONS}
    planned = []
    for day in workdays():
        for index, person in enumerate(PEOPLE):
            if person.clock == "none":
                continue
            for session, (start, end) in SESSIONS.items():
                on_time_in = start - rng.randint(2, 28)
                on_time_out = end + rng.randint(0, 25)
                key = next(
                    (
                        k
                        for k in exempt
                        if k[0] == index and k[1] == day.day and k[2] in (session, "全天")
                    ),
                    None,
                )
                event = (
                    exempt[key]
                    if key
                    else rng.choices(("ok", *KINDS), (1 - sum(WEIGHTS), *WEIGHTS))[0]
                )
                sign_in, sign_out = on_time_in, on_time_out
                if event == "late":
                    sign_in = start + rng.randint(1, 40)
                elif event == "early":
                    sign_out = end - rng.randint(1, 30)
                elif event == "absent":
                    sign_in = sign_out = None
                elif event == "missing_out":
                    sign_out = None
                elif event == "missing_in":
                    sign_in = None
                planned.append(Planned(index, day, session, event, sign_in, sign_out, bool(key)))
    return planned


def expected_incidents() -> list[tuple[str, str, str, str]]:
    """(date, window, rule, person) of every row the rule must derive, in the order it writes."""
    rules = {
        "late": [LATE],
        "early": [LATE],
        "absent": [ABSENT],
        "missing_out": [ABSENT],
        "missing_in": [ABSENT],
        "ok": [],
    }
    rows = []
    for p in plan():
        if not p.exempt:
            person = PEOPLE[p.person]
            rows.extend(
                (p.day.isoformat(), person.window, rule, person.name) for rule in rules[p.event]
            )
    return rows


def clock_text(minutes: int | None, seconds: int = 0) -> str:
    return "" if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}:{seconds:02d}"


# -- the exports --------------------------------------------------------------------------------


def write_raw_csv(path: Path, planned: list[Planned]) -> None:
    """ZKTeco 原始记录: 部门, 姓名, 登记号码, 日期时间, 机器号, 编号, 比对方式, 卡号."""
    rng = random.Random(SEED + 1)
    rows = [["部门", "姓名", "登记号码", "日期时间", "机器号", "编号", "比对方式", "卡号"]]
    punches = []
    for p in planned:
        person = PEOPLE[p.person]
        if person.clock != "raw":
            continue
        for minutes in (p.sign_in, p.sign_out):
            if minutes is not None:
                punches.append((p.day, minutes, person))
        if p.sign_in is not None and rng.random() < 0.05:  # pressed twice
            punches.append((p.day, p.sign_in + 1, person))
    for day in [dt.date(YEAR, MONTH, 1), *workdays()]:  # the temp worker, holiday duty included
        for minutes in (8 * 60 + 10, 12 * 60 + 3, 13 * 60 + 50, 17 * 60 + 6):
            punches.append((day, minutes, TEMP_WORKER))
    punches.sort(key=lambda x: (x[0], x[1], x[2].clock_id))
    for number, (day, minutes, person) in enumerate(punches, start=1):
        rows.append(
            [
                person.window or "临时",
                person.name,
                person.clock_id,
                f"{day:%Y-%m-%d} {clock_text(minutes, rng.randint(0, 59))}",
                "1",
                str(number),
                "指纹",
                "",
            ]
        )
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("gbk"))


def write_daily_spreadsheet_ml(path: Path, planned: list[Planned]) -> None:
    """ZKTeco 考勤记录 as SpreadsheetML: one row per person, day and session."""
    header = [
        "登记号码",
        "姓名",
        "日期",
        "对应时段",
        "上班时间",
        "下班时间",
        "签到时间",
        "签退时间",
        "应到",
        "实到",
        "迟到时间",
        "早退时间",
        "是否旷工",
    ]
    rows = [header]
    for p in planned:
        person = PEOPLE[p.person]
        if person.clock != "daily":
            continue
        start, end = SESSIONS[p.session]
        rows.append(
            [
                person.clock_id,
                person.name,
                p.day.isoformat(),
                p.session,
                clock_text(start)[:5],
                clock_text(end)[:5],
                clock_text(p.sign_in)[:5],
                clock_text(p.sign_out)[:5],
                "1",
                "1" if p.sign_in or p.sign_out else "",
                "",
                "",
                "" if p.sign_in or p.sign_out else "True",
            ]
        )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Worksheet ss:Name="考勤记录"><Table>',
    ]
    for row in rows:
        cells = "".join(f'<Cell><Data ss:Type="String">{html.escape(c)}</Data></Cell>' for c in row)
        lines.append(f"<Row>{cells}</Row>")
    lines.append("</Table></Worksheet></Workbook>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _by_person_day(planned: list[Planned], clock: str) -> dict[tuple[int, dt.date], dict]:
    days: dict[tuple[int, dt.date], dict] = {}
    for p in planned:
        if PEOPLE[p.person].clock == clock:
            days.setdefault((p.person, p.day), {})[p.session] = p
    return days


def _result(minutes: int | None, due: int, sign_in: bool) -> str:
    if minutes is None:
        return "缺卡"
    if sign_in and minutes > due:
        return "迟到"
    return "早退" if not sign_in and minutes < due else "正常"


def write_dingtalk_xlsx(path: Path, planned: list[Planned]) -> None:
    """DingTalk 每日统计: two title rows, then 上班1/下班1/上班2/下班2 over 打卡时间 | 打卡结果."""
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    book.set_properties({"author": "qualitywin samples", "created": FIXED_CREATED})
    sheet = book.add_worksheet("每日统计")
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    sheet.write_string(0, 0, f"每日统计 统计日期:{YEAR}-{MONTH:02d}-01 至 {YEAR}-{MONTH:02d}-31")
    sheet.write_string(1, 0, "报表生成时间:2020-02-01 09:00")
    base = ["姓名", "考勤组", "部门", "工号", "UserId", "日期", "班次"]
    for column, name in enumerate(base):
        sheet.merge_range(2, column, 3, column, name, head)
    groups = ["上班1", "下班1", "上班2", "下班2"]
    for i, group in enumerate(groups):
        column = len(base) + 2 * i
        sheet.merge_range(2, column, 2, column + 1, group, head)
        sheet.write_string(3, column, "打卡时间", head)
        sheet.write_string(3, column + 1, "打卡结果", head)
    weekdays = "一二三四五六日"
    for r, ((index, day), sessions) in enumerate(
        sorted(_by_person_day(planned, "dingtalk").items(), key=lambda x: (x[0][1], x[0][0])),
        start=4,
    ):
        person = PEOPLE[index]
        row = [
            person.name,
            "窗口考勤组",
            person.window,
            person.clock_id,
            f"0{index:03d}2020",
            f"{day:%y-%m-%d} 星期{weekdays[day.weekday()]}",
            "默认班次 08:30-12:00 14:00-17:00",
        ]
        for session in ("上午", "下午"):
            p = sessions[session]
            start, end = SESSIONS[session]
            for minutes, due, is_in in ((p.sign_in, start, True), (p.sign_out, end, False)):
                row += [clock_text(minutes)[:5] or "--", _result(minutes, due, is_in)]
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    sheet.set_column(0, len(base) + 7, 12)
    book.close()


def write_wecom_html(path: Path, planned: list[Planned]) -> None:
    """WeCom 上下班打卡_日报 as an HTML table saved as ".xls"."""
    header = [
        "时间",
        "名字",
        "账号",
        "部门",
        "上班1 打卡时间",
        "下班1 打卡时间",
        "上班2 打卡时间",
        "下班2 打卡时间",
        "打卡状态",
    ]
    weekdays = "一二三四五六日"
    lines = [
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '</head><body><table border="1">',
        '<tr><td colspan="9">上下班打卡_日报 2020-01-01 至 2020-01-31</td></tr>',
        "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>",
    ]
    for (index, day), sessions in sorted(
        _by_person_day(planned, "wecom").items(), key=lambda x: (x[0][1], x[0][0])
    ):
        person = PEOPLE[index]
        times = [
            clock_text(m)[:5] or "未打卡"
            for s in ("上午", "下午")
            for m in (sessions[s].sign_in, sessions[s].sign_out)
        ]
        status = "正常" if "未打卡" not in times else "缺卡"
        cells = [
            f"{day:%Y/%m/%d} 星期{weekdays[day.weekday()]}",
            person.name,
            person.clock_id,
            person.window,
            *times,
            status,
        ]
        lines.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    lines.append("</table></body></html>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_roster(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    book.set_properties({"author": "qualitywin samples", "created": FIXED_CREATED})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("人员")
    sheet.write_row(0, 0, ["姓名", "窗口", "工号"], head)
    for r, person in enumerate(PEOPLE, start=1):
        sheet.write_row(r, 0, [person.name, person.window])
        if person.roster_id:
            sheet.write_string(r, 2, person.roster_id)
    sheet.set_column(0, 2, 16)
    sheet = book.add_worksheet("考勤例外")
    sheet.write_row(0, 0, ["姓名", "工号", "日期", "时段", "原因"], head)
    for r, (index, day, session, reason, _) in enumerate(EXCEPTIONS, start=1):
        person = PEOPLE[index]
        sheet.write_string(r, 0, person.name)
        if person.roster_id:
            sheet.write_string(r, 1, person.roster_id)
        sheet.write_datetime(r, 2, dt.datetime(YEAR, MONTH, day), date)
        sheet.write_string(r, 3, session)
        sheet.write_string(r, 4, reason)
    sheet.set_column(0, 4, 12)
    book.close()


FILES = {
    "人员.xlsx": lambda path, planned: write_roster(path),
    "2020-01-一楼-原始记录.csv": write_raw_csv,
    "2020-01-二楼-考勤记录.xls": write_daily_spreadsheet_ml,
    "2020-01-钉钉-每日统计.xlsx": write_dingtalk_xlsx,
    "2020-01-企业微信-打卡日报.xls": write_wecom_html,
}
EXPORTS = [name for name in FILES if name != "人员.xlsx"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: %(default)s)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    planned = plan()
    for name, write in FILES.items():
        write(args.out / name, planned)
    expected = expected_incidents()
    print(
        f"wrote {len(FILES)} files to {args.out}: {len(workdays())} workdays, "
        f"{len(expected)} incidents expected"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
