"""Help pages and usage errors, written by us in the user's language.

Typer 0.29 (pinned in pyproject.toml) writes help with its own type names (`{file}`,
`<list[str]>`, `<int range>`), English headings and tags, and its usage errors in English
("Missing argument 'file'"). So cli.py's command classes hand both to this module, which reads only
the parameters' plain attributes (opts, name, metavar, help, required, nargs, is_flag, min/max and
the annotated type) and takes every word from the message catalog. Typer's vendored Click is
imported here and nowhere else; tests/test_help.py renders every page and error, so a typer that
changes these attributes fails a test, not a user.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer._click import exceptions as click_errors

from qualitywin.messages import join_list, text
from qualitywin.textwidth import display_width

UsageError = click_errors.UsageError
NoArgsIsHelpError = click_errors.NoArgsIsHelpError


# -- metavars: what a value looks like -------------------------------------------------------------


def metavar(param: Any) -> str:
    """FILE, RESULTS..., N, TEXT; a metavar given in cli.py wins."""
    name = param.metavar
    if not name:
        kind = _annotation(param)
        if param.param_type_name == "argument":
            name = param.name.upper()
        elif kind is int:
            name = "N"
        elif isinstance(kind, type) and issubclass(kind, Path):
            name = "FILE"
        else:
            name = "TEXT"
    if param.param_type_name == "argument" and param.nargs == -1:
        name += "..."
    return name


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    kind = getattr(descriptor, "annotation", None)
    args = getattr(kind, "__args__", ())
    if getattr(kind, "__origin__", None) is list and args:
        return args[0]
    return kind


# -- the help page ---------------------------------------------------------------------------------


def usage_line(command: Any, ctx: Any) -> str:
    """`qualitywin score [选项] FILE`."""
    pieces = [text("help.options_metavar")]
    pieces += [metavar(p) for p in command.params if p.param_type_name == "argument"]
    if hasattr(command, "list_commands"):
        pieces.append(text("help.command_metavar"))
    return f"{ctx.command_path} {' '.join(pieces)}"


def render_help(command: Any, ctx: Any, width: int) -> str:
    """The whole help page of a command or group."""
    lines = [text("help.usage", usage=usage_line(command, ctx)), ""]
    if command.help:
        lines += [*wrap(command.help, width - 2, "  "), ""]
    arguments = [
        (metavar(p), _param_help(p)) for p in command.params if p.param_type_name == "argument"
    ]
    options = [
        (_option_label(p), _param_help(p))
        for p in command.get_params(ctx)
        if p.param_type_name == "option" and not p.hidden
    ]
    commands = [(name, sub.get_short_help_str(limit=300)) for name, sub in _commands(command, ctx)]
    for heading, rows in (
        ("help.arguments", arguments),
        ("help.options", options),
        ("help.commands", commands),
    ):
        if rows:
            lines += [text(heading), *definition_list(rows, width), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _commands(command: Any, ctx: Any) -> list[tuple[str, Any]]:
    if not hasattr(command, "list_commands"):
        return []
    found = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
    return [(name, sub) for name, sub in found if sub is not None and not sub.hidden]


def _option_label(param: Any) -> str:
    names = ", ".join([*param.opts, *param.secondary_opts])
    return names if param.is_flag else f"{names} {metavar(param)}"


def _param_help(param: Any) -> str:
    tags = []
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        tags.append(text("help.tag_range", low=low, high=high))
    elif low is not None:
        tags.append(text("help.tag_min", low=low))
    if param.multiple:
        tags.append(text("help.tag_repeatable"))
    if param.required:
        tags.append(text("help.tag_required"))
    return "".join([param.help or "", *tags]).strip()


def definition_list(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, the second wrapped by display cells (a CJK character takes two)."""
    first = min(max(display_width(name) for name, _ in rows), 26) + 2
    lines = []
    for name, help_text in rows:
        body = wrap(help_text, max(width - first - 2, 20), "")
        if display_width(name) + 2 > first:
            lines.append(f"  {name}")
            body_lines = body
        else:
            pad = " " * (first - display_width(name))
            lines.append(f"  {name}{pad}{body[0] if body else ''}".rstrip())
            body_lines = body[1:]
        lines += [" " * (first + 2) + line for line in body_lines]
    return lines


