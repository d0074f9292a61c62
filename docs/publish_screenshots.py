"""Redraw docs/notice-page.png, docs/public-page.png and docs/public-page-phone.png.

    python docs/publish_screenshots.py

The sample February (samples/2020-02.xlsx) is scored, then `notice` and `page` are run on its
result as the README shows. notice-page.png is the notice's first page and its attachment side by
side, as LibreOffice prints them to PDF (Chinese fonts mapped by docs/fonts-cjk.conf; needs
LibreOffice writer, poppler and ImageMagick's convert); the two page pictures are headless
Chromium's screenshots of the HTML at 1280 and 375 px wide (the phone one in a 375 px frame: a
headless window is at least 500 px wide).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
CHROMIUM = [
    "/usr/bin/chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
PHONE_FRAME = (
    '<!DOCTYPE html><html><body style="margin:0"><iframe src="{page}" style="width:375px;'
    'height:{height}px;border:0;display:block"></iframe></body></html>'
)


def qualitywin(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(DOCS.parent / "src")}
    subprocess.run(
        [sys.executable, "-m", "qualitywin", "--lang", "zh", *args], cwd=cwd, env=env, check=True
    )


def notice_picture(notice: Path, png: Path) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(DOCS / "fonts-cjk.conf")}
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(notice.parent),
            str(notice),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    pdf = notice.with_suffix(".pdf")
    pages = int(
        next(
            line
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        ).split()[1]
    )
    first, last = notice.with_name("first"), notice.with_name("last")
    for number, stem in ((1, first), (pages, last)):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
    subprocess.run(
        [
            "convert",
            f"{first}.png",
            f"{last}.png",
            "-bordercolor",
            "#888888",
            "-border",
            "1",
            "+append",
            str(png),
        ],
        check=True,
    )


def page_picture(page: Path, png: Path, width: int, height: int, user_data: Path) -> None:
    target = page
    if width < 500:
        target = page.with_name("phone.html")
        target.write_text(PHONE_FRAME.format(page=page.name, height=height), encoding="utf-8")
    shot = page.with_name(f"shot-{width}.png")
    subprocess.run(
        [
            *CHROMIUM,
            f"--user-data-dir={user_data}",
            f"--window-size={max(width, 500)},{height}",
            f"--screenshot={shot}",
            target.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        ["convert", str(shot), "-crop", f"{width}x{height}+0+0", "+repage", str(png)], check=True
    )


def main() -> None:
    for tool in ("soffice", "pdftoppm", "convert", "/usr/bin/chromium"):
        if shutil.which(tool) is None:
            sys.exit(f"needs {tool}")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        shutil.copy(DOCS.parent / "samples" / "2020-02.xlsx", folder)
        qualitywin("score", "2020-02.xlsx", "--quiet", cwd=folder)
        qualitywin(
            "notice",
            "2020-02-结果.xlsx",
            "--number",
            "上政服〔2020〕3号",
            "--date",
            "2020-03-02",
            cwd=folder,
        )
        qualitywin("page", "2020-02-结果.xlsx", "--date", "2020-03-02", cwd=folder)
        notice_picture(folder / "2020-02-通报.docx", DOCS / "notice-page.png")
        page = folder / "2020-02-公示.html"
        page_picture(page, DOCS / "public-page.png", 1280, 1500, folder / "chromium")
        page_picture(page, DOCS / "public-page-phone.png", 375, 1100, folder / "chromium")
    print("redrawn: docs/notice-page.png, docs/public-page.png, docs/public-page-phone.png")


if __name__ == "__main__":
    main()
