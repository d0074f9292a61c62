"""A clock export as plain tables of cells, whatever the file really is.

Attendance systems write .xlsx, legacy .xls, CSV (UTF-8 with or without a BOM, GB18030/GBK,
UTF-16) and ".xls" files that are really an HTML table or SpreadsheetML 2003 XML. The kind is
sniffed from the content, never from the extension: workbooks go through `reader.open_workbook`
(and so `filecheck`); what filecheck recognises as HTML, XML or CSV text is parsed here with the
standard library (html.parser, csv) and defusedxml. Merged cells (colspan/rowspan, MergeAcross)
take the value of their top-left cell, so a header over two rows reads like the workbook shows it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from qualitywin.issues import Code, QualitywinError
from qualitywin.reader import open_workbook

# filecheck.describe_bytes's names for what we parse here ("text": a CSV whose first line is a
# title without a comma)
TEXT_KINDS = ("html", "xml", "csv", "text")
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# A month of punches for a few hundred people is a few MB of text; this much is not an export,
# and reading it whole would only fill the memory.
MAX_TEXT_BYTES = 256 * 1024**2


@dataclass(frozen=True)
class Table:
    """One sheet or HTML table: `rows[i]` is row i + 1, cells from column A."""

    label: str  # how its cells are cited: "打卡.csv", or "打卡.xlsx!原始记录" for one of several
    rows: list[list[Any]]


def read_tables(path: Path) -> list[Table]:
    try:
        return _workbook_tables(path)
    except QualitywinError as error:
        what = _text_kind(error)
        if what is None:
            raise
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise QualitywinError.of(Code.EXPORT_UNREADABLE, path=str(path), what="large-text")
    data = path.read_bytes()
    if what in ("csv", "text"):
        return [Table(path.name, _csv_rows(_decode(data)))]
    if what == "html":
        tables = _html_tables(_decode(data))
    else:
        tables = _spreadsheet_ml(path, data)
    if not tables:
        raise QualitywinError.of(Code.EXPORT_UNREADABLE, path=str(path), what=what)
    if len(tables) == 1:
        return [Table(path.name, tables[0][1])]
    return [Table(f"{path.name}!{name}", rows) for name, rows in tables]


def _text_kind(error: QualitywinError) -> str | None:
    """The kind of text file a NOT_A_WORKBOOK refusal found, if it is one we parse."""
    issue = error.issues[0]
    if issue.code == Code.NOT_A_WORKBOOK and issue.params.get("what") in TEXT_KINDS:
        return str(issue.params["what"])
    return None


def _workbook_tables(path: Path) -> list[Table]:
    book = open_workbook(path)
    names = [n for n in book.sheet_names if n not in book.hidden] or book.sheet_names
    tables = []
    for name in names:
        sheet = book.rows(name)
        covered = sheet.merged()
        rows: list[list[Any]] = []
        for _row, left, cells in sheet.iter():
            rows.append([""] * (left - 1) + list(cells))
        for (r, c), (top, first) in covered.items():
            if r - 1 < len(rows) and top - 1 < len(rows):
                source = rows[top - 1]
                value = source[first - 1] if first - 1 < len(source) else ""
                _put(rows[r - 1], c - 1, value)
        label = path.name if len(names) == 1 else f"{path.name}!{name}"
        tables.append(Table(label, rows))
    return tables


def _put(row: list[Any], index: int, value: Any) -> None:
    if index >= len(row):
        row.extend([""] * (index + 1 - len(row)))
    if row[index] in ("", None):
        row[index] = value


# -- text ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _csv_rows(text: str) -> list[list[Any]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return [
        [_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _csv_cell(value: str) -> str:
    """Exports write ids as ="00012" so spreadsheet programs keep the zeros."""
    value = value.strip()
    if value.startswith('="') and value.endswith('"'):
        return value[2:-1]
    return value


class _HtmlTables(HTMLParser):
    """Every <table> as rows of cell texts, colspan and rowspan filled with the cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.depth = 0
        self.rows: list[list[str]] = []
        self.spans: dict[tuple[int, int], str] = {}  # (row, column) still covered by a rowspan
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.rows, self.spans = [], {}
        elif self.depth == 1 and tag == "tr":
            self._end_cell()
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if not self.rows:
                self.rows.append([])
            found = dict(attrs)
            self.cell = []
            self.cell_span = (_span(found.get("rowspan")), _span(found.get("colspan")))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "tr"):
            self._end_cell()
        elif tag == "table":
            self._end_cell()
            if self.depth == 1 and self.rows:
                self.tables.append(self.rows)
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        lines = "".join(self.cell).replace("\xa0", " ").split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        row, cells = len(self.rows) - 1, self.rows[-1]
        while (row, len(cells)) in self.spans:
            cells.append(self.spans.pop((row, len(cells))))
        down, across = self.cell_span
        column = len(cells)
        cells.extend([text] * across)
        for r in range(row + 1, row + down):
            for c in range(column, column + across):
                self.spans[(r, c)] = text
        self.cell = None

    def close(self) -> None:
        super().close()
        self._end_cell()
        if self.depth and self.rows:
            self.tables.append(self.rows)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _html_tables(text: str) -> list[tuple[str, list[list[Any]]]]:
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    return [(f"表{i}", rows) for i, rows in enumerate(parser.tables, start=1)]


def _spreadsheet_ml(path: Path, data: bytes) -> list[tuple[str, list[list[Any]]]]:
    """SpreadsheetML 2003 (<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">)."""
    try:
        root = SafeTree.fromstring(data)
    except DefusedXmlException as exc:
        raise QualitywinError.of(Code.UNSAFE_XML, part=path.name) from exc
    except SafeTree.ParseError as exc:
        raise QualitywinError.of(Code.EXPORT_UNREADABLE, path=str(path), what="xml") from exc
    tables = []
    for number, sheet in enumerate(root.iter(f"{_SS}Worksheet"), start=1):
        name = sheet.get(f"{_SS}Name") or f"Sheet{number}"
        table = sheet.find(f"{_SS}Table")
        tables.append((name, _ss_rows(table) if table is not None else []))
    return tables


def _ss_rows(table: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    downs: dict[tuple[int, int], Any] = {}
    for row in table.iter(f"{_SS}Row"):
        index = int(row.get(f"{_SS}Index") or len(rows) + 1)
        while len(rows) < index:
            rows.append([])
        cells = rows[index - 1]
        for cell in row.iter(f"{_SS}Cell"):
            explicit = cell.get(f"{_SS}Index")
            while explicit is None and (index, len(cells) + 1) in downs:  # covered from above
                cells.append(downs.pop((index, len(cells) + 1)))
            column = int(explicit) if explicit is not None else len(cells) + 1
            while len(cells) < column - 1:
                cells.append(downs.pop((index, len(cells) + 1), ""))
            value = _ss_value(cell.find(f"{_SS}Data"))
            across = int(cell.get(f"{_SS}MergeAcross") or 0)
            down = int(cell.get(f"{_SS}MergeDown") or 0)
            cells.extend([value] * (across + 1))
            for r in range(index + 1, index + down + 1):
                for c in range(column, column + across + 1):
                    downs[(r, c)] = value
        while (index, len(cells) + 1) in downs:
            cells.append(downs.pop((index, len(cells) + 1)))
    for (r, c), value in downs.items():  # merged down into rows with no <Row> of their own
        while len(rows) < r:
            rows.append([])
        _put(rows[r - 1], c - 1, value)
    return rows


def _ss_value(data: Any) -> Any:
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(f"{_SS}Type")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text
    return text.strip()
