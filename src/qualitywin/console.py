"""Console views (rich): problems, the ranking summary, the top list, the scheme and the year.

Each function takes a plain result object and a rich Console; none of them computes anything.
Tables are sized by display cells (a CJK character takes two), so they fit the terminal: the
ranking drops its per-category columns when they would not fit (the workbook has them). Colour
comes from rich, which prints plain text when the output is not a terminal or NO_COLOR is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from qualitywin.issues import Issue, sheet_in_file
from qualitywin.messages import criterion_text, join_list, plural, reason_text, text
from qualitywin.messages import status_text as window_status_text
from qualitywin.model import MonthResult, WindowScore
from qualitywin.decimals import plain_number
from qualitywin.scheme import Rule, Scheme

STYLES = {"入选": "bold green", "并列待定": "yellow"}

if TYPE_CHECKING:
    from qualitywin.annual import YearResult
    from qualitywin.attendance import AttendanceResult


ISSUES_SHOWN = 200  # a table of a million problems helps no one and takes minutes to draw


def show_issues(
    console: Console, errors: list[Issue], warnings: list[Issue], limit: int | None = ISSUES_SHOWN
) -> None:
    """Errors, then warnings, each as a table of place and problem; past `limit` of a kind,
    a line says how many more there are (`validate --all` shows them all)."""
    for heading, issues, style in (
        ("heading.errors", errors, "red"),
        ("heading.warnings", warnings, "yellow"),
    ):
        if not issues:
            continue
        table = Table(
            title=text(heading),
            title_style=f"bold {style}",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_lines=False,
            expand=False,
        )
        table.add_column(text("column.where"), no_wrap=True, style=style)
        table.add_column(text("column.problem"), overflow="fold")
        for issue in issues[:limit]:  # Text, not markup: cell values may hold "[/]" or ":smile:"
            problem = Text(issue.message())
            if issue.hint():
                problem.append("\n" + issue.hint(), style="dim")
            table.add_row(Text(issue.where), problem)
        console.print(table)
        if limit is not None and len(issues) > limit:
            console.print(
                Text(text("issues.more", count=len(issues) - limit, shown=limit), style=style)
            )


def show_summary(console: Console, result: MonthResult, scheme: Scheme) -> None:
    console.print(
        Text(text("summary.title", month=result.month, scheme=result.scheme_name), style="bold")
    )
    table = _ranking_table(result, scheme, "wide")
    if not _fits(console, table):  # fold the category headers to two characters a line
        table = _ranking_table(result, scheme, "narrow")
    hidden = not _fits(console, table)
    if hidden:
        table = _ranking_table(result, scheme, "none")
    console.print(table)
    if hidden:
        console.print(text("summary.categories_hidden"), style="dim")
    if any(score.decided for score in result.windows):
        console.print(text("status.decided"), style="dim")
    show_top_lines(console, result)
    for score in result.windows:
        if score.cause is not None:
            console.print(
                Text(
                    text("summary.reason", window=score.window, reason=reason_text(score.cause)),
                    style="red" if score.veto else "yellow",
                )
            )
    for referral in result.referrals:
        console.print(
            Text(
                text(
                    "summary.referral",
                    window=referral.window,
                    person=referral.person,
                    rule=referral.rule_id,
                    where=f"{sheet_in_file(referral.sheet, referral.file)}!{referral.row}",
                ),
                style="bold red",
            )
        )
    console.print(
        text(
            "summary.rows",
            counted=plural(result.rows_counted, "row"),
            withdrawn=plural(result.rows_withdrawn, "row"),
            total=plural(result.rows_counted + result.rows_withdrawn, "row"),
        )
    )
    if result.staff:
        full = [s.name for s in result.staff if s.full_marks]
        console.print(
            Text(
                text(
                    "summary.staff",
                    people=plural(len(result.staff), "person"),
                    recorded=len(result.staff) - len(full),
                    full=len(full),
                    names=join_list(full) or "—",
                )
            )
        )


def _ranking_table(result: MonthResult, scheme: Scheme, categories: str) -> Table:
    """The ranking; `categories` is "wide" (one line a header), "narrow" (headers folded to
    four cells) or "none" (no per-category columns)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(text("column.rank"), justify="right", no_wrap=True)
    table.add_column(text("column.window"), no_wrap=True, overflow="ellipsis", max_width=20)
    shown = scheme.categories if categories != "none" else ()
    for category in shown:
        if categories == "wide":
            table.add_column(
                f"{category.name}\n{plain_number(category.points)}", justify="right", no_wrap=True
            )
        else:
            table.add_column(
                f"{category.name}\n{plain_number(category.points)}",
                justify="right",
                overflow="fold",
                max_width=4,
            )
    table.add_column(text("column.total"), justify="right", no_wrap=True)
    table.add_column(text("column.deducted"), justify="right", no_wrap=True)
    table.add_column(text("column.status"), no_wrap=True)
    for score in result.windows:
        table.add_row(
            str(score.rank),
            score.window,
            *(str(plain_number(score.categories[c.name])) for c in shown),
            str(plain_number(score.total)),
            str(plain_number(score.deducted)),
            status_text(score),
            style=STYLES.get(score.status, ""),
        )
    return table


