"""Generate the sample incident workbooks of qualitywin, with their expected results.

    python samples/make_samples.py [--out DIR] [--quiet]

writes DIR/2020-02.xlsx (a hand-designed February 2020 with a tie at the cut) and DIR/2020/2020-01.xlsx
... 2020-12.xlsx (one workbook per month of 2020). DIR defaults to the folder of this script.

Everything is deterministic: fixed seeds, no wall-clock data, a fixed workbook `created` time and
xlsxwriter's in-memory mode (fixed zip timestamps), so a rerun gives byte-identical files.

The expected totals are computed here with plain arithmetic of our own (`expected_results`), not
with qualitywin, and the designs are asserted (February 2020: three windows tied at rank 4), so a
later change of the generator cannot silently lose the case it is meant to show.

The scheme (rules, points, modes, categories, roster, aliases) is read as data from
../rules/shangjie_2020.py with `ast.literal_eval`, like qualitywin does; the file is never imported.
"""

from __future__ import annotations

import argparse
import ast
import calendar
import datetime as dt
import math
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
RULES_FILE = HERE.parent / "rules" / "shangjie_2020.py"

INCIDENT_SHEET = "扣分记录"
LEAVE_SHEET = "请假"
INCIDENT_HEADER = ["日期", "窗口", "条款", "人次", "当事人", "说明", "状态"]
LEAVE_HEADER = ["窗口", "姓名", "病假天数", "私假天数"]
WITHDRAWN = "撤销"
LEAVE_LIMIT = Fraction(3)
LEAVE_STEP = Fraction(1, 2)
FIXED_CREATED = dt.datetime(2020, 1, 1, 8, 0, 0)  # workbook property, for stable bytes
SEED = 20200209  # the notice is dated 2月9日


# --------------------------------------------------------------------------------------------
# The scheme, read as data
# --------------------------------------------------------------------------------------------


