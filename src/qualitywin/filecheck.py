"""Is this file safe and readable? Checked before the real reader (python-calamine) opens it.

Clerks' workbooks come from many hands and may be hostile, so nothing here trusts the file:

* the format is sniffed from the bytes, never from the extension;
* a zip's directory is checked for bombs before anything is inflated, and every XML part is then
  inflated *by us*, in chunks, counting the real bytes (a zip may lie about its sizes) and
  stopping at the limit;
* XML parts are refused if they carry a ``<!DOCTYPE``/``<!ENTITY`` declaration; that is decided
  on the raw bytes as they come out of the decompressor, so nothing is ever expanded or fetched;
* the two small parts that are parsed (``xl/workbook.xml`` and its rels) go through
  ``defusedxml`` only after that check;
* worksheets are scanned once with byte searches (no parser, no per-cell regex) for their row
  count, their used area (a far-away cell makes python-calamine allocate rows × columns at
  once and abort the process), cached error values and formulas without a cached value -- cells
  python-calamine would show as empty without a word.

Only the standard library and defusedxml are used.
"""

from __future__ import annotations

import codecs
import errno
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import unescape

from qualitywin.issues import Code, Issue, QualitywinError

DEFAULT_MAX_UNZIPPED = 4 * 1024**3  # bytes of XML a workbook may inflate to (--max-unzipped)
MAX_SHEET_ROWS = 1_048_576
# python-calamine allocates its whole used area (highest row × highest column, 32 bytes a cell)
# at once and aborts the process when it cannot: one cell at A1 and one at XFD1048576 ask for
# 512 GiB. A month here is at most 1,048,576 rows × ~20 columns; this is 1.6 GB for calamine.
MAX_SHEET_CELLS = 50_000_000

# One zip member inflating more than this much, at more than this ratio, is a bomb whatever
# the overall limit: real worksheets compress about 10:1, deflate cannot exceed ~1032:1.
BOMB_MEMBER_SIZE = 100 * 1024**2
BOMB_RATIO = 1000

# The two parts we parse into a tree; a real workbook.xml is a few kB.
MAX_PARSED_PART = 64 * 1024**2

CHUNK = 1 << 20  # bytes of inflated XML handled at a time
_RAW_CHUNK = 1 << 18  # compressed bytes read at a time

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Members never handed to an XML parser: not inflated by us (their declared size still counts).
_BINARY_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".emf",
    ".wmf",
    ".bin",
    ".wdp",
    ".svg",
    ".ttf",
    ".odttf",
    ".fntdata",
)

_REL_WORKSHEET = "/worksheet"  # the end of a worksheet relationship type, transitional or strict


@dataclass(frozen=True)
class CellFlag:
    """A cell python-calamine would silently show as empty."""

    kind: str  # "error" (cached error value like #N/A, #REF!) or "formula-no-value"
    value: str  # e.g. "#N/A", or the formula text ("" for a shared-formula child)


@dataclass(frozen=True)
class FileCheck:
    format: str  # "xlsx" | "xlsb" | "xls" | "ods"
    flags: dict[str, dict[tuple[int, int], CellFlag]] = field(default_factory=dict)
    hidden_sheets: tuple[str, ...] = ()
    # sheets too big to read, with the problem: raised only if the sheet is read (a 备注 sheet
    # with a cell at XFD1048576 must not refuse a workbook whose 扣分记录 is fine)
    oversized: dict[str, Issue] = field(default_factory=dict)
    # a value python-calamine may panic on while converting it (a date serial of 12 digits):
    # such a workbook is read in a child process, where the panic's noise stays
    isolate: bool = False
    # sheets whose last row lies far beyond the rows they hold (a stray note at row 1,048,576):
    # sheet name → its worksheet's zip member, read through a compacted copy (see sparse.py)
    sparse: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- entry point


