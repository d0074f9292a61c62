"""Writing files safely: to a temporary file beside the target, then moved into place.

Nothing is overwritten without `force`; an error or Ctrl-C leaves neither a partial file nor the
temporary one; the output may never be the input, however the path is spelled.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from qualitywin.issues import Code, QualitywinError, UsageProblem, os_error_name


def default_output(input_path: Path, suffix: str = "-结果") -> Path:
    return input_path.with_name(f"{input_path.stem}{suffix}.xlsx")


def check_output(
    output: Path, inputs: Iterable[Path] = (), force: bool = False, suffix: str | None = None
) -> None:
    """Refuse an output that is an input, sits in a missing folder, or exists (without force);
    with `suffix` (".xlsx"), one named otherwise: a usage error, as `-o out.csv` would get an
    xlsx under a csv's name."""
    if suffix is not None and output.suffix.lower() != suffix:
        raise UsageProblem("usage.output_suffix", path=str(output), suffix=suffix)
    for source in inputs:
        if _same_file(output, source):
            raise QualitywinError.of(Code.OUTPUT_IS_INPUT, path=str(output))
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise QualitywinError.of(Code.OUTPUT_DIR_MISSING, path=str(folder))
    if output.is_dir():
        raise QualitywinError.of(Code.OUTPUT_NOT_WRITABLE, path=str(output), reason="EISDIR")
    if (output.exists() or output.is_symlink()) and not force:
        raise QualitywinError.of(Code.OUTPUT_EXISTS, path=str(output))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise QualitywinError.of(
            Code.OUTPUT_NOT_WRITABLE, path=str(output), reason="folder-not-writable"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomically(output: Path, write: Callable[[Path], None], force: bool = False) -> None:
    """Call `write(temp_path)`, then move the finished file to `output` in one step."""
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{output.stem}.", suffix=".qualitywin-tmp.xlsx", dir=folder
        )
    except OSError as exc:
        raise QualitywinError.of(
            Code.OUTPUT_NOT_WRITABLE, path=str(output), reason=os_error_name(exc)
        ) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.chmod(temp, 0o644 & ~_umask())
        _move_into_place(temp, output, force)
    except OSError as exc:  # a full disk, a folder gone read-only: an answer, not a traceback
        with contextlib.suppress(OSError):
            temp.unlink()
        raise QualitywinError.of(
            Code.OUTPUT_NOT_WRITABLE, path=str(output), reason=os_error_name(exc)
        ) from exc
    except BaseException:  # Ctrl-C, a bug: no partial file either way
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _move_into_place(temp: Path, output: Path, force: bool) -> None:
    if force:
        os.replace(temp, output)
        return
    try:
        os.link(temp, output)  # fails if the output appeared meanwhile: never overwrite
    except FileExistsError:
        raise QualitywinError.of(Code.OUTPUT_EXISTS, path=str(output)) from None
    except OSError:
        if output.exists():
            raise QualitywinError.of(Code.OUTPUT_EXISTS, path=str(output)) from None
        os.replace(temp, output)  # a file system without hard links
        return
    temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
