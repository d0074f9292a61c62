"""The result workbook's names and labels, shared by the writer (result_workbook.py) and the
readers (result_data.py, annual.py): one place, so a renamed label cannot split them.

The workbook is Chinese by design (it is what the office files); these are its words.
"""

from __future__ import annotations

RANKING_SHEET = "排名"
AUDIT_SHEET = "扣分明细"  # continued on 扣分明细(2), 扣分明细(3)… past a sheet's rows
ABOUT_SHEET = "说明"
DATA_SHEET = "_qualitywin_data"  # hidden: the result as JSON (result_data.py)
DATA_FORMAT = "qualitywin-result/1"
DATA_CHUNK = 30_000  # characters a cell (Excel holds at most 32,767)

LEGEND_ROW = 2  # of 排名 (0-based): below the title and the subtitle; then the header row
CHART_SHEET = "总分图"  # the chart of the totals, a chart sheet after 排名
RANK, WINDOW, TOTAL, DEDUCTED, STATUS, NOTE = "名次", "窗口", "总分", "扣分", "状态", "备注"
DECIDED_NOTE = "考评小组决定"  # in 备注: 入选 by the evaluation group's pick
AUDIT_HEADER = (
    "来源工作表",
    "行号",
    "日期",
    "窗口",
    "条款",
    "条款内容",
    "类别",
    "人次",
    "当事人",
    "说明",
    "应扣分",
    "实扣分",
    "计分情况",
)
# 人员 (with a staff roster): each person's month
STAFF_SHEET = "人员"
STAFF_HEADER = (
    "窗口",
    "姓名",
    "扣分行数",
    "应扣分",
    "实扣分",
    "迟到早退(时段)",
    "旷工缺卡(时段)",
    "满分",
    "记录位置",
)
FULL_MARKS = "满分"
TOOL_PREFIX = "qualitywin"  # 说明's 工具版本 starts with it

# 说明's keys that readers use
ABOUT_SCHEME = "评选办法"
ABOUT_RULES_FILE = "规则文件"
ABOUT_INPUT = "输入文件"
ABOUT_INPUT_SHA = "输入文件 SHA-256"
ABOUT_MONTH = "月份"
ABOUT_VERSION = "工具版本"
ABOUT_MAX = "满分"
ABOUT_CATEGORIES = "类别"


def ranking_header(categories: list[str]) -> list[str]:
    return [RANK, WINDOW, *categories, TOTAL, DEDUCTED, STATUS, NOTE]


def audit_sheet_name(number: int) -> str:
    return AUDIT_SHEET if number == 1 else f"{AUDIT_SHEET}({number})"
