"""The scoring scheme, loaded from a rules file of literal Python tables.

The file is parsed with `ast` and each table is turned into data with `ast.literal_eval`; it is
never imported or executed. Every problem is reported with the file and line it stands on.
"""

from __future__ import annotations

import ast
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from qualitywin.issues import Code, Issue, QualitywinError

MODES = ("once", "per_count", "computed")
DEFAULT_RULES_NAME = "shangjie_2020.py"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an input sheet: its Chinese header and the aliases also accepted."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Computed:
    """A rule computed from a numeric sheet (like 2.1 from 请假): per person or per window, the
    values are summed; each `step` beyond `threshold` (above or below it) costs the rule's points."""

    sheet: str
    sheet_aliases: tuple[str, ...]
    per: str  # "person" or "window"
    window_column: Column
    person_column: Column | None
    value_columns: tuple[Column, ...]
    direction: str  # "above" or "below"
    threshold: Decimal
    step: Decimal


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    points: Decimal
    mode: str
    text: str
    label: str = ""
    unit: str = ""
    replaces: str | None = None
    referral: bool = False
    computed: Computed | None = None

    @property
    def short(self) -> str:
        return self.label or self.text


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    points: Decimal


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

    @property
    def max_score(self) -> Decimal:
        return sum((c.points for c in self.categories), Decimal(0))

    def rule(self, rule_id: str) -> Rule:
        return self._rules_by_id()[rule_id]

    def _rules_by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def category_points(self, name: str) -> Decimal:
        return next(c.points for c in self.categories if c.name == name)

    def computed_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.mode == "computed"]

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


def load_scheme(path: str | Path | None = None) -> Scheme:
    """Read and check a rules file. Raises QualitywinError listing every problem with its line."""
    path = Path(path) if path is not None else default_rules_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QualitywinError.of(Code.RULES_FILE, file=str(path), reason=str(exc)) from exc
    tables, problems = _literal_tables(text, str(path))
    if problems:
        raise QualitywinError(problems)
    return _SchemeBuilder(tables, str(path)).build()


# -- parsing: literal tables with their line numbers ----------------------------------------------


@dataclass
class _Table:
    value: Any
    line: int
    item_lines: list[int]  # for a list: the line of each element; for a dict: of each value


def _literal_tables(text: str, source: str) -> tuple[dict[str, _Table], list[Issue]]:
    try:
        module = ast.parse(text, filename=source)
    except SyntaxError as exc:
        issue = Issue(Code.RULES_SYNTAX, row=exc.lineno, source=source, params={"reason": exc.msg})
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
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            problems.append(
                Issue(Code.RULES_NOT_DATA, row=node.lineno, source=source, params={"name": target})
            )
            continue
        tables[target] = _Table(value, node.lineno, _item_lines(node.value))
    return tables, problems


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

SCHEME_KEYS = {"name", "source", "center", "winners", "note"}
CATEGORY_KEYS = {"name", "points"}
RULE_KEYS = {"id", "label", "category", "points", "mode", "unit", "text", "replaces", "referral",
             "computed"}
COMPUTED_KEYS = {"sheet", "sheet_aliases", "per", "window_column", "person_column",
                 "value_columns", "direction", "threshold", "step"}