def check_file(path: Path | str, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> FileCheck:
    """Check that `path` is a workbook python-calamine can safely read; raise `QualitywinError`.

    Returns the sniffed format and, for xlsx, the cells that would read as empty although the
    file says something else is there (cached errors, formulas never calculated).
    """
    path = Path(path)
    _check_is_regular_file(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if head.startswith(ZIP_MAGIC):
                return _check_zip(path, f, max_unzipped)
            if head == CFB_MAGIC:
                return _check_cfb(path, f)
            f.seek(0)
            sample = f.read(4096)
    except QualitywinError:
        raise
    except OSError as e:
        raise QualitywinError.of(Code.FILE_UNREADABLE, path=str(path), reason=_reason(e)) from e
    raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what=describe_bytes(sample))


def assert_openpyxl_is_defused() -> None:
    """openpyxl must parse through defusedxml (it silently falls back to the stdlib otherwise)."""
    try:
        from openpyxl.xml import DEFUSEDXML
    except ImportError:  # openpyxl not installed: nothing unsafe can use it
        return
    if not DEFUSEDXML:
        raise QualitywinError.of(Code.INSECURE_SETUP, library="openpyxl", needs="defusedxml")


# --------------------------------------------------------------------------- the file itself


def _check_is_regular_file(path: Path) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError as e:
        raise QualitywinError.of(Code.FILE_MISSING, path=str(path)) from e
    except NotADirectoryError as e:  # a/b.xlsx where a is a file
        raise QualitywinError.of(Code.FILE_MISSING, path=str(path)) from e
    except OSError as e:
        raise QualitywinError.of(Code.FILE_UNREADABLE, path=str(path), reason=_reason(e)) from e
    if stat.S_ISDIR(st.st_mode):
        raise QualitywinError.of(Code.NOT_A_FILE, path=str(path), what="directory")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
        raise QualitywinError.of(Code.NOT_A_FILE, path=str(path), what="special-file")
    if st.st_size == 0:
        raise QualitywinError.of(Code.FILE_EMPTY, path=str(path))


def _reason(e: OSError) -> str:
    return e.strerror or type(e).__name__


def describe_bytes(sample: bytes) -> str:
    """What a non-workbook looks like, as a stable token for the message catalog.

    "pdf", "html" (web systems' ".xls" exports), "xml", "csv", "text" or "binary".
    """
    if sample.startswith(b"%PDF"):
        return "pdf"
    text = _as_text(sample)
    if text is None:
        return "binary"
    stripped = text.lstrip("\ufeff \t\r\n").lower()
    if stripped.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")):
        return "html"
    if stripped.startswith("<"):
        return "html" if "<html" in stripped[:2048] else "xml"
    lines = [line for line in text.splitlines()[:10] if line.strip()]
    if len(lines) >= 2 and all(("," in line or "\t" in line) for line in lines[:2]):
        return "csv"
    return "text"


def _as_text(sample: bytes) -> str | None:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return sample.decode("utf-16", errors="ignore")
        except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
            return None
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return sample.decode(encoding)
        except UnicodeDecodeError as e:
            if e.start >= len(sample) - 4:  # a character cut by the sample's end
                return sample[: e.start].decode(encoding, errors="ignore")
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return None if controls else sample.decode("latin-1")


# --------------------------------------------------------------------------- zip containers


class _Budget:
    """Inflated bytes, counted across every member we inflate."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def spend(self, n: int, part: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise QualitywinError.of(
                Code.ZIP_BOMB, kind="inflated", size=self.used, limit=self.limit, part=part
            )


def _check_zip(path: Path, f, max_unzipped: int) -> FileCheck:
    try:
        f.seek(0)
        zf = zipfile.ZipFile(f)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="damaged-zip") from None
    except OSError as e:
        if e.errno != errno.EINVAL:  # a seek before the file's start: offsets that lie
            raise
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="damaged-zip") from e

    declared = sum(i.file_size for i in infos)
    if declared > max_unzipped:
        raise QualitywinError.of(
            Code.ZIP_BOMB, kind="declared", size=declared, limit=max_unzipped, part=None
        )
    for i in infos:
        if i.file_size > BOMB_MEMBER_SIZE and i.file_size > BOMB_RATIO * max(i.compress_size, 1):
            raise QualitywinError.of(
                Code.ZIP_BOMB,
                kind="ratio",
                size=i.file_size,
                limit=max_unzipped,
                part=i.filename,
                ratio=i.file_size // max(i.compress_size, 1),
            )
    if any(i.flag_bits & 0x1 for i in infos):  # zip-level password
        raise QualitywinError.of(Code.ENCRYPTED, path=str(path), kind="zip")

    members = _members(infos)
    budget = _Budget(max_unzipped)
    reader = _MemberReader(path, f, zf, budget)

    workbook = _office_document(path, members, reader)
    if workbook is not None and workbook.endswith(".xml"):
        return _check_xlsx(path, members, infos, reader, workbook)
    if workbook is not None:  # .bin: an xlsb; its parts are binary records
        _check_xml_parts(infos, reader, skip=set())
        return FileCheck("xlsb")
    if "mimetype" in members:
        info = members["mimetype"]
        mimetype = b"".join(reader.chunks(info)) if info.file_size < 256 else b""
        if mimetype.strip() == ODS_MIMETYPE:
            try:
                return _check_ods(path, members, infos, reader)
            except QualitywinError as e:
                if e.issues[0].params.get("what") == "damaged-zip":
                    raise QualitywinError.of(
                        Code.NOT_A_WORKBOOK, path=str(path), what="damaged-ods"
                    ) from e
                raise
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="other-document")
    names = set(members)
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        what = "other-document"
    elif not infos:
        what = "empty-zip"
    else:
        what = "zip-without-workbook"
    raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what=what)


def _members(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Member name → entry, with `\\` read as `/` (some tools write Windows paths; readers
    accept them). The first of two entries with one name wins, as zipfile's does not."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        members.setdefault(info.filename.replace("\\", "/"), info)
    return members


_OFFICE_DOCUMENT = "/officeDocument"


def _office_document(path: Path, members: dict[str, zipfile.ZipInfo], reader) -> str | None:
    """The workbook part: where the package's `_rels/.rels` points (not always under xl/),
    else xl/workbook.xml or xl/workbook.bin; None when there is none."""
    rels = members.get("_rels/.rels")
    if rels is not None:
        tree = _parse(_scan_light(reader, rels, keep=True), "_rels/.rels", path)
        for rel in tree.iter():
            if (
                _local(rel.tag) == "Relationship"
                and rel.get("Type", "").endswith(_OFFICE_DOCUMENT)
                and not rel.get("TargetMode")
            ):
                member = _resolve(rel.get("Target", ""), "", members)
                if member is not None and member.lower().endswith((".xml", ".bin")):
                    return member
    for candidate in ("xl/workbook.xml", "xl/workbook.bin"):
        if candidate in members:
            return candidate
    return None


class _MemberReader:
    """Inflates one zip member in chunks, counting real (not declared) bytes against the budget."""

    def __init__(self, path: Path, f, zf: zipfile.ZipFile, budget: _Budget):
        self.path, self.f, self.zf, self.budget = path, f, zf, budget

    def damaged(self) -> QualitywinError:
        return QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(self.path), what="damaged-zip")

    def lying(self, info: zipfile.ZipInfo, size: int) -> QualitywinError:
        """The member inflates to more than the zip says: a trick to get past size checks."""
        return QualitywinError.of(
            Code.ZIP_BOMB,
            kind="lying-size",
            size=size,
            limit=self.budget.limit,
            part=info.filename,
            declared=info.file_size,
        )

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """Yield the member's inflated bytes, at most CHUNK at a time."""
        try:
            if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                source = self._raw(info)
            else:  # bzip2/lzma: zipfile stops at the declared size, and we still count
                source = self._via_zipfile(info)
            for chunk in source:
                self.budget.spend(len(chunk), info.filename)
                yield chunk
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            NotImplementedError,
            RuntimeError,
        ) as e:
            raise self.damaged() from e

    def _via_zipfile(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        with self.zf.open(info) as member:
            while chunk := member.read(CHUNK):
                yield chunk

    def _raw(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        f = self.f
        f.seek(info.header_offset)
        local = f.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            raise self.damaged()
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        left = info.compress_size
        crc = 0
        size = 0
        if info.compress_type == zipfile.ZIP_STORED:
            while left > 0:
                raw = f.read(min(CHUNK, left))
                if not raw:
                    raise self.damaged()
                left -= len(raw)
                crc = zlib.crc32(raw, crc)
                size += len(raw)
                if size > info.file_size:
                    raise self.lying(info, size)
                yield raw
        else:
            inflater = zlib.decompressobj(-15)
            pending = b""
            while not inflater.eof:
                if not pending:
                    raw = f.read(min(_RAW_CHUNK, left)) if left > 0 else b""
                    if left > 0 and not raw:
                        raise self.damaged()  # the file ends inside the member: it never would
                    left -= len(raw)
                    pending = raw
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                if out:
                    crc = zlib.crc32(out, crc)
                    size += len(out)
                    if size > info.file_size:
                        raise self.lying(info, size)
                    yield out
                elif not pending and left <= 0:
                    # nothing more to read and nothing came out: is anything still buffered?
                    out = inflater.flush()
                    if out:
                        crc = zlib.crc32(out, crc)
                        size += len(out)
                        if size > info.file_size:
                            raise self.lying(info, size)
                        yield out
                    if not inflater.eof:
                        raise self.damaged()  # the deflate stream is cut short
        if size != info.file_size or crc != info.CRC:
            raise self.damaged()  # sizes lie (below the bomb limit) or the data is corrupt


# --------------------------------------------------------------------------- XML safety


def _utf8_stream(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Pass UTF-8 through; transcode a UTF-16 part (BOM or NUL-interleaved "<?") to UTF-8."""
    it = iter(chunks)
    first = b""
    for chunk in it:
        first += chunk
        if len(first) >= 4:
            break
    if not first:
        return
    if first.startswith((codecs.BOM_UTF16_LE, b"<\x00?\x00", b"<\x00!\x00")):
        encoding = "utf-16-le" if not first.startswith(codecs.BOM_UTF16_LE) else "utf-16"
    elif first.startswith((codecs.BOM_UTF16_BE, b"\x00<\x00?", b"\x00<\x00!")):
        encoding = "utf-16-be" if not first.startswith(codecs.BOM_UTF16_BE) else "utf-16"
    else:
        yield first
        yield from it
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    yield decoder.decode(first).encode("utf-8")
    for chunk in it:
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


class _DeclarationGuard:
    """Refuses ``<!DOCTYPE`` / ``<!ENTITY`` anywhere in a part, across chunk boundaries.

    In well-formed XML a literal ``<!`` occurs only in the prolog, comments and CDATA, so
    looking at every ``<!`` is cheap; a declaration inside a comment is refused too (no real
    workbook has one).
    """

    def __init__(self, part: str):
        self.part = part
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        i = data.find(b"!")  # one byte: memchr, ten times faster than looking for "<!"
        while i != -1:
            if i > 0 and data[i - 1] == 0x3C:  # "<"
                word = data[i + 1 : i + 8].upper()
                if word.startswith((b"DOCTYPE", b"ENTITY")):
                    raise QualitywinError.of(Code.UNSAFE_XML, part=self.part)
            i = data.find(b"!", i + 1)
        self.tail = data[-8:]


def _scan_light(
    reader: _MemberReader, info: zipfile.ZipInfo, keep: bool = False, first=None, each=None
) -> bytes:
    """Inflate a part to check it for declarations; return its bytes if `keep`; `first` looks
    at the first chunk, `each` at every chunk."""
    guard = _DeclarationGuard(info.filename)
    kept: list[bytes] = []
    size = 0
    for chunk in _utf8_stream(reader.chunks(info)):
        guard.feed(chunk)
        if first is not None:
            first(chunk, info)
            first = None
        if each is not None:
            each(chunk)
        if keep:
            size += len(chunk)
            if size > MAX_PARSED_PART:
                raise QualitywinError.of(
                    Code.ZIP_BOMB,
                    kind="part",
                    size=size,
                    limit=MAX_PARSED_PART,
                    part=info.filename,
                )
            kept.append(chunk)
    return b"".join(kept)


def _is_xml_member(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and not info.filename.lower().endswith(_BINARY_SUFFIXES)


def _parse(data: bytes, part: str, path: Path):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(data)
    except DefusedXmlException as e:  # cannot happen after the guard, but never expand
        raise QualitywinError.of(Code.UNSAFE_XML, part=part) from e
    except (ParseError, ValueError, LookupError) as e:  # LookupError: encoding="bogus"
        raise QualitywinError.of(
            Code.NOT_A_WORKBOOK, path=str(path), what="damaged-workbook", part=part
        ) from e


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


# --------------------------------------------------------------------------- xlsx


def _check_xlsx(path: Path, members, infos, reader: _MemberReader, part: str) -> FileCheck:
    sheets, hidden, done = _workbook_sheets(path, members, reader, part)
    by_part = {members[member]: name for name, member in sheets}
    flags: dict[str, dict[tuple[int, int], CellFlag]] = {}
    oversized: dict[str, Issue] = {}
    scan_isolate: dict[str, bool] = {}
    sparse: dict[str, str] = {}
    for info in infos:
        if info in by_part:
            sheet = by_part[info]
            try:
                scan = _scan_worksheet(reader, info, sheet)
            except QualitywinError as e:
                issue = e.issues[0]
                past_xfd = issue.code is Code.NOT_A_WORKBOOK and issue.params.get("sheet")
                if issue.code not in (Code.TOO_MANY_ROWS, Code.TOO_MANY_CELLS) and not past_xfd:
                    raise
                if issue.code is Code.NOT_A_WORKBOOK:
                    issue = Issue(issue.code, params={**issue.params, "path": str(path)})
                oversized[sheet] = issue  # refused only if this sheet is read
                continue
            scan_isolate[sheet] = scan.huge_value
            if scan.flags:
                flags.setdefault(sheet, {}).update(scan.flags)
            if scan.is_sparse():
                sparse[sheet] = info.filename
    _check_xml_parts(infos, reader, skip=done | set(by_part))
    isolate = any(scan_isolate.get(s, False) for s in by_part.values())
    return FileCheck("xlsx", flags, tuple(hidden), oversized, isolate, sparse)


def _check_xml_parts(infos, reader: _MemberReader, skip: set) -> None:
    """Every other XML part is inflated once for its declarations (and the size budget)."""
    for info in infos:
        if info not in skip and _is_xml_member(info):
            sst = info.filename.lower().endswith("sharedstrings.xml")
            _scan_light(reader, info, first=partial(_sst_counts, path=reader.path) if sst else None)


# uniqueCount only: `count` counts the cells that use a string, and may pass the part's size
_SST_COUNT = re.compile(rb"""\buniqueCount\s*=\s*["']\s*(\d+)""")


def _sst_counts(chunk: bytes, info: zipfile.ZipInfo, path: Path) -> None:
    """python-calamine reserves room for as many strings as <sst uniqueCount> claims, and
    aborts the process when that fails: a claim the part cannot hold (a string takes at least
    `<si/>`, 5 bytes) is a damaged workbook."""
    head = chunk[: chunk.find(b">", chunk.find(b"sst")) + 1]
    for m in _SST_COUNT.finditer(head):
        if int(m[1]) > info.file_size // 5 + 1:
            raise QualitywinError.of(
                Code.NOT_A_WORKBOOK, path=str(path), what="damaged-workbook", part=info.filename
            )


def _workbook_sheets(
    path: Path, members, reader, part: str
) -> tuple[list[tuple[str, str]], list[str], set]:
    """[(sheet name, zip member of its worksheet part)], [hidden sheet names], and the
    entries already inflated here."""
    workbook_info = members[part]
    workbook = _parse(_scan_light(reader, workbook_info, keep=True), part, path)
    done = {workbook_info}
    targets: dict[str, str] = {}
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name in members:
        rels_info = members[rels_name]
        done.add(rels_info)
        rels = _parse(_scan_light(reader, rels_info, keep=True), rels_name, path)
        for rel in rels.iter():
            if _local(rel.tag) != "Relationship":
                continue
            if not rel.get("Type", "").endswith(_REL_WORKSHEET) or rel.get("TargetMode"):
                continue
            member = _resolve(rel.get("Target", ""), folder, members)
            if member is not None:
                targets[rel.get("Id", "")] = member
    sheets: list[tuple[str, str]] = []
    hidden: list[str] = []
    for el in workbook.iter():
        if _local(el.tag) != "sheet":
            continue
        name = el.get("name", "")
        if el.get("state") in ("hidden", "veryHidden"):
            hidden.append(name)
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        if rid in targets:
            sheets.append((name, targets[rid]))
    return sheets, hidden, done


def _resolve(target: str, folder: str, members: dict) -> str | None:
    """A relationship's target as a member name (relative to `folder`, any case)."""
    target = target.replace("\\", "/")
    member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    member = posixpath.normpath(member)
    if member in members:
        return member
    lower = {n.lower(): n for n in members}
    return lower.get(member.lower())


# A segment handed to the worksheet scanner always ends on a row boundary, so a cell is never
# split; a row bigger than this (hostile) is cut at its last tag instead.
_MAX_CARRY = 4 * CHUNK


class _SheetPatterns:
    """Byte patterns for one namespace prefix (b"" for Excel's ``<c>``, b"x:" for ``<x:c>``)."""

    _cache: dict[bytes, "_SheetPatterns"] = {}

    def __init__(self, p: bytes):
        e = re.escape(p)
        self.prefix = p
        self.row_open = b"<" + p + b"row"
        self.row_close = b"</" + p + b"row>"
        self.row_breaks = b"<" + p + b"rowB"
        self.f_open = b"<" + p + b"f"
        self.c_open = b"<" + p + b"c"
        self.c_close = b"</" + p + b"c>"
        # a row numbered 1,048,577 or more (or with 8+ digits)
        self.big_row = re.compile(
            rb"<" + e + rb"row\s[^>]*?\br\s*=\s*[\"']0*(?:[1-9]\d{7,}|[2-9]\d{6}|1[1-9]\d{5}"
            rb"|10[5-9]\d{4}|1049\d{3}|1048[6-9]\d\d|10485[89]\d|104857[7-9])[\"']"
        )
        self.row_tag = re.compile(rb"<" + e + rb"row(?:\s[^>]*)?/?>")
        self.cell_tag = re.compile(rb"<" + e + rb"c(?:\s[^>]*)?/?>")
        # a formula followed by the end of its cell, or by an empty <v/> (openpyxl and some
        # tools write that): no cached value
        self.f_no_v = re.compile(
            rb"<" + e + rb"f(?:\s[^>]*)?(?:/>|>([^<]*)</" + e + rb"f>)\s*"
            rb"(?:<" + e + rb"v\s*/>|<" + e + rb"v>\s*</" + e + rb"v>)?\s*</" + e + rb"c>"
        )
        self.v_elem = re.compile(rb"<" + e + rb"v(?:\s[^>]*)?(?:/>|>([^<]*)</" + e + rb"v>)")
        self.v_open = re.compile(rb"<" + e + rb"v[\s/>]")
        # a value of 12+ characters or with an exponent: the only kind python-calamine panics on
        # (as a date); kept to a character class after a literal, 4x faster than \d{12}
        self.huge_value = re.compile(rb"<" + e + rb"v>(?:[-+\d.]{12}|[-+\d.]*[eE])")

    @classmethod
    def get(cls, p: bytes) -> "_SheetPatterns":
        if p not in cls._cache:
            cls._cache[p] = cls(p)
        return cls._cache[p]


_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?worksheet[\s>/]")

# The used area is measured on a copy of the sheet data without whitespace and with ' made ",
# so `r = 'XFD1'` cannot hide from a search for the literal `r="`, which is fast. Real cells sit
# in columns A-Z with rows up to 1,048,576: a hit means a column of 2+ letters or a row past
# Excel's last, both rare, and only hits are parsed.
_SQUEEZE = bytes.maketrans(b"'", b'"')
_WHITESPACE = b" \t\r\n"
_BIG_NUMBER = (
    rb"0*(?:[1-9]\d{7,}|[2-9]\d{6}|1[1-9]\d{5}|10[5-9]\d{4}|1049\d{3}|1048[6-9]\d\d"
    rb"|10485[89]\d|104857[7-9])"
)  # 1,048,577 and more
# The quick look: a cell not written `<c r="A1"…` (A-Z, under 7 digits) -- <col> and
# <cols> aside. With none, and no r= after another attribute, the segment is done.
_ODD_CELL = re.compile(rb'<c(?:[^ro]|r[^=]|r="[A-Za-z](?:[A-Za-z]|\d{7}))')
# Else every reference with a column of 2+ letters or a row past Excel's last is looked at.
_FAR_REF = re.compile(rb'r="[A-Za-z](?:[A-Za-z]|' + _BIG_NUMBER + rb'")')
_REF_AT = re.compile(rb'r="([A-Za-z]{1,8})(\d+)"')  # past XFD (3 letters) is damage, still read
MAX_SHEET_COLUMNS = 16_384
# A sheet whose last row is past SPARSE_MIN_ROWS and more than SPARSE_RATIO times its count of
# <row> elements is read through a compacted copy. Measured: calamine spends about 0.7 us on
# an empty row of 7 columns (and 250 bytes), the copy about 8 us on a row that holds cells,
# so below some 12 times the copy costs more time than it saves; 20 keeps a margin.
SPARSE_MIN_ROWS = 20_000
SPARSE_RATIO = 20
_ATTR = re.compile(rb"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"\s*([A-Za-z]{1,3})(\d{1,7})\s*$")


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return {m[1].split(b":")[-1]: (m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(tag)}


def _column_number(letters: bytes) -> int:
    column = 0
    for letter in letters.upper():
        column = column * 26 + letter - 64
    return column


def cell_position(ref: str | bytes) -> tuple[int, int] | None:
    """ "AB12" → (12, 28); None if it isn't a cell reference."""
    if isinstance(ref, str):
        ref = ref.encode("ascii", "replace")
    m = _REF.match(ref)
    if not m:
        return None
    return int(m[2]), _column_number(m[1])


class _SheetScan:
    def __init__(self, sheet: str, part: str):
        self.sheet, self.part = sheet, part
        self.found: _SheetPatterns | None = None  # set once the worksheet's root element is seen
        self.rows = 0  # <row> elements seen
        self.row = 0  # the number of the last row opened (for cells without r=)
        self.flags: dict[tuple[int, int], CellFlag] = {}
        self.single_quotes = False  # does the writer quote attributes with '? (one more search)
        self.top_row = 0  # the highest row number seen, as far as the cheap search tells
        self.columns = 26  # the highest column: A-Z unless a wider cell reference was seen
        self.huge_value = False  # a <v> of 12+ digits or with an exponent (see FileCheck)
        self.positional = 0  # the most cells a row has without a standard `<c r="…` reference

    @property
    def p(self) -> _SheetPatterns:
        assert self.found is not None, "segments come after the root element"
        return self.found

    def too_many(self, rows: int) -> QualitywinError:
        return QualitywinError.of(
            Code.TOO_MANY_ROWS, sheet=self.sheet, rows=rows, limit=MAX_SHEET_ROWS
        )

    def segment(self, seg: bytes, last: bool = False) -> None:
        p = self.p
        n = seg.count(p.row_open)
        if n:
            if last:  # <rowBreaks> follows </sheetData>, so it can only be in the last segment
                n -= seg.count(p.row_breaks)
            self.rows += n
            if self.rows > MAX_SHEET_ROWS:
                raise self.too_many(self.rows)
            big = p.big_row.search(seg)
            if big:
                row = _attrs(big[0]).get(b"r", b"0")
                raise self.too_many(int(row))
        if not self.huge_value and p.huge_value.search(seg):
            self.huge_value = True
        self._errors(seg, b't="e"')
        if self.single_quotes:
            self._errors(seg, b"t='e'")
        start = seg.find(p.f_open)
        if start != -1:
            for m in p.f_no_v.finditer(seg, start):
                self._formula(seg, m)
        if n:
            opened = seg.rfind(p.row_open)
            while opened != -1 and seg.startswith(p.row_breaks, opened):
                opened = seg.rfind(p.row_open, 0, opened)
            if opened != -1:
                self.row = self._row_number(seg, opened)
        self.top_row = max(self.top_row, self.row, self.rows)
        self._area(seg)

    def _area(self, seg: bytes) -> None:
        """Note the highest column (and row) that cell references reach in this segment."""
        p = self.p
        squeezed = seg.translate(_SQUEEZE, _WHITESPACE)
        if not p.prefix and _ODD_CELL.search(squeezed) is None and b'"r="' not in squeezed:
            return  # every cell is <c r="A1"…>: columns A-Z, rows below 1,000,000
        for hit in _FAR_REF.finditer(squeezed):
            ref = _REF_AT.match(squeezed, hit.start())
            if ref is None:
                continue
            row, column = int(ref[2]), _column_number(ref[1])
            if row > MAX_SHEET_ROWS:
                raise self.too_many(row)
            if column > MAX_SHEET_COLUMNS:  # calamine reads ZZZZ1: 475,254 columns a row
                raise QualitywinError.of(
                    Code.NOT_A_WORKBOOK,
                    path=None,
                    sheet=self.sheet,
                    what="damaged-workbook",
                    part=self.part,
                )
            self.top_row = max(self.top_row, row)
            self.columns = max(self.columns, column)
        # cells without a reference take the column after the previous cell: count them per row
        cells = squeezed.count(p.c_open)
        if cells and cells != squeezed.count(p.c_open + b'r="'):
            for part in squeezed.split(p.row_open)[1:]:
                self.positional = max(self.positional, part.count(p.c_open))

    def is_sparse(self) -> bool:
        """Is the last row far beyond the rows present? calamine allocates rows x columns of
        the used range, so such a sheet costs what its last address costs, not its cells."""
        return self.top_row > SPARSE_MIN_ROWS and self.top_row > SPARSE_RATIO * self.rows

    def column_bound(self) -> int:
        if self.positional:
            return self.columns + self.positional
        return self.columns

    def check_area(self, rescan) -> None:
        """Refuse a used area python-calamine cannot allocate; `rescan()` yields the sheet's
        squeezed bytes again, for the rare sheet wide enough that its exact last row matters."""
        columns = self.column_bound()
        rows = self.top_row
        if columns * MAX_SHEET_ROWS > MAX_SHEET_CELLS:
            rows = max(rows, _highest_row(rescan(), MAX_SHEET_CELLS // columns))
        if rows * columns > MAX_SHEET_CELLS:
            raise QualitywinError.of(
                Code.TOO_MANY_CELLS,
                sheet=self.sheet,
                rows=rows,
                columns=columns,
                cells=rows * columns,
                limit=MAX_SHEET_CELLS,
            )

    def _row_number(self, seg: bytes, at: int) -> int:
        m = self.p.row_tag.match(seg, at)
        r = _attrs(m[0]).get(b"r") if m else None
        if r is not None and r.strip().isdigit():
            return int(r)
        # no r=: readers number it after the row before (rows are all or none numbered)
        return self.row + seg.count(self.p.row_open, 0, at) + 1

    def _cell_at(self, seg: bytes, inside: int) -> tuple[int, int, int] | None:
        """(tag start, tag end, cell end) of the <c> element containing offset `inside`."""
        p = self.p
        start = seg.rfind(p.c_open, 0, inside + 1)
        while start != -1:
            m = p.cell_tag.match(seg, start)
            if m:
                break
            start = seg.rfind(p.c_open, 0, start)
        else:
            return None
        if m.end() <= inside and m[0].endswith(b"/>"):
            return None  # the hit is after a self-closed cell: not inside a cell
        end = m.end() if m[0].endswith(b"/>") else seg.find(p.c_close, m.end())
        if end == -1 or end < inside:
            return None
        return start, m.end(), end

    def _where(self, seg: bytes, tag: bytes, cell_start: int) -> tuple[int, int]:
        pos = cell_position(_attrs(tag).get(b"r", b""))
        if pos is not None:
            return pos
        # no r=: the row is the enclosing <row>'s, the column counts the cells before it
        p = self.p
        row_start = seg.rfind(p.row_open, 0, cell_start)
        row = self._row_number(seg, row_start) if row_start != -1 else self.row
        before = seg[max(row_start, 0) : cell_start]
        return row, len(p.cell_tag.findall(before)) + 1

    def _errors(self, seg: bytes, needle: bytes) -> None:
        i = seg.find(needle)
        while i != -1:
            cell = self._cell_at(seg, i)
            if cell is not None and cell[0] < i < cell[1]:  # t="e" is an attribute of <c>
                start, tag_end, end = cell
                tag = seg[start:tag_end]
                if _attrs(tag).get(b"t") == b"e":
                    v = self.p.v_elem.search(seg, tag_end, end)
                    value = unescape((v[1] or b"").decode("utf-8", "replace")) if v else ""
                    self.flags[self._where(seg, tag, start)] = CellFlag("error", value.strip())
            i = seg.find(needle, i + len(needle))

    def _formula(self, seg: bytes, m: re.Match) -> None:
        cell = self._cell_at(seg, m.start())
        if cell is None:
            return
        start, tag_end, end = cell
        if self.p.v_open.search(seg, tag_end, m.start()):  # a value before the formula, oddly
            return
        tag = seg[start:tag_end]
        kind = _attrs(tag).get(b"t")
        if kind == b"e":
            return  # already an error flag
        if kind == b"str" and self.p.v_open.search(seg, m.start(), end):
            return  # a text formula whose value is the empty string (=IF(A1="","",…))
        text = unescape((m[1] or b"").decode("utf-8", "replace")).strip()
        self.flags[self._where(seg, tag, start)] = CellFlag("formula-no-value", text)


def _highest_row(chunks: Iterator[bytes], above: int) -> int:
    """The first row number past `above` in any cell or row reference (0 if none)."""
    digits = len(str(above))
    pattern = re.compile(rb'r="[A-Za-z]{0,3}0*(\d{%d,})"' % digits)
    tail = b""
    for chunk in chunks:
        data = tail + chunk.translate(_SQUEEZE, _WHITESPACE)
        for hit in pattern.finditer(data):
            if int(hit[1]) > above:
                return int(hit[1])
        tail = data[-32:]
    return 0


def _scan_worksheet(reader: _MemberReader, info: zipfile.ZipInfo, sheet: str):
    """One streaming pass over a worksheet part: bombs, declarations, rows, area, flags."""
    guard = _DeclarationGuard(info.filename)
    scan = _SheetScan(sheet, info.filename)
    carry = b""
    for chunk in _utf8_stream(reader.chunks(info)):
        guard.feed(chunk)
        old = max(len(carry) - 16, 0)  # the carry has no boundary: search only what is new
        data = carry + chunk if carry else chunk
        if scan.found is None:
            root = _ROOT.search(data)
            if root is None:
                if len(data) < _MAX_CARRY:
                    carry = data
                    continue
                scan.found = _SheetPatterns.get(b"")
            else:
                scan.found = _SheetPatterns.get((root[1] + b":") if root[1] else b"")
            scan.single_quotes = b"='" in data or b"= '" in data
        p = scan.p
        cut = data.rfind(p.row_close, old)
        cut = cut + len(p.row_close) if cut != -1 else -1
        cut = max(cut, data.rfind(p.row_open, old))
        if cut <= 0:
            if len(data) < _MAX_CARRY:
                carry = data
                continue
            cut = data.rfind(b">", old) + 1 or len(data) - 16  # a monster row: cut at a tag
        scan.segment(data[:cut])
        carry = data[cut:]
    if carry:
        if scan.found is None:
            scan.found = _SheetPatterns.get(b"")
        scan.segment(carry, last=True)
    # the part was inflated once within the limit: a second look may spend the limit again
    again = _MemberReader(reader.path, reader.f, reader.zf, _Budget(reader.budget.limit))
    scan.check_area(lambda: _utf8_stream(again.chunks(info)))
    return scan


# --------------------------------------------------------------------------- ods


def _check_ods(path: Path, members, infos, reader: _MemberReader) -> FileCheck:
    manifest = members.get("META-INF/manifest.xml")
    if manifest is not None:
        data = _scan_light(reader, manifest, keep=True)
        if b"encryption-data" in data:
            raise QualitywinError.of(Code.ENCRYPTED, path=str(path), kind="ods")
    for info in infos:
        if info is not manifest and _is_xml_member(info) and info.filename != "mimetype":
            _scan_light(
                reader,
                info,
                each=_RepeatCounts(path) if info.filename.endswith("content.xml") else None,
            )
    return FileCheck("ods")


class _RepeatCounts:
    """ODS compresses runs with table:number-rows-repeated / number-columns-repeated; python-
    calamine expands them, and a count of 2147483647 made it allocate until the process died.
    A count past Excel's sheet (1,048,576 rows, 16,384 columns) is a damaged file."""

    _COUNT = re.compile(rb"""number-(rows|columns)-(?:repeated|spanned)\s*=\s*["']\s*(\d+)""")
    LIMITS = {b"rows": MAX_SHEET_ROWS, b"columns": 16_384}

    def __init__(self, path: Path):
        self.path = path
        self.tail = b""

    def __call__(self, chunk: bytes) -> None:
        data = self.tail + chunk
        for m in self._COUNT.finditer(data):
            if int(m[2]) > self.LIMITS[m[1]]:
                raise QualitywinError.of(
                    Code.NOT_A_WORKBOOK, path=str(self.path), what="damaged-ods", count=int(m[2])
                )
        self.tail = data[-64:]


# --------------------------------------------------------------------------- OLE2 / CFB


_FREESECT, _ENDOFCHAIN = 0xFFFFFFFF, 0xFFFFFFFE


def _check_cfb(path: Path, f) -> FileCheck:
    """An OLE compound file: a legacy .xls, or an encrypted OOXML package, or something else."""
    try:
        cfb, streams = _cfb_streams(f)
    except (ValueError, struct.error, OSError) as e:
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="damaged-ole") from e
    lower = {name.lower(): entry for name, entry in streams.items()}
    if "encryptioninfo" in lower or "encryptedpackage" in lower:
        raise QualitywinError.of(Code.ENCRYPTED, path=str(path), kind="ooxml")
    book = lower.get("workbook") or lower.get("book")
    if book is None:
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="other-document")
    try:
        head = _cfb_head(cfb, book, streams.get("\x00root"))
    except (ValueError, struct.error, OSError) as e:
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="damaged-ole") from e
    # BIFF: BOF record, and a FILEPASS record (0x002F) right after it means the book is encrypted
    if len(head) >= 4:
        rec, length = struct.unpack("<HH", head[:4])
        if rec in (0x0809, 0x0409, 0x0209, 0x0009) and len(head) >= 8 + length:
            nxt = struct.unpack("<H", head[4 + length : 6 + length])[0]
            if nxt == 0x002F:
                raise QualitywinError.of(Code.ENCRYPTED, path=str(path), kind="xls")
    return FileCheck("xls")


class _Cfb:
    def __init__(self, f):
        f.seek(0, os.SEEK_END)
        self.size = f.tell()
        f.seek(0)
        header = f.read(512)
        if len(header) < 512:
            raise ValueError("short header")
        shift = struct.unpack("<H", header[0x1E:0x20])[0]
        if shift not in (9, 12):
            raise ValueError("sector size")
        self.f = f
        self.sector = 1 << shift
        self.header = header
        self.max_sectors = self.size // self.sector + 1
        self.fat = self._fat()

    def read_sector(self, n: int) -> bytes:
        if n >= self.max_sectors:
            raise ValueError("sector out of file")
        self.f.seek((n + 1) * self.sector)
        return self.f.read(self.sector)

    def _fat(self) -> list[int]:
        h = self.header
        n_fat, first_difat, n_difat = (
            struct.unpack("<I", h[0x2C:0x30])[0],
            *struct.unpack("<II", h[0x44:0x4C]),
        )
        if n_fat > self.max_sectors:
            raise ValueError("FAT size")
        fat_sectors = [s for s in struct.unpack("<109I", h[0x4C:0x200]) if s < _ENDOFCHAIN]
        sector, seen = first_difat, 0
        per = self.sector // 4 - 1
        while sector < _ENDOFCHAIN and len(fat_sectors) < n_fat:
            seen += 1
            if seen > n_difat + 1 or seen > self.max_sectors:
                raise ValueError("DIFAT loop")
            entries = struct.unpack(f"<{per + 1}I", self.read_sector(sector))
            fat_sectors.extend(s for s in entries[:per] if s < _ENDOFCHAIN)
            sector = entries[per]
        fat: list[int] = []
        for s in fat_sectors[:n_fat]:
            data = self.read_sector(s)
            fat.extend(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))
        return fat

    def chain(self, start: int, limit: int | None = None) -> Iterator[int]:
        seen = 0
        sector = start
        while sector < _ENDOFCHAIN - 2:  # stop at ENDOFCHAIN, FREESECT and the markers
            if sector >= len(self.fat) or seen > self.max_sectors:
                raise ValueError("broken chain")
            yield sector
            seen += 1
            if limit is not None and seen >= limit:
                return
            sector = self.fat[sector]


def _cfb_streams(f) -> tuple[_Cfb, dict[str, tuple[int, int, int]]]:
    """The container, and its directory: entry name → (type, start sector, size)."""
    cfb = _Cfb(f)
    first_dir = struct.unpack("<I", cfb.header[0x30:0x34])[0]
    entries: dict[str, tuple[int, int, int]] = {}
    for sector in cfb.chain(first_dir):
        data = cfb.read_sector(sector)
        for off in range(0, len(data) - 127, 128):
            e = data[off : off + 128]
            name_len = struct.unpack("<H", e[64:66])[0]
            kind = e[66]
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = e[: name_len - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack("<IQ", e[116:128])
            if cfb.sector == 512:
                size &= 0xFFFFFFFF
            entries[name if kind != 5 else "\x00root"] = (kind, start, size)
    return cfb, entries


def _cfb_head(cfb: _Cfb, entry: tuple[int, int, int], root) -> bytes:
    """The first (up to 64) bytes of a stream: enough for two BIFF record headers."""
    _, start, size = entry
    cutoff = struct.unpack("<I", cfb.header[0x38:0x3C])[0]
    if size >= cutoff:
        for sector in cfb.chain(start, limit=1):
            return cfb.read_sector(sector)[: min(size, 64)]
        return b""
    # a small stream lives in the mini stream (root entry's chain), in 64-byte mini sectors
    if root is None:
        raise ValueError("no root")
    offset = start * 64
    index, within = divmod(offset, cfb.sector)
    for i, sector in enumerate(cfb.chain(root[1], limit=index + 1)):
        if i == index:
            return cfb.read_sector(sector)[within : within + min(size, 64)]
    raise ValueError("mini stream too short")
