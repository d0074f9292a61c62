"""A seeded, structure-aware mutator of our sample workbooks, and the harness that runs mutants.

Used by tests/test_fuzz.py (a fixed budget in CI) and benchmarks/fuzz.py (thousands, by hand).

Samples (.xlsx by hand and by xlsxwriter, .xls by xlwt, .ods by hand) are built by code. A mutant
is one sample with one damage picked by the seeded random generator: byte flips, truncation,
zip-entry damage, XML element and attribute mutations (cell references, types, style and
shared-string indices, dimension refs, repeat counts, huge numbers, invalid UTF-8), cell values
in the known columns, BIFF record lengths.

Each mutant goes through the real command line in a subprocess limited to 1 GiB of address
space. To keep Python's start-up (~0.5 s with pandas) from dominating, one child validates a
batch of files in a row, announcing each before it starts; a child killed by a signal names the
file it was on, and the rest of the batch is run again in a fresh child.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import queue
import random
import re
import resource
import subprocess
import sys
import threading
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import hostile as h

MEMORY_LIMIT = 1 << 30  # per child: address space
SECONDS_PER_FILE = 10

# --------------------------------------------------------------------------- samples


def month_rows(n: int = 20) -> list[list]:
    windows = ["公安局", "发改委", "民政局", "司法局"]
    rules = ["2.2a", "1.2", "1.4a", "2.2b"]
    return [
        [
            dt.date(2020, 2, 1 + i % 28),
            windows[i % 4],
            rules[i % 4],
            1 + i % 3,
            f"人{i}",
            "说明",
            "",
        ]
        for i in range(n)
    ]


def make_samples(d: Path) -> list[Path]:
    """One sample per format (and writer); named for February 2020."""
    d.mkdir(parents=True, exist_ok=True)
    rows = month_rows()
    leave = h.Sheet(
        "请假", rows=[["窗口", "姓名", "病假天数", "私假天数"], ["公安局", "张伟", 3, 1]]
    )
    samples = [
        h.write_xlsx(d / "2020-02-hand.xlsx", [h.Sheet(h.SHEET, rows=[h.HEADER, *rows]), leave]),
        _xlsxwriter_sample(d / "2020-02-xlsxwriter.xlsx", rows),
        h.legacy_xls(d, rows, name="2020-02-legacy.xls"),
        h.ods(d, rows, name="2020-02-sheet.ods"),
        h.xlsb(d, rows, name="2020-02-binary.xlsb"),
    ]
    return samples


def _xlsxwriter_sample(path: Path, rows: list[list]) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(h.SHEET)
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, h.HEADER)
    for r, row in enumerate(rows, start=1):
        ws.write_datetime(r, 0, dt.datetime.combine(row[0], dt.time()), date)
        ws.write_row(r, 1, row[1:])
    ws.merge_range(1, 5, 2, 5, "两次迟到")  # 说明 of rows 2-3, merged
    wb.close()
    return path


# --------------------------------------------------------------------------- mutations

HUGE = [
    "2147483647",
    "4294967296",
    "99999999999999999999",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "1048577",
    "16385",
    "65536",
    "3000000000000",
    "-2147483648",
    "",
]
REFS = [
    "XFD1048576",
    "A1048576",
    "A0",
    "ZZZZ1",
    "A99999999",
    "",
    "1A",
    "AAA",
    "B2:A1",
    "A1:XFD1048576",
    "$A$1",
]


def mutate(data: bytes, name: str, rng: random.Random) -> tuple[bytes, str]:
    """One damage to `data` (a sample's bytes); returns the mutant and what was done."""
    if name.endswith(".xlsb"):
        kinds = [_flip, _truncate, _zip_entry, _xml, _bin_member, _bin_member, _bin_member]
    elif data[:2] == b"PK":
        kinds = [_flip, _truncate, _zip_entry, _xml, _xml, _xml, _xml, _cell_value]
    else:
        kinds = [_flip, _truncate, _biff_length, _biff_length, _biff_value, _biff_continue]
    kind = rng.choice(kinds)
    return kind(data, rng)


def _flip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 64])):
        i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return bytes(out), "flip"


def _truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    return data[: rng.randrange(1, len(data))], "truncate"


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as zf:
        warnings.simplefilter("ignore")  # a duplicated member is the point
        for info, body in members:
            zf.writestr(info, body, compress_type=info.compress_type)
    return buffer.getvalue()


