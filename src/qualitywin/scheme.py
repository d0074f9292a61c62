"""The scoring scheme, loaded from a rules file of literal Python tables.

The file is parsed with `ast` and each table is turned into data with `ast.literal_eval`; it is
never imported or executed. Every problem is reported with the file and line it stands on.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import re
import os
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from qualitywin.decimals import plain_text
from qualitywin.issues import Code, Issue, QualitywinError, os_error_name
from qualitywin.publish_rules import DEFAULT_PUBLISH, Publish, parse_publish, publish_of
from qualitywin.vocabulary import (
    AGGREGATES,
    CATEGORY_KINDS,
    CRITERIA,
    RATING_LEVELS,
    RATING_MEASURES,
    RULE_MODES,
    Aggregate,
    CategoryKind,
    ComputedPer,
    Direction,
    RatingMeasure,
    RuleMode,
)

MODES = RULE_MODES
KINDS = CATEGORY_KINDS
DEFAULT_RULES_NAME = "shangjie_2020.py"
# Tie-break criteria (SCHEME["tie_break"]): vocabulary.CRITERIA; ranking.py holds the function
# of each.


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an input sheet: its Chinese header and the aliases also accepted."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ratings:
    """How a computed rule reads a 好差评 sheet (docs/rules.md, section 7): one row per rating
    (window and `level_column`), or the platform's per-window summary (a count column per
    level). Per window it measures the rate of good ratings in per cent ("rate") or the number
    of 差评 ("bad_count"); rows whose `exclude_column` holds one of `exclude_values` (a 差评
    found invalid on review) count for nothing."""

    level_column: Column
    measure: RatingMeasure
    good: frozenset[int]  # levels 5..1 (vocabulary.RATING_LEVELS)
    bad: frozenset[int]
    exclude_column: Column | None = None
    exclude_values: tuple[str, ...] = ()
    min_ratings: int = 0  # a rate needs at least this many ratings, else it does not apply


@dataclass(frozen=True, slots=True)
class Computed:
    """A rule computed from a numeric sheet (like 2.1 from 请假): per person or per window, the
    values are summed; each `step` beyond `threshold` (above or below it) costs the rule's points."""

    sheet: str
    sheet_aliases: tuple[str, ...]
    per: ComputedPer
    window_column: Column
    person_column: Column | None
    value_columns: tuple[Column, ...]
    direction: Direction
    threshold: Decimal
    step: Decimal
    required: bool = False  # the sheet must be in the workbook (else optional: absent = nothing)
    aggregate: Aggregate = "sum"  # "sum": rows add up; "single": one row per person/window
    ratings: Ratings | None = None  # a 好差评 sheet of ratings instead of value columns


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    points: Decimal
    mode: RuleMode
    text: str
    label: str = ""
    unit: str = ""
    replaces: str | None = None
    referral: bool = False
    computed: Computed | None = None
    veto: bool = False  # a counted row bars the window from 入选 (一票否决)
    evidence: bool = False  # a row must name 当事人 or 说明 (the evidence)
    cap: Decimal | None = None  # at most this many points a window a month from this rule

    @property
    def short(self) -> str:
        return self.label or self.text


@dataclass(frozen=True, slots=True)
class Category:
    """A deduction category starts full and loses points (扣完为止); a bonus category starts at 0
    and gains points up to its own (加分封顶)."""

    name: str
    points: Decimal
    kind: CategoryKind = "deduction"

    @property
    def is_bonus(self) -> bool:
        return self.kind == "bonus"


@dataclass(frozen=True, slots=True)
class Session:
    """A working session of the day (上午 08:30–12:00), in minutes after midnight. A session with
    a season (MM-DD to MM-DD, inclusive) replaces the session of the same name on those days."""

    name: str
    start: int
    end: int
    season: tuple[str, str] | None = None

    def in_season(self, day: dt.date) -> bool:
        if self.season is None:
            return True
        low, high = self.season
        md = day.strftime("%m-%d")
        return low <= md <= high if low <= high else (md >= low or md <= high)


