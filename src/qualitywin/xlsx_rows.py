"""Streaming many rows into a sheet that xlsxwriter laid out.

xlsxwriter spends ~5 µs a cell; a million-line audit is 13 million cells. So the workbook is
laid out by xlsxwriter with each big sheet holding only its header (and its column widths,
filter, print setup…), and the data rows are then written straight into that sheet's XML as the
workbook is copied to its final file. Text is always an inline string, never a formula.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator

from qualitywin.decimals import plain_number

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def column_letters(count: int) -> list[str]:
    from qualitywin.issues import column_letter

    return [column_letter(i) for i in range(1, count + 1)]


def escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


class RowWriter:
    """Turns rows of Python values into <row> XML: str → inline string, numbers → numbers,
    dates → date serials with the given style, None or '' → no cell.

    With `styles` (an xf index per column, for borders and wrapping) every cell of the row is
    written with its column's style, an empty one too, so a printed table has all its lines."""

    def __init__(self, width: int, date_style: int, styles: list[int] | None = None):
        self.letters = column_letters(width)
        self.date_style = date_style
        self.styles = [f' s="{s}"' for s in styles] if styles else None
        self._texts: dict[str, str] = {}

    def row(self, number: int, values: Iterable[Any], height: float | None = None) -> str:
        cells = []
        n = str(number)
        styles = self.styles
        for index, (letter, value) in enumerate(zip(self.letters, values)):
            cell = self._cell(value)
            if styles is None:
                if cell:
                    cells.append(f'<c r="{letter}{n}"{cell}')
            elif not cell:
                cells.append(f'<c r="{letter}{n}"{styles[index]}/>')
            elif cell.startswith(" s="):  # a date: its own style (with the column's border)
                cells.append(f'<c r="{letter}{n}"{cell}')
            else:
                cells.append(f'<c r="{letter}{n}"{styles[index]}{cell}')
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        return f'<row r="{n}"{tall}>{"".join(cells)}</row>'

    def _cell(self, value: Any) -> str:
        kind = value.__class__
        if kind is str:
            if not value:
                return ""
            text = self._texts.get(value)
            if text is None:
                text = escape(value)
                space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
                text = f' t="inlineStr"><is><t{space}>{text}</t></is></c>'
                if len(self._texts) < 100_000:
                    self._texts[value] = text
            return text
        if kind is int:
            return f"><v>{value}</v></c>"
        if kind is Decimal:
            return f"><v>{plain_number(value)}</v></c>"
        if kind is float:
            return f"><v>{value!r}</v></c>"
        if kind is dt.date:
            return f' s="{self.date_style}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
        if value is None:
            return ""
        return self._cell(str(value))


def fill_sheets(
    layout: Path, target: Path, rows_by_part: dict[str, Iterator[str]], last_cells: dict[str, str]
) -> None:
    """Copy the workbook `layout` to `target`, appending the streamed rows to the named sheet
    parts (e.g. 'xl/worksheets/sheet2.xml') after their header row."""
    with (
        zipfile.ZipFile(layout) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out,
    ):
        for info in source.infolist():
            if info.filename not in rows_by_part:
                with source.open(info) as part, out.open(_copy_info(info), "w") as copy:
                    shutil.copyfileobj(part, copy, 1 << 20)
                continue
            xml = source.read(info)
            head, tail = _split_after_rows(xml)
            head = _DIMENSION.sub(
                f'<dimension ref="A1:{last_cells[info.filename]}"/>'.encode(), head, count=1
            )
            with out.open(_copy_info(info, level=1), "w", force_zip64=True) as copy:
                copy.write(head)
                _write_rows(copy, rows_by_part[info.filename])
                copy.write(tail)


def _copy_info(info: zipfile.ZipInfo, level: int = 6) -> zipfile.ZipInfo:
    """A member like `info`; big streamed sheets use a fast compression level (1: a third of
    the time of the default for a file a little larger)."""
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = zipfile.ZIP_DEFLATED
    copy.external_attr = info.external_attr
    # read by ZipFile.open(info, "w"): `compress_level` from Python 3.13, `_compresslevel` before
    name = "compress_level" if hasattr(copy, "compress_level") else "_compresslevel"
    setattr(copy, name, level)
    return copy


def _split_after_rows(xml: bytes) -> tuple[bytes, bytes]:
    """The sheet XML cut where new rows go: just before </sheetData>."""
    end = xml.find(b"</sheetData>")
    if end >= 0:
        return xml[:end], xml[end:]
    empty = xml.find(b"<sheetData/>")
    if empty < 0:
        raise ValueError("no <sheetData> in the sheet layout")
    return xml[:empty] + b"<sheetData>", b"</sheetData>" + xml[empty + len(b"<sheetData/>") :]


def _write_rows(out: Any, rows: Iterator[str]) -> None:
    buffer: list[str] = []
    size = 0
    for row in rows:
        buffer.append(row)
        size += len(row)
        if size > 1 << 20:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            size = 0
    if buffer:
        out.write("".join(buffer).encode("utf-8"))
