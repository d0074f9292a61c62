"""How every sheet qualitywin writes is printed: the center posts and signs these pages."""

from __future__ import annotations

from typing import Any

A4 = 9  # xlsxwriter's paper code


def print_setup(
    sheet: Any, title: str, repeat_row: int, landscape: bool = True, signature: str = ""
) -> None:
    """A4, one page wide, the header row on every page, the title on top, page x of y below."""
    if landscape:
        sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(repeat_row)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header("&C" + title.replace("&", "&&"), {"margin": 0.25})
    left = f"&L{signature}" if signature else ""
    sheet.set_footer(f"{left}&C第 &P 页,共 &N 页", {"margin": 0.25})
    sheet.center_horizontally()