@dataclass(frozen=True, slots=True)
class Attendance:
    """The ATTENDANCE table: working hours and which rule each clock finding costs."""

    sessions: tuple[Session, ...]
    late_rule: str
    absent_rule: str
    missing_punch_rule: str
    grace_minutes: int = 0
    absent_after_minutes: int | None = None
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()

    @property
    def session_names(self) -> list[str]:
        return list(dict.fromkeys(s.name for s in self.sessions))

    def sessions_on(self, day: dt.date) -> list[Session]:
        """The day's sessions in order: per name, the first seasonal variant in season, else the
        one without a season."""
        chosen = []
        for name in self.session_names:
            variants = [s for s in self.sessions if s.name == name]
            seasonal = [s for s in variants if s.season is not None and s.in_season(day)]
            plain = [s for s in variants if s.season is None]
            chosen.extend((seasonal or plain)[:1])
        return sorted(chosen, key=lambda s: s.start)


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    source: str
    center: str
    note: str
    path: str
    winners: int
    categories: tuple[Category, ...]
    rules: tuple[Rule, ...]
    roster: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)
    min_total: Decimal | None = None  # a window below it cannot be 入选
    tie_break: tuple[str, ...] = ()  # criteria names, in order (see CRITERIA)
    publish: Publish = publish_of(DEFAULT_PUBLISH)  # the wording of what the office publishes
    warnings: tuple[Issue, ...] = ()  # what `rules check` reports as warnings
    text: str = ""  # the rules file's own source text: a result workbook carries it
    attendance: Attendance | None = None  # the ATTENDANCE table (clock exports), if any

    @property
    def max_score(self) -> Decimal:
        """The sum of every category's points, a bonus category's cap included."""
        return sum((c.points for c in self.categories), Decimal(0))

    @property
    def bonus_categories(self) -> list[Category]:
        return [c for c in self.categories if c.is_bonus]

    def category(self, name: str) -> Category:
        return next(c for c in self.categories if c.name == name)

    def veto_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.veto]

    def features(self) -> list[str]:
        """The optional features this scheme uses (named in 说明 and the docs)."""
        used = []
        if self.bonus_categories:
            used.append("bonus")
        if self.veto_rules():
            used.append("veto")
        if self.min_total is not None:
            used.append("min_total")
        if self.tie_break:
            used.append("tie_break")
        if any(r.cap is not None for r in self.rules):
            used.append("cap")
        if any(r.evidence for r in self.rules):
            used.append("evidence")
        if self.publish != publish_of(DEFAULT_PUBLISH):
            used.append("publish")
        return used

    def rule(self, rule_id: str) -> Rule:
        return self._rules_by_id()[rule_id]

    def _rules_by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def computed_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.mode == "computed"]

    def replaced_pairs(self, incidents: Iterable[Any]) -> dict[tuple[str, str], str]:
        """(window, replaced rule) → the rule replacing it (1.1a → 1.1b), for each window with
        a counted row of the replacing rule. `incidents` are model.Incident rows."""
        replacing = {r.id: r.replaces for r in self.rules if r.replaces}
        pairs = {}
        for incident in incidents:
            replaced = replacing.get(incident.rule_id)
            if replaced and not incident.withdrawn:
                pairs[(incident.window, replaced)] = incident.rule_id
        return pairs

    def window_lookup(self) -> dict[str, str]:
        """Normalised roster names and aliases → roster name."""
        lookup = {normalise_text(w): w for w in self.roster}
        lookup.update({normalise_text(a): w for a, w in self.aliases.items()})
        return lookup


def normalise_text(value: str) -> str:
    """NFKC + trim: full-width letters, digits and parentheses become ASCII."""
    return unicodedata.normalize("NFKC", value).strip()


def default_rules_path() -> Path:
    """The rules file shipped in the wheel, or `rules/` of a source checkout."""
    shipped = resources.files("qualitywin") / "rules" / DEFAULT_RULES_NAME
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "rules" / DEFAULT_RULES_NAME


def load_scheme(path: str | os.PathLike[str] | None = None) -> Scheme:
    """Read and check a rules file. Raises QualitywinError listing every problem with its line."""
    report = check_rules(path)
    if report.errors or report.scheme is None:
        raise QualitywinError(report.errors)
    return report.scheme


@dataclass
class RulesReport:
    """What `qualitywin rules check` shows: the scheme (when it loads), errors and warnings."""

    path: str
    scheme: Scheme | None
    errors: list[Issue]
    warnings: list[Issue]