def load_scheme(path: Path = RULES_FILE) -> dict:
    """The literal tables of the rules file: {"CATEGORIES": [...], "RULES": [...], ...}."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    tables = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            tables[node.targets[0].id] = ast.literal_eval(node.value)
    return tables


SCHEME = load_scheme()
CATEGORIES: dict[str, int] = {c["name"]: c["points"] for c in SCHEME["CATEGORIES"]}
RULES: dict[str, dict] = {r["id"]: r for r in SCHEME["RULES"]}
ROSTER: list[str] = list(SCHEME["ROSTER"])
ALIASES: dict[str, str] = dict(SCHEME["ALIASES"])
WINNERS: int = SCHEME["SCHEME"]["winners"]
MAX_SCORE = sum(CATEGORIES.values())
LEAVE_RULE = next(r for r in SCHEME["RULES"] if r["mode"] == "computed")  # 2.1

assert len(ROSTER) == 28 and MAX_SCORE == 70, (len(ROSTER), MAX_SCORE)
assert LEAVE_RULE["id"] == "2.1"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class Incident:
    date: dt.date
    window: str  # as written in the cell (roster name or alias)
    rule: str
    count: int | None  # None = blank cell (the contract's default of 1)
    person: str
    note: str
    status: str = ""  # "", "有效" or "撤销"

    @property
    def canonical_window(self) -> str:
        return ALIASES.get(self.window, self.window)

    @property
    def counted(self) -> bool:
        return self.status != WITHDRAWN

    @property
    def n(self) -> int:
        return 1 if self.count is None else self.count


@dataclass
class Leave:
    window: str
    name: str
    sick: Fraction
    personal: Fraction


@dataclass
class Month:
    year: int
    month: int
    incidents: list[Incident]
    leave: list[Leave]
    description: str = ""
    expect: dict = field(default_factory=dict)  # what the design promises, asserted

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# --------------------------------------------------------------------------------------------
# Expected results: plain arithmetic, independent of qualitywin
# --------------------------------------------------------------------------------------------


@dataclass
class Result:
    window: str
    deductions: dict[str, int]  # per category, before the floor at 0
    scores: dict[str, int]  # per category, max(0, points - deduction)
    total: int
    rank: int = 0
    status: str = ""  # 入选 / 并列待定 / ""


def leave_points(leave: list[Leave]) -> dict[tuple[str, str], int]:
    """Rule 2.1 per person (window, name): ceil((sick + personal - 3) / 0.5) x 1 point, if over."""
    days: dict[tuple[str, str], Fraction] = {}
    for row in leave:
        key = (ALIASES.get(row.window, row.window), row.name)
        days[key] = days.get(key, Fraction(0)) + row.sick + row.personal
    out = {}
    for key, d in days.items():
        over = d - LEAVE_LIMIT
        if over > 0:
            out[key] = math.ceil(over / LEAVE_STEP) * LEAVE_RULE["points"]
    return out


def expected_results(month: Month) -> list[Result]:
    """Per window, in roster order: category deductions, scores, total, rank and selection."""
    ded = {w: {c: 0 for c in CATEGORIES} for w in ROSTER}
    once_hit: dict[str, set[str]] = {w: set() for w in ROSTER}
    for inc in month.incidents:
        if not inc.counted:
            continue
        w, rule = inc.canonical_window, RULES[inc.rule]
        assert w in ded, f"unknown window {inc.window!r}"
        assert rule["mode"] != "computed", f"{inc.rule} must not appear in {INCIDENT_SHEET}"
        if rule["mode"] == "per_count":
            ded[w][rule["category"]] += rule["points"] * inc.n
        else:
            once_hit[w].add(inc.rule)
    for w, hits in once_hit.items():
        replaced = {RULES[r]["replaces"] for r in hits if RULES[r].get("replaces") in hits}
        for r in hits - replaced:
            ded[w][RULES[r]["category"]] += RULES[r]["points"]
    for (w, _name), pts in leave_points(month.leave).items():
        ded[w][LEAVE_RULE["category"]] += pts

    results = []
    for w in ROSTER:
        scores = {c: max(0, CATEGORIES[c] - ded[w][c]) for c in CATEGORIES}
        results.append(Result(w, ded[w], scores, sum(scores.values())))
    for r in results:  # competition ranking: 1, 2, 2, 4
        r.rank = 1 + sum(1 for o in results if o.total > r.total)
    for r in results:
        g = sum(1 for o in results if o.total == r.total)
        if r.rank + g - 1 <= WINNERS:
            r.status = "入选"
        elif r.rank <= WINNERS:
            r.status = "并列待定"
    return results


def cut_summary(results: list[Result]) -> str:
    chosen = [r.window for r in results if r.status == "入选"]
    pending = [r for r in results if r.status == "并列待定"]
    s = f"入选 {len(chosen)}"
    if pending:
        s += f", 并列待定 {len(pending)} at rank {pending[0].rank} ({pending[0].total} 分)"
    return s


def check_expectations(month: Month, results: list[Result]) -> None:
    """Assert what the month's design promises (tie at the cut or not, 2.8 present, ...)."""
    e = month.expect
    pending = [r for r in results if r.status == "并列待定"]
    if "tie_rank" in e:
        assert pending, f"{month.label}: the designed tie at the cut is lost"
        assert {r.rank for r in pending} == {e["tie_rank"]}, (
            month.label,
            [(r.window, r.rank) for r in pending],
        )
        assert len(pending) == e["tie_size"], (month.label, [r.window for r in pending])
    if e.get("no_tie"):
        assert not pending, (
            f"{month.label}: unexpected tie at the cut: {[r.window for r in pending]}"
        )
    if "winners" in e:
        got = [r.window for r in results if r.status == "入选"]
        assert got == e["winners"], (month.label, got)
    if "pending" in e:
        assert [r.window for r in pending] == e["pending"], (
            month.label,
            [r.window for r in pending],
        )
    if "totals" in e:
        got = {r.window: r.total for r in results}
        assert got == e["totals"], (
            month.label,
            {w: (got[w], t) for w, t in e["totals"].items() if got[w] != t},
        )
    has_28 = any(i.rule == "2.8" and i.counted for i in month.incidents)
    assert has_28 == e.get("has_2_8", False), (month.label, has_28)
    assert all(i.rule != LEAVE_RULE["id"] for i in month.incidents), month.label
    assert all(i.date.year == month.year and i.date.month == month.month for i in month.incidents)


