"""Sample months for the example schemes in rules/examples/ (run: python make_example_samples.py).

Each month is small and built so that every feature of its scheme shows in the result; the
expected results, worked out by hand, are in tests/test_schemes.py.

    bonus_veto-2020-02.xlsx    for rules/examples/bonus_veto.py    (加分, 一票否决, 最低分, 并列处理)
    satisfaction-2020-02.xlsx  for rules/examples/satisfaction.py  (好差评评价明细: 满意率, 有效差评;
                               4 个名额, 最低分)
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
    "发改委",
    "人劳局(社保中心)",
    "教体局",
    "公安局",
    "民政局",
    "司法局",
    "财政局(核算中心)",
    "建设局",
    "交通局",
    "市政局",
    "卫生局",
    "环保局",
    "国土局",
    "商务局",
    "农经委",
    "人防办",
    "民族宗教局",
    "广电局",
    "安监局",
    "房管局",
    "文化局",
    "计生委",
    "质监局",
    "工商局",
    "地税局",
    "自来水公司",
    "烟草局",
    "燃气公司",
)
FIXED_TIME = dt.datetime(2020, 3, 1, 9, 0, 0)  # the same bytes-worth of metadata every run


def day(n: int) -> dt.datetime:
    return dt.datetime(2020, 2, n)


def bonus_veto_rows() -> list[tuple[Any, ...]]:
    """扣分记录 of 2020-02 for bonus_veto.py (max 75 = 70 + 加分 5)."""
    special = {
        "发改委",
        "教体局",
        "公安局",
        "民政局",
        "司法局",
        "财政局(核算中心)",
        "交通局",
        "市政局",
        "卫生局",
        "环保局",
        "国土局",
        "商务局",
    }
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


# The 好差评 platform's 评价明细 export (one row per rating), as the center pastes it.
RATINGS_HEADER = ("序号", "受理部门", "事项名称", "评价渠道", "评价等级", "评价时间", "差评核实")
CHANNELS = ("大厅评价器", "政务服务网", "政务服务APP", "二维码")
# per window: ratings 满意 (good), 基本满意, valid 不满意, and 不满意 found 无效差评 on review
RATINGS = {
    "公安局": (30, 0, 0, 0),  # 100 %
    "发改委": (49, 1, 0, 0),  # 98 %: exactly the threshold
    "交通局": (493, 7, 0, 0),  # 98.6 %
    "教体局": (39, 1, 0, 0),  # 97.5 %: 0.5 below → 1 started point
    "民政局": (119, 4, 2, 1),  # 119 / 125 = 95.2 % → 3; 2 valid 差评 → 2 more
    "财政局(核算中心)": (193, 7, 0, 0),  # 96.5 % → 2
    "司法局": (18, 2, 0, 0),  # 90 % → 8
    "建设局": (14, 6, 0, 0),  # 70 % → 28: the category stops at 0
    "燃气公司": (8, 2, 0, 0),  # 10 ratings, fewer than 20: no rate (a warning)
}
DEFAULT_RATINGS = (99, 1, 0, 0)  # 99 %


def satisfaction_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """扣分记录 and 好差评 (one row per rating) of 2020-02 for satisfaction.py (max 90)."""
    clean = {"公安局", "发改委", "交通局", "教体局", "财政局(核算中心)", "建设局"}
    incidents: list[tuple[Any, ...]] = [(day(12), "司法局", "2.4", 1, "", "工作任务未落实")]
    for number, window in enumerate(w for w in ROSTER if w not in clean and w != "司法局"):
        incidents.append((day(3 + number % 20), window, "2.2a", 2, "", "迟到两次"))
    return incidents, rating_rows()


def rating_rows() -> list[tuple[Any, ...]]:
    """Each window's ratings spread over the month's workdays, listed by time as exported."""
    ratings = []
    for window in ROSTER:
        good, fair, bad, invalid = RATINGS.get(window, DEFAULT_RATINGS)
        levels = (
            [("满意" if n % 3 else "非常满意", "") for n in range(good)]
            + [("基本满意", "")] * fair
            + [("不满意", "有效差评")] * bad
            + [("不满意", "无效差评")] * invalid
        )
        for n, (level, review) in enumerate(levels):
            when = dt.datetime(2020, 2, 3 + n % 25, 9 + n % 8, (n * 7) % 60)
            ratings.append((when, ROSTER.index(window), window, level, review, n))
    ratings.sort()
    return [
        (
            number,
            window,
            "企业设立登记" if n % 2 else "证明开具",
            CHANNELS[n % 4],
            level,
            when,
            review,
        )
        for number, (when, _, window, level, review, n) in enumerate(ratings, start=1)
    ]


def write_month(
    path: Path,
    incidents: list[tuple[Any, ...]],
    extra: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] | None = None,
) -> Path:
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
        write_month(
            folder / "satisfaction-2020-02.xlsx", incidents, {"好差评": (RATINGS_HEADER, rates)}
        ),
    ]


if __name__ == "__main__":
    for written in make_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
