"""The command line: parse options, call one library function, render its result.

Nothing here reads cells or computes scores; see records.py (reading and checking), scoring.py
and ranking.py (the arithmetic), result_workbook.py / console.py / jsonview.py (the views),
template.py (the empty input workbook).

Help texts are message keys ("help.score"), looked up when the help is shown: by then `--lang`
(or QUALITYWIN_LANG, or the locale) has chosen the language, so `--help` speaks it too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from qualitywin import __version__, cli_text
from qualitywin.issues import QualitywinError, UsageProblem
from qualitywin.messages import (
    CATALOG,
    LANGUAGES,
    current_language,
    join_list,
    plural,
    set_language,
    text,
)


def _localised(value: Any) -> Any:
    """A help text: a message key becomes the message in the current language."""
    if isinstance(value, str) and value.startswith(("help.", "opt.")) and value in CATALOG["en"]:
        return text(value)
    return value


class _Localised:
    """Click command behaviour shared by our commands and groups: help texts looked up late."""

    def _localise(self: Any) -> None:
        self.help = _localised(self.help)
        self.short_help = _localised(self.short_help)
        for param in self.params:
            if hasattr(param, "help"):
                param.help = _localised(param.help)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._localise()
        formatter.write(cli_text.render_help(self, ctx, formatter.width or 80))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """`--lang` is taken wherever it stands; usage errors are told in its language."""
        args, lang = cli_text.take_language(args)
        if lang is not None and lang not in LANGUAGES:
            raise cli_text.LocalisedUsageError(
                text("usage.lang", value=lang, languages=join_list(LANGUAGES)), ctx
            )
        if lang is not None or ctx.parent is None:  # each run starts from the environment
            set_language(lang)
        if lang is None and ctx.parent is None:
            _warn_about_the_environment_language()
        with _usage_errors_localised(ctx):
            return super().parse_args(ctx, args)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        self._localise()
        return super().get_short_help_str(limit)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = text("opt.help")
        return option


class _Command(_Localised, TyperCommand):
    pass


class _Group(_Localised, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        with _usage_errors_localised(ctx):
            return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        with _usage_errors_localised(ctx):  # "missing command"
            return super().invoke(ctx)


@contextlib.contextmanager
def _usage_errors_localised(ctx: Any) -> Iterator[None]:
    try:
        yield
    except cli_text.NoArgsIsHelpError:  # shows our help page as it is
        raise
    except cli_text.UsageError as error:
        raise cli_text.localise(error, ctx) from None


def _warn_about_the_environment_language() -> None:
    value = os.environ.get("QUALITYWIN_LANG", "").strip()
    if value and value[:2].lower() not in LANGUAGES:
        stderr.print(
            Text(
                text(
                    "usage.env_lang",
                    value=value,
                    languages=join_list(LANGUAGES),
                    chosen=current_language(),
                ),
                style="yellow",
            )
        )


app = typer.Typer(
    cls=_Group,
    help="help.app",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(cls=_Group, help="help.rules", invoke_without_command=True)
app.add_typer(rules_app, name="rules")

_state = {"debug": False}


def _console(to_stderr: bool = False) -> Console:
    """Output that is not a terminal (a log file, a scheduled job) is never wrapped: rich would
    cut a one-line message at 80 columns into two lines."""
    console = Console(stderr=to_stderr, highlight=False)
    if not console.is_terminal:
        console.soft_wrap = True
    return console


stdout = _console()
stderr = _console(to_stderr=True)

# readable=False: an unreadable file is our own answer (file-unreadable, exit 1), not typer's
FilesArg = typer.Argument(..., readable=False, help="opt.files")
MonthOpt = typer.Option(None, "--month", metavar="YYYY-MM", help="opt.month")
RulesOpt = typer.Option(None, "--rules", readable=False, help="opt.rules")
MaxUnzippedOpt = typer.Option(None, "--max-unzipped", metavar="BYTES", help="opt.max_unzipped")
ForceOpt = typer.Option(False, "--force", help="opt.force")
QuietOpt = typer.Option(False, "--quiet", "-q", help="opt.quiet")
FullOpt = typer.Option(False, "--full", help="opt.full")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so a half-written result is cleaned up the same way."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """The console script. Only here (never in the library) is a signal handler installed."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    set_language(_language_in(sys.argv[1:]))  # before any help is shown, whatever the order
    app(prog_name="qualitywin")


