"""Generators of good and hostile input files, built at test time (no binary blobs committed).

Each public function takes a directory and returns the path it made there. The workbooks are
written by hand (zip + XML) so every byte a hostile clerk could send is under the test's control;
`xlsxwriter_workbook` is the one made by a real library.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = ["日期", "窗口", "条款", "人次", "当事人", "说明", "状态"]
ROWS = [
    [dt.date(2020, 2, 3), "公安局", "2.2a", 1, "张伟", "迟到", ""],
    [dt.date(2020, 2, 4), "税务局", "3.1", 2, "李娜", "未着装", ""],
]
SHEET = "扣分记录"

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_WS = NS_REL + "/worksheet"


# --------------------------------------------------------------------------- hand-made xlsx


class Raw(str):
    """Literal cell XML; "{r}" is replaced by the cell's reference."""


@dataclass
class Sheet:
    name: str
    xml: str | bytes | None = None  # the whole worksheet part; built from `rows` if None
    rows: list[list] = field(default_factory=list)
    state: str | None = None  # "hidden" / "veryHidden"
    tail: str = ""  # XML after </sheetData>, e.g. <mergeCells>


def col_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


class _Strings:
    def __init__(self):
        self.index: dict[str, int] = {}

    def add(self, s: str) -> int:
        return self.index.setdefault(s, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in self.index)
        n = len(self.index)
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{NS_MAIN}" count="{n}" uniqueCount="{n}">{items}</sst>'


def sheet_xml(rows: list[list], strings: _Strings, tail: str = "", start_row: int = 1) -> str:
    out = []
    for r, values in enumerate(rows, start=start_row):
        cells = []
        for c, v in enumerate(values, start=1):
            ref = f"{col_letter(c)}{r}"
            if v is None or v == "":
                continue
            if isinstance(v, Raw):
                cells.append(v.replace("{r}", ref))
            elif isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(v)}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{strings.add(str(v))}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheetData>{"".join(out)}</sheetData>'
        f"{tail}</worksheet>"
    )


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


def xlsx_parts(
    sheets: list[Sheet], shared_strings: str | bytes | None = None, strings: _Strings | None = None
) -> dict[str, bytes]:
    """The members of a minimal valid xlsx, in a sensible zip order.

    `strings` is the shared-string table already used by hand-made sheet XML, if any.
    """
    strings = strings if strings is not None else _Strings()
    sheet_parts = {}
    for i, sh in enumerate(sheets, start=1):
        xml = sh.xml if sh.xml is not None else sheet_xml(sh.rows, strings, sh.tail)
        sheet_parts[f"xl/worksheets/sheet{i}.xml"] = xml.encode() if isinstance(xml, str) else xml
    sst = shared_strings if shared_strings is not None else strings.xml()
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    sheet_entries = "".join(
        f'<sheet name="{escape(sh.name)}" sheetId="{i}"'
        + (f' state="{sh.state}"' if sh.state else "")
        + f' r:id="rId{i}"/>'
        for i, sh in enumerate(sheets, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets>{sheet_entries}</sheets></workbook>'
    )
    n = len(sheets)
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL_WS}" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{NS_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{NS_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": root_rels,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": wb_rels,
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": sst,
    }
    out = {k: (v.encode() if isinstance(v, str) else v) for k, v in parts.items()}
    out.update(sheet_parts)
    return out


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def write_xlsx(path: Path, sheets: list[Sheet], shared_strings=None, strings=None) -> Path:
    return write_zip(path, xlsx_parts(sheets, shared_strings, strings))


def base_rows() -> list[list]:
    return [HEADER, *ROWS]


def valid_xlsx(d: Path, name: str = "valid.xlsx") -> Path:
    """The base workbook: sheet 扣分记录, header and two incidents."""
    return write_xlsx(d / name, [Sheet(SHEET, rows=base_rows())])


def xlsxwriter_workbook(d: Path) -> Path:
    import xlsxwriter

    path = d / "xlsxwriter.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(SHEET)
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(ROWS, start=1):
        ws.write_datetime(r, 0, dt.datetime.combine(row[0], dt.time()), date)
        ws.write_row(r, 1, row[1:])
    ws.write_formula(3, 3, "=SUM(D2:D3)", None, 3)
    wb.add_worksheet("备注").hide()
    wb.close()
    return path


# --------------------------------------------------------------------------- not workbooks


