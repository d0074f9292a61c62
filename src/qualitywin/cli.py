"""The command line: parse options, call one library function, render its result.

Nothing here reads cells or computes scores; see records.py (reading and checking), scoring.py
and ranking.py (the arithmetic), result_workbook.py / console.py / jsonview.py (the views).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.text import Text

from qualitywin import __version__
from qualitywin.issues import QualitywinError
from qualitywin.messages import set_language, text

app = typer.Typer(
    help="qualitywin — 优质服务窗口评选: validate, score and rank a month of incident records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="Show or check a rules file (the scheme).", invoke_without_command=True)
app.add_typer(rules_app, name="rules")

_state = {"debug": False}
stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)

FileArg = typer.Argument(..., help="The month's incident workbook (.xlsx), e.g. 2020-02.xlsx.")
MonthOpt = typer.Option(None, "--month", help="The month, YYYY-MM (default: from the file name).")
RulesOpt = typer.Option(None, "--rules", help="A rules file (default: the Shangjie 2020 scheme).")
MaxUnzippedOpt = typer.Option(None, "--max-unzipped", metavar="BYTES",
                              help="Refuse workbooks that inflate past this many bytes (default 4 GiB).")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so a half-written result is cleaned up the same way."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """The console script. Only here (never in the library) is a signal handler installed."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    app()