def _language_in(args: list[str]) -> str | None:
    """The value of --lang X / --lang=X on the command line, if any."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _print_version(value: bool) -> None:
    if value:
        stdout.print(f"qualitywin {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="opt.debug"),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en", help="opt.lang"),  # taken
    # wherever it stands by _Localised.parse_args, before the other options are parsed
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="opt.version"
    ),
) -> None:
    _state["debug"] = debug


def _run(action: Callable[[], int | None]) -> None:
    """Run a command body: library errors become one red message and an exit code."""
    try:
        code = action() or 0
    except UsageProblem as problem:
        _print_traceback_if_debugging()
        _print_error(problem.render())
        raise typer.Exit(2) from None
    except QualitywinError as error:
        _print_traceback_if_debugging()
        for issue in error.issues:
            where = f"{issue.where}: " if issue.where else ""
            _print_error(where + issue.message(), issue.hint())
        raise typer.Exit(1) from None
    except KeyboardInterrupt as interrupt:  # the temporary result is already removed
        raise typer.Exit(143 if isinstance(interrupt, Terminated) else 130) from None
    raise typer.Exit(code)


def _print_traceback_if_debugging() -> None:
    """--debug: the traceback first, then the same message and exit code as without it."""
    if _state["debug"]:
        import traceback

        traceback.print_exc(file=sys.stderr)


def _print_error(message: str, hint: str = "") -> None:
    """One red line on stderr. Plain Text, never markup: paths and cells may hold "[/]"."""
    stderr.print(Text.assemble((f"{text('error.prefix')}:", "bold red"), " ", message))
    if hint:
        stderr.print(Text(f"  {hint}", style="dim"))


def _scheme(rules: Optional[Path]) -> Any:
    from qualitywin.api import load_scheme

    return load_scheme(rules)


def _limit(max_unzipped: Optional[int]) -> int:
    from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED

    return max_unzipped or DEFAULT_MAX_UNZIPPED


def _names(files: list[Path]) -> str:
    """The files as a message names them: 2020-02.xlsx, 2020-02-考勤扣分.xlsx."""
    return ", ".join(f.name for f in files)


def _refused(error: Any, files: list[Path], quiet: bool = False) -> int:
    """A workbook with errors (InvalidWorkbook): every error, then its warnings (not with -q),
    on stderr, and the closing count as validate has it."""
    from qualitywin.console import show_issues

    show_issues(stderr, error.issues, [] if quiet else error.warnings)
    stderr.print(
        Text(
            text("validate.errors", file=_names(files), errors=plural(len(error.issues), "error")),
            style="bold red",
        )
    )
    return 1


@app.command(cls=_Command, help="help.validate")
def validate(
    files: list[Path] = FilesArg,
    month: Optional[str] = MonthOpt,
    rules: Optional[Path] = RulesOpt,
    max_unzipped: Optional[int] = MaxUnzippedOpt,
    quiet: bool = QuietOpt,
    show_all: bool = typer.Option(False, "--all", help="opt.all"),
    as_json: bool = typer.Option(False, "--json", help="opt.validate_json"),
    staff: Optional[Path] = typer.Option(
        None, "--staff", readable=False, help="opt.validate_staff"
    ),
) -> None:
    """Check a month's workbook: every problem at once, each with its sheet and cell."""
    from qualitywin.api import validate_file
    from qualitywin.console import ISSUES_SHOWN, show_issues

    def body() -> int:
        with _ProgressBar(text("progress.reading")) as bar:
            records = validate_file(
                files,
                rules=rules,
                month=month,
                staff=staff,
                max_unzipped=_limit(max_unzipped),
                progress=bar.update,
            )
        names = _names(files)
        if as_json:
            from qualitywin.jsonview import to_json, validation_to_dict

            sys.stdout.write(to_json(validation_to_dict(records)) + "\n")
            return 1 if records.errors else 0
        show_issues(
            stdout,
            records.errors,
            [] if quiet else records.warnings,
            None if show_all else ISSUES_SHOWN,
        )
        if records.errors:
            stdout.print(
                Text(
                    text(
                        "validate.errors", file=names, errors=plural(len(records.errors), "error")
                    ),
                    style="bold red",
                )
            )
        elif not quiet:
            stdout.print(
                Text(
                    text(
                        "validate.ok", file=names, rows=plural(len(records.incidents), "record_row")
                    ),
                    style="bold green",
                )
            )
        if records.warnings and not quiet:
            stdout.print(
                text("validate.warnings", warnings=plural(len(records.warnings), "warning")),
                style="yellow",
            )
        return 1 if records.errors else 0

    _run(body)