def status_text(score: WindowScore) -> str:
    if not score.status:
        return ""
    return window_status_text(score.status) + ("*" if score.decided else "")


def _fits(console: Console, table: Table) -> bool:
    unbounded = console.options.update_width(10_000)  # measure the natural width, not clamped
    return Measurement.get(console, unbounded, table).maximum <= console.width


def show_top_lines(console: Console, result: MonthResult) -> None:
    none = text("top.none")
    selected = join_list(w.window for w in result.selected) or none
    console.print(Text(text("summary.selected", windows=selected), style="bold green"))
    if result.tied:
        console.print(
            Text(
                text("summary.tied", windows=join_list(w.window for w in result.tied)),
                style="yellow",
            )
        )


def show_top(console: Console, result: MonthResult, count: int) -> None:
    console.print(Text(text("top.title", month=result.month, winners=count), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(text("column.rank"), justify="right", no_wrap=True)
    table.add_column(text("column.window"), no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column(text("column.total"), justify="right", no_wrap=True)
    table.add_column(text("column.status"), no_wrap=True)
    for score in result.selected + result.tied:
        table.add_row(
            str(score.rank),
            score.window,
            str(plain_number(score.total)),
            status_text(score),
            style=STYLES.get(score.status, ""),
        )
    console.print(table)
    if result.tied:
        console.print(text("top.tied_note"), style="yellow")


def show_scheme(console: Console, scheme: Scheme, full: bool = False) -> None:
    """The scheme as a table: each rule's short label, or with `full` the source's wording."""
    console.print(
        Text(
            text(
                "rules.title",
                name=scheme.name,
                max_score=plain_number(scheme.max_score),
                winners=scheme.winners,
            ),
            style="bold",
        )
    )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_lines=False)
    table.add_column(text("column.rule"), no_wrap=True)
    table.add_column(text("column.category"), no_wrap=True)
    table.add_column(text("column.points"), justify="right", no_wrap=True)
    table.add_column(text("column.mode"), overflow="fold", max_width=18)
    table.add_column(text("column.text" if full else "column.label"), overflow="fold", ratio=1)
    for rule in scheme.rules:
        sign = "+" if scheme.category(rule.category).is_bonus else ""
        table.add_row(
            rule.id,
            rule.category,
            sign + str(plain_number(rule.points)),
            mode_text(rule),
            rule.text if full else rule.short,
        )
    console.print(table)
    console.print(text("rules.roster", count=len(scheme.roster), windows=join_list(scheme.roster)))
    if scheme.min_total is not None:
        console.print(text("rules.min_total", min_total=plain_number(scheme.min_total)))
    if scheme.tie_break:
        console.print(
            text("rules.tie_break", criteria=join_list(criterion_text(c) for c in scheme.tie_break))
        )
    if scheme.aliases:
        console.print(
            text("rules.aliases", aliases=join_list(f"{a}→{w}" for a, w in scheme.aliases.items()))
        )


def show_year(console: Console, result: "YearResult") -> None:
    """The year table (as 年度汇总, points lost per category) and the windows most often 入选."""
    from rich import box
    from rich.cells import cell_len

    months = join_list(r.month[5:] for r in result.months)
    table = Table(
        title=text(
            "annual.title",
            year=result.year,
            count=plural(len(result.months), "month"),
            months=months,
        ),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        caption=text("annual.lost_caption"),
        caption_justify="left",
    )
    table.add_column(text("column.rank"), justify="right", no_wrap=True, min_width=2)
    table.add_column(text("column.window"), no_wrap=True)
    for key in ("column.months", "column.times_selected", "column.average", "column.lowest"):
        heading = text(key)
        table.add_column(
            heading, justify="right", no_wrap=True, min_width=max(cell_len(heading), 5)
        )
    for category in result.categories:  # narrow columns: the heading may wrap
        table.add_column(category, justify="right", min_width=4, overflow="fold")
    most = result.most_selected()
    for window in result.windows:
        lost = [
            str(plain_number(window.lost[c])) if c in window.lost else "" for c in result.categories
        ]
        table.add_row(
            str(window.rank),
            window.window,
            str(window.months_scored),
            str(window.times_selected),
            f"{window.average:.2f}",
            str(plain_number(window.lowest)),
            *lost,
            style="bold green" if window in most else "",
        )
    console.print(table)
    if most:
        windows = join_list(
            text("annual.times", window=w.window, times=w.times_selected) for w in most
        )
        console.print(Text(text("annual.most_selected", windows=windows), style="bold green"))
    else:
        console.print(text("annual.none_selected"))
    if result.skipped:
        console.print(
            text("annual.skipped", count=plural(len(result.skipped), "workbook")), style="dim"
        )


def features_text(scheme: Scheme) -> str:
    """The optional features a scheme uses, in the console's language."""
    return join_list(text(f"feature.{feature}") for feature in scheme.features())


def unit_text(unit: str) -> str:
    """A rule's unit (次, 人次, 项 in the scheme) in the console's language, when the catalog
    knows it; else as the scheme writes it."""
    key = f"unit.{unit or '次'}"
    shown = text(key)
    return text("unit.other", unit=unit) if shown == key else shown


def mode_text(rule: Rule) -> str:
    """How a rule deducts, in the console's language."""
    if rule.mode == "once":
        shown = text("mode.once")
    elif rule.mode == "per_count":
        shown = text("mode.per_count", unit=unit_text(rule.unit))
    else:
        shown = text("mode.computed", sheet=rule.computed.sheet if rule.computed else "")
    if rule.replaces:
        shown += text("mode.replaces", rule=rule.replaces)
    if rule.referral:
        shown += text("mode.referral")
    if rule.cap is not None:
        shown += text("mode.cap", cap=plain_number(rule.cap))
    if rule.veto:
        shown += text("mode.veto")
    if rule.evidence:
        shown += text("mode.evidence")
    return shown


def show_attendance(console: Console, result: "AttendanceResult") -> None:
    """The attendance run in a line, then the rows per rule."""
    kinds = [f.kind for c in result.checks for f in c.findings]
    people = len({c.person for c in result.checks})
    console.print(
        Text(
            text(
                "attendance.summary",
                month=result.month,
                people=people,
                workdays=len(result.workdays),
                sessions=len(result.checks),
                rows=len(result.rows),
                late=sum(k in ("late", "early") for k in kinds),
                absent=kinds.count("absent"),
                missing=sum(k.startswith("missing") for k in kinds),
                exempt=sum(c.exemption is not None for c in result.checks),
            ),
            style="bold",
        )
    )
    by_rule: dict[str, int] = {}
    for row in result.rows:
        by_rule[row.rule] = by_rule.get(row.rule, 0) + 1
    for rule, rows in sorted(by_rule.items()):
        console.print(Text(text("attendance.by_rule", rule=rule, rows=rows)))
