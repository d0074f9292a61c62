"""Redraw docs/result-page.png and docs/template-dropdown.png (needs LibreOffice and poppler).

    python docs/screenshots.py

A sample March: the template, filled with a few rows by openpyxl (as a clerk would in Excel),
scored, and both workbooks printed to PDF by LibreOffice; the first page of each becomes a PNG.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

DOCS = Path(__file__).resolve().parent
ROWS = [  # 日期, 窗口, 条款, 人次, 当事人, 说明, 状态
    (3, "公安局", "2.2a", 2, "张伟", "迟到", None), (4, "民政局", "3.2", 1, "王芳", "语言生硬", None),
    (5, "民政局", "2.8", 1, "王五", "收受礼品", None), (6, "建设局", "4.2", 1, None, "未一次性告知", None),
    (9, "交通局", "3.1", 1, "赵磊", "未佩证", None), (10, "教体局", "1.2", 1, None, None, None),
    (11, "卫生局", "2.2c", 1, "刘洋", "空岗 20 分钟", None), (12, "国土局", "3.3", 1, None, None, "撤销"),
]
for number, window in enumerate(["环保局", "商务局", "农经委", "人防办", "广电局", "安监局", "房管局",
                                 "文化局", "计生委", "质监局", "工商局", "地税局", "自来水公司", "烟草局",
                                 "燃气公司", "市政局", "司法局", "发改委", "民族宗教局"], start=1):
    ROWS.append((12 + number % 10, window, "3.1" if number % 3 else "2.2a", 1 + number % 2, None, None, None))


def qualitywin(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(DOCS.parent / "src")}
    subprocess.run([sys.executable, "-m", "qualitywin", "--lang", "en", *args], cwd=cwd, env=env,
                   check=True)


def pdf_page(xlsx: Path, png: Path, crop: tuple[int, int] | None = None) -> None:
    folder = xlsx.parent
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(xlsx)], check=True, capture_output=True)
    size = ["-W", str(crop[0]), "-H", str(crop[1])] if crop else []
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", *size,
                    str(xlsx.with_suffix(".pdf")), str(png.with_suffix(""))], check=True)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    qualitywin("template", "2020-03", cwd=work)
    book = openpyxl.load_workbook(work / "2020-03.xlsx")
    sheet = book["扣分记录"]
    for row, (day, window, rule, count, person, note, status) in enumerate(ROWS, start=2):
        for letter, value in zip("ABCEFGH", (dt.date(2020, 3, day), window, rule, count,
                                              person, note, status)):
            if value is not None:
                sheet[f"{letter}{row}"] = value
    book["请假"].append(["财政局(核算中心)", "李娜", 3, 1.5])
    book.save(work / "2020-03.xlsx")
    qualitywin("score", "2020-03.xlsx", "--quiet", cwd=work)
    pdf_page(work / "2020-03-结果.xlsx", DOCS / "result-page.png")
    pdf_page(work / "2020-03.xlsx", DOCS / "template-dropdown.png", crop=(1290, 420))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
