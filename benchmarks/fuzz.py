"""Fuzz the CLI by hand with thousands of seeded mutants of the samples. Not run in CI
(tests/test_fuzz.py runs a fixed budget of the same harness).

    python benchmarks/fuzz.py [--count 3000] [--seed 1] [--jobs 2] [--batch 50] [--keep DIR]

Prints the mutants made, the wall time, the outcomes by exit code, and every mutant that broke a
rule (a signal, a traceback, over 10 s, a changed input, a result left behind) with what was
done to it, so it can be made again. Mutants live in a temporary folder unless --keep.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzzing  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--keep", type=Path, help="make the mutants here and keep them")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        started = time.monotonic()
        outcomes = fuzzing.fuzz(work, args.count, args.seed, args.jobs, args.batch)
        seconds = time.monotonic() - started
    codes = collections.Counter("killed" if o.code is None else o.code for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(
        f"{len(outcomes)} mutants (seed {args.seed}) in {seconds:.1f} s "
        f"({args.jobs} jobs, batches of {args.batch})"
    )
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items(), key=str)))
    print(f"slowest: {slowest.seconds:.2f} s ({slowest.what})")
    bad = [o for o in outcomes if o.problem]
    for o in bad:
        print(f"PROBLEM {o.problem}: {o.what} {o.path}\n    {o.output[-400:]!r}")
    print(f"{len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