def _zip_entry(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    members = _members(data)
    i = rng.randrange(len(members))
    info, body = members[i]
    choice = rng.randrange(6)
    if choice == 0:
        del members[i]
        what = "drop"
    elif choice == 1:
        new = zipfile.ZipInfo(info.filename.replace("/", "\\"), info.date_time)
        new.compress_type = info.compress_type
        members[i] = (new, body)
        what = "backslash"
    elif choice == 2:
        members.append(members[i])
        what = "duplicate"
    elif choice == 3:  # damage its local header in the written file
        out = bytearray(_rezip(members))
        at = [m.start() for m in re.finditer(rb"PK\x03\x04", out)]
        pos = rng.choice(at) + rng.randrange(30)
        out[pos] ^= 0xFF
        return bytes(out), "local-header"
    elif choice == 4:  # damage the central directory
        out = bytearray(_rezip(members))
        at = out.rfind(b"PK\x01\x02")
        pos = max(at, 0) + rng.randrange(46)
        out[min(pos, len(out) - 1)] ^= rng.randrange(1, 256)
        return bytes(out), "central-directory"
    else:
        members[i] = (info, body[: rng.randrange(len(body) + 1)])
        what = "short-member"
    return _rezip(members), f"zip-{what}"


def _bin_member(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """An .xlsb record part with bytes changed: record sizes, string lengths, row numbers."""
    members = _members(data)
    binary = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".bin")]
    i = rng.choice(binary)
    info, body = members[i]
    out = bytearray(body)
    for _ in range(rng.choice([1, 2, 4])):
        pos = rng.randrange(len(out))
        out[pos] = rng.choice([0x00, 0xFF, 0x7F, 0x80, rng.randrange(256)])
    members[i] = (info, bytes(out))
    return _rezip(members), f"bin {info.filename}"


_ATTRS = {
    b"r": REFS,
    b"ref": REFS,
    b"t": ["s", "n", "b", "e", "str", "inlineStr", "d", "x", ""],
    b"s": ["0", "1", "999", "-1", "4294967296"],
    b"table:number-columns-repeated": HUGE,
    b"table:number-rows-repeated": HUGE,
    b"table:number-columns-spanned": HUGE,
    b"table:number-rows-spanned": HUGE,
    b"office:value": HUGE,
    b"office:date-value": ["-999999-01-01", "9999999-12-31", "2020-13-45", "x"],
    b"office:value-type": [
        "float",
        "date",
        "string",
        "percentage",
        "currency",
        "time",
        "boolean",
        "x",
    ],
    b"count": HUGE,
    b"uniqueCount": HUGE,
    b"numFmtId": ["14", "22", "999", "-1"],
}
_ATTR_RE = re.compile(rb'([\w:]+)="([^"]*)"')


def _xml_member(members, rng) -> int | None:
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    return rng.choice(xml) if xml else None


