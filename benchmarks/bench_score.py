"""Benchmark `qualitywin score` against the floor of the work it has to do. Run by hand, not in CI.

    python benchmarks/bench_score.py [--sizes 300,10000,100000,1048575] [--repeat 3]

1. Generates incident workbooks per the input contract (sheet 扣分记录 with 日期, 窗口, 条款, 人次,
   当事人, 说明, 状态, plus a small 请假 sheet) at each size, with xlsxwriter in constant_memory mode,
   cached in benchmarks/cache/ (gitignored; reused when present). The top size, 1,048,575 data rows
   + 1 header row, is Excel's sheet limit.
2. For each size, as whole processes, the median of --repeat runs of
     A  `qualitywin score FILE --force --output TMP/out.xlsx`, end to end, with its peak RSS;
     B  "the floor": a child Python that reads 扣分记录 with the fastest raw reader available
        (fastexcel, else python-calamine) and writes as many cells as the result's 扣分明细 sheet
        holds (data rows + 2.1 leave rows + 1 header, AUDIT_COLUMNS wide) with xlsxwriter in
        constant_memory mode. A/B says how far the CLI is from that floor.
3. Start-up: `qualitywin --help` against `python -c "import typer"`.
4. Time per row at each size relative to 100k, to show (or not) linear growth.

If qualitywin is missing or fails, its stderr is printed and the B figures are still reported.

B writes cell by cell through xlsxwriter's API. If qualitywin streams the audit sheet's XML itself
(it does at the time of writing), it can beat B on large inputs: A/B < 1 then means "faster than
the naive xlsxwriter floor", not a measuring error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import xlsxwriter

# The number of columns of the result's 扣分明细 (audit) sheet, so that B writes as many cells as
# A does: taken from the installed qualitywin.
try:
    from qualitywin.result_workbook import AUDIT_HEADER

    AUDIT_COLUMNS = len(AUDIT_HEADER)
except ImportError:  # qualitywin not installed: B alone is still measured
    AUDIT_COLUMNS = 13

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
DEFAULT_SIZES = [300, 10_000, 100_000, 1_048_575]
EXCEL_MAX_DATA_ROWS = 1_048_575  # 1,048,576 rows per sheet, minus the header
SEED = 20200209

ROSTER = [
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
]
ALIASES = ["社保中心", "人劳局", "财政局", "核算中心"]
# Rule ids of rules/shangjie_2020.py that may appear in 扣分记录 (2.1 comes from 请假 only),
# weighted: frequent small ones first.
RULE_WEIGHTS = {
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
    "2.8": 1,
    "4.1": 2,
    "4.2": 3,
    "4.3": 1,
    "4.4": 1,
    "1.1a": 1,
    "1.1b": 1,
    "1.3": 1,
    "1.6": 1,
    "1.7": 1,
}
PERSONS = [
    "张伟",
    "李娜",
    "王芳",
    "刘洋",
    "陈静",
    "杨磊",
    "赵敏",
    "黄勇",
    "周杰",
    "吴霞",
    "徐涛",
    "孙丽",
    "马超",
    "朱红梅",
    "胡建华",
    "郭晓燕",
    "何平",
    "高志刚",
    "林婷婷",
    "罗振华",
]
NOTES = [
    "9:12到岗",
    "8:47到岗",
    "17:20离岗",
    "群众投诉,已核实",
    "10:05-10:32空岗",
    "未佩戴工作证",
    "坐姿不端正",
    "业务培训无故缺席",
    "补件未一次性告知",
    "首席代表未到窗口",
    "使用禁语“不知道”",
]
LEAVE_ROWS = 40  # the small 请假 sheet


# --------------------------------------------------------------------------------------------
# Input workbooks
# --------------------------------------------------------------------------------------------


def leave_rows() -> list[tuple[str, str, float, float]]:
    """The 请假 sheet: 40 rows, one person per window and a few more; a few over the 3-day limit."""
    rng = random.Random(SEED)
    rows = []
    for i in range(LEAVE_ROWS):
        window = ROSTER[i % len(ROSTER)]
        days = rng.choice([0.5, 1, 1.5, 2, 2.5, 3]) if i % 8 else rng.choice([3.5, 4, 5])
        sick = rng.randint(0, int(days * 2)) / 2
        rows.append(
            (window, f"{PERSONS[i % len(PERSONS)]}{i // len(PERSONS) or ''}", sick, days - sick)
        )
    return rows


def leave_audit_rows() -> int:
    """Rows the audit sheet gets from 请假: one per person over the limit (a 2.1 deduction)."""
    return sum(1 for _w, _n, s, p in leave_rows() if s + p > 3)


def input_path(rows: int) -> Path:
    return CACHE / f"2020-02_bench_{rows}.xlsx"


def make_input(rows: int) -> tuple[Path, float | None]:
    """The cached workbook with `rows` data rows; (path, seconds it took, None if cached)."""
    path = input_path(rows)
    if path.exists():
        return path, None
    CACHE.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tmp = path.with_suffix(".part")
    rng = random.Random(SEED + rows)
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    wb.set_properties({"created": dt.datetime(2020, 3, 1)})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})

    ws = wb.add_worksheet("扣分记录")
    for c, name in enumerate(["日期", "窗口", "条款", "人次", "当事人", "说明", "状态"]):
        ws.write_string(0, c, name, head)
    ws.freeze_panes(1, 0)
    # Excel serial numbers of the weekdays of February 2020: written as numbers with a date
    # format, which is what a date cell is (write_datetime would only convert each time).
    epoch = dt.date(1899, 12, 30)
    days = [
        (d - epoch).days for d in (dt.date(2020, 2, i) for i in range(1, 30)) if d.weekday() < 5
    ]
    # Draw in blocks from pools: fast and still varied.
    rule_ids, weights = list(RULE_WEIGHTS), list(RULE_WEIGHTS.values())
    block = 10_000
    r = 1
    while r <= rows:
        n = min(block, rows - r + 1)
        d = rng.choices(days, k=n)
        w = rng.choices(ROSTER, k=n)
        ru = rng.choices(rule_ids, weights, k=n)
        ps = rng.choices(PERSONS, k=n)
        no = rng.choices(NOTES, k=n)
        u = [rng.random() for _ in range(n)]
        for i in range(n):
            ws.write_number(r, 0, d[i], date_fmt)
            ws.write_string(r, 1, ALIASES[i % 4] if u[i] < 0.002 else w[i])
            ws.write_string(r, 2, ru[i])
            ws.write_number(r, 3, 2 if u[i] > 0.97 else 1)
            ws.write_string(r, 4, ps[i])
            ws.write_string(r, 5, no[i])
            if u[i] < 0.01:
                ws.write_string(r, 6, "撤销")
            elif u[i] > 0.995:
                ws.write_string(r, 6, "有效")
            r += 1
    ls = wb.add_worksheet("请假")
    for c, name in enumerate(["窗口", "姓名", "病假天数", "私假天数"]):
        ls.write_string(0, c, name, head)
    for i, (window, name, sick, personal) in enumerate(leave_rows(), start=1):
        ls.write_string(i, 0, window)
        ls.write_string(i, 1, name)
        ls.write_number(i, 2, sick)
        ls.write_number(i, 3, personal)
    wb.close()
    tmp.replace(path)  # only a complete file lands in the cache
    return path, time.perf_counter() - t0


# --------------------------------------------------------------------------------------------
# Running child processes
# --------------------------------------------------------------------------------------------


class Run:
    def __init__(self, seconds: float, rc: int, maxrss_mb: float, stdout: str, stderr: str):
        self.seconds, self.rc, self.maxrss_mb, self.stdout, self.stderr = (
            seconds,
            rc,
            maxrss_mb,
            stdout,
            stderr,
        )


def run(cmd: list[str], timeout: float) -> Run:
    """Run a whole process; wall time, exit code and the peak RSS of that very child (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        killer = threading.Timer(timeout, lambda: os.kill(p.pid, signal.SIGKILL))
        killer.start()
        try:
            _pid, status, usage = os.wait4(p.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            p.returncode,
            usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def find_qualitywin() -> str | None:
    beside = Path(sys.executable).parent / "qualitywin"
    if beside.exists():
        return str(beside)
    return shutil.which("qualitywin")


# The floor, B: read the sheet raw, then write the audit sheet's number of cells.
FLOOR_CHILD = r"""
import sys, datetime as dt
path, out, rows, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    import fastexcel
    sheet = fastexcel.read_excel(path).load_sheet_by_name("扣分记录")
    try:
        import pyarrow  # noqa: F401
        n = sheet.to_arrow().num_rows
        reader = "fastexcel.to_arrow"
    except ImportError:
        sheet.__arrow_c_array__()  # the same Arrow record batch, built in Rust, without pyarrow
        n = sheet.height
        reader = "fastexcel (Arrow C data interface; no pyarrow)"
except ImportError:
    from python_calamine import CalamineWorkbook
    n = len(CalamineWorkbook.from_path(path).get_sheet_by_name("扣分记录").to_python()) - 1
    reader = "python-calamine.to_python"
import xlsxwriter
wb = xlsxwriter.Workbook(out, {"constant_memory": True})
ws = wb.add_worksheet("扣分明细")
date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
windows = ["发改委", "人劳局(社保中心)", "教体局", "公安局", "民政局", "司法局", "财政局(核算中心)"]
rules = [("2.2a", "无故迟到、早退", 1), ("3.1", "不佩证上岗、着装不规范", 1), ("2.2c", "空岗15分钟以上", 2),
         ("4.2", "需要补件未执行一次性告知", 5), ("1.2", "首席代表未按要求到窗口办公", 5)]
persons = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
notes = ["9:12到岗", "群众投诉,已核实", "10:05-10:32空岗", "未佩戴工作证"]
header = ["来源", "行号", "日期", "窗口", "条款", "条款内容", "人次", "当事人", "说明", "扣分",
          "状态", "类别", "计入", "备注"]
for c in range(cols):
    ws.write_string(0, c, header[c % len(header)])
MAX_ROWS, sheets, rr = 1_048_576, 1, 0  # Excel's sheet limit: go on in 扣分明细(2), as the result does
for r in range(1, rows):
    rule = rules[r % 5]
    rr += 1
    if rr == MAX_ROWS:
        sheets += 1
        ws = wb.add_worksheet(f"扣分明细({sheets})")
        for c in range(cols):
            ws.write_string(0, c, header[c % len(header)])
        rr = 1
    for c in range(cols):
        k = c % 14
        if k == 0: ws.write_string(rr, c, "扣分记录")
        elif k == 1: ws.write_number(rr, c, r + 1)
        elif k == 2: ws.write_number(rr, c, 43862 + r % 28, date_fmt)
        elif k == 3: ws.write_string(rr, c, windows[r % 7])
        elif k == 4: ws.write_string(rr, c, rule[0])
        elif k == 5: ws.write_string(rr, c, rule[1])
        elif k == 6: ws.write_number(rr, c, 1)
        elif k == 7: ws.write_string(rr, c, persons[r % 5])
        elif k == 8: ws.write_string(rr, c, notes[r % 4])
        elif k == 9: ws.write_number(rr, c, rule[2])
        elif k == 10: ws.write_string(rr, c, "有效" if r % 100 else "撤销")
        elif k == 11: ws.write_string(rr, c, "工作纪律")
        elif k == 12: ws.write_number(rr, c, rule[2] if r % 100 else 0)
        else: ws.write_string(rr, c, "")
wb.close()
print(reader, n)
"""


def median_run(cmd: list[str], repeat: int, timeout: float) -> tuple[float, float, Run]:
    """(median seconds, max peak RSS MB, last run); stops at the first failing run."""
    runs = []
    for _ in range(repeat):
        r = run(cmd, timeout)
        runs.append(r)
        if r.rc != 0:
            return float("nan"), float("nan"), r
    return statistics.median(r.seconds for r in runs), max(r.maxrss_mb for r in runs), runs[-1]


def report_failure(what: str, r: Run) -> None:
    print(f"  !! {what} failed (exit {r.rc}); its stderr:", file=sys.stderr)
    for line in (r.stderr.strip() or "(empty)").splitlines()[-25:]:
        print(f"     {line}", file=sys.stderr)


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Benchmark qualitywin score against a read+write floor."
    )
    ap.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="data rows per workbook, comma-separated (default: %(default)s)",
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement; the median is shown"
    )
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a child is killed")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep progress and stderr messages in order
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if not 1 <= s <= EXCEL_MAX_DATA_ROWS:
            ap.error(f"size {s} is outside 1..{EXCEL_MAX_DATA_ROWS}")

    print(
        f"python {sys.version.split()[0]} at {sys.executable}; repeat {args.repeat}; "
        f"AUDIT_COLUMNS {AUDIT_COLUMNS}"
    )
    inputs = {}
    for s in sizes:
        path, took = make_input(s)
        inputs[s] = path
        mb = path.stat().st_size / 1e6
        print(
            f"input {s:>9,} rows: {path.relative_to(HERE.parent)} ({mb:.1f} MB)"
            + (f", generated in {took:.1f} s" if took is not None else ", cached")
        )

    qw = find_qualitywin()
    if qw is None:
        print(
            "!! qualitywin is not installed (not beside sys.executable, not on PATH): A is skipped",
            file=sys.stderr,
        )
    extra = leave_audit_rows()
    a_ok = qw is not None
    rows_out = []
    reader = "?"
    with tempfile.TemporaryDirectory(prefix="qw-bench-") as tmp:
        for s in sizes:
            a = a_rss = float("nan")
            if a_ok:
                cmd = [qw, "score", str(inputs[s]), "--force", "--output", f"{tmp}/out.xlsx"]
                a, a_rss, last = median_run(cmd, args.repeat, args.timeout)
                if last.rc != 0:
                    report_failure(f"A at {s:,} rows: {' '.join(cmd)}", last)
            cmd = [
                sys.executable,
                "-c",
                FLOOR_CHILD,
                str(inputs[s]),
                f"{tmp}/floor.xlsx",
                str(s + extra + 1),
                str(AUDIT_COLUMNS),
            ]
            b, b_rss, last = median_run(cmd, args.repeat, args.timeout)
            if last.rc != 0:
                report_failure(f"B at {s:,} rows", last)
            else:
                reader = last.stdout.strip().rsplit(" ", 1)[0]
            rows_out.append((s, a, b, a_rss, b_rss))
            print(f"  measured {s:,} rows: A {a:.3f} s, B {b:.3f} s", flush=True)

    print()
    print(f"B reads with {reader}; writes (rows + {extra} leave rows + 1) x {AUDIT_COLUMNS} cells")
    print(
        f"{'rows':>10} {'A (s)':>9} {'B (s)':>9} {'A/B':>6} {'RSS A (MB)':>11} {'RSS B (MB)':>11}"
    )

    def f(x: float, spec: str, width: int) -> str:
        return f"{'-' if x != x else format(x, spec):>{width}}"  # x != x: nan = not run or failed

    for s, a, b, a_rss, b_rss in rows_out:
        print(
            f"{s:>10,} {f(a, '.3f', 9)} {f(b, '.3f', 9)} {f(a / b, '.2f', 6)} {f(a_rss, '.0f', 11)} "
            f"{f(b_rss, '.0f', 11)}"
        )

    # Time per row relative to 100k (or to the largest size measured if 100k was not run).
    ref = 100_000 if 100_000 in sizes else max(sizes)
    big = [r for r in rows_out if r[0] >= 10_000]
    if len(big) >= 2:
        print()
        print(f"time per row relative to {ref:,} rows (1.00 = linear):")
        by = {r[0]: r for r in rows_out}
        for s, a, b, *_ in big:
            ra = (a / s) / (by[ref][1] / ref)
            rb = (b / s) / (by[ref][2] / ref)
            print(
                f"  {s:>10,}: A {ra:5.2f}  B {rb:5.2f}   ({a / s * 1e6:.1f} / {b / s * 1e6:.1f} µs per row)"
            )

    # Start-up cost.
    print()
    n = max(args.repeat, 5)
    typer_s, _, r = median_run([sys.executable, "-c", "import typer"], n, 60)
    if r.rc != 0:
        report_failure("python -c 'import typer'", r)
    if qw is not None:
        help_s, help_rss, r = median_run([qw, "--help"], n, 60)
        if r.rc != 0:
            report_failure("qualitywin --help", r)
        print(
            f"start-up (median of {n}): qualitywin --help {help_s:.3f} s, python -c 'import typer' "
            f"{typer_s:.3f} s, difference {help_s - typer_s:+.3f} s"
        )
    else:
        print(
            f"start-up (median of {n}): python -c 'import typer' {typer_s:.3f} s; qualitywin not installed"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