_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap(paragraph: str, width: int, indent: str) -> list[str]:
    """Lines of at most `width` display cells; Latin words stay whole, CJK text breaks anywhere."""
    lines, line = [], ""
    for token in _pieces(paragraph):
        if line and display_width(line + token.rstrip()) > width:
            lines.append(indent + line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(indent + line.rstrip())
    return lines


def _pieces(paragraph: str) -> list[str]:
    pieces = []
    for token in _TOKEN.findall(" ".join(paragraph.split())):
        if token.isascii():
            pieces.append(token)
        else:  # CJK text has no spaces: each character may end a line
            pieces += list(token)
    return pieces


# -- usage errors ----------------------------------------------------------------------------------


class LocalisedUsageError(click_errors.UsageError):
    """A usage error as we tell it: our message, our usage line, exit code 2."""

    def __init__(self, message: str, ctx: Any = None):
        super().__init__(message, ctx)

    def show(self, file: Any = None) -> None:
        import typer

        typer.echo(f"{text('error.prefix')}: {self.message}", err=True)
        if self.ctx is not None:
            typer.echo(text("help.usage", usage=usage_line(self.ctx.command, self.ctx)), err=True)
            typer.echo(text("usage.try_help", command=self.ctx.command_path), err=True)


def localise(error: Any, ctx: Any = None) -> LocalisedUsageError:
    """Typer's usage error → ours, in its context (or the command's being parsed)."""
    if isinstance(error, LocalisedUsageError):
        return error
    return LocalisedUsageError(usage_message(error), error.ctx or ctx)


def usage_message(error: Any) -> str:
    """The catalog's sentence for one of Click's usage errors."""
    param = getattr(error, "param", None)
    if isinstance(error, click_errors.MissingParameter) and param is not None:
        if param.param_type_name == "argument":
            return text("usage.missing_argument", name=metavar(param))
        return text("usage.missing_option", name=" / ".join(param.opts))
    if isinstance(error, click_errors.NoSuchOption):
        return text(
            "usage.no_such_option",
            option=error.option_name,
            did_you_mean=_did_you_mean(error.possibilities),
        )
    if isinstance(error, click_errors.BadOptionUsage):
        key = "usage.option_no_value" if "does not take" in error.message else "usage.option_value"
        return text(key, option=error.option_name)
    if isinstance(error, click_errors.BadParameter) and param is not None:
        return _bad_parameter(error, param)
    return _other_usage_error(error)


def _bad_parameter(error: Any, param: Any) -> str:
    name = " / ".join(param.opts) if param.param_type_name == "option" else metavar(param)
    if _annotation(param) is int:
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None and high is not None:
            return text("usage.integer_range", name=name, low=low, high=high)
        if low is not None:
            return text("usage.integer_min", name=name, low=low)
        return text("usage.integer", name=name)
    return text("usage.bad_value", name=name)


def _other_usage_error(error: Any) -> str:
    message = error.message
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return text("usage.extra_arguments", arguments=extra.group(1))
    command = re.match(r"No such command '(.*?)'", message)
    if command:
        known = [name for name, _ in _commands(error.ctx.command, error.ctx)] if error.ctx else []
        return text("usage.no_such_command", name=command.group(1), known=join_list(known))
    if message.startswith("Missing command"):
        return text("usage.missing_command")
    return text("usage.other", detail=message)


def _did_you_mean(possibilities: Any) -> str:
    return text("did_you_mean", names=join_list(sorted(possibilities))) if possibilities else ""


# -- --lang anywhere on the line -------------------------------------------------------------------


def take_language(args: list[str]) -> tuple[list[str], str | None]:
    """The arguments without `--lang X` / `--lang=X` (before a `--`), and X."""
    rest, chosen, index = [], None, 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
            index += 2
            continue
        if arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    return rest, chosen
