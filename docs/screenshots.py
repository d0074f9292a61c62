"""Redraw docs/result-page.png and docs/template-dropdown.png.

    python docs/screenshots.py             # both
    python docs/screenshots.py dropdown    # or result: only that one

A sample March: the template, filled with a few rows by openpyxl (as a clerk would in Excel) and
scored; the result workbook is printed to PDF by LibreOffice and its first page becomes
result-page.png (needs LibreOffice and poppler).

template-dropdown.png is a real screenshot: a template with three filled rows is opened in
LibreOffice Calc on a virtual X display, the cursor goes to B5 (窗口, first empty row) and
Alt+Down opens the cell's selection list; the screen is captured and cropped. This needs Xvfb,
xdotool, xwd and ImageMagick's convert (Debian: xvfb xdotool x11-apps imagemagick) and a
LibreOffice that can draw on X (Debian's libreoffice-calc; the -nogui packages cannot). Without
Xvfb or xdotool the screenshot is left as it is.
"""

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

DOCS = Path(__file__).resolve().parent
ROWS = [  # 日期, 窗口, 条款, 人次, 当事人, 说明, 状态
    (3, "公安局", "2.2a", 2, "张伟", "迟到", None),
    (4, "民政局", "3.2", 1, "王芳", "语言生硬", None),
    (5, "民政局", "2.8", 1, "王五", "收受礼品", None),
    (6, "建设局", "4.2", 1, None, "未一次性告知", None),
    (9, "交通局", "3.1", 1, "赵磊", "未佩证", None),
    (10, "教体局", "1.2", 1, None, None, None),
    (11, "卫生局", "2.2c", 1, "刘洋", "空岗 20 分钟", None),
    (12, "国土局", "3.3", 1, None, None, "撤销"),
]
for number, window in enumerate(
    [
        "环保局",
        "商务局",
        "农经委",
        "人防办",
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
        "市政局",
        "司法局",
        "发改委",
        "民族宗教局",
    ],
    start=1,
):
    ROWS.append(
        (
            12 + number % 10,
            window,
            "3.1" if number % 3 else "2.2a",
            1 + number % 2,
            None,
            None,
            None,
        )
    )


def qualitywin(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(DOCS.parent / "src")}
    subprocess.run(
        [sys.executable, "-m", "qualitywin", "--lang", "en", *args], cwd=cwd, env=env, check=True
    )


def pdf_page(xlsx: Path, png: Path, crop: tuple[int, int] | None = None) -> None:
    folder = xlsx.parent
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
        check=True,
        capture_output=True,
    )
    size = ["-W", str(crop[0]), "-H", str(crop[1])] if crop else []
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "110",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            *size,
            str(xlsx.with_suffix(".pdf")),
            str(png.with_suffix("")),
        ],
        check=True,
    )


def fill(xlsx: Path, rows: list[tuple]) -> None:
    book = openpyxl.load_workbook(xlsx)
    sheet = book["扣分记录"]
    for row, (day, window, rule, count, person, note, status) in enumerate(rows, start=2):
        for letter, value in zip(
            "ABCEFGH", (dt.date(2020, 3, day), window, rule, count, person, note, status)
        ):
            if value is not None:
                sheet[f"{letter}{row}"] = value
    book["请假"].append(["财政局(核算中心)", "李娜", 3, 1.5])
    book.save(xlsx)


SCREEN = (1400, 900)
CROP = "720x480+0+0"  # name box, headers, rows 1-4, B5 with its open list and input message


def free_display() -> int:
    number = 99
    while Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    return number


def lo_profile(folder: Path) -> str:
    """A fresh LibreOffice profile that skips the tip of the day and the "what's new" bar."""
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout
    version = ".".join((version.split() + ["", "7.4"])[1].split(".")[:2])
    user = folder / "user"
    user.mkdir(parents=True)
    items = [
        ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "false"),
        ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
        ("/org.openoffice.Setup/Product", "ooSetupLastVersion", version),
    ]
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    )
    body = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in items
    )
    (user / "registrymodifications.xcu").write_text(
        head + body + "</oor:items>\n", encoding="utf-8"
    )
    return folder.as_uri()


def dropdown_shot(xlsx: Path, png: Path) -> None:
    """Open xlsx in LibreOffice Calc on Xvfb, open B5's selection list, capture and crop."""
    display = f":{free_display()}"
    env = {**os.environ, "DISPLAY": display}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        **quiet,
    )
    office = None
    try:
        time.sleep(2)
        profile = lo_profile(xlsx.parent / "lo-profile")
        office = subprocess.Popen(
            ["soffice", "--calc", "--norestore", f"-env:UserInstallation={profile}", str(xlsx)],
            env=env,
            start_new_session=True,
            **quiet,
        )

        def xdotool(*args: str) -> str:
            return subprocess.run(
                ["xdotool", *args], env=env, capture_output=True, text=True
            ).stdout

        for _ in range(90):
            if xdotool("search", "--onlyvisible", "--name", "LibreOffice Calc").strip():
                break
            time.sleep(1)
        else:
            raise RuntimeError(
                "no LibreOffice Calc window on the virtual display "
                "(is only a -nogui LibreOffice installed?)"
            )
        time.sleep(5)  # let the sheet draw
        xdotool("key", "ctrl+Home", "Down", "Down", "Down", "Down", "Right")  # A1 -> B5
        time.sleep(1)
        xdotool("key", "alt+Down")  # opens a validity list cell's selection list
        time.sleep(2)
        shot = xlsx.parent / "screen.xwd"
        with shot.open("wb") as out:
            subprocess.run(["xwd", "-root", "-silent"], env=env, stdout=out, check=True)
        subprocess.run(
            [
                "convert",
                f"xwd:{shot}",
                "-crop",
                CROP,
                "+repage",
                "-strip",
                "-colors",
                "256",
                f"png8:{png}",
            ],
            check=True,
        )
    finally:
        if office is not None:
            os.killpg(office.pid, signal.SIGTERM)
            office.wait()
        xvfb.terminate()
        xvfb.wait()


def main(which: set[str]) -> None:
    work = Path(tempfile.mkdtemp())
    qualitywin("template", "2020-03", cwd=work)
    shutil.copy(work / "2020-03.xlsx", work / "dropdown.xlsx")
    fill(work / "2020-03.xlsx", ROWS)
    if "result" in which:
        qualitywin("score", "2020-03.xlsx", "--quiet", cwd=work)
        pdf_page(work / "2020-03-结果.xlsx", DOCS / "result-page.png")
    if "dropdown" in which and shutil.which("Xvfb") and shutil.which("xdotool"):
        fill(work / "dropdown.xlsx", ROWS[:3])
        dropdown_shot(work / "dropdown.xlsx", DOCS / "template-dropdown.png")
    elif "dropdown" in which:  # keep the screenshot the README describes
        print("Xvfb or xdotool missing: template-dropdown.png left as it is", file=sys.stderr)
    shutil.rmtree(work)


if __name__ == "__main__":
    names = set(sys.argv[1:]) or {"result", "dropdown"}
    if not names <= {"result", "dropdown"}:
        sys.exit("usage: python docs/screenshots.py [result] [dropdown]")
    main(names)
