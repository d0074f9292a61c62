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

PUBLISH_TABLE = '''
PUBLISH = {
    "issuer": "上街区政务服务办公室",
    "addressee": "各窗口单位",
    "appeal_days": 5,
    "appeal_office": "考评办",
    "public_days": 7,
}
'''


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
    env = {"FONTCONFIG_FILE": str(ROOT / "docs" / "fonts-cjk.conf"),
           "HOME": str(document.parent)}
    import os

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(document.parent), str(document)], check=True, capture_output=True,
                   timeout=180, env={**os.environ, **env})
    return document.with_suffix(".pdf")


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(l for l in info.stdout.splitlines() if l.startswith("Pages:")).split()[1])


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
