"""Reads one workbook with python-calamine in a process of its own (run as a script, by path).

python-calamine is Rust: on some damaged .xls/.xlsb/.ods files it aborts the whole process
(a failed allocation, a panic that unwinds through C) instead of raising. Run here, such a death
only ends this child, and `reader.py` turns it into one clear message naming the file.

    python -I calamine_child.py FILE            → ("meta", [(name, visible)...])
    python -I calamine_child.py FILE SHEET      → ("sheet", start, end, merged, [(row, values)...])
                                                  or ("bad-row", row, reason)

The answer is one pickle on stdout; a Python-level failure is ("error", kind, text). Only
python-calamine and the standard library are imported, so the child starts in ~20 ms. Rows
with nothing in them are left out (a stray cell at row 1,048,576 must not cost a million rows).
"""

from __future__ import annotations

import pickle
import resource
import sys

# Memory for the child: a sheet of 50 million cells (the byte checks' limit for xlsx) is 1.6 GB
# in calamine; a claim beyond this is a damaged record, and failing to allocate is then the
# child's death, not the machine's.
MEMORY_LIMIT = 4 * 1024**3


def _limit_memory() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT if soft == resource.RLIM_INFINITY else min(soft, MEMORY_LIMIT)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# Excel's sheet: 1,048,576 rows × 16,384 columns (XFD). A damaged .xls record can place a cell
# at column 53,504; every row is then that wide, and reading 20 rows took seconds.
LAST_ROW, LAST_COLUMN = 1_048_575, 16_383  # 0-based


def _sheet(book, name: str) -> tuple:
    data = book.get_sheet_by_name(name)
    if data.end is not None and (data.end[0] > LAST_ROW or data.end[1] > LAST_COLUMN):
        return ("error", "calamine", f"a cell past the sheet's last row or column: {data.end}")
    rows = []
    number = 0
    try:
        for number, values in enumerate(data.iter_rows(), start=1):
            if values.count("") != len(values):
                rows.append((number, values))
    except (OverflowError, ValueError) as e:  # a cell calamine cannot convert
        return ("bad-row", number + 1, f"{type(e).__name__}: {e}")
    except BaseException as e:
        if type(e).__name__ != "PanicException":
            raise
        return ("bad-row", number + 1, f"PanicException: {e}")
    return ("sheet", data.start, data.end, data.merged_cell_ranges or [], rows)


def answer(path: str, sheet: str | None) -> tuple:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(path)
        if sheet is None:
            return (
                "meta",
                [(m.name, m.visible == pc.SheetVisibleEnum.Visible) for m in book.sheets_metadata],
            )
        return _sheet(book, sheet)
    except pc.PasswordError as e:
        return ("error", "password", str(e))
    except (pc.CalamineError, OSError, ValueError, OverflowError, MemoryError) as e:
        return ("error", "calamine", f"{type(e).__name__}: {e}")
    except BaseException as e:  # pyo3's PanicException derives from BaseException
        if type(e).__name__ != "PanicException":
            raise
        return ("error", "panic", str(e))


def main() -> None:
    _limit_memory()
    path = sys.argv[1]
    sheet = sys.argv[2] if len(sys.argv) > 2 else None
    result = answer(path, sheet)
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