def empty_file(d: Path) -> Path:
    path = d / "empty.xlsx"
    path.write_bytes(b"")
    return path


def directory(d: Path) -> Path:
    path = d / "folder.xlsx"
    path.mkdir()
    return path


def missing(d: Path) -> Path:
    return d / "no-such-file.xlsx"


def text_as_xlsx(d: Path) -> Path:
    path = d / "notes.xlsx"
    path.write_text("这个月没有扣分记录。\nNothing to report this month.\n", encoding="utf-8")
    return path


def csv_as_xlsx(d: Path) -> Path:
    path = d / "export.xlsx"
    lines = [",".join(HEADER)] + [",".join(str(v) for v in row) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def gbk_csv_as_xlsx(d: Path) -> Path:
    path = d / "export-gbk.xlsx"
    lines = [",".join(HEADER)] + [",".join(str(v) for v in row) for row in ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def html_as_xls(d: Path) -> Path:
    """What many web systems export as ".xls"."""
    path = d / "web-export.xls"
    cells = "".join(f"<td>{h}</td>" for h in HEADER)
    path.write_text(f"<html><body><table><tr>{cells}</tr></table></body></html>", "utf-8")
    return path


def random_bytes(d: Path) -> Path:
    path = d / "noise.xlsx"
    path.write_bytes(bytes(range(256)) * 8 + os.urandom(4096))
    return path


def truncated_zip(d: Path) -> Path:
    """A real xlsx cut in half."""
    data = valid_xlsx(d, "whole.xlsx").read_bytes()
    path = d / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def zip_without_workbook(d: Path) -> Path:
    return write_zip(d / "photos.xlsx", {"readme.txt": b"hello", "data/a.xml": b"<a/>"})


def xlsb_like(d: Path) -> Path:
    return write_zip(
        d / "binary.xlsx", {"xl/workbook.bin": b"\x83\x01\x00", "[Content_Types].xml": b"<Types/>"}
    )


# --------------------------------------------------------------------------- other formats


def legacy_xls(d: Path, rows: list[list] | None = None, name: str = "legacy.xls") -> Path:
    """A real BIFF8 .xls, written by xlwt (a test-only dependency)."""
    import xlwt

    path = d / name
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(SHEET)
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h)
    for r, row in enumerate(ROWS if rows is None else rows, start=1):
        ws.write(r, 0, row[0], date)
        for c, v in enumerate(row[1:], start=1):
            ws.write(r, c, v)
    wb.save(str(path))
    return path


def encrypted_xls(d: Path) -> Path:
    """A legacy .xls whose workbook stream says FILEPASS right after BOF (an encrypted BIFF8).

    Made by renaming the record that follows BOF in a real xlwt file: the check only needs the
    record id; the bytes behind it are not a real RC4 header.
    """
    path = legacy_xls(d)
    data = bytearray(path.read_bytes())
    bof = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # BOF, length 16, BIFF8, globals
    assert bof != -1
    nxt = bof + 4 + 16
    data[nxt : nxt + 2] = b"\x2f\x00"
    out = d / "encrypted.xls"
    out.write_bytes(bytes(data))
    return out


def ods(d: Path, rows: list[list] | None = None, name: str = "sheet.ods") -> Path:
    """A minimal valid OpenDocument spreadsheet: mimetype stored first, content, manifest."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(v) -> str:
        if isinstance(v, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v.isoformat()}</text:p></table:table-cell>"
            )
        if isinstance(v, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>"
            )
        if v == "":
            return "<table:table-cell/>"
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p>'
            "</table:table-cell>"
        )

    rows = "".join(
        f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>"
        for row in ([HEADER, *rows] if rows is not None else base_rows())
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{SHEET}">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = d / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


# --------------------------------------------------------------------------- OLE2 containers


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal compound file (version 3, 512-byte sectors) holding `streams` at top level.

    Streams are padded to 4096 bytes so none lives in the mini stream; enough for sniffing.
    """
    sec = 512
    data = {n: s + b"\x00" * max(0, 4096 - len(s)) for n, s in streams.items()}
    n_data = sum((len(s) + sec - 1) // sec for s in data.values())
    n_dir = (len(data) + 1 + 3) // 4
    n_fat = 1
    while n_fat * (sec // 4) < n_fat + n_dir + n_data:
        n_fat += 1
    fat = [0xFFFFFFFD] * n_fat  # FATSECT
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [0xFFFFFFFE]
    starts = {}
    body = b""
    for name, s in data.items():
        n = (len(s) + sec - 1) // sec
        start = len(fat)
        starts[name] = start
        fat += [start + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
        body += s + b"\x00" * (n * sec - len(s))
    fat += [0xFFFFFFFF] * (n_fat * sec // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\x00" * 36
            + struct.pack("<IIII", start, size, 0, 0)[:8]
            + b"\x00" * 4
        )

    none = 0xFFFFFFFF
    names = list(data)
    entries = [entry("Root Entry", 5, none, none, 1 if names else none, 0xFFFFFFFE, 0)]
    for i, name in enumerate(names, start=1):  # a right-leaning chain of black nodes
        right = i + 1 if i < len(names) else none
        entries.append(entry(name, 2, none, right, none, starts[name], len(data[name])))
    directory = b"".join(entries)
    directory += b"\x00" * (n_dir * sec - len(directory))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    )
    difat = list(range(n_fat)) + [0xFFFFFFFF] * (109 - n_fat)
    header += struct.pack("<109I", *difat)
    assert len(header) == 512
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    path.write_bytes(header + fat_bytes + directory + body)
    return path


def encrypted_xlsx(d: Path) -> Path:
    """A password-protected xlsx as Excel writes it: an OLE file with EncryptionInfo and
    EncryptedPackage. Really encrypted with msoffcrypto-tool if installed, else hand-built."""
    plain = valid_xlsx(d, "plain.xlsx")
    path = d / "locked.xlsx"
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return encrypted_cfb_handmade(d, path.name)
    with open(plain, "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("密码123", out)
    return path


def encrypted_cfb_handmade(d: Path, name: str = "locked-handmade.xlsx") -> Path:
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>"  # agile version 4.4 + junk
    package = struct.pack("<Q", 1234) + os.urandom(1234)
    return write_cfb(d / name, {"EncryptionInfo": info, "EncryptedPackage": package})


def word_document_ole(d: Path) -> Path:
    """An OLE file that is no workbook (a .doc renamed .xls)."""
    return write_cfb(d / "letter.xls", {"WordDocument": b"\xec\xa5" + b"\x00" * 100})


def damaged_ole(d: Path) -> Path:
    path = d / "damaged.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)
    return path


# --------------------------------------------------------------------------- hostile XML


def xxe(d: Path, secret: Path) -> Path:
    """sheet1.xml declares an external entity pointing at `secret` and uses it in a cell."""
    strings = _Strings()
    body = sheet_xml(base_rows(), strings).split("\n", 1)[1]
    body = body.replace(
        "<sheetData>",
        '<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&e;</t></is></c></row>',
        1,
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n{body}'
    )
    return write_xlsx(d / "xxe.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def billion_laughs(d: Path) -> Path:
    """An entity bomb in sharedStrings.xml (ten levels of ten: 10^9 "lol"s if expanded)."""
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    sst = (
        '<?xml version="1.0"?>\n<!DOCTYPE sst [' + "".join(ents) + "]>\n"
        f'<sst xmlns="{NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    return write_xlsx(
        d / "laughs.xlsx",
        [Sheet(SHEET, rows=[[Raw('<c r="{r}" t="s"><v>0</v></c>')]])],
        shared_strings=sst,
    )


def doctype_after_long_comment(d: Path) -> Path:
    """The declaration hidden behind 3 MB of comment, past any 'first chunk' check."""
    strings = _Strings()
    body = sheet_xml(base_rows(), strings).split("\n", 1)[1]
    xml = (
        '<?xml version="1.0"?>\n<!--' + "x" * (3 << 20) + "-->\n"
        '<!DOCTYPE worksheet [<!ENTITY a "b">]>\n' + body
    )
    return write_xlsx(d / "late-doctype.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def utf16_doctype(d: Path) -> Path:
    """A workbook.xml in UTF-16 with a DOCTYPE (the bytes "<!DOCTYPE" never appear as such)."""
    parts = xlsx_parts([Sheet(SHEET, rows=base_rows())])
    wb = parts["xl/workbook.xml"].decode().split("\n", 1)[1]
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE workbook [<!ENTITY a "b">]>\n' + wb
    parts["xl/workbook.xml"] = text.encode("utf-16")
    return write_zip(d / "utf16.xlsx", parts)


# --------------------------------------------------------------------------- bombs


def _hand_zip(path: Path, members: list[tuple[str, object]]) -> Path:
    """Write a zip by hand. A member is bytes (deflated here) or a dict with precompressed
    'data', 'crc', 'size' (the size the directories declare: it may lie)."""
    out = open(path, "wb")
    central = b""
    for name, m in members:
        raw_name = name.encode("utf-8")
        if isinstance(m, bytes):
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            m = {"data": c.compress(m) + c.flush(), "crc": zlib.crc32(m), "size": len(m)}
        offset = out.tell()
        fields = struct.pack("<HHHHHIII", 20, 0x800, 8, 0, 0, m["crc"], len(m["data"]), m["size"])
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(raw_name), 0) + raw_name)
        out.write(m["data"])
        central += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHI", len(raw_name), 0, 0, 0, 0, 0)
            + struct.pack("<I", offset)
            + raw_name
        )
    start = out.tell()
    out.write(central)
    out.write(
        b"PK\x05\x06"
        + struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(central), start, 0)
    )
    out.close()
    return path


def _spaces_member(size: int) -> dict:
    """A deflated member of `size` bytes: '<worksheet>' + spaces + '</worksheet>'-ish.

    Built from one compressed 1 MB block repeated (full flushes make blocks independent), so
    making 200 MB takes a fraction of a second and about 1 kB per MB on disk.
    """
    head = f'<?xml version="1.0"?>\n<worksheet xmlns="{NS_MAIN}"><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    block = b" " * (1 << 20)
    n_blocks = (size - len(head) - len(tail)) // len(block)
    rest = size - len(head) - len(tail) - n_blocks * len(block)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert one == again
    last = c.compress(b" " * rest + tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(n_blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(b" " * rest + tail, crc)
    return {"data": first + one * n_blocks + last, "crc": crc, "size": size}


def zip_bomb(
    d: Path, size: int = 200 << 20, declared: int | None = None, name: str = "bomb.xlsx"
) -> Path:
    """A valid xlsx whose sheet inflates to `size` bytes of spaces; the zip may declare less."""
    parts = xlsx_parts([Sheet(SHEET, rows=base_rows())])
    member = _spaces_member(size)
    if declared is not None:
        member["size"] = declared
    members = [(n, b) for n, b in parts.items() if n != "xl/worksheets/sheet1.xml"]
    members.append(("xl/worksheets/sheet1.xml", member))
    return _hand_zip(d / name, members)


# --------------------------------------------------------------------------- rows


def too_many_rows_numbered(d: Path) -> Path:
    """Three real rows, then a row numbered 1,048,577 (past Excel's last row)."""
    strings = _Strings()
    xml = sheet_xml(base_rows(), strings).replace(
        "</sheetData>", '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'
    )
    return write_xlsx(d / "row-1048577.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def too_many_rows_counted(d: Path, n: int = 1_048_577) -> Path:
    """`n` <row> elements without r= attributes (readers number them 1, 2, 3, ...)."""
    path = d / "many-rows.xlsx"
    parts = xlsx_parts([Sheet(SHEET, rows=base_rows())])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                zf.writestr(name, data)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?>\n<worksheet xmlns="{NS_MAIN}"><sheetData>'.encode())
            block = b"<row><c><v>1</v></c></row>" * 10_000
            done = 0
            while done + 10_000 <= n:
                f.write(block)
                done += 10_000
            f.write(b"<row><c><v>1</v></c></row>" * (n - done))
            f.write(b"</sheetData></worksheet>")
    return path


FAR_CELLS = {
    # one cell at A1, one at XFD1048576: python-calamine would allocate 512 GiB and abort
    "corner": '<row r="1"><c r="A1"><v>1</v></c></row>'
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    # the same with the reference spelled the ways XML allows
    "spaced": '<row r="1"><c r="A1"><v>1</v></c></row>'
    '<row r="1048576"><c\n r = "XFD1048576"><v>1</v></c></row>',
    "single-quoted": "<row r='1'><c r='A1'><v>1</v></c></row>"
    "<row r='1048576'><c s='0' r='XFD1048576'><v>1</v></c></row>",
    # a second r= wins in python-calamine
    "duplicate-ref": '<row r="1"><c r="A1" r="XFD1048576"><v>1</v></c></row>'
    '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    # the far row only in a cell reference, inside row 1
    "row-in-ref": '<row r="1"><c r="A1048576"><v>1</v></c><c r="XFD1"><v>1</v></c></row>',
    # 16,384 cells without references: their column is counted
    "unreferenced": '<row r="1"><c r="A1"><v>1</v></c></row>'
    '<row r="1048576">' + "<c><v>1</v></c>" * 16_384 + "</row>",
    # a one-letter column past the last row
    "deep-ref": '<row r="1"><c r="A1"><v>1</v></c><c r="B99999999"><v>1</v></c></row>',
}


def far_cells(d: Path, kind: str = "corner") -> Path:
    """A tiny sheet whose used area is absurd (see FAR_CELLS)."""
    xml = (
        f'<?xml version="1.0"?>\n<worksheet xmlns="{NS_MAIN}"><sheetData>{FAR_CELLS[kind]}'
        "</sheetData></worksheet>"
    )
    return write_xlsx(d / f"far-{kind}.xlsx", [Sheet(SHEET, xml=xml)])


def wide_but_short(d: Path) -> Path:
    """A note typed far to the right (column BA) of a short sheet: a fine, small area."""
    rows = [row + [None] * (52 - len(row)) + ["备注"] for row in base_rows()]
    return write_xlsx(d / "wide-note.xlsx", [Sheet(SHEET, rows=rows)])


def big_sheet(path: Path, rows: int = 1_048_575, cols: int = 7) -> Path:
    """A big, ordinary workbook (xlsxwriter, constant memory) for timing; not for CI."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(SHEET)
    ws.write_row(0, 0, HEADER)
    for r in range(1, rows):
        ws.write_row(r, 0, (44000 + r % 28, "公安局", "2.2a", r % 5, "张伟", "迟到", "已核实"))
    wb.close()
    return path


# --------------------------------------------------------------------------- cells


FLAGGED_ROWS = [
    HEADER,
    # F2: formula with its cached value; G2: a formula never calculated (no <v>)
    [
        dt.date(2020, 2, 3),
        "公安局",
        "2.2a",
        1,
        "张伟",
        Raw('<c r="{r}" t="str"><f>"迟"&amp;"到"</f><v>迟到</v></c>'),
        Raw('<c r="{r}"><f>SUM(D2:D3)</f></c>'),
    ],
    # F3: cached #N/A; G3: a formula whose cached value is #REF!
    [
        dt.date(2020, 2, 4),
        "税务局",
        "3.1",
        2,
        "李娜",
        Raw('<c r="{r}" t="e"><v>#N/A</v></c>'),
        Raw('<c r="{r}" s="0" t="e"><f>#REF!+1</f><v>#REF!</v></c>'),
    ],
    # D4..D5: a shared formula with cached values (not flagged); D6 a shared child without one
    [
        dt.date(2020, 2, 5),
        "人社局",
        "1.1",
        Raw('<c r="{r}"><f t="shared" ref="D4:D6" si="0">1+1</f><v>2</v></c>'),
    ],
    [dt.date(2020, 2, 6), "人社局", "1.1", Raw('<c r="{r}"><f t="shared" si="0"/><v>2</v></c>')],
    [dt.date(2020, 2, 7), "人社局", "1.1", Raw('<c r="{r}"><f t="shared" si="0"/></c>')],
    # B7: attributes in another order, t='e' in single quotes
    [dt.date(2020, 2, 8), Raw('<c t=\'e\' s="0" r="{r}"><v>#DIV/0!</v></c>')],
]


def flagged_cells(d: Path) -> Path:
    """Cached errors, formulas with and without cached values, merged cells, a hidden sheet."""
    merges = '<mergeCells count="1"><mergeCell ref="H2:I3"/></mergeCells>'
    return write_xlsx(
        d / "flags.xlsx",
        [
            Sheet(SHEET, rows=FLAGGED_ROWS, tail=merges),
            Sheet(
                "说明", rows=[["备注", Raw('<c r="{r}" t="e"><v>#NAME?</v></c>')]], state="hidden"
            ),
            Sheet("旧表", rows=[["x"]], state="veryHidden"),
        ],
    )


def prefixed_namespace(d: Path) -> Path:
    """Cells as <x:c> (some .NET writers): flags must still be found."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<x:worksheet xmlns:x="{NS_MAIN}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="C2" t="e"><x:v>#VALUE!</x:v></x:c><x:c r="D2"><x:f>1/0</x:f></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    return write_xlsx(d / "prefixed.xlsx", [Sheet(SHEET, xml=xml)])


def flags_across_chunks(d: Path, rows: int = 60_000) -> Path:
    """Enough rows (~3 MB of XML) that flags fall on and around 1 MB chunk boundaries."""
    body = []
    for r in range(1, rows + 1):
        if r % 1000 == 0:
            body.append(
                f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="e"><v>#N/A</v></c>'
                f'<c r="C{r}"><f>A{r}*2</f></c></row>'
            )
        else:
            body.append(
                f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}+1</f><v>{r + 1}</v></c></row>'
            )
    xml = (
        f'<?xml version="1.0"?>\n<worksheet xmlns="{NS_MAIN}"><sheetData>{"".join(body)}'
        "</sheetData></worksheet>"
    )
    return write_xlsx(d / "chunks.xlsx", [Sheet(SHEET, xml=xml)])


def cells_without_refs(d: Path) -> Path:
    """Rows and cells without r= (legal; some streaming writers omit them)."""
    xml = (
        f'<?xml version="1.0"?>\n<worksheet xmlns="{NS_MAIN}"><sheetData>'
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
        '<row><c><v>1</v></c><c t="e"><v>#N/A</v></c><c><f>A2</f></c></row>'
        "</sheetData></worksheet>"
    )
    return write_xlsx(d / "norefs.xlsx", [Sheet(SHEET, xml=xml)])


ALL_NOT_WORKBOOKS = {
    "text": text_as_xlsx,
    "csv": csv_as_xlsx,
    "gbk-csv": gbk_csv_as_xlsx,
    "html": html_as_xls,
    "random": random_bytes,
    "truncated-zip": truncated_zip,
    "zip-without-workbook": zip_without_workbook,
    "word-ole": word_document_ole,
    "damaged-ole": damaged_ole,
}


def to_bytes_io(path: Path) -> io.BytesIO:  # pragma: no cover - convenience for debugging
    return io.BytesIO(path.read_bytes())


# --------------------------------------------------------------------------- files from the wild
# Each reproduces, by code, a class of damage met in real workbooks or in seeded mutants.

WILD_ROWS = [  # two incidents that score cleanly under the default scheme
    [dt.date(2020, 2, 3), "公安局", "2.2a", 1, "张伟", "迟到", ""],
    [dt.date(2020, 2, 4), "民政局", "3.1", 2, "李娜", "未着装", ""],
]


def ods_repeat(
    d: Path, attribute: str = "table:number-columns-repeated", count: int = 2_147_483_647
) -> Path:
    """A cell (or row) with content repeated 2147483647 times: python-calamine allocated it all
    at once and the process died of SIGABRT."""
    path = ods(d, WILD_ROWS, name=f"repeat-{attribute.rsplit('-', 1)[-1]}.ods")
    data = _ods_content(path)
    if attribute == "table:number-columns-repeated":
        data = data.replace(
            '<table:table-cell office:value-type="string">',
            f'<table:table-cell {attribute}="{count}" office:value-type="string">',
            1,
        )
    else:
        data = data.replace("<table:table-row>", f'<table:table-row {attribute}="{count}">', 2)
    return _ods_with_content(path, data)


def _ods_content(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("content.xml").decode()


def _ods_with_content(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, body in members:
            zf.writestr(info, content.encode() if info.filename == "content.xml" else body)
    return path


def ods_bad_local_header(d: Path) -> Path:
    """An .ods whose content.xml local header is damaged (a zipfile traceback once)."""
    path = ods(d, WILD_ROWS, name="bad-header.ods")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x03\x04content.xml"[:4], 1)  # the second local header: content.xml's
    assert data[at + 30 : at + 41] == b"content.xml"
    data[at + 3] = 0x05  # "Bad magic number for file header"
    path.write_bytes(bytes(data))
    return path


def ods_number(d: Path, value: str = "NaN") -> Path:
    """An .ods whose 人次 cell is the float NaN (a ValueError once)."""
    path = ods(d, WILD_ROWS, name="nan.ods")
    data = _ods_content(path).replace('office:value="1"', f'office:value="{value}"', 1)
    return _ods_with_content(path, data)


def month_with_stray_cell(
    d: Path, rows: int = 50, merged: bool = False, name: str = "2020-02-stray.xlsx"
) -> Path:
    """A month of `rows` incidents and one note typed in row 1,048,576 (also merged, if asked):
    reading it once cost a million empty rows."""
    strings = _Strings()
    data = [HEADER] + [
        [dt.date(2020, 2, 1 + i % 28), "公安局", "2.2a", 1, "张伟", "迟到", ""] for i in range(rows)
    ]
    xml = sheet_xml(data, strings)
    far = f'<row r="1048576"><c r="F1048576" t="s"><v>{strings.add("本月结束")}</v></c></row>'
    tail = ""
    if merged:
        tail = (
            '<mergeCells count="2"><mergeCell ref="F1048576:G1048576"/>'
            f'<mergeCell ref="H2:H{rows + 1}"/></mergeCells>'
        )
    xml = xml.replace("</sheetData>", far + "</sheetData>" + tail)
    return write_xlsx(d / name, [Sheet(SHEET, xml=xml)], strings=strings)


def xls_records(d: Path, damage: str) -> Path:
    """A real xlwt .xls with record-level damage: "empty-continue" (an empty CONTINUE record
    whose leftover bytes follow it) or "long-record" (a cell record claiming more bytes than it
    holds)."""
    path = legacy_xls(d, WILD_ROWS, name=f"{damage}.xls")
    data = bytearray(path.read_bytes())
    sheet_bof = data.find(b"\x09\x08\x10\x00\x00\x06\x10\x00")  # the worksheet's BOF
    assert sheet_bof != -1
    at = sheet_bof
    records = []
    while True:
        rec = int.from_bytes(data[at : at + 2], "little")
        size = int.from_bytes(data[at + 2 : at + 4], "little")
        records.append((at, rec, size))
        if rec == 0x000A:  # EOF
            break
        at += 4 + size
    cells = [(a, r, s) for a, r, s in records if r in (0x00FD, 0x0203, 0x027E)]  # LABELSST etc.
    at, rec, size = cells[len(cells) // 2]
    if damage == "empty-continue":
        data[at : at + 4] = b"\x3c\x00\x00\x00"  # CONTINUE, length 0: the record's bytes dangle
    else:
        data[at + 2 : at + 4] = (size + 40).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


def far_date(d: Path, serial: str = "-1e12") -> Path:
    """A date cell millions of years away (a Rust panic, TimeDelta out of bounds, once)."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *WILD_ROWS], strings).replace(
        f"<v>{excel_serial(WILD_ROWS[0][0])}</v>", f"<v>{serial}</v>", 1
    )
    return write_xlsx(d / "far-date.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def bogus_encoding(d: Path, part: str = "xl/workbook.xml") -> Path:
    parts = xlsx_parts([Sheet(SHEET, rows=[HEADER, *WILD_ROWS])])
    parts[part] = parts[part].replace(b'encoding="UTF-8"', b'encoding="bogus"', 1)
    return write_zip(d / "bogus-encoding.xlsx", parts)


def backslash_names(d: Path) -> Path:
    """Member names written with Windows separators (xl\\worksheets\\sheet1.xml)."""
    parts = xlsx_parts([Sheet(SHEET, rows=[HEADER, *WILD_ROWS])])
    return write_zip(d / "backslash.xlsx", {k.replace("/", "\\"): v for k, v in parts.items()})


def workbook_elsewhere(d: Path) -> Path:
    """The workbook part under a folder not named xl/, as _rels/.rels points to it."""
    parts = xlsx_parts([Sheet(SHEET, rows=[HEADER, *WILD_ROWS])])
    moved = {
        (k.replace("xl/", "book/", 1) if k.startswith("xl/") else k): v for k, v in parts.items()
    }
    moved["_rels/.rels"] = moved["_rels/.rels"].replace(
        b'Target="xl/workbook.xml"', b'Target="book/workbook.xml"'
    )
    moved["[Content_Types].xml"] = moved["[Content_Types].xml"].replace(b"/xl/", b"/book/")
    return write_zip(d / "elsewhere.xlsx", moved)


def far_cell_on_other_sheet(d: Path) -> Path:
    """A 备注 sheet with one cell at XFD1048576; only 扣分记录 is read."""
    notes = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<worksheet xmlns="{NS_MAIN}"><sheetData><row r="1048576"><c r="XFD1048576">'
        "<v>1</v></c></row></sheetData></worksheet>"
    )
    return write_xlsx(
        d / "notes.xlsx", [Sheet(SHEET, rows=[HEADER, *WILD_ROWS]), Sheet("备注", xml=notes)]
    )


def huge_string_count(d: Path) -> Path:
    """<sst uniqueCount="2147483647"> over two strings: python-calamine reserved it and aborted."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *WILD_ROWS], strings)
    sst = strings.xml().replace('uniqueCount="', 'uniqueCount="2147483647" was="')
    return write_xlsx(
        d / "sst-count.xlsx", [Sheet(SHEET, xml=xml)], shared_strings=sst, strings=strings
    )


def formula_empty_value(d: Path) -> Path:
    """人次 =1+1 saved with an empty cached value <v/>, as openpyxl writes it (read as 1 once)."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *WILD_ROWS], strings).replace(
        '<c r="D2"><v>1</v></c>', '<c r="D2"><f>1+1</f><v/></c>', 1
    )
    return write_xlsx(d / "formula-v.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def column_past_xfd(d: Path) -> Path:
    """A cell at ZZZZ6 (column 475,254; Excel stops at XFD, 16,384): python-calamine read every
    row that wide and validating took minutes."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *WILD_ROWS], strings).replace('<c r="C2"', '<c r="ZZZZ2"', 1)
    return write_xlsx(d / "past-xfd.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)


def ods_cell_limit(d: Path) -> Path:
    """Repeat counts each within a sheet's size whose product is 16 billion cells: python-
    calamine's own "cell limit exceeded", once reported as a damaged workbook."""
    path = ods(d, WILD_ROWS, name="cell-limit.ods")
    content = (
        _ods_content(path)
        .replace("<table:table-row>", '<table:table-row table:number-rows-repeated="1048000">', 2)
        .replace(
            '<table:table-cell office:value-type="string">',
            '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">',
            1,
        )
    )
    return _ods_with_content(path, content)


# --------------------------------------------------------------------------- .xlsb (BIFF12)
# No library writes .xlsb, so a minimal one is made record by record (MS-XLSB): a record is a
# type and a size, each a little-endian 7-bit varint, then the payload.


def _b12(kind: int, payload: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, out = len(payload), b""
    while True:
        byte = size & 0x7F
        size >>= 7
        out += bytes([byte | (0x80 if size else 0)])
        if not size:
            break
    return head + out + payload


def _wide(text: str) -> bytes:
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def _xlsb_sheet(rows: list[list]) -> bytes:
    out = [_b12(0x81), _b12(0x94, struct.pack("<4I", 0, len(rows) - 1, 0, 6)), _b12(0x91)]
    for r, values in enumerate(rows):
        out.append(_b12(0x00, struct.pack("<IIHHBB", r, 0, 300, 0, 0, 0) + b"\x00" * 8))
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, dt.date):  # style 1: number format 14, a date
                out.append(
                    _b12(
                        0x05,
                        struct.pack("<I", c)
                        + b"\x01\x00\x00\x00"
                        + struct.pack("<d", excel_serial(v)),
                    )
                )
            elif isinstance(v, (int, float)):
                out.append(_b12(0x05, struct.pack("<I", c) + b"\x00" * 4 + struct.pack("<d", v)))
            else:
                out.append(_b12(0x06, struct.pack("<I", c) + b"\x00" * 4 + _wide(str(v))))
    out += [_b12(0x92), _b12(0x82)]
    return b"".join(out)


def xlsb(d: Path, rows: list[list] | None = None, name: str = "2020-02.xlsb") -> Path:
    """A real (minimal) .xlsb: sheet 扣分记录, dates styled as dates, text inline."""
    rows = [HEADER, *(WILD_ROWS if rows is None else rows)]
    book = b"".join(
        [
            _b12(0x83),
            _b12(0x8F),
            _b12(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(SHEET)),
            _b12(0x90),
            _b12(0x84),
        ]
    )
    xf = struct.pack("<HH", 0, 0) + b"\x00" * 12
    date_xf = struct.pack("<HH", 0, 14) + b"\x00" * 12
    styles = _b12(0x269, struct.pack("<I", 2)) + _b12(0x2F, xf) + _b12(0x2F, date_xf) + _b12(0x26A)
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
            "</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels_ns}">'
            f'<Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.bin"/>'
            "</Relationships>"
        ).encode(),
        "xl/workbook.bin": book,
        "xl/_rels/workbook.bin.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels_ns}">'
            f'<Relationship Id="rId1" Type="{REL_WS}" Target="worksheets/sheet1.bin"/>'
            f'<Relationship Id="rId2" Type="{NS_REL}/styles" Target="styles.bin"/>'
            "</Relationships>"
        ).encode(),
        "xl/styles.bin": styles,
        "xl/worksheets/sheet1.bin": _xlsb_sheet(rows),
    }
    return write_zip(d / name, parts)