def _print_version(value: bool) -> None:
    if value:
        stdout.print(f"qualitywin {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error."),
    lang: Optional[str] = typer.Option(None, "--lang", help="zh or en (default: QUALITYWIN_LANG, then the locale)."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    _state["debug"] = debug
    set_language(lang)


def _run(action: Callable[[], int | None]) -> None:
    """Run a command body: library errors become one red message and an exit code."""
    from qualitywin.records import UsageProblem

    try:
        code = action() or 0
    except UsageProblem as problem:
        if _state["debug"]:
            raise
        _print_error(problem.render())
        raise typer.Exit(2) from None
    except QualitywinError as error:
        if _state["debug"]:
            raise
        for issue in error.issues:
            where = f"{issue.where}: " if issue.where else ""
            _print_error(where + issue.message(), issue.hint())
        raise typer.Exit(1) from None
    except KeyboardInterrupt as interrupt:  # the temporary result is already removed
        raise typer.Exit(143 if isinstance(interrupt, Terminated) else 130) from None
    raise typer.Exit(code)


def _print_error(message: str, hint: str = "") -> None:
    """One red line on stderr. Plain Text, never markup: paths and cells may hold "[/]"."""
    stderr.print(Text.assemble((f"{text('error.prefix')}:", "bold red"), " ", message))
    if hint:
        stderr.print(Text(f"  {hint}", style="dim"))


def _scheme(rules: Optional[Path]):
    from qualitywin.scheme import load_scheme

    return load_scheme(rules)


def _read(file: Path, month: Optional[str], rules: Optional[Path], max_unzipped: Optional[int]):
    from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
    from qualitywin.records import read_month

    scheme = _scheme(rules)
    with _ProgressBar(text("progress.reading")) as bar:
        records = read_month(file, scheme, month, max_unzipped=max_unzipped or DEFAULT_MAX_UNZIPPED,
                             progress=bar.update)
    return scheme, records


@app.command()
def validate(file: Path = FileArg, month: Optional[str] = MonthOpt,
             rules: Optional[Path] = RulesOpt, max_unzipped: Optional[int] = MaxUnzippedOpt) -> None:
    """Check a month's workbook: every problem at once, each with its sheet and cell."""
    from qualitywin.console import show_issues

    def body() -> int:
        _, records = _read(file, month, rules, max_unzipped)
        show_issues(stdout, records.errors, records.warnings)
        if records.errors:
            stdout.print(Text(text("validate.errors", file=file.name, errors=len(records.errors)),
                              style="bold red"))
        else:
            stdout.print(Text(text("validate.ok", file=file.name, rows=len(records.incidents)),
                              style="bold green"))
        if records.warnings:
            stdout.print(text("validate.warnings", warnings=len(records.warnings)), style="yellow")
        return 1 if records.errors else 0

    _run(body)


@app.command()
def score(
    file: Path = FileArg,
    month: Optional[str] = MonthOpt,
    rules: Optional[Path] = RulesOpt,
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="The result workbook (default: <input>-结果.xlsx beside the input)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing result workbook."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON on stdout (the workbook is still written)."),
    pick: Optional[list[str]] = typer.Option(None, "--pick", help="A tied window the evaluation group chose (repeat for several)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors (and --json)."),
    max_unzipped: Optional[int] = MaxUnzippedOpt,
) -> None:
    """Score a month: write the ranked result workbook and print a summary."""
    from qualitywin.console import show_issues, show_summary
    from qualitywin.output import check_output, default_output, write_atomically
    from qualitywin.result_workbook import write_result
    from qualitywin.scoring import score_month

    def body() -> int:
        target = output or default_output(file)
        check_output(target, [file], force)
        scheme, records = _read(file, month, rules, max_unzipped)
        messages = stderr if as_json else stdout
        if records.errors:
            show_issues(stderr, records.errors, records.warnings)
            return 1
        if records.warnings and not quiet:
            show_issues(messages, [], records.warnings)
        result = score_month(records, scheme, tuple(pick or ()))
        with _ProgressBar(text("progress.writing")) as bar:
            write_atomically(target, lambda temp: write_result(result, scheme, temp,
                                                               progress=bar.update), force)
        if as_json:
            from qualitywin.jsonview import result_to_json

            sys.stdout.write(result_to_json(result) + "\n")
        if not quiet:
            if not as_json:
                show_summary(stdout, result, scheme)
            messages.print(Text(text("summary.written", path=str(target))))
        return 0

    _run(body)


@app.command()
def top(
    file: Path = FileArg,
    n: Optional[int] = typer.Option(None, "-n", min=1, help="How many places (default: the scheme's, 5)."),
    month: Optional[str] = MonthOpt,
    rules: Optional[Path] = RulesOpt,
    max_unzipped: Optional[int] = MaxUnzippedOpt,
) -> None:
    """Print the month's top list (入选, then 并列待定). Writes nothing."""
    from qualitywin.console import show_issues, show_top
    from qualitywin.scoring import score_month

    def body() -> int:
        scheme, records = _read(file, month, rules, max_unzipped)
        if records.errors:
            show_issues(stderr, records.errors, records.warnings)
            return 1
        if n is not None:
            scheme = dataclasses.replace(scheme, winners=n)
        show_top(stdout, score_month(records, scheme), scheme.winners)
        return 0

    _run(body)


@rules_app.callback()
def rules_command(ctx: typer.Context, rules: Optional[Path] = RulesOpt) -> None:
    """Print the scheme as a table (the default one, or --rules FILE)."""
    if ctx.invoked_subcommand is not None:
        return
    from qualitywin.console import show_scheme

    _run(lambda: show_scheme(stdout, _scheme(rules)))


@rules_app.command("show")
def rules_show(file: Path = typer.Argument(..., help="A rules file.")) -> None:
    """Print a rules file's scheme as a table."""
    from qualitywin.console import show_scheme

    _run(lambda: show_scheme(stdout, _scheme(file)))


@rules_app.command("check")
def rules_check(file: Path = typer.Argument(..., help="A rules file.")) -> None:
    """Check a rules file and report every problem with its line."""

    def body() -> int:
        scheme = _scheme(file)
        stdout.print(Text(text("rules.ok", file=str(file), rules=len(scheme.rules),
                               categories=len(scheme.categories)), style="bold green"))
        return 0

    _run(body)


class _ProgressBar:
    """A progress bar on stderr, shown only for large sheets and only on a terminal."""

    THRESHOLD = 50_000

    def __init__(self, label: str):
        self.label = label
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> "_ProgressBar":
        return self

    def update(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < self.THRESHOLD or not stderr.is_terminal:
                return
            from rich.progress import Progress

            self.progress = Progress(console=stderr, transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        self.progress.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