@app.command(cls=_Command, help="help.score")
def score(
    files: list[Path] = FilesArg,
    month: Optional[str] = MonthOpt,
    rules: Optional[Path] = RulesOpt,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.score_output"),
    force: bool = ForceOpt,
    as_json: bool = typer.Option(False, "--json", help="opt.json"),
    pick: Optional[list[str]] = typer.Option(None, "--pick", metavar="WINDOW", help="opt.pick"),
    staff: Optional[Path] = typer.Option(None, "--staff", readable=False, help="opt.score_staff"),
    quiet: bool = QuietOpt,
    max_unzipped: Optional[int] = MaxUnzippedOpt,
) -> None:
    """Score a month: write the ranked result workbook and print a summary."""
    from qualitywin.api import score_file, write_result
    from qualitywin.console import show_issues, show_summary
    from qualitywin.issues import InvalidWorkbook
    from qualitywin.output import check_output, default_output
    from qualitywin.month_files import check_sources

    def body() -> int:
        check_sources(files, month)  # the inputs, then the options, then the output
        scheme = _scheme(rules)
        target = output or default_output(files[0])
        check_output(target, files, force, suffix=".xlsx")  # before the reading: it is cheap
        messages = stderr if as_json else stdout
        try:
            with _ProgressBar(text("progress.reading")) as bar:
                result = score_file(
                    files,
                    rules=scheme,
                    month=month,
                    picks=pick or (),
                    staff=staff,
                    max_unzipped=_limit(max_unzipped),
                    progress=bar.update,
                )
        except InvalidWorkbook as error:
            return _refused(error, files, quiet)
        if result.warnings and not quiet:
            show_issues(messages, [], result.warnings)
        with _ProgressBar(text("progress.writing")) as bar:
            write_result(result, target, force=force, progress=bar.update)
        if as_json:
            from qualitywin.jsonview import result_to_json

            sys.stdout.write(result_to_json(result) + "\n")
        if not quiet:
            if not as_json:
                show_summary(stdout, result, result.scheme)
            messages.print(Text(text("summary.written", path=str(target))))
        return 0

    _run(body)


@app.command(cls=_Command, help="help.top")
def top(
    files: list[Path] = FilesArg,
    n: Optional[int] = typer.Option(None, "-n", min=1, help="opt.n"),
    month: Optional[str] = MonthOpt,
    rules: Optional[Path] = RulesOpt,
    max_unzipped: Optional[int] = MaxUnzippedOpt,
) -> None:
    """Print the month's top list (入选, then 并列待定). Writes nothing."""
    from qualitywin.api import score_file
    from qualitywin.console import show_top
    from qualitywin.issues import InvalidWorkbook

    def body() -> int:
        scheme = _scheme(rules)
        if n is not None:
            scheme = dataclasses.replace(scheme, winners=n)
        try:
            with _ProgressBar(text("progress.reading")) as bar:
                result = score_file(
                    files,
                    rules=scheme,
                    month=month,
                    max_unzipped=_limit(max_unzipped),
                    progress=bar.update,
                )
        except InvalidWorkbook as error:
            return _refused(error, files)
        show_top(stdout, result, scheme.winners)
        return 0

    _run(body)