# --------------------------------------------------------------------------------------------
# People, dates and notes
# --------------------------------------------------------------------------------------------

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = [
    "伟",
    "娜",
    "芳",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "晓燕",
    "海燕",
    "志刚",
    "红梅",
    "丹",
    "鹏",
    "玲",
    "慧",
    "亮",
    "文博",
    "雪",
    "宁",
    "婷婷",
    "佳",
    "浩",
    "建国",
    "淑珍",
    "振华",
    "晓东",
    "倩",
    "凯",
]


def make_staff(rng: random.Random) -> dict[str, list[str]]:
    """2-4 staff per window, names unique across the center."""
    used: set[str] = set()
    staff = {}
    for w in ROSTER:
        names = []
        for _ in range(rng.choice([2, 3, 3, 4])):
            while True:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                if name not in used:
                    used.add(name)
                    names.append(name)
                    break
        staff[w] = names
    return staff


STAFF = make_staff(random.Random(SEED))
# 首席代表 / 单位 — who stands for the window in rules about the unit rather than a person
UNIT_RULES = {"1.1a", "1.1b", "1.3", "1.4a", "1.4b", "1.6", "1.7"}


def workdays(year: int, month: int) -> list[dt.date]:
    days = [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    return [d for d in days if d.weekday() < 5]


def note_for(rule: str, rng: random.Random) -> str:
    h, m = rng.choice([8, 9]), rng.randint(1, 45)
    return {
        "1.1a": lambda: rng.choice(
            ["窗口无差别受理要求落实不到位", "周例会精神未传达到窗口", "限时办结制度执行不到位"]
        ),
        "1.1b": lambda: "“一次办妥”改革要求未落实,督查通报",
        "1.2": lambda: rng.choice(
            ["首席代表本周二、周四均未到窗口", "首席代表未按排班到岗,电话核实"]
        ),
        "1.3": lambda: rng.choice(["窗口高拍仪长期故障未更换", "未按上政文111号文选派人员"]),
        "1.4a": lambda: rng.choice(["办事指南变更未报代办服务科备案", "审批时限调整未备案"]),
        "1.4b": lambda: rng.choice(["公示材料清单漏报一项", "收费标准误报"]),
        "1.5": lambda: "未经报批调整窗口人员",
        "1.6": lambda: "未参加中心组织的文化建设活动",
        "1.7": lambda: "公示事项未全部进驻,需回单位办理",
        "2.2a": lambda: rng.choice(
            [f"{h}:{m:02d}到岗", f"17:{rng.randint(5, 50):02d}离岗", f"{h}:{m:02d}到岗,无请假手续"]
        ),
        "2.2b": lambda: rng.choice(["上午未到岗,无请假手续", "下午旷工半天"]),
        "2.2c": lambda: (
            lambda s: f"{s // 60}:{s % 60:02d}-{(s + 25) // 60}:{(s + 25) % 60:02d}空岗"
        )(rng.randint(9 * 60, 16 * 60)),
        "2.3a": lambda: rng.choice(["周五业务培训迟到", "例会早退"]),
        "2.3b": lambda: rng.choice(["业务培训无故缺席", "全体人员大会缺席"]),
        "2.4": lambda: rng.choice(
            ["大厅消毒登记任务未落实", "满意度回访任务未按期完成", "材料报送逾期"]
        ),
        "2.5": lambda: "带亲属进入窗口工作区",
        "2.6": lambda: "未经批准拷贝审批档案",
        "2.7": lambda: rng.choice(["工作时间玩手机、串岗聊天", "窗口内吃东西", "大厅内吸烟"]),
        "2.8": lambda: "收受办事群众购物卡,已移交纪检监察",
        "3.1": lambda: rng.choice(["未佩戴工作证", "未着工装"]),
        "3.2": lambda: rng.choice(["群众投诉,已核实", "语气生硬,群众投诉,已核实"]),
        "3.3": lambda: rng.choice(["坐姿不端正", "趴桌"]),
        "3.4": lambda: rng.choice(["使用禁语“不知道”", "未使用文明用语,群众投诉,已核实"]),
        "4.1": lambda: "材料齐全未收件,群众投诉,已核实",
        "4.2": lambda: "补件未一次性告知,群众多次往返",
        "4.3": lambda: "退件未说明理由,未执行否定报备",
        "4.4": lambda: "联办件推诿,未执行首问负责制",
    }[rule]()


WITHDRAW_NOTES = [
    "经核实系系统考勤故障,撤销",
    "已补请假手续,撤销",
    "经复核不属实,撤销",
    "外出办理联办件,撤销",
]


def person_for(window: str, rule: str, rng: random.Random) -> str:
    if rule in UNIT_RULES:
        return "首席代表" if rng.random() < 0.5 else ""
    return rng.choice(STAFF[window])


def incident(
    rng: random.Random,
    days: list[dt.date],
    window: str,
    rule: str,
    count: int | None = 1,
    status: str = "",
    written_as: str | None = None,
    note: str | None = None,
) -> Incident:
    return Incident(
        date=rng.choice(days),
        window=written_as or window,
        rule=rule,
        count=count,
        person=person_for(window, rule, rng),
        note=note if note is not None else note_for(rule, rng),
        status=status,
    )


# --------------------------------------------------------------------------------------------
# February 2020, designed by hand
# --------------------------------------------------------------------------------------------

# window -> counted incidents as (rule, 人次); the comment gives the expected total
FEB_2020 = {
    "发改委": [("2.2a", 1), ("3.1", 1)],  # 68
    "人劳局(社保中心)": [("2.2a", 1)],  # 69  (row written as 社保中心; + a 撤销 2.2c)
    "教体局": [("2.2c", 1), ("3.3", 1)],  # 67
    "公安局": [("4.2", 1), ("2.2a", 1), ("2.2a", 1)],  # 63
    "民政局": [],  # 70  (leave split over two rows, 3 days)
    "司法局": [("2.2a", 1)],  # 69  (+ a 撤销 3.4)
    "财政局(核算中心)": [("1.2", 1), ("2.3a", 1)],  # 64
    "建设局": [
        ("1.1a", 1),
        ("1.1b", 1),
        ("1.2", 1),
        ("2.2a", 1),
    ],  # 54: 1.1b replaces 1.1a, 领导重视 15+5 -> 0
    "交通局": [("3.1", 2)],  # 68  (人次 2)
    "市政局": [("2.7", 1), ("3.2", 1)],  # 63
    "卫生局": [("3.3", 1)],  # 69
    "环保局": [("1.3", 1), ("1.3", 1)],  # 65  (once: two rows, 5 points)
    "国土局": [("4.1", 1), ("4.3", 1)],  # 60
    "商务局": [],  # 70
    "农经委": [("2.3b", 1), ("2.2a", 1)],  # 67
    "人防办": [("3.1", 1)],  # 67  (leave 2.5 + 1.5 = 4 days: 2.1 -2)
    "民族宗教局": [("2.5", 1)],  # 68
    "广电局": [("2.2c", 1), ("3.4", 1)],  # 66
    "安监局": [("2.4", 1)],  # 65
    "房管局": [("2.8", 1), ("2.2a", 1)],  # 49  (吃拿卡要, 20)
    "文化局": [("2.3a", 1), ("2.3a", 1), ("3.1", 1)],  # 67
    "计生委": [("2.6", 1), ("1.4b", 1)],  # 65
    "质监局": [("1.6", 1)],  # 65
    "工商局": [("4.4", 1), ("2.2a", 1)],  # 64  (+ a 撤销 4.2)
    "地税局": [("1.5", 1), ("3.3", 1)],  # 66
    "自来水公司": [],  # 70
    "烟草局": [("2.2a", 1), ("3.1", 1)],  # 68
    "燃气公司": [("1.7", 1), ("2.2c", 1)],  # 63
}
FEB_2020_TOTALS = {
    "发改委": 68,
    "人劳局(社保中心)": 69,
    "教体局": 67,
    "公安局": 63,
    "民政局": 70,
    "司法局": 69,
    "财政局(核算中心)": 64,
    "建设局": 54,
    "交通局": 68,
    "市政局": 63,
    "卫生局": 69,
    "环保局": 65,
    "国土局": 60,
    "商务局": 70,
    "农经委": 67,
    "人防办": 67,
    "民族宗教局": 68,
    "广电局": 66,
    "安监局": 65,
    "房管局": 49,
    "文化局": 67,
    "计生委": 65,
    "质监局": 65,
    "工商局": 64,
    "地税局": 66,
    "自来水公司": 70,
    "烟草局": 68,
    "燃气公司": 63,
}
FEB_ALIAS = ("人劳局(社保中心)", "社保中心")
FEB_WITHDRAWN = [
    ("人劳局(社保中心)", "2.2c"),
    ("司法局", "3.4"),
    ("工商局", "4.2"),
    ("发改委", "2.2a"),
]


def february_2020() -> Month:
    rng = random.Random(SEED + 202002)
    # Work resumed on 2020-02-03 after the extended Spring Festival holiday; weekdays only.
    days = workdays(2020, 2)
    incidents: list[Incident] = []
    for window, items in FEB_2020.items():
        for rule, count in items:
            written = FEB_ALIAS[1] if window == FEB_ALIAS[0] else None
            incidents.append(incident(rng, days, window, rule, count, written_as=written))
    for window, rule in FEB_WITHDRAWN:
        incidents.append(
            incident(rng, days, window, rule, 1, status=WITHDRAWN, note=rng.choice(WITHDRAW_NOTES))
        )
    # a few rows explicitly marked 有效 (same as blank)
    for i in rng.sample(range(len(incidents) - len(FEB_WITHDRAWN)), 4):
        incidents[i].status = "有效"
    incidents.sort(key=lambda i: (i.date, ROSTER.index(i.canonical_window), i.rule))

    s = STAFF
    leave = [
        Leave(
            "人防办", s["人防办"][0], Fraction(5, 2), Fraction(3, 2)
        ),  # 4 days: over 1 -> 2 points
        Leave("民政局", s["民政局"][1], Fraction(2), Fraction(0)),  # split over two rows,
        Leave("发改委", s["发改委"][0], Fraction(1), Fraction(0)),
        Leave("商务局", s["商务局"][0], Fraction(0), Fraction(3, 2)),
        Leave("民政局", s["民政局"][1], Fraction(0), Fraction(1)),  # ... 2 + 1 = 3: at the limit, 0
        Leave("司法局", s["司法局"][1], Fraction(1, 2), Fraction(1)),
        Leave("国土局", s["国土局"][0], Fraction(3), Fraction(0)),  # exactly 3 in one row: 0
        Leave("自来水公司", s["自来水公司"][1], Fraction(1, 2), Fraction(1, 2)),
    ]
    return Month(
        2020,
        2,
        incidents,
        leave,
        description="hand-designed: 3 windows at 70 (入选), 3 tied at 69 = rank 4 (并列待定)",
        expect={
            "tie_rank": 4,
            "tie_size": 3,
            "has_2_8": True,
            "totals": FEB_2020_TOTALS,
            "winners": ["民政局", "商务局", "自来水公司"],
            "pending": ["人劳局(社保中心)", "司法局", "卫生局"],
        },
    )


# --------------------------------------------------------------------------------------------
# The other months of 2020: random, but to a planned shape
# --------------------------------------------------------------------------------------------

# Rules drawn for random incidents, with weights (frequent small ones first). No 2.1 (computed),
# no 2.8 (only the February case), no 1.1b (15 points at once; February has it).
DRAW = {
    "2.2a": 30,
    "3.1": 14,
    "3.3": 8,
    "2.2c": 10,
    "2.3a": 6,
    "2.3b": 4,
    "3.2": 5,
    "3.4": 4,
    "2.5": 2,
    "2.6": 1,
    "1.2": 4,
    "1.4a": 1,
    "1.4b": 2,
    "1.5": 1,
    "2.4": 3,
    "2.7": 3,
    "2.2b": 1,
    "4.1": 2,
    "4.2": 3,
    "4.3": 1,
    "4.4": 1,
    "1.1a": 1,
    "1.3": 1,
    "1.6": 1,
    "1.7": 1,
}

# month -> plan. clean: windows without counted deduction. tie: (score, group size) for a tie
# group starting right after the clean windows and straddling rank 5. no_tie: redraw until the
# cut is clean. Rows: roughly how many counted rows.
PLANS = {
    1: dict(clean=3, no_tie=True, rows=(45, 70), overruns=2),  # 春节 month: leave overruns
    3: dict(clean=2, no_tie=True, rows=(55, 85), overruns=0),
    4: dict(clean=3, no_tie=True, rows=(50, 80), overruns=1),
    5: dict(clean=2, tie=(68, 4), rows=(55, 85), overruns=1),  # ranks 3-6 tied at 68
    6: dict(clean=5, no_tie=True, rows=(40, 70), overruns=0),  # exactly 5 at 70
    7: dict(clean=2, no_tie=True, rows=(55, 85), overruns=1),
    8: dict(clean=6, rows=(30, 55), overruns=1),  # 6 windows at 70: all 并列待定
    9: dict(clean=4, tie=(69, 2), rows=(45, 70), overruns=0),  # ranks 5-6 tied at 69
    10: dict(clean=4, no_tie=True, rows=(45, 70), overruns=2),  # 国庆 month
    11: dict(clean=3, no_tie=True, rows=(55, 85), overruns=0),
    12: dict(clean=0, tie=(69, 7), rows=(50, 75), overruns=1),  # 7 windows tied at the top, rank 1
}


def realize(rng: random.Random, days: list[dt.date], window: str, target: int) -> list[Incident]:
    """Counted incidents for one window whose deductions sum to `target` exactly, no category
    going below 0 (so no floor applies) and each "once" rule used at most once."""
    left = {c: CATEGORIES[c] for c in CATEGORIES}
    used_once: set[str] = set()
    out: list[Incident] = []
    remaining = target
    while remaining > 0:
        options = [
            r
            for r in DRAW
            if RULES[r]["points"] <= remaining
            and RULES[r]["points"] <= left[RULES[r]["category"]]
            and not (RULES[r]["mode"] == "once" and r in used_once)
        ]
        rule = rng.choices(options, weights=[DRAW[r] for r in options])[0]
        pts = RULES[rule]["points"]
        count = 1
        if RULES[rule]["mode"] == "per_count" and pts <= 2 and rng.random() < 0.15:
            count = min(2, remaining // pts, left[RULES[rule]["category"]] // pts)
        if RULES[rule]["mode"] == "once":
            used_once.add(rule)
        remaining -= pts * count
        left[RULES[rule]["category"]] -= pts * count
        cell = None if count == 1 and rng.random() < 0.1 else count  # blank 人次 = 1
        out.append(incident(rng, days, window, rule, cell))
        if (
            RULES[rule]["mode"] == "once" and rng.random() < 0.3
        ):  # a second row of a once rule: 0 more
            out.append(incident(rng, days, window, rule, 1, note="复查仍未整改"))
    return out


def random_month(month: int, plan: dict, attempt: int) -> tuple[Month, bool]:
    rng = random.Random(SEED * 100 + month * 7 + attempt * 1000003)
    days = workdays(2020, month)
    windows = ROSTER[:]
    rng.shuffle(windows)
    clean = windows[: plan["clean"]]
    rest = windows[plan["clean"] :]
    target: dict[str, int] = {w: 0 for w in clean}
    expect: dict = {"has_2_8": False}
    if "tie" in plan:
        score, size = plan["tie"]
        for w in rest[:size]:
            target[w] = MAX_SCORE - score
        rest = rest[size:]
        floor = MAX_SCORE - score + 1  # everyone else strictly lower
        expect.update(tie_rank=plan["clean"] + 1, tie_size=size)
    else:
        floor = 1
    if plan.get("no_tie"):
        # the windows just after the clean ones, down to rank 5, score above everyone else
        top = sorted(rng.choices(range(1, 3), k=WINNERS - plan["clean"]))
        for w, t in zip(rest, top):
            target[w] = t
        rest = rest[len(top) :]
        floor = max(top, default=0) + 1
    if plan.get("no_tie"):
        expect["no_tie"] = True
    if plan["clean"] > WINNERS:
        expect.update(tie_rank=1, tie_size=plan["clean"])
    # everyone else: 1..~25 points, mostly small
    for w in rest:
        target[w] = min(32, floor + int(rng.expovariate(1 / 2.5)))
    leave: list[Leave] = []
    incidents: list[Incident] = []
    # leave overruns: the 2.1 points are taken out of the window's incident target
    over_windows = [w for w in rest if target[w] >= 3][: plan["overruns"]]
    leave_pts: dict[str, int] = {}
    for w in over_windows:
        over = rng.choice([Fraction(1, 2), Fraction(1), Fraction(3, 2)])
        total = LEAVE_LIMIT + over
        sick = Fraction(rng.randint(0, int(total * 2)), 2)
        leave.append(Leave(w, rng.choice(STAFF[w]), sick, total - sick))
        leave_pts[w] = math.ceil(over / LEAVE_STEP)
    # ordinary leave, within the limit (sometimes split over two rows)
    for _ in range(rng.randint(4, 10)):
        w = rng.choice(ROSTER)
        name = rng.choice(STAFF[w])
        if any(l.name == name for l in leave):
            continue
        total = Fraction(rng.randint(1, 6), 2)
        sick = Fraction(rng.randint(0, int(total * 2)), 2)
        if rng.random() < 0.25:
            leave.append(Leave(w, name, sick, Fraction(0)))
            leave.append(Leave(w, name, Fraction(0), total - sick))
        else:
            leave.append(Leave(w, name, sick, total - sick))
    for w in ROSTER:
        incidents += realize(rng, days, w, target[w] - leave_pts.get(w, 0))
    # withdrawn rows, anywhere (also on clean windows)
    for _ in range(rng.randint(1, 4)):
        w = rng.choice(ROSTER)
        r = rng.choice(["2.2a", "2.2c", "3.1", "4.2", "2.3b"])
        incidents.append(
            incident(rng, days, w, r, 1, status=WITHDRAWN, note=rng.choice(WITHDRAW_NOTES))
        )
    # an alias now and then
    for inc in incidents:
        if inc.window in ("人劳局(社保中心)", "财政局(核算中心)") and rng.random() < 0.3:
            inc.window = rng.choice([a for a, c in ALIASES.items() if c == inc.window])
        if inc.counted and rng.random() < 0.05:
            inc.status = "有效"
    incidents.sort(key=lambda i: (i.date, ROSTER.index(i.canonical_window), i.rule))
    lo, hi = plan["rows"]
    n = sum(1 for i in incidents if i.counted)
    ok_rows = lo <= n <= hi
    desc = []
    if "tie" in plan:
        desc.append(f"tie at the cut: {plan['tie'][1]} windows at {plan['tie'][0]}")
    if plan["clean"] > WINNERS:
        desc.append(f"{plan['clean']} windows at 70: all 并列待定")
    return Month(2020, month, incidents, leave, "; ".join(desc) or "clean cut", expect), ok_rows


def month_of_2020(month: int) -> Month:
    if month == 2:
        m = february_2020()
        check_expectations(m, expected_results(m))
        return m
    plan = PLANS[month]
    for attempt in range(500):
        m, ok_rows = random_month(month, plan, attempt)
        if not ok_rows:
            continue
        try:
            check_expectations(m, expected_results(m))
        except AssertionError:
            continue
        return m
    raise AssertionError(f"no draw of 2020-{month:02d} fits its plan {plan}")


def year_2020() -> list[Month]:
    return [month_of_2020(m) for m in range(1, 13)]


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_month(month: Month, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    wb.set_properties(
        {
            "title": f"{SCHEME['SCHEME']['center']} {month.year}年{month.month}月扣分记录",
            "author": "qualitywin samples",
            "created": FIXED_CREATED,
        }
    )
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    half = wb.add_format({"num_format": "0.0"})

    ws = wb.add_worksheet(INCIDENT_SHEET)
    for col, (name, width) in enumerate(zip(INCIDENT_HEADER, [12, 18, 7, 6, 10, 34, 7])):
        ws.write_string(0, col, name, head)
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    for r, inc in enumerate(month.incidents, start=1):
        ws.write_datetime(r, 0, dt.datetime.combine(inc.date, dt.time()), date_fmt)
        ws.write_string(r, 1, inc.window)
        ws.write_string(r, 2, inc.rule)
        if inc.count is not None:
            ws.write_number(r, 3, inc.count)
        if inc.person:
            ws.write_string(r, 4, inc.person)
        ws.write_string(r, 5, inc.note)
        if inc.status:
            ws.write_string(r, 6, inc.status)
    ws.autofilter(0, 0, len(month.incidents), len(INCIDENT_HEADER) - 1)

    ls = wb.add_worksheet(LEAVE_SHEET)
    for col, (name, width) in enumerate(zip(LEAVE_HEADER, [18, 10, 10, 10])):
        ls.write_string(0, col, name, head)
        ls.set_column(col, col, width)
    ls.freeze_panes(1, 0)
    for r, row in enumerate(month.leave, start=1):
        ls.write_string(r, 0, row.window)
        ls.write_string(r, 1, row.name)
        ls.write_number(r, 2, float(row.sick), half)
        ls.write_number(r, 3, float(row.personal), half)
    wb.close()


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to a display width (CJK characters count 2 columns)."""
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(0, width - w)
    return fill + text if right else text + fill


def print_results(month: Month, results: list[Result], file=sys.stdout) -> None:
    cats = list(CATEGORIES)
    print(
        f"== {month.label}: {len(month.incidents)} rows "
        f"({sum(not i.counted for i in month.incidents)} 撤销), {len(month.leave)} 请假 rows — {month.description}",
        file=file,
    )
    cols = cats + ["总分", "名次"]
    print(
        "   " + _pad("窗口", 18) + "".join(_pad(c, 9, right=True) for c in cols) + "  结果",
        file=file,
    )
    for r in sorted(results, key=lambda r: (r.rank, ROSTER.index(r.window))):
        cells = [str(r.scores[c]) for c in cats] + [str(r.total), str(r.rank)]
        print(
            "   "
            + _pad(r.window, 18)
            + "".join(_pad(c, 9, right=True) for c in cells)
            + f"  {r.status}",
            file=file,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: %(default)s)")
    ap.add_argument("--quiet", action="store_true", help="only the one-line summaries")
    args = ap.parse_args(argv)

    feb = february_2020()
    feb_results = expected_results(feb)
    check_expectations(feb, feb_results)
    tied = [r for r in feb_results if r.rank == 4]
    assert len(tied) == 3 and all(r.status == "并列待定" for r in tied), (
        "February 2020 must tie 3 windows at rank 4"
    )
    assert [r.rank for r in feb_results if r.status == "入选"] == [1, 1, 1]
    write_month(feb, args.out / "2020-02.xlsx")
    if not args.quiet:
        print_results(feb, feb_results)
    print(f"wrote {args.out / '2020-02.xlsx'}: {cut_summary(feb_results)}")

    for m in year_2020():
        res = expected_results(m)
        write_month(m, args.out / "2020" / f"{m.label}.xlsx")
        if not args.quiet and m.month != 2:
            print_results(m, res)
        print(
            f"wrote {args.out / '2020' / (m.label + '.xlsx')}: {len(m.incidents)} rows; {cut_summary(res)}"
            + ("; has 2.8" if any(i.rule == "2.8" for i in m.incidents) else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