def check_rules(path: str | os.PathLike[str] | None = None) -> RulesReport:
    """Every problem of a rules file, each with its line. Raises only when it cannot be read."""
    path = Path(path) if path is not None else default_rules_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QualitywinError.of(
            Code.RULES_FILE, file=str(path), reason=os_error_name(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise QualitywinError.of(
            Code.RULES_FILE, file=str(path), reason="not-utf8", position=exc.start + 1
        ) from exc
    return check_rules_text(text, str(path))


def check_rules_text(text: str, source: str) -> RulesReport:
    """`check_rules` on a rules file's text (a result workbook keeps it); `source` names it."""
    tables, problems = _literal_tables(text, source)
    if problems:
        return RulesReport(source, None, problems, [])
    builder = _SchemeBuilder(tables, source)
    scheme = builder.build()
    ordered = sorted(builder.problems, key=lambda i: i.row or 0)
    errors = [i for i in ordered if not i.is_warning]
    warnings = [i for i in ordered if i.is_warning]
    if scheme is not None:
        scheme = replace(scheme, warnings=tuple(warnings), text=text)
    return RulesReport(source, None if errors else scheme, errors, warnings)


# -- parsing: literal tables with their line numbers ----------------------------------------------


@dataclass
class _Table:
    value: Any
    line: int
    item_lines: list[int]  # for a list: the line of each element; for a dict: of each value
    node: ast.expr | None = None  # where nested keys and elements are found (their lines)


def _literal_tables(text: str, source: str) -> tuple[dict[str, _Table], list[Issue]]:
    try:
        module = ast.parse(text, filename=source)
    except SyntaxError as exc:
        issue = Issue(
            Code.RULES_SYNTAX, row=exc.lineno, source=source, params=syntax_reason(exc.msg or "")
        )
        return {}, [issue]
    tables: dict[str, _Table] = {}
    problems: list[Issue] = []
    for node in module.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        target = _assigned_name(node)
        if target is None:
            problems.append(Issue(Code.RULES_NOT_DATA, row=node.lineno, source=source))
            continue
        assert isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            problems.append(
                Issue(Code.RULES_NOT_DATA, row=node.lineno, source=source, params={"name": target})
            )
            continue
        tables[target] = _Table(value, node.lineno, _item_lines(node.value), node.value)
    return tables, problems


# Python's syntax messages → a reason the catalog words (`reason.<kind>`) and its parameters
_SYNTAX_REASONS = (
    (re.compile(r"'(?P<bracket>.)' was never closed"), "never-closed"),
    (re.compile(r"unmatched '(?P<bracket>.)'"), "unmatched"),
    (
        re.compile(
            r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis "
            r"'(?P<opening>.)'"
        ),
        "mismatched",
    ),
    (re.compile(r"unterminated (triple-quoted )?string literal"), "unterminated-string"),
    (re.compile(r"[Pp]erhaps you forgot a comma"), "missing-comma"),
    (re.compile(r"^invalid syntax$"), "invalid-syntax"),
    (re.compile(r"unexpected indent|unindent does not match|expected an indented block"), "indent"),
    (
        re.compile(r"invalid (non-printable )?character '?(?P<character>[^' ]+)'?"),
        "invalid-character",
    ),
)


def syntax_reason(message: str) -> dict[str, str]:
    """A SyntaxError's message as the rules-syntax issue's parameters (its kind, the bracket);
    a message we do not know is kept as Python's detail."""
    for pattern, kind in _SYNTAX_REASONS:
        found = pattern.search(message)
        if found:
            return {"reason": kind, **{k: v for k, v in found.groupdict().items() if v}}
    return {"reason": "syntax", "detail": message}


def _assigned_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        return node.target.id
    return None


def _item_lines(node: ast.expr) -> list[int]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [element.lineno for element in node.elts]
    if isinstance(node, ast.Dict):
        return [value.lineno for value in node.values]
    return []


# -- building and checking the scheme -------------------------------------------------------------

TABLES = ("SCHEME", "CATEGORIES", "RULES", "ROSTER", "ALIASES", "ATTENDANCE", "PUBLISH")
SCHEME_KEYS = {"name", "source", "center", "winners", "note", "min_total", "tie_break"}
CATEGORY_KEYS = {"name", "points", "kind"}
RULE_KEYS = {
    "id",
    "label",
    "category",
    "points",
    "mode",
    "unit",
    "text",
    "replaces",
    "referral",
    "computed",
    "veto",
    "evidence",
    "cap",
}
COMPUTED_KEYS = {
    "sheet",
    "sheet_aliases",
    "per",
    "window_column",
    "person_column",
    "value_columns",
    "direction",
    "threshold",
    "step",
    "required",
    "aggregate",
    "ratings",
}
RATINGS_KEYS = {
    "level_column",
    "measure",
    "good",
    "bad",
    "exclude_column",
    "exclude_values",
    "min_ratings",
}
COLUMN_KEYS = {"name", "aliases"}
ATTENDANCE_KEYS = {
    "sessions",
    "grace_minutes",
    "late_rule",
    "absent_rule",
    "absent_after_minutes",
    "missing_punch_rule",
    "holidays",
    "workdays",
}
SESSION_KEYS = {"name", "start", "end", "from", "to"}
WHOLE_DAY = "全天"  # 考勤例外's 时段 for both sessions; no session may be called so


def _key_lines(node: ast.expr | None) -> dict[str, int]:
    """A dict literal's keys → the line each key stands on."""
    if not isinstance(node, ast.Dict):
        return {}
    return {
        k.value: k.lineno
        for k in node.keys
        if isinstance(k, ast.Constant) and isinstance(k.value, str)
    }


def _value_node(node: ast.expr | None, key: str) -> ast.expr | None:
    if isinstance(node, ast.Dict):
        for k, value in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and k.value == key:
                return value
    return None


def _elements(node: ast.expr | None, count: int) -> list[ast.expr | None]:
    if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == count:
        return list(node.elts)
    return [None] * count


class _SchemeBuilder:
    """Turns the literal tables into a Scheme, collecting every problem (errors and warnings)."""

    def __init__(self, tables: dict[str, _Table], source: str):
        self.tables = tables
        self.source = source
        self.problems: list[Issue] = []
        self.broken_categories: set[str] = set()  # named, but unusable: their rules say nothing

    def problem(self, code: Code, line: int | None, **params: Any) -> None:
        self.problems.append(Issue(code, row=line, source=self.source, params=params))

    def not_one_of(self, line: int | None, key: str, choices: Iterable[str]) -> None:
        """A key whose value is none of the values it may take."""
        self.problem(Code.RULES_BAD_VALUE, line, key=key, expected="one_of", choices=list(choices))

    @property
    def has_errors(self) -> bool:
        return any(not p.is_warning for p in self.problems)

    def build(self) -> Scheme | None:
        for name, table in self.tables.items():
            if name not in TABLES:
                self.problem(
                    Code.RULES_UNKNOWN_KEY,
                    table.line,
                    key=name,
                    where=Path(self.source).name,
                    known=list(TABLES),
                    suggestions=difflib.get_close_matches(name, TABLES, n=2),
                )
        missing = [n for n in ("SCHEME", "CATEGORIES", "RULES", "ROSTER") if n not in self.tables]
        for name in missing:
            self.problem(Code.RULES_MISSING_TABLE, None, table=name)
        if missing:
            return None
        head = self._scheme_table()
        categories = self._categories()
        rules = self._rules(categories)
        roster = self._roster()
        aliases = self._aliases(set(roster))
        min_total = self._min_total(head, categories)
        tie_break = self._tie_break(categories)
        publish = self._publish()
        attendance = _AttendanceBuilder(self, rules).build()
        self._warn_about_reach(categories, rules)
        if self.has_errors:
            return None
        return Scheme(
            name=head.get("name", ""),
            source=head.get("source", ""),
            center=head.get("center", ""),
            note=head.get("note", ""),
            path=self.source,
            winners=head.get("winners", 5),
            categories=tuple(categories),
            rules=tuple(rules),
            roster=tuple(roster),
            aliases=aliases,
            min_total=min_total,
            tie_break=tie_break,
            publish=publish,
            attendance=attendance,
        )

    def _table(self, name: str, kind: type) -> _Table | None:
        table = self.tables[name]
        if not isinstance(table.value, kind):
            self.problem(Code.RULES_BAD_VALUE, table.line, key=name, expected=kind.__name__)
            return None
        return table

    def _check_keys(
        self, entry: dict, allowed: set[str], line: int, where: str, node: ast.expr | None = None
    ) -> None:
        """Unknown keys, each reported on the line the key itself stands on."""
        lines = _key_lines(node)
        for key in entry:
            if key not in allowed:
                self.problem(
                    Code.RULES_UNKNOWN_KEY,
                    lines.get(key, line),
                    key=key,
                    where=where,
                    known=sorted(allowed),
                    suggestions=difflib.get_close_matches(str(key), sorted(allowed), n=2),
                )

    def _flag(self, entry: dict, key: str, line: int, what: str) -> bool:
        value = entry.get(key, False)
        if not isinstance(value, bool):
            self.problem(Code.RULES_BAD_VALUE, line, key=f"{what}.{key}", expected="bool")
            return False
        return value

    def _number(self, value: Any, line: int | None, key: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(Code.RULES_BAD_VALUE, line, key=key, expected="number")
            return None
        return Decimal(str(value))

    # -- SCHEME ---------------------------------------------------------------------------------

    def _scheme_table(self) -> dict:
        table = self._table("SCHEME", dict)
        if table is None:
            return {}
        self.scheme_lines = _key_lines(table.node)
        self.scheme_node = table.node
        self._check_keys(table.value, SCHEME_KEYS, table.line, "SCHEME", table.node)
        winners = table.value.get("winners", 5)
        if not isinstance(winners, int) or isinstance(winners, bool) or winners < 1:
            self.problem(
                Code.RULES_BAD_VALUE,
                self.scheme_lines.get("winners", table.line),
                key="winners",
                expected="at_least_1",
            )
        return table.value

    def _min_total(self, head: dict, categories: list[Category]) -> Decimal | None:
        if "min_total" not in head:
            return None
        line = self.scheme_lines.get("min_total")
        value = self._number(head["min_total"], line, "min_total")
        top = sum((c.points for c in categories), Decimal(0))
        if self.broken_categories:  # the maximum is not known: no range to hold it to
            return value
        if value is not None and not 0 <= value <= top:
            self.problem(
                Code.RULES_BAD_VALUE, line, key="min_total", expected="range", high=plain_text(top)
            )
        return value

    def _tie_break(self, categories: list[Category]) -> tuple[str, ...]:
        head = self.tables["SCHEME"].value
        if not isinstance(head, dict) or "tie_break" not in head:
            return ()
        value = head["tie_break"]
        line = self.scheme_lines.get("tie_break")
        if not isinstance(value, (list, tuple)):
            self.problem(Code.RULES_BAD_VALUE, line, key="tie_break", expected="list")
            return ()
        lost = [f"fewer_lost:{c.name}" for c in categories if not c.is_bonus]
        known = [c for c in CRITERIA if not c.endswith(":")] + lost
        nodes = _elements(_value_node(self.scheme_node, "tie_break"), len(value))
        criteria = []
        for criterion, node in zip(value, nodes):
            name = _criterion_name(criterion)
            if name not in known:
                self.problem(
                    Code.RULES_UNKNOWN_CRITERION,
                    node.lineno if node else line,
                    criterion=criterion,
                    known=list(known),
                )
            criteria.append(name)
        return tuple(criteria)

    # -- CATEGORIES -----------------------------------------------------------------------------

    def _categories(self) -> list[Category]:
        table = self._table("CATEGORIES", list)
        if table is None:
            return []
        categories: list[Category] = []
        nodes = _elements(table.node, len(table.value))
        for entry, line, node in zip(table.value, table.item_lines, nodes):
            if not self._is_entry(
                entry, line, "CATEGORIES", ("name", "points"), CATEGORY_KEYS, node
            ):
                if isinstance(entry, dict) and "name" in entry:  # its rules are not "unknown"
                    self.broken_categories.add(str(entry["name"]))
                continue
            name = str(entry["name"])
            if any(c.name == name for c in categories):
                self.problem(
                    Code.RULES_BAD_VALUE, line, key=name, expected="once_in", table="CATEGORIES"
                )
            kind = entry.get("kind", "deduction")
            if kind not in KINDS:
                self.problem(
                    Code.RULES_BAD_VALUE,
                    line,
                    key=f"{name}.kind",
                    expected="one_of",
                    choices=list(KINDS),
                )
            points = self._points(entry["points"], line, name)
            categories.append(Category(name, points, kind if kind in KINDS else "deduction"))
        return categories

    def _is_entry(
        self,
        entry: Any,
        line: int,
        where: str,
        required: tuple[str, ...],
        allowed: set[str],
        node: ast.expr | None,
    ) -> bool:
        """An entry is a dict with every required key. Its unknown keys are reported here; a
        required key missing beside an unknown one like it (`pionts`) is that misspelling, said
        once with "did you mean", not a second time as missing."""
        if not isinstance(entry, dict):
            self.problem(Code.RULES_BAD_VALUE, line, key=where, expected="dict")
            return False
        self._check_keys(entry, allowed, line, where, node)
        unknown = [str(key) for key in entry if key not in allowed]
        missing = [key for key in required if key not in entry]
        for key in missing:
            if not difflib.get_close_matches(key, unknown, n=1):
                self.problem(Code.RULES_MISSING_KEY, line, key=key, where=where)
        return not missing

    def _points(self, value: Any, line: int, what: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.problem(Code.RULES_BAD_POINTS, line, what=what, value=value)
            return Decimal(0)
        return Decimal(str(value))

    # -- RULES ----------------------------------------------------------------------------------

    def _rules(self, categories: list[Category]) -> list[Rule]:
        table = self._table("RULES", list)
        if table is None:
            return []
        by_name = {c.name: c for c in categories}
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        replaces_lines: list[int] = []
        nodes = _elements(table.node, len(table.value))
        for entry, line, node in zip(table.value, table.item_lines, nodes):
            if not self._is_entry(
                entry, line, "RULES", ("id", "category", "points", "mode"), RULE_KEYS, node
            ):
                if isinstance(entry, dict) and "id" in entry:  # a replaces naming it is fine
                    seen.setdefault(normalise_rule_id(str(entry["id"])), line)
                continue
            lines = _key_lines(node)
            rule_id = normalise_rule_id(str(entry["id"]))
            if rule_id in seen:
                self.problem(Code.RULES_DUPLICATE_ID, line, id=rule_id, first=seen[rule_id])
            seen.setdefault(rule_id, line)
            category = by_name.get(entry["category"])
            if category is None and entry["category"] not in self.broken_categories:
                self.problem(
                    Code.RULES_UNKNOWN_CATEGORY,
                    line,
                    id=rule_id,
                    category=entry["category"],
                    known=list(by_name),
                )
            if entry["mode"] not in MODES:
                self.problem(
                    Code.RULES_UNKNOWN_MODE, line, id=rule_id, mode=entry["mode"], known=list(MODES)
                )
            computed = None
            if entry["mode"] == "computed":
                computed = self._computed(
                    entry.get("computed"),
                    lines.get("computed", line),
                    rule_id,
                    _value_node(node, "computed"),
                )
            elif "computed" in entry:
                self.problem(
                    Code.RULES_BAD_VALUE,
                    lines.get("computed", line),
                    key=f"{rule_id}.computed",
                    expected="only_computed",
                )
            rule = Rule(
                id=rule_id,
                category=entry["category"],
                points=self._points(entry["points"], line, rule_id),
                mode=entry["mode"],
                text=str(entry.get("text", "")),
                label=str(entry.get("label", "")),
                unit=str(entry.get("unit", "")),
                replaces=entry.get("replaces"),
                referral=self._flag(entry, "referral", lines.get("referral", line), rule_id),
                computed=computed,
                veto=self._flag(entry, "veto", lines.get("veto", line), rule_id),
                evidence=self._flag(entry, "evidence", lines.get("evidence", line), rule_id),
                cap=(
                    self._points(entry["cap"], lines.get("cap", line), f"{rule_id}.cap")
                    if "cap" in entry
                    else None
                ),
            )
            self._check_rule_fits(rule, category, lines, line)
            rules.append(rule)
            replaces_lines.append(lines.get("replaces", line))
        for rule, line in zip(rules, replaces_lines):
            if rule.replaces is not None and normalise_rule_id(str(rule.replaces)) not in seen:
                self.problem(
                    Code.RULES_UNKNOWN_RULE,
                    line,
                    id=rule.replaces,
                    key="replaces",
                    suggestions=difflib.get_close_matches(str(rule.replaces), list(seen), n=3),
                )
        return rules

    def _check_rule_fits(
        self, rule: Rule, category: Category | None, lines: dict[str, int], line: int
    ) -> None:
        """A veto makes no sense on a bonus; evidence needs a row of 扣分记录."""
        if rule.veto and category is not None and category.is_bonus:
            self.problem(
                Code.RULES_BAD_VALUE,
                lines.get("veto", line),
                key=f"{rule.id}.veto",
                expected="deduction_rule",
            )
        if rule.evidence and rule.mode == "computed":
            self.problem(
                Code.RULES_BAD_VALUE,
                lines.get("evidence", line),
                key=f"{rule.id}.evidence",
                expected="recorded_rule",
            )

    def _computed(
        self, spec: Any, line: int, rule_id: str, node: ast.expr | None
    ) -> Computed | None:
        if isinstance(spec, dict) and "ratings" in spec:
            return self._ratings_rule(spec, line, rule_id, node)
        required = ("sheet", "window_column", "value_columns", "threshold", "step")
        if not isinstance(spec, dict):
            self.problem(Code.RULES_BAD_VALUE, line, key=f"{rule_id}.computed", expected="dict")
            return None
        if not self._is_entry(spec, line, f"{rule_id}.computed", required, COMPUTED_KEYS, node):
            return None
        lines = _key_lines(node)
        per = spec.get("per", "person")
        direction = spec.get("direction", "above")
        aggregate = spec.get("aggregate", "sum")
        if per not in ("person", "window"):
            self.not_one_of(lines.get("per", line), "per", ["person", "window"])
        if direction not in ("above", "below"):
            self.not_one_of(lines.get("direction", line), "direction", ["above", "below"])
        if aggregate not in AGGREGATES:
            self.not_one_of(lines.get("aggregate", line), "aggregate", list(AGGREGATES))
        if per == "person" and "person_column" not in spec:
            self.problem(
                Code.RULES_MISSING_KEY, line, key="person_column", where=f"{rule_id}.computed"
            )
        threshold = self._number(spec["threshold"], lines.get("threshold", line), "threshold")
        step = self._number(spec["step"], lines.get("step", line), "step")
        if step is not None and step <= 0:
            self.problem(
                Code.RULES_BAD_VALUE, lines.get("step", line), key="step", expected="positive"
            )
        columns = spec["value_columns"]
        if not isinstance(columns, (list, tuple)) or not columns:
            self.problem(
                Code.RULES_BAD_VALUE,
                lines.get("value_columns", line),
                key="value_columns",
                expected="columns",
            )
            columns = []
        column_specs = {"window_column": [spec["window_column"]], "value_columns": list(columns)}
        if "person_column" in spec:
            column_specs["person_column"] = [spec["person_column"]]
        for key, specs in column_specs.items():
            for column in specs:
                if not _is_column(column):
                    self.problem(
                        Code.RULES_BAD_VALUE, lines.get(key, line), key=key, expected="column"
                    )
                elif isinstance(column, dict):
                    self._check_keys(column, COLUMN_KEYS, lines.get(key, line), key)
        required_flag = self._flag(spec, "required", lines.get("required", line), "computed")
        if self.has_errors or threshold is None or step is None:
            return None
        return Computed(
            sheet=str(spec["sheet"]),
            sheet_aliases=tuple(spec.get("sheet_aliases", ())),
            per=per,
            window_column=_column(spec["window_column"]),
            person_column=_column(spec["person_column"]) if "person_column" in spec else None,
            value_columns=tuple(_column(c) for c in columns),
            direction=direction,
            threshold=threshold,
            step=step,
            required=required_flag,
            aggregate=aggregate,
        )

    def _ratings_rule(
        self, spec: dict, line: int, rule_id: str, node: ast.expr | None
    ) -> Computed | None:
        """A computed rule over a 好差评 sheet: per window, a rate or a count of 差评."""
        allowed = COMPUTED_KEYS - {"value_columns", "person_column", "aggregate"}
        if not self._is_entry(
            spec,
            line,
            f"{rule_id}.computed",
            ("sheet", "window_column", "threshold", "step"),
            allowed,
            node,
        ):
            return None
        lines = _key_lines(node)
        if spec.get("per", "window") != "window":
            self.not_one_of(lines.get("per", line), "per", ["window"])
        direction = spec.get("direction", "above")
        if direction not in ("above", "below"):
            self.not_one_of(lines.get("direction", line), "direction", ["above", "below"])
        threshold = self._number(spec["threshold"], lines.get("threshold", line), "threshold")
        step = self._number(spec["step"], lines.get("step", line), "step")
        if step is not None and step <= 0:
            self.problem(
                Code.RULES_BAD_VALUE, lines.get("step", line), key="step", expected="positive"
            )
        self._column_spec(spec["window_column"], lines.get("window_column", line), "window_column")
        ratings = self._ratings(
            spec["ratings"], lines.get("ratings", line), _value_node(node, "ratings")
        )
        required_flag = self._flag(spec, "required", lines.get("required", line), "computed")
        if self.has_errors or ratings is None or threshold is None or step is None:
            return None
        return Computed(
            sheet=str(spec["sheet"]),
            sheet_aliases=tuple(spec.get("sheet_aliases", ())),
            per="window",
            window_column=_column(spec["window_column"]),
            person_column=None,
            value_columns=(),
            direction=direction,
            threshold=threshold,
            step=step,
            required=required_flag,
            ratings=ratings,
        )

    def _ratings(self, spec: Any, line: int, node: ast.expr | None) -> Ratings | None:
        if not self._is_entry(
            spec, line, "ratings", ("level_column", "measure"), RATINGS_KEYS, node
        ):
            return None
        lines = _key_lines(node)
        measure = spec["measure"]
        if measure not in RATING_MEASURES:
            self.not_one_of(lines.get("measure", line), "ratings.measure", list(RATING_MEASURES))
        good = self._levels(spec.get("good", ["非常满意", "满意"]), lines.get("good", line), "good")
        bad = self._levels(spec.get("bad", ["不满意", "非常不满意"]), lines.get("bad", line), "bad")
        if good & bad:
            self.problem(
                Code.RULES_BAD_VALUE, lines.get("bad", line), key="ratings.bad", expected="not_good"
            )
        minimum = spec.get("min_ratings", 0)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
            self.problem(
                Code.RULES_BAD_VALUE,
                lines.get("min_ratings", line),
                key="ratings.min_ratings",
                expected="count_0",
            )
        values = spec.get("exclude_values", ["是", "无效", "无效差评"])
        if not isinstance(values, (list, tuple)) or not all(isinstance(x, str) for x in values):
            self.problem(
                Code.RULES_BAD_VALUE,
                lines.get("exclude_values", line),
                key="ratings.exclude_values",
                expected="texts",
            )
            values = []
        for key in ("level_column", "exclude_column"):
            if key in spec:
                self._column_spec(spec[key], lines.get(key, line), f"ratings.{key}")
        if self.has_errors:
            return None
        return Ratings(
            level_column=_column(spec["level_column"]),
            measure=measure,
            good=good,
            bad=bad,
            exclude_column=(_column(spec["exclude_column"]) if "exclude_column" in spec else None),
            exclude_values=tuple(normalise_text(x) for x in values),
            min_ratings=minimum,
        )

    def _levels(self, value: Any, line: int, key: str) -> frozenset[int]:
        """Level names or numbers 5–1 → the levels (5 = 非常满意)."""
        names = {n: level for level, known in RATING_LEVELS.items() for n in known}
        items = value if isinstance(value, (list, tuple)) else [None]
        levels = set()
        for item in items:
            level = (
                item
                if isinstance(item, int) and not isinstance(item, bool)
                else names.get(normalise_text(item) if isinstance(item, str) else "")
            )
            if level not in RATING_LEVELS:
                self.problem(Code.RULES_BAD_VALUE, line, key=f"ratings.{key}", expected="levels")
                return frozenset()
            levels.add(level)
        return frozenset(levels)

    def _column_spec(self, column: Any, line: int, key: str) -> None:
        if not _is_column(column):
            self.problem(Code.RULES_BAD_VALUE, line, key=key, expected="column")
        elif isinstance(column, dict):
            self._check_keys(column, COLUMN_KEYS, line, key)

    # -- warnings: rules that cannot be taken at their word ------------------------------------

    def _warn_about_reach(self, categories: list[Category], rules: list[Rule]) -> None:
        """One row (or a rule's cap) worth more than its category: the category stops first.
        A category no rule can touch: every window has the same score in it."""
        if self.has_errors:
            return
        lines = dict(zip((r.id for r in rules), self.tables["RULES"].item_lines))
        for rule in rules:
            category = next(c for c in categories if c.name == rule.category)
            if rule.mode != "computed" and rule.points > category.points:
                self.problem(
                    Code.RULES_NO_FLOOR,
                    lines.get(rule.id),
                    id=rule.id,
                    rule_points=plain_text(rule.points),
                    category=category.name,
                    points=plain_text(category.points),
                )
        used = {r.category for r in rules}
        categories_line = self.tables["CATEGORIES"].item_lines
        for category, line in zip(categories, categories_line):
            if category.name not in used:
                self.problem(
                    Code.RULES_CATEGORY_UNUSED,
                    line,
                    category=category.name,
                    score=plain_text(Decimal(0) if category.is_bonus else category.points),
                )

    # -- PUBLISH (publish_rules.py) ---------------------------------------------------------------

    def _publish(self) -> Publish:
        table = self.tables.get("PUBLISH")
        if table is None:
            return publish_of(DEFAULT_PUBLISH)
        body = _value_node(table.node, "body")
        body_lines = _item_lines(body) if body is not None else []
        return parse_publish(
            table.value, table.line, _key_lines(table.node), body_lines, self.problem
        )

    # -- ROSTER and ALIASES ---------------------------------------------------------------------

    def _roster(self) -> list[str]:
        table = self._table("ROSTER", list)
        if table is None:
            return []
        if not table.value:
            self.problem(Code.RULES_EMPTY_ROSTER, table.line)
        roster = [normalise_text(str(w)) for w in table.value]
        seen: set[str] = set()
        for window, line in zip(roster, table.item_lines):
            if window in seen:
                self.problem(
                    Code.RULES_BAD_VALUE, line, key=window, expected="once_in", table="ROSTER"
                )
            seen.add(window)
        return roster

    def _aliases(self, roster: set[str]) -> dict[str, str]:
        if "ALIASES" not in self.tables or not roster:
            return {}
        table = self._table("ALIASES", dict)
        if table is None:
            return {}
        aliases = {}
        for (alias, window), line in zip(table.value.items(), table.item_lines):
            window = normalise_text(str(window))
            if window not in roster:
                self.problem(Code.RULES_BAD_VALUE, line, key=alias, expected="roster_window")
            aliases[str(alias)] = window
        return aliases


# -- ATTENDANCE: working hours for the clock exports -----------------------------------------------

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _AttendanceBuilder:
    """Checks the optional ATTENDANCE table, reporting through the scheme builder."""

    def __init__(self, builder: "_SchemeBuilder", rules: list[Rule]):
        self.builder = builder
        self.rule_ids = [r.id for r in rules if r.mode != "computed"]

    def problem(self, code: Code, line: int | None, **params: Any) -> None:
        self.builder.problem(code, line, **params)

    def build(self) -> Attendance | None:
        if "ATTENDANCE" not in self.builder.tables:
            return None
        table = self.builder._table("ATTENDANCE", dict)
        if table is None:
            return None
        entry, node = table.value, table.node
        self.lines = _key_lines(node)
        self.line = table.line
        self.builder._check_keys(entry, ATTENDANCE_KEYS, table.line, "ATTENDANCE", node)
        for key in ("sessions", "late_rule", "absent_rule"):
            if key not in entry:
                self.problem(Code.RULES_MISSING_KEY, table.line, key=key, where="ATTENDANCE")
        sessions = self._sessions(entry.get("sessions", []), _value_node(node, "sessions"))
        late = self._rule(entry, "late_rule")
        absent = self._rule(entry, "absent_rule")
        missing = (
            self._rule(entry, "missing_punch_rule") if "missing_punch_rule" in entry else absent
        )
        grace = self._minutes(entry, "grace_minutes", 0)
        after = self._minutes(entry, "absent_after_minutes", None)
        if after is not None and grace is not None and after < grace:
            self.problem(
                Code.RULES_BAD_VALUE,
                self.lines.get("absent_after_minutes", self.line),
                key="ATTENDANCE.absent_after_minutes",
                expected="not_below",
                limit=f"grace_minutes ({grace})",
            )
        holidays = self._dates(entry, "holidays")
        workdays = self._dates(entry, "workdays")
        for day in sorted(holidays & workdays):
            self.problem(
                Code.RULES_BAD_VALUE,
                self.lines.get("workdays", self.line),
                key=day.isoformat(),
                expected="one_list",
            )
        if self.builder.has_errors or not sessions:
            return None
        return Attendance(
            tuple(sessions),
            late,
            absent,
            missing,
            grace or 0,
            after,
            frozenset(holidays),
            frozenset(workdays),
        )

    def _sessions(self, value: Any, node: ast.expr | None) -> list[Session]:
        line = self.lines.get("sessions", self.line)
        if not isinstance(value, (list, tuple)) or not value:
            self.problem(Code.RULES_BAD_VALUE, line, key="ATTENDANCE.sessions", expected="sessions")
            return []
        sessions = []
        nodes = _elements(node, len(value))
        for entry, element in zip(value, nodes):
            at = element.lineno if element is not None else line
            if not self.builder._is_entry(
                entry, at, "sessions", ("name", "start", "end"), SESSION_KEYS, element
            ):
                continue
            session = self._session(entry, at)
            if session is not None:
                sessions.append(session)
        if len(sessions) == len(value):
            self._check_day_layout(sessions, line)
        return sessions

    def _session(self, entry: dict, line: int) -> Session | None:
        name = normalise_text(str(entry["name"]))
        if name == WHOLE_DAY or not name:
            self.problem(
                Code.RULES_BAD_VALUE,
                line,
                key="sessions.name",
                expected="not_named",
                excluded=WHOLE_DAY,
            )
        start, end = self._clock(entry["start"], line), self._clock(entry["end"], line)
        if start is not None and end is not None and start >= end:
            self.problem(
                Code.RULES_BAD_VALUE,
                line,
                key=f"{name}.end",
                expected="later_than",
                start_time=entry["start"],
            )
        season = None
        if "from" in entry or "to" in entry:
            low, high = entry.get("from"), entry.get("to")
            if not all(isinstance(x, str) and _MONTH_DAY.match(x) for x in (low, high)):
                self.problem(
                    Code.RULES_BAD_VALUE, line, key=f"{name}.from/to", expected="both_dates"
                )
            else:
                season = (str(low), str(high))
        if start is None or end is None:
            return None
        return Session(name, start, end, season)

    def _clock(self, value: Any, line: int) -> int | None:
        match = _CLOCK.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            self.problem(Code.RULES_BAD_VALUE, line, key=str(value), expected="time")
            return None
        return int(match.group(1)) * 60 + int(match.group(2))

    def _check_day_layout(self, sessions: list[Session], line: int) -> None:
        """Every name has a session for the days outside its seasons, and on every day the
        sessions follow each other without overlapping."""
        probe = Attendance(tuple(sessions), "", "", "")
        for name in probe.session_names:
            if not any(s.name == name and s.season is None for s in sessions):
                self.problem(
                    Code.RULES_BAD_VALUE, line, key=f"sessions {name}", expected="one_default"
                )
                return
        edges = {s.season[0] for s in sessions if s.season} | {"01-01"}
        edges |= {_day_after(s.season[1]) for s in sessions if s.season}
        for edge in sorted(edges):
            day = dt.date(2020, int(edge[:2]), int(edge[3:]))  # a leap year: 02-29 exists
            today = probe.sessions_on(day)
            for before, after in zip(today, today[1:]):
                if before.end > after.start:
                    self.problem(
                        Code.RULES_BAD_VALUE,
                        line,
                        key=f"sessions {after.name}",
                        expected="after_session",
                        session=before.name,
                        edge=edge,
                    )
                    return

    def _rule(self, entry: dict, key: str) -> str:
        value = entry.get(key)
        rule_id = normalise_rule_id(str(value)) if value is not None else ""
        if value is not None and rule_id not in self.rule_ids:
            self.problem(
                Code.RULES_UNKNOWN_RULE,
                self.lines.get(key, self.line),
                id=value,
                key=f"ATTENDANCE.{key}",
                suggestions=difflib.get_close_matches(rule_id, self.rule_ids, n=3),
            )
        return rule_id

    def _minutes(self, entry: dict, key: str, default: int | None) -> int | None:
        value = entry.get(key, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            return value
        self.problem(
            Code.RULES_BAD_VALUE,
            self.lines.get(key, self.line),
            key=f"ATTENDANCE.{key}",
            expected="minutes" if default is not None else "minutes_or_none",
        )
        return default

    def _dates(self, entry: dict, key: str) -> set[dt.date]:
        value = entry.get(key, [])
        line = self.lines.get(key, self.line)
        if not isinstance(value, (list, tuple)):
            self.problem(Code.RULES_BAD_VALUE, line, key=f"ATTENDANCE.{key}", expected="dates")
            return set()
        days = set()
        nodes = _elements(_value_node(self.builder.tables["ATTENDANCE"].node, key), len(value))
        for item, element in zip(value, nodes):
            try:
                if not (isinstance(item, str) and _ISO_DATE.match(item)):
                    raise ValueError
                days.add(dt.date.fromisoformat(item))
            except ValueError:
                self.problem(
                    Code.RULES_BAD_VALUE,
                    element.lineno if element else line,
                    key=str(item),
                    expected="date",
                )
        return days


def _day_after(month_day: str) -> str:
    day = dt.date(2020, int(month_day[:2]), int(month_day[3:])) + dt.timedelta(days=1)
    return day.strftime("%m-%d")


def _criterion_name(value: Any) -> str:
    """`"fewer_lost : 工作纪律"` → `"fewer_lost:工作纪律"`."""
    if not isinstance(value, str):
        return repr(value)
    head, colon, tail = value.partition(":")
    return f"{head.strip()}{colon}{normalise_text(tail)}" if colon else value.strip()


def _is_column(spec: Any) -> bool:
    return isinstance(spec, str) or (isinstance(spec, dict) and isinstance(spec.get("name"), str))


def _column(spec: Any) -> Column:
    if isinstance(spec, str):
        return Column(spec)
    return Column(str(spec["name"]), tuple(spec.get("aliases", ())))


def normalise_rule_id(value: str) -> str:
    """`２．２Ａ` → `2.2a`: NFKC, trim, lower case."""
    return normalise_text(value).lower()
