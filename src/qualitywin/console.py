"""Console views (rich): problems, the ranking summary, the top list and the scheme table.

Each function takes a plain result object and a rich Console; none of them computes anything.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from qualitywin.issues import Issue
from qualitywin.messages import text
from qualitywin.model import MonthResult
from qualitywin.result_workbook import plain_number
from qualitywin.scheme import Scheme


def show_issues(console: Console, errors: list[Issue], warnings: list[Issue]) -> None:
    for heading, issues, style in (("heading.errors", errors, "red"),
                                   ("heading.warnings", warnings, "yellow")):
        if not issues:
            continue
        table = Table(title=text(heading), title_style=f"bold {style}", title_justify="left",
                      show_lines=False, expand=False)
        table.add_column(text("column.where"), no_wrap=True, style=style)
        table.add_column(text("column.problem"), overflow="fold")
        for issue in issues:  # Text, not markup: cell values may hold "[/]" or ":smile:"
            problem = Text(issue.message())
            if issue.hint():
                problem.append("\n" + issue.hint(), style="dim")
            table.add_row(Text(issue.where), problem)
        console.print(table)


def show_summary(console: Console, result: MonthResult, scheme: Scheme) -> None:
    table = Table(title=text("summary.title", month=result.month, scheme=result.scheme_name),
                  title_justify="left")
    table.add_column(text("column.rank"), justify="right")
    table.add_column(text("column.window"), overflow="fold")
    for category in scheme.categories:
        table.add_column(f"{category.name}\n{plain_number(category.points)}", justify="right")
    table.add_column(text("column.total"), justify="right")
    table.add_column(text("column.status"))
    for score in result.windows:
        style = "bold green" if score.status == "入选" else "yellow" if score.status else ""
        status = score.status + ("*" if score.decided else "")
        table.add_row(str(score.rank), score.window,
                      *(str(plain_number(score.categories[c.name])) for c in scheme.categories),
                      str(plain_number(score.total)), status, style=style)
    console.print(table)
    show_top_lines(console, result)
    for referral in result.referrals:
        console.print(Text(text("summary.referral", window=referral.window,
                                person=referral.person, rule=referral.rule_id,
                                where=f"{referral.sheet}!{referral.row}"), style="bold red"))
    console.print(text("summary.rows", counted=result.rows_counted,
                       withdrawn=result.rows_withdrawn,
                       total=result.rows_counted + result.rows_withdrawn))


def show_top_lines(console: Console, result: MonthResult) -> None:
    none = text("top.none")
    selected = "、".join(w.window for w in result.selected) or none
    console.print(Text(text("summary.selected", windows=selected), style="bold green"))
    if result.tied:
        console.print(Text(text("summary.tied", windows="、".join(w.window for w in result.tied)),
                           style="yellow"))


def show_top(console: Console, result: MonthResult, count: int) -> None:
    console.print(text("top.title", month=result.month, winners=count), style="bold")
    table = Table(show_header=True)
    table.add_column(text("column.rank"), justify="right")
    table.add_column(text("column.window"))
    table.add_column(text("column.total"), justify="right")
    table.add_column(text("column.status"))
    for score in result.selected + result.tied:
        table.add_row(str(score.rank), score.window, str(plain_number(score.total)), score.status)
    console.print(table)
    if result.tied:
        console.print(text("top.tied_note"), style="yellow")


def show_scheme(console: Console, scheme: Scheme) -> None:
    console.print(text("rules.title", name=scheme.name, max_score=plain_number(scheme.max_score),
                       winners=scheme.winners), style="bold")
    table = Table(show_lines=False)
    for heading in ("条款", "类别", "分值", "方式", "内容"):
        table.add_column(heading, overflow="fold")
    for rule in scheme.rules:
        mode = {"once": "每月一次", "per_count": f"每{rule.unit or '次'}",
                "computed": f"按{rule.computed.sheet if rule.computed else ''}计算"}[rule.mode]
        if rule.replaces:
            mode += f",替代{rule.replaces}"
        table.add_row(rule.id, rule.category, str(plain_number(rule.points)), mode, rule.text)
    console.print(table)
    console.print(text("rules.roster", count=len(scheme.roster), windows="、".join(scheme.roster)))
    if scheme.aliases:
        console.print(text("rules.aliases",
                           aliases="、".join(f"{a}→{w}" for a, w in scheme.aliases.items())))