def _xml(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    members = _members(data)
    i = _xml_member(members, rng)
    if i is None:
        return _flip(data, rng)
    info, body = members[i]
    choice = rng.randrange(6)
    if choice <= 2:  # an attribute value
        hits = [m for m in _ATTR_RE.finditer(body) if m[1] in _ATTRS] or list(
            _ATTR_RE.finditer(body)
        )
        if not hits:
            return _flip(data, rng)
        m = rng.choice(hits)
        value = rng.choice(_ATTRS.get(m[1], HUGE)).encode()
        if m[1] in (b"r", b"ref") and rng.random() < 0.3:
            value = f"{rng.choice(['A', 'Z', 'AA', 'XFD'])}{rng.randrange(1, 1 << 21)}".encode()
        body = body[: m.start(2)] + value + body[m.end(2) :]
        what = f"attr {m[1].decode()}={value.decode()}"
    elif choice == 3:  # drop or duplicate an element
        tags = list(re.finditer(rb"<([\w:]+)[^>]*/>|<([\w:]+)[^>]*>[^<]*</\2>", body))
        if not tags:
            return _flip(data, rng)
        m = rng.choice(tags)
        repl = b"" if rng.random() < 0.5 else m[0] * rng.choice([2, 100])
        body = body[: m.start()] + repl + body[m.end() :]
        what = "element"
    elif choice == 4:  # invalid UTF-8 / an odd declaration
        pos = rng.randrange(len(body))
        junk = rng.choice(
            [b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x00", b"&#0;", b"&bogus;", b"]]>", b"<"]
        )
        if rng.random() < 0.2:
            body = body.replace(b'encoding="UTF-8"', b'encoding="bogus"', 1)
            what = "encoding"
        else:
            body = body[:pos] + junk + body[pos:]
            what = "junk"
    else:  # a text or value element's content
        values = list(re.finditer(rb"<(v|t|text:p)>([^<]*)</\1>", body))
        if not values:
            return _flip(data, rng)
        m = rng.choice(values)
        body = body[: m.start(2)] + rng.choice(HUGE).encode() + body[m.end(2) :]
        what = "value"
    members[i] = (info, body)
    return _rezip(members), f"xml-{what}"


def _cell_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A cell of a known column (日期 A, 人次 D, 窗口 B) given a hostile value."""
    members = _members(data)
    sheets = [
        i
        for i, (info, _) in enumerate(members)
        if "worksheets/sheet" in info.filename or info.filename == "content.xml"
    ]
    if not sheets:
        return _flip(data, rng)
    i = rng.choice(sheets)
    info, body = members[i]
    cells = list(re.finditer(rb'<c r="([ABD])(\d+)"[^>]*>(.*?)</c>', body))
    if info.filename == "content.xml":
        cells = list(re.finditer(rb"(<table:table-cell[^>]*>)(.*?)(</table:table-cell>)", body))
        if not cells:
            return _flip(data, rng)
        m = rng.choice(cells)
        value = rng.choice(HUGE)
        kind = rng.choice(["float", "date", "percentage"])
        attr = "office:date-value" if kind == "date" else "office:value"
        new = f'<table:table-cell office:value-type="{kind}" {attr}="{value}"><text:p>x</text:p></table:table-cell>'
        body = body[: m.start()] + new.encode() + body[m.end() :]
        members[i] = (info, body)
        return _rezip(members), f"ods-cell {kind}={value}"
    if not cells:
        return _flip(data, rng)
    m = rng.choice(cells)
    value = rng.choice(HUGE + ["43864.5", "-693594", "2958466", "1e15"])
    style = rng.choice(["", ' s="1"'])
    kind = rng.choice(["", ' t="n"', ' t="d"', ' t="b"', ' t="e"'])
    new = f'<c r="{m[1].decode()}{m[2].decode()}"{style}{kind}><v>{value}</v></c>'.encode()
    if rng.random() < 0.2:
        new = f'<c r="{m[1].decode()}{m[2].decode()}"><f>1+1</f><v/></c>'.encode()
    body = body[: m.start()] + new + body[m.end() :]
    members[i] = (info, body)
    return _rezip(members), f"cell {m[1].decode()}{kind}{style}={value}"


def _biff_records(data: bytes) -> list[int]:
    """Offsets of BIFF record headers after the first BOF (the stream is contiguous in
    xlwt's files); stops where the chain stops making sense."""
    at = data.find(b"\x09\x08\x10\x00")
    offsets = []
    while 0 <= at < len(data) - 4:
        rec, size = (
            int.from_bytes(data[at : at + 2], "little"),
            int.from_bytes(data[at + 2 : at + 4], "little"),
        )
        if size > 8224 or rec == 0:
            break
        offsets.append(at)
        at += 4 + size
    return offsets


def _biff_length(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    records = _biff_records(data)
    if not records:
        return _flip(data, rng)
    at = rng.choice(records)
    out = bytearray(data)
    size = int.from_bytes(out[at + 2 : at + 4], "little")
    new = rng.choice([0, 1, size + 1, size + 20, size * 2, 8224, 0xFFFF, max(size - 1, 0)])
    out[at + 2 : at + 4] = new.to_bytes(2, "little")
    return bytes(out), f"biff-length {size}->{new}"


def _biff_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    records = _biff_records(data)
    if not records:
        return _flip(data, rng)
    at = rng.choice(records)
    size = int.from_bytes(data[at + 2 : at + 4], "little")
    out = bytearray(data)
    for _ in range(rng.choice([1, 4])):
        if size:
            pos = at + 4 + rng.randrange(size)
            out[pos] = rng.choice([0x00, 0xFF, 0x7F, 0x80, rng.randrange(256)])
    return bytes(out), "biff-value"


def _biff_continue(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """An empty CONTINUE record (0x003C, length 0) in place of a record, its bytes left over."""
    records = _biff_records(data)
    if len(records) < 3:
        return _flip(data, rng)
    at = rng.choice(records[1:])
    out = bytearray(data)
    out[at : at + 4] = b"\x3c\x00\x00\x00"
    return bytes(out), "biff-empty-continue"


# --------------------------------------------------------------------------- the harness


@dataclasses.dataclass
class Outcome:
    path: str
    what: str
    code: int | None  # exit code; None when killed or timed out
    output: str
    seconds: float
    problem: str = ""  # empty when the outcome is acceptable


_BATCH = r"""
import hashlib, io, os, sys, time, contextlib
from pathlib import Path
from qualitywin import cli
for n, line in enumerate(sys.stdin):
    path = line.rstrip("\n")
    sys.__stdout__.write("START\t" + path + "\n"); sys.__stdout__.flush()
    before = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    out_dir = Path(path + ".out"); out_dir.mkdir(exist_ok=True)
    score = n % 2 == 1  # every other file is scored, with its result written
    args = ["score", path, "-o", str(out_dir / "result.xlsx")] if score else ["validate", path]
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        cli.stdout.file, cli.stderr.file = out, err
        sys.argv = ["qualitywin", "--lang", "en", *args]
        try:
            cli.main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except BaseException:
            import traceback
            err.write("Traceback (uncaught)\n" + traceback.format_exc())
            code = 99
    seconds = time.monotonic() - started
    left = sorted(p.name for p in out_dir.iterdir())
    if before != hashlib.sha256(Path(path).read_bytes()).hexdigest():
        err.write("INPUT CHANGED\n")
    if left not in ([], ["result.xlsx"]) or (left and code != 0):
        err.write("LEFT BEHIND: " + " ".join(left) + "\n")
    text = (out.getvalue() + err.getvalue()).replace("\n", "\\n").replace("\t", " ")
    sys.__stdout__.write(f"END\t{code}\t{seconds:.3f}\t{text}\n")
    sys.__stdout__.flush()
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_batch(paths: list[Path], whats: dict[str, str]) -> list[Outcome]:
    """Validate `paths` in as few children as possible. A file that kills its child or runs
    past SECONDS_PER_FILE is recorded against that file; the rest go to a new child."""
    outcomes: list[Outcome] = []
    todo = [str(p) for p in paths]
    while todo:
        done, stuck, how = _one_child(todo, whats)
        outcomes.extend(done)
        finished = {o.path for o in done}
        if stuck is not None:
            outcomes.append(
                Outcome(stuck, whats.get(stuck, ""), None, "", float(SECONDS_PER_FILE), how)
            )
        todo = [p for p in todo if p not in finished and p != stuck]
        if stuck is None and todo:  # the child ended without starting them: say so
            outcomes.extend(Outcome(p, whats.get(p, ""), None, "", 0.0, how) for p in todo)
            break
    return outcomes


def _one_child(todo: list[str], whats: dict[str, str]) -> tuple[list[Outcome], str | None, str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _BATCH],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=_limits,
        env={**os.environ, "COLUMNS": "100"},
    )
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in child.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    child.stdin.write("\n".join(todo) + "\n")
    child.stdin.close()
    done: list[Outcome] = []
    current = None
    while True:
        try:
            line = lines.get(timeout=SECONDS_PER_FILE + 5)
        except queue.Empty:
            child.kill()
            child.wait()
            return (
                done,
                current or (todo[len(done)] if len(done) < len(todo) else None),
                f"no answer in {SECONDS_PER_FILE + 5} s (killed)",
            )
        if line is None:
            code = child.wait()
            return done, current, f"child died (returncode {code})"
        if line.startswith("START\t"):
            current = line.split("\t", 1)[1]
        elif line.startswith("END\t") and current is not None:
            _, code, seconds, text = line.split("\t", 3)
            outcome = Outcome(
                current,
                whats.get(current, ""),
                None if code == "None" else int(code),
                text.replace("\\n", "\n"),
                float(seconds),
            )
            outcome.problem = judge(outcome)
            done.append(outcome)
            current = None


def judge(outcome: Outcome) -> str:
    if outcome.code not in (0, 1, 2):
        return f"exit code {outcome.code}"
    if "Traceback" in outcome.output:
        return "traceback"
    for problem in ("INPUT CHANGED", "LEFT BEHIND"):
        if problem in outcome.output:
            return problem.lower()
    if outcome.seconds > SECONDS_PER_FILE:
        return f"took {outcome.seconds:.1f} s"
    if outcome.code == 1 and not outcome.output.strip():
        return "exit 1 without a message"
    return ""


def make_mutants(
    samples: list[Path], out_dir: Path, count: int, seed: int
) -> tuple[list[Path], dict[str, str]]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = [(p, p.read_bytes()) for p in samples]
    paths, whats = [], {}
    for n in range(count):
        sample, data = sources[n % len(sources)]
        try:
            mutant, what = mutate(data, sample.name, rng)
        except (zipfile.BadZipFile, ValueError, IndexError):
            mutant, what = _flip(data, rng)
        path = out_dir / f"2020-02-m{n:05d}{sample.suffix}"
        path.write_bytes(mutant)
        paths.append(path)
        whats[str(path)] = f"{sample.name}: {what}"
    return paths, whats


def fuzz(work: Path, count: int, seed: int, jobs: int = 2, batch: int = 50) -> list[Outcome]:
    """Make `count` mutants under `work` and validate them all, `jobs` children at a time."""
    samples = make_samples(work / "samples")
    paths, whats = make_mutants(samples, work / "mutants", count, seed)
    batches = [paths[i : i + batch] for i in range(0, len(paths), batch)]
    with ThreadPoolExecutor(jobs) as pool:
        results = pool.map(lambda b: run_batch(b, whats), batches)
    return [o for r in results for o in r]
