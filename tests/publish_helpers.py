"""Result workbooks to publish from, made the way a user makes them: `score` on a month."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from qualitywin.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "2020-02.xlsx"
runner = CliRunner()

PUBLISH_TABLE = """
PUBLISH = {
    "issuer": "上街区政务服务办公室",
    "addressee": "各窗口单位",
    "appeal_days": 5,
    "appeal_office": "考评办",
    "public_days": 7,
}
"""


def run(*args):
    return runner.invoke(app, ["--lang", "en", *[str(a) for a in args]])


def scored(folder: Path, source: Path = SAMPLE, *options: str) -> Path:
    """The result of `qualitywin score` on a copy of `source` in `folder` (options: --rules …,
    --pick …)."""
    month = folder / source.name
    if month != source:
        shutil.copy(source, month)
    outcome = run("score", month, "--quiet", *options)
    assert outcome.exit_code == 0, outcome.output
    return month.with_name(f"{month.stem}-结果.xlsx")


def tool(name: str) -> str | None:
    return shutil.which(name)


def pdf_of(document: Path) -> Path:
    """LibreOffice's PDF of a .docx (Chinese fonts mapped by docs/fonts-cjk.conf, as the README
    says to do on Linux)."""
    env = {"FONTCONFIG_FILE": str(ROOT / "docs" / "fonts-cjk.conf"), "HOME": str(document.parent)}
    import os

    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, **env},
    )
    return document.with_suffix(".pdf")


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(l for l in info.stdout.splitlines() if l.startswith("Pages:")).split()[1])


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_PROBE = (
    '<script>addEventListener("load", function () { parent.postMessage(JSON.stringify('
    "{scroll: document.documentElement.scrollWidth, inner: innerWidth,"
    ' text: document.body.innerText}), "*"); });</script>'
)
_HARNESS = (
    '<!DOCTYPE html><html><body style="margin:0"><iframe src="{page}" style="width:{width}px;'
    'height:900px;border:0;display:block"></iframe><script>addEventListener("message",'
    ' function (e) {{ document.body.setAttribute("data-probe", e.data); }});</script>'
    "</body></html>"
)


def chromium() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def browser_view(page: Path, width: int) -> dict:
    """The page as headless Chromium lays it out `width` CSS pixels wide: its scroll width, the
    viewport's width and the text it shows. (Headless windows are at least 500 px wide, so the
    page is shown in a frame of `width` inside one; a copy of the page reports from there.)"""
    import html
    import json
    import re

    folder = page.parent
    probe = folder / f"probe-{width}.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"), encoding="utf-8"
    )
    harness = folder / f"harness-{width}.html"
    harness.write_text(_HARNESS.format(page=probe.name, width=width), encoding="utf-8")
    dom = subprocess.run(
        [
            chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={folder / 'chromium'}",
            f"--window-size={max(width, 600)},900",
            "--virtual-time-budget=5000",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[-500:]
    return json.loads(html.unescape(found.group(1)))


def browser_pdf(page: Path) -> Path:
    """The page printed by headless Chromium (its @media print and @page rules)."""
    pdf = page.with_suffix(".pdf")
    subprocess.run(
        [
            chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={page.parent / 'chromium'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return pdf


def raster(pdf: Path, page: int, dpi: int = 30) -> tuple[int, int, bytes]:
    """A PDF page rasterised by pdftoppm: width, height and RGB bytes."""
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    magic, width, height, _, pixels = data.split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), pixels


def red_pixels(image: tuple[int, int, bytes], top_fraction: float = 1.0) -> int:
    width, height, pixels = image
    rows = int(height * top_fraction)
    body = pixels[: rows * width * 3]
    return sum(
        1 for i in range(0, len(body), 3) if body[i] > 150 and body[i + 1] < 90 and body[i + 2] < 90
    )