@app.command(cls=_Command, help="help.annual")
def annual(
    results: list[Path] = typer.Argument(..., readable=False, help="opt.annual_results"),
    year: Optional[int] = typer.Option(
        None, "--year", min=1900, max=9999, metavar="YYYY", help="opt.annual_year"
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.annual_output"),
    force: bool = ForceOpt,
    as_json: bool = typer.Option(False, "--json", help="opt.annual_json"),
    quiet: bool = QuietOpt,
    max_unzipped: Optional[int] = MaxUnzippedOpt,
) -> None:
    """Gather a year's monthly results into one table: write the year workbook and print it."""
    from qualitywin.api import default_year_path, gather_year, write_year
    from qualitywin.console import show_issues, show_year
    from qualitywin.output import check_output

    def body() -> int:
        result = gather_year(results, year, max_unzipped=_limit(max_unzipped))
        target = output or default_year_path(result, results[0])
        check_output(target, [Path(r.path) for r in result.months], force, suffix=".xlsx")
        messages = stderr if as_json else stdout
        if result.warnings and not quiet:
            show_issues(messages, [], result.warnings)
        write_year(result, target, force=force)
        if as_json:
            from qualitywin.jsonview import year_to_json

            sys.stdout.write(year_to_json(result) + "\n")
        if not quiet:
            if not as_json:
                show_year(stdout, result)
            messages.print(text("summary.written", path=str(target)))
        return 0

    _run(body)


@app.command(cls=_Command, help="help.template")
def template(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="opt.template_month"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.template_output"),
    rules: Optional[Path] = RulesOpt,
    force: bool = ForceOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Write an empty input workbook for a month, with dropdowns and rules on every column."""
    from qualitywin.api import write_template
    from qualitywin.template import TEMPLATE_ROWS

    def body() -> int:
        target = write_template(month, output, rules=rules, force=force)
        if not quiet:
            stdout.print(text("template.written", path=str(target), rows=TEMPLATE_ROWS))
        return 0

    _run(body)


ResultArg = typer.Argument(..., help="opt.result")


def _date(option: str, value: Optional[str]):
    """--date 2020-03-02 as a date (a usage error otherwise); None stays None (today)."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageProblem("usage.date", option=option, value=value) from None


@app.command(cls=_Command, help="help.notice")
def notice(
    result: Path = ResultArg,
    number: str = typer.Option("", "--number", help="opt.notice_number"),
    date: Optional[str] = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="opt.notice_date"
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.notice_output"),
    force: bool = ForceOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Write the month's 通报 (.docx) from a result workbook."""
    from qualitywin.documents import write_notice_file

    def body() -> int:
        written = write_notice_file(
            result, output, number=number, date=_date("--date", date), force=force
        )
        if not quiet:
            stdout.print(Text(text("publish.written", path=str(written))))
        return 0

    _run(body)


@app.command(cls=_Command, help="help.notices")
def notices(
    result: Path = ResultArg,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.notices_output"),
    every_window: bool = typer.Option(False, "--all", help="opt.notices_all"),
    single: bool = typer.Option(False, "--single", help="opt.notices_single"),
    date: Optional[str] = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="opt.notice_date"
    ),
    force: bool = ForceOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Write a 扣分通知单 for each window that lost points (or every window)."""
    from qualitywin.documents import write_deduction_notice_files

    def body() -> int:
        written = write_deduction_notice_files(
            result,
            output,
            every_window=every_window,
            single=single,
            date=_date("--date", date),
            force=force,
        )
        if not quiet:
            message = (
                text("notices.written", count=len(written), path=str(written[0].parent))
                if written
                else text("notices.none")
            )
            stdout.print(Text(message))
        return 0

    _run(body)


@app.command(cls=_Command, help="help.page")
def page(
    result: Path = ResultArg,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.page_output"),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="opt.page_date"),
    force: bool = ForceOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Write the 公示 page (.html) from a result workbook or a year workbook."""
    from qualitywin.documents import write_page_file

    def body() -> int:
        written = write_page_file(result, output, date=_date("--date", date), force=force)
        if not quiet:
            stdout.print(Text(text("publish.written", path=str(written))))
        return 0

    _run(body)


@app.command(cls=_Command, help="help.attendance")
def attendance(
    exports: list[Path] = typer.Argument(..., readable=False, help="opt.attendance_exports"),
    staff: Path = typer.Option(..., "--staff", readable=False, help="opt.staff"),
    month: Optional[str] = typer.Option(
        None, "--month", metavar="YYYY-MM", help="opt.attendance_month"
    ),
    rules: Optional[Path] = RulesOpt,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="opt.attendance_output"),
    export_format: Optional[str] = typer.Option(
        None, "--format", metavar="punches|daily|report", help="opt.attendance_format"
    ),
    force: bool = ForceOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Derive the month's 工作纪律 rows from clock exports: write <month>-考勤扣分.xlsx."""
    from qualitywin.api import derive_attendance, write_attendance
    from qualitywin.attendance_workbook import default_name
    from qualitywin.clock_exports import FORMATS
    from qualitywin.console import show_attendance, show_issues
    from qualitywin.output import check_output
    from qualitywin.records import month_from_name, parse_month

    def body() -> int:
        if export_format is not None and export_format not in FORMATS:
            raise UsageProblem("usage.format", value=export_format, formats=join_list(FORMATS))
        chosen = parse_month(month) if month else month_from_name(exports[0])
        if chosen is None:
            raise UsageProblem("usage.month_missing", file=exports[0].name)
        target = output or Path(default_name(chosen))
        check_output(
            target, [*exports, staff], force, suffix=".xlsx"
        )  # before the work, as score does
        result = derive_attendance(
            exports, staff=staff, month=chosen, rules=_scheme(rules), format=export_format
        )
        if result.errors:
            show_issues(stderr, result.errors, result.warnings)
            return 1
        if result.warnings and not quiet:
            show_issues(stdout, [], result.warnings)
        write_attendance(result, target, force=force)
        if not quiet:
            show_attendance(stdout, result)
            stdout.print(Text(text("summary.written", path=str(target))))
        return 0

    _run(body)


@rules_app.callback()
def rules_command(
    ctx: typer.Context, rules: Optional[Path] = RulesOpt, full: bool = FullOpt
) -> None:
    """Print the scheme as a table (the default one, or --rules FILE)."""
    if ctx.invoked_subcommand is not None:
        return
    from qualitywin.console import show_scheme

    _run(lambda: show_scheme(stdout, _scheme(rules), full))


@rules_app.command("show", cls=_Command, help="help.rules_show")
def rules_show(
    file: Path = typer.Argument(..., readable=False, help="opt.rules_file"), full: bool = FullOpt
) -> None:
    """Print a rules file's scheme as a table."""
    from qualitywin.console import show_scheme

    _run(lambda: show_scheme(stdout, _scheme(file), full))


@rules_app.command("check", cls=_Command, help="help.rules_check")
def rules_check(file: Path = typer.Argument(..., readable=False, help="opt.rules_file")) -> None:
    """Check a rules file and report every problem with its line (exit 1 on errors)."""
    from qualitywin.console import show_issues
    from qualitywin.scheme import check_rules

    def body() -> int:
        report = check_rules(file)
        show_issues(stdout, report.errors, report.warnings)
        if report.errors:
            stdout.print(
                Text(
                    text(
                        "rules.errors", file=str(file), errors=plural(len(report.errors), "error")
                    ),
                    style="bold red",
                )
            )
            return 1
        scheme = report.scheme
        assert scheme is not None  # no errors: the scheme loaded
        stdout.print(
            Text(
                text(
                    "rules.ok",
                    file=str(file),
                    rules=plural(len(scheme.rules), "rule"),
                    categories=plural(len(scheme.categories), "category"),
                ),
                style="bold green",
            )
        )
        if report.warnings:
            stdout.print(
                Text(
                    text("validate.warnings", warnings=plural(len(report.warnings), "warning")),
                    style="yellow",
                )
            )
        if scheme.features():
            from qualitywin.console import features_text

            stdout.print(Text(text("rules.features", features=features_text(scheme))))
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