class _SchemeBuilder:
    def __init__(self, tables: dict[str, _Table], source: str):
        self.tables = tables
        self.source = source
        self.problems: list[Issue] = []

    def problem(self, code: Code, line: int | None, **params: Any) -> None:
        self.problems.append(Issue(code, row=line, source=self.source, params=params))

    def build(self) -> Scheme:
        for name in ("SCHEME", "CATEGORIES", "RULES", "ROSTER"):
            if name not in self.tables:
                self.problem(Code.RULES_MISSING_TABLE, None, table=name)
        if self.problems:
            raise QualitywinError(self.problems)
        head = self._scheme_table()
        categories = self._categories()
        rules = self._rules({c.name for c in categories})
        roster = self._roster()
        aliases = self._aliases(set(roster))
        if self.problems:
            raise QualitywinError(sorted(self.problems, key=lambda i: i.row or 0))
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
        )

    def _table(self, name: str, kind: type) -> _Table | None:
        table = self.tables[name]
        if not isinstance(table.value, kind):
            self.problem(Code.RULES_BAD_VALUE, table.line, key=name, expected=kind.__name__)
            return None
        return table

    def _check_keys(self, entry: dict, allowed: set[str], line: int, where: str) -> None:
        for key in entry:
            if key not in allowed:
                self.problem(Code.RULES_UNKNOWN_KEY, line, key=key, where=where,
                             known=", ".join(sorted(allowed)))

    def _scheme_table(self) -> dict:
        table = self._table("SCHEME", dict)
        if table is None:
            return {}
        self._check_keys(table.value, SCHEME_KEYS, table.line, "SCHEME")
        winners = table.value.get("winners", 5)
        if not isinstance(winners, int) or isinstance(winners, bool) or winners < 1:
            self.problem(Code.RULES_BAD_VALUE, table.line, key="winners", expected="≥ 1")
        return table.value

    def _categories(self) -> list[Category]:
        table = self._table("CATEGORIES", list)
        if table is None:
            return []
        categories = []
        for entry, line in zip(table.value, table.item_lines):
            if not self._is_entry(entry, line, "CATEGORIES", ("name", "points")):
                continue
            self._check_keys(entry, CATEGORY_KEYS, line, "CATEGORIES")
            points = self._points(entry["points"], line, entry["name"])
            categories.append(Category(str(entry["name"]), points))
        return categories

    def _is_entry(self, entry: Any, line: int, where: str, required: tuple[str, ...]) -> bool:
        if not isinstance(entry, dict):
            self.problem(Code.RULES_BAD_VALUE, line, key=where, expected="dict")
            return False
        missing = [key for key in required if key not in entry]
        for key in missing:
            self.problem(Code.RULES_BAD_VALUE, line, key=key, expected="present")
        return not missing

    def _points(self, value: Any, line: int, what: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.problem(Code.RULES_BAD_POINTS, line, what=what, value=value)
            return Decimal(0)
        return Decimal(str(value))

    def _rules(self, category_names: set[str]) -> list[Rule]:
        table = self._table("RULES", list)
        if table is None:
            return []
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for entry, line in zip(table.value, table.item_lines):
            if not self._is_entry(entry, line, "RULES", ("id", "category", "points", "mode")):
                continue
            self._check_keys(entry, RULE_KEYS, line, "RULES")
            rule_id = normalise_rule_id(str(entry["id"]))
            if rule_id in seen:
                self.problem(Code.RULES_DUPLICATE_ID, line, id=rule_id, first=seen[rule_id])
            seen.setdefault(rule_id, line)
            if entry["category"] not in category_names:
                self.problem(Code.RULES_UNKNOWN_CATEGORY, line, id=rule_id,
                             category=entry["category"], known=", ".join(sorted(category_names)))
            if entry["mode"] not in MODES:
                self.problem(Code.RULES_UNKNOWN_MODE, line, id=rule_id, mode=entry["mode"],
                             known=", ".join(MODES))
            computed = None
            if entry["mode"] == "computed":
                computed = self._computed(entry.get("computed"), line, rule_id)
            rules.append(
                Rule(
                    id=rule_id,
                    category=entry["category"],
                    points=self._points(entry["points"], line, rule_id),
                    mode=entry["mode"],
                    text=str(entry.get("text", "")),
                    label=str(entry.get("label", "")),
                    unit=str(entry.get("unit", "")),
                    replaces=entry.get("replaces"),
                    referral=bool(entry.get("referral", False)),
                    computed=computed,
                )
            )
        for rule, line in zip(rules, table.item_lines):
            if rule.replaces is not None and normalise_rule_id(rule.replaces) not in seen:
                self.problem(Code.RULES_UNKNOWN_RULE, line, id=rule.replaces, key="replaces")
        return rules

    def _computed(self, spec: Any, line: int, rule_id: str) -> Computed | None:
        required = ("sheet", "window_column", "value_columns", "threshold", "step")
        if not isinstance(spec, dict) or not self._is_entry(spec, line, "computed", required):
            if not isinstance(spec, dict):
                self.problem(Code.RULES_BAD_VALUE, line, key=f"{rule_id}.computed", expected="dict")
            return None
        self._check_keys(spec, COMPUTED_KEYS, line, f"{rule_id}.computed")
        per = spec.get("per", "person")
        direction = spec.get("direction", "above")
        if per not in ("person", "window"):
            self.problem(Code.RULES_BAD_VALUE, line, key="per", expected="person | window")
        if direction not in ("above", "below"):
            self.problem(Code.RULES_BAD_VALUE, line, key="direction", expected="above | below")
        if per == "person" and "person_column" not in spec:
            self.problem(Code.RULES_BAD_VALUE, line, key="person_column", expected="present")
        step = Decimal(str(spec["step"]))
        if step <= 0:
            self.problem(Code.RULES_BAD_VALUE, line, key="step", expected="> 0")
        return Computed(
            sheet=str(spec["sheet"]),
            sheet_aliases=tuple(spec.get("sheet_aliases", ())),
            per=per,
            window_column=_column(spec["window_column"]),
            person_column=_column(spec["person_column"]) if "person_column" in spec else None,
            value_columns=tuple(_column(c) for c in spec["value_columns"]),
            direction=direction,
            threshold=Decimal(str(spec["threshold"])),
            step=step,
        )

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
                self.problem(Code.RULES_BAD_VALUE, line, key=window, expected="once in ROSTER")
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
                self.problem(Code.RULES_BAD_VALUE, line, key=alias, expected="a ROSTER window")
            aliases[str(alias)] = window
        return aliases


def _column(spec: Any) -> Column:
    if isinstance(spec, str):
        return Column(spec)
    return Column(str(spec["name"]), tuple(spec.get("aliases", ())))


def normalise_rule_id(value: str) -> str:
    """`２．２Ａ` → `2.2a`: NFKC, trim, lower case."""
    return normalise_text(value).lower()
