"""Sample months for the example schemes in rules/examples/ (run: python make_example_samples.py).

Each month is small and built so that every feature of its scheme shows in the result; the
expected results, worked out by hand, are in tests/test_schemes.py.

    bonus_veto-2020-02.xlsx    for rules/examples/bonus_veto.py    (加分, 一票否决, 最低分, 并列处理)
    satisfaction-2020-02.xlsx  for rules/examples/satisfaction.py  (好差评 满意率, 4 个名额, 最低分)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import openpyxl

HERE = Path(__file__).resolve().parent
INCIDENT_HEADER = ("日期", "窗口", "条款", "人次", "当事人", "说明", "状态")
ROSTER = (
    "发改委", "人劳局(社保中心)", "教体局", "公安局", "民政局", "司法局", "财政局(核算中心)",
    "建设局", "交通局", "市政局", "卫生局", "环保局", "国土局", "商务局", "农经委", "人防办",
    "民族宗教局", "广电局", "安监局", "房管局", "文化局", "计生委", "质监局", "工商局", "地税局",
    "自来水公司", "烟草局", "燃气公司",
)
FIXED_TIME = dt.datetime(2020, 3, 1, 9, 0, 0)  # the same bytes-worth of metadata every run


def day(n: int) -> dt.datetime:
    return dt.datetime(2020, 2, n)


def bonus_veto_rows() -> list[tuple[Any, ...]]:
    """扣分记录 of 2020-02 for bonus_veto.py (max 75 = 70 + 加分 5)."""
    special = {"发改委", "教体局", "公安局", "民政局", "司法局", "财政局(核算中心)", "交通局",
               "市政局", "卫生局", "环保局", "国土局", "商务局"}
    rows = [
        # 公安局 75: 锦旗 2 × 2 = +4, 媒体表扬 +3 → the 加分 category stops at 5 (+1 of the 3)
        (day(3), "公安局", "5.1", 2, "张伟", "服务对象王某、李某各赠锦旗一面(2月3日)"),
        (day(10), "公安局", "5.3", 1, "", "郑州日报2月10日报道窗口延时服务"),
        # 教体局 70 = 70 − 2 (2.9) + 2 (锦旗): vetoed, its place goes to the next window
        (day(4), "教体局", "5.1", 1, "", "家长赠送锦旗一面"),
        (day(12), "教体局", "2.9", 1, "赵敏", "投诉经督察科查实"),
        # 发改委 72: 表扬信 3 letters, but 5.2 counts at most 2 a month → +2
        (day(5), "发改委", "5.2", 2, "", "企业来信表扬两封"),
        (day(20), "发改委", "5.2", 1, "", "群众来信表扬一封"),
        # 民政局 71: one letter +1
        (day(6), "民政局", "5.2", 1, "周敏", "群众来信表扬"),
        # 财政局 70 = +2 − 2 (2.2c): 1 counted row, 2 lost in 工作纪律, bonus 2
        (day(7), "财政局(核算中心)", "5.1", 1, "", "服务对象赠送锦旗一面"),
        (day(7), "财政局(核算中心)", "2.2c", 1, "钱进", "空岗20分钟"),
        # 交通局 70 = +2 − 2 (2.2a × 2): 1 counted row, 2 lost in 工作纪律, bonus 2
        (day(8), "交通局", "5.1", 1, "", "服务对象赠送锦旗一面"),
        (day(8), "交通局", "2.2a", 2, "孙立", "迟到两次"),
        # 市政局 and 卫生局 70 = +2 − 2 (3.2): 1 counted row, 0 lost in 工作纪律, bonus 2
        (day(9), "市政局", "5.1", 1, "", "服务对象赠送锦旗一面"),
        (day(9), "市政局", "3.2", 1, "吴刚", "语言生硬"),
        (day(11), "卫生局", "5.1", 1, "", "服务对象赠送锦旗一面"),
        (day(11), "卫生局", "3.2", 1, "郑洁", "语言生硬"),
        # 环保局 55 = 70 − 10 (2.4 × 2) − 5 (4.1): below the minimum of 60
        (day(13), "环保局", "2.4", 2, "", "工作任务未落实"),
        (day(14), "环保局", "4.1", 1, "冯涛", "可收件未收件"),
        # 国土局 50 = 70 − 20 (2.8): vetoed (and referred)
        (day(17), "国土局", "2.8", 1, "陈某", "收受服务对象礼品"),
        # 商务局 69: a withdrawn 2.9 vetoes nothing; 3.1 costs 1
        (day(18), "商务局", "2.9", 1, "褚某", "投诉未查实", "撤销"),
        (day(18), "商务局", "3.1", 1, "褚某", "未佩证"),
    ]
    # 司法局 70: no rows at all. Every other window 69: one 3.1.
    for number, window in enumerate(w for w in ROSTER if w not in special):
        rows.append((day(19 + number % 8), window, "3.1", 1, "", "未佩证上岗"))
    return rows


def satisfaction_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """扣分记录 and 好差评 of 2020-02 for satisfaction.py (max 90 = 70 + 群众满意度 20)."""
    rates: dict[str, Any] = {w: 99 for w in ROSTER}
    rates.update({
        "公安局": 100,        # 90
        "发改委": 98,         # exactly the threshold: 90
        "交通局": 98.6,       # 90
        "教体局": 97.5,       # 0.5 below → 1 started point → 89
        "民政局": 95.2,       # 2.8 below → 3 → 87 − 2 (2.2a × 2) = 85
        "财政局(核算中心)": "96.5%",  # text with a per-cent sign: 1.5 below → 2 → 88
        "司法局": 90,         # 8 below → 8 → 82, and 2.4 −5 → 77: below the minimum of 80
        "建设局": 70,         # 28 below → 28, the category stops at 20 → 50 + … = 70
    })
    clean = {"公安局", "发改委", "交通局", "教体局", "财政局(核算中心)", "建设局"}
    incidents: list[tuple[Any, ...]] = [(day(12), "司法局", "2.4", 1, "", "工作任务未落实")]
    for number, window in enumerate(w for w in ROSTER if w not in clean and w != "司法局"):
        incidents.append((day(3 + number % 20), window, "2.2a", 2, "", "迟到两次"))
    return incidents, [(w, rates[w]) for w in ROSTER]


def write_month(path: Path, incidents: list[tuple[Any, ...]],
                extra: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "扣分记录"
    sheet.append(INCIDENT_HEADER)
    for row in incidents:
        sheet.append(list(row) + [None] * (len(INCIDENT_HEADER) - len(row)))
    for name, (header, rows) in (extra or {}).items():
        more = book.create_sheet(name)
        more.append(header)
        for row in rows:
            more.append(list(row))
    book.properties.created = book.properties.modified = FIXED_TIME
    book.save(path)
    return path


def make_all(folder: Path = HERE) -> list[Path]:
    incidents, rates = satisfaction_rows()
    return [
        write_month(folder / "bonus_veto-2020-02.xlsx", bonus_veto_rows()),
        write_month(folder / "satisfaction-2020-02.xlsx", incidents,
                    {"好差评": (("窗口", "满意率"), rates)}),
    ]


if __name__ == "__main__":
    for written in make_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
