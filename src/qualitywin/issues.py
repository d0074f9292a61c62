"""Problems found in the input, as located data.

Validation never stops at the first problem: it collects `Issue` objects. Each carries a stable
`Code`; its text comes from the message catalog (`messages.py`) in the user's language, so the
library itself never formats sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


class Code(str, Enum):
    """Stable problem codes. The value is what users see and docs/errors.md documents."""

    # -- the file itself (QualitywinError: the run cannot go on) --
    FILE_MISSING = "file-missing"
    NOT_A_FILE = "not-a-file"
    FILE_EMPTY = "file-empty"
    FILE_UNREADABLE = "file-unreadable"
    NOT_A_WORKBOOK = "not-a-workbook"
    ENCRYPTED = "encrypted"
    UNSAFE_XML = "unsafe-xml"
    ZIP_BOMB = "zip-bomb"
    TOO_MANY_ROWS = "too-many-rows"
    TOO_MANY_CELLS = "too-many-cells"
    INSECURE_SETUP = "insecure-setup"
    # -- files from the wild (issue 14) --
    READER_CRASHED = "reader-crashed"
    ROW_UNREADABLE = "row-unreadable"
    # -- output --
    OUTPUT_EXISTS = "output-exists"
    OUTPUT_IS_INPUT = "output-is-input"
    OUTPUT_DIR_MISSING = "output-dir-missing"
    OUTPUT_NOT_WRITABLE = "output-not-writable"
    # -- the rules file --
    RULES_FILE = "rules-file"
    RULES_SYNTAX = "rules-syntax"
    RULES_NOT_DATA = "rules-not-data"
    RULES_MISSING_TABLE = "rules-missing-table"
    RULES_BAD_VALUE = "rules-bad-value"
    RULES_UNKNOWN_KEY = "rules-unknown-key"
    RULES_DUPLICATE_ID = "rules-duplicate-id"
    RULES_UNKNOWN_CATEGORY = "rules-unknown-category"
    RULES_UNKNOWN_MODE = "rules-unknown-mode"
    RULES_BAD_POINTS = "rules-bad-points"
    RULES_EMPTY_ROSTER = "rules-empty-roster"
    RULES_UNKNOWN_RULE = "rules-unknown-rule"
    RULES_UNKNOWN_CRITERION = "rules-unknown-criterion"
    RULES_NO_FLOOR = "rules-no-floor"
    RULES_CATEGORY_UNUSED = "rules-category-unused"
    # -- newcomer: the rules file --
    RULES_MISSING_KEY = "rules-missing-key"
    COMPUTED_SHEET_MISSING = "computed-sheet-missing"
    NO_INCIDENTS = "no-incidents"
    # -- structure of the workbook --
    SHEET_MISSING = "sheet-missing"
    HEADER_MISSING = "header-missing"
    COLUMN_MISSING = "column-missing"
    COLUMN_DUPLICATE = "column-duplicate"
    COLUMN_UNKNOWN = "column-unknown"
    SHEET_HIDDEN = "sheet-hidden"
    MONTH_MISMATCH = "month-mismatch"
    # -- data cells --
    REQUIRED_BLANK = "required-blank"
    CELL_ERROR = "cell-error"
    FORMULA_NO_VALUE = "formula-no-value"
    TEXT_TOO_LONG = "text-too-long"
    DATE_INVALID = "date-invalid"
    DATE_NUMBER = "date-number"
    DATE_OUTSIDE_MONTH = "date-outside-month"
    WINDOW_UNKNOWN = "window-unknown"
    RULE_UNKNOWN = "rule-unknown"
    RULE_COMPUTED = "rule-computed"
    COUNT_INVALID = "count-invalid"
    STATUS_INVALID = "status-invalid"
    NUMBER_INVALID = "number-invalid"
    NAME_BLANK = "name-blank"
    RULE_REPLACED = "rule-replaced"
    # -- the evaluation group's picks (score --pick) --
    PICK_NO_TIE = "pick-no-tie"
    PICK_UNKNOWN_WINDOW = "pick-unknown-window"
    PICK_NOT_TIED = "pick-not-tied"
    PICK_DUPLICATE = "pick-duplicate"
    PICK_TOO_MANY = "pick-too-many"
    # -- the year view (annual): result workbooks read back --
    NOT_A_RESULT = "not-a-result"
    RESULT_DAMAGED = "result-damaged"
    NO_RESULTS = "no-results"
    MONTH_TWICE = "month-twice"
    YEARS_MIXED = "years-mixed"
    RESULT_INCONSISTENT = "result-inconsistent"
    RESULT_OTHER_YEAR = "result-other-year"
    MONTHS_MISSING = "months-missing"
    SCHEMES_DIFFER = "schemes-differ"
    TIE_UNDECIDED = "tie-undecided"
    EVIDENCE_BLANK = "evidence-blank"
    MEASURE_DUPLICATE = "measure-duplicate"
    # -- what the office publishes (notice, notices, page; the rules file's PUBLISH) --
    RULES_UNKNOWN_PLACEHOLDER = "rules-unknown-placeholder"
    RULES_BAD_TEMPLATE = "rules-bad-template"
    OUTPUT_NOT_A_FOLDER = "output-not-a-folder"
    # -- the library's front door: a result workbook's own data (issue 10) --
    RESULT_EDITED = "result-edited"
    RESULT_NO_DATA = "result-no-data"
    RESULT_DATA_DIFFERS = "result-data-differs"
    RESULT_DATA_DAMAGED = "result-data-damaged"
    # -- attendance: the staff roster and the clock exports (qualitywin attendance) --
    ATTENDANCE_MISSING = "attendance-missing"
    CALENDAR_UNKNOWN = "calendar-unknown"
    EXPORT_UNREADABLE = "export-unreadable"
    EXPORT_UNRECOGNISED = "export-unrecognised"
    TIME_INVALID = "time-invalid"
    PERSON_BLANK = "person-blank"
    NAME_AMBIGUOUS = "name-ambiguous"
    STAFF_EMPTY = "staff-empty"
    STAFF_NAME_TWICE = "staff-name-twice"
    STAFF_ID_TWICE = "staff-id-twice"
    STAFF_UNKNOWN = "staff-unknown"
    SESSION_UNKNOWN = "session-unknown"
    PUNCHES_NOT_ON_ROSTER = "punches-not-on-roster"
    STAFF_WITHOUT_PUNCHES = "staff-without-punches"
    PUNCHES_OTHER_MONTH = "punches-other-month"
    # -- a month of several workbooks (issue 12) --
    FILE_OTHER_MONTH = "file-other-month"
    FILE_TWICE = "file-twice"
    SHEET_IN_TWO_FILES = "sheet-in-two-files"
    DOUBLE_ENTRY = "double-entry"
    # -- 好差评 ratings (issue 12) --
    RATING_LEVEL_UNKNOWN = "rating-level-unknown"
    RATINGS_TOO_FEW = "ratings-too-few"
    # -- the staff view (issue 12) --
    PERSON_NOT_ON_ROSTER = "person-not-on-roster"


WARNINGS = frozenset(
    {
        Code.COLUMN_UNKNOWN,
        Code.SHEET_HIDDEN,
        Code.MONTH_MISMATCH,
        Code.RULE_REPLACED,
        Code.RULES_NO_FLOOR,
        Code.RESULT_INCONSISTENT,
        Code.RESULT_OTHER_YEAR,
        Code.MONTHS_MISSING,
        Code.SCHEMES_DIFFER,
        Code.TIE_UNDECIDED,
        Code.RULES_CATEGORY_UNUSED,
        Code.NO_INCIDENTS,
        Code.RESULT_DATA_DIFFERS,
        Code.PUNCHES_NOT_ON_ROSTER,
        Code.STAFF_WITHOUT_PUNCHES,
        Code.DOUBLE_ENTRY,
        Code.RATINGS_TOO_FEW,
        Code.PERSON_NOT_ON_ROSTER,
    }
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at one place: a workbook cell (sheet/row/column) or a rules-file line."""

    code: Code
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    column: int | None = None  # 1-based
    value: Any = None
    params: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None  # a rules file; `row` is then its line
    file: str | None = None  # the workbook, when a month is several (issue 12)

    @property
    def is_warning(self) -> bool:
        return self.code in WARNINGS

    @property
    def cell(self) -> str | None:
        if self.row is None:
            return None
        if self.column is None:
            return str(self.row)
        return f"{column_letter(self.column)}{self.row}"

    @property
    def where(self) -> str:
        if self.source is not None:
            return f"{self.source}:{self.row}" if self.row else self.source
        book = f"[{self.file}]" if self.file else ""
        if self.sheet is None:
            return book
        cell = self.cell
        return f"{book}{self.sheet}!{cell}" if cell else f"{book}{self.sheet}"

    def message(self, lang: str | None = None) -> str:
        from qualitywin.messages import issue_text

        return issue_text(self, lang)

    def hint(self, lang: str | None = None) -> str:
        from qualitywin.messages import issue_hint

        return issue_hint(self, lang)


class CollectsIssues:
    """Something read or checked with the issues found on the way (`issues`): its errors, and
    its warnings, which do not stop the run."""

    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_warning]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.is_warning]


class QualitywinError(Exception):
    """The run cannot go on (unreadable file, bad rules file, output refused).

    Carries one or more issues; `str()` renders them in the current language.
    """

    def __init__(self, issues: Issue | list[Issue]):
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__(self.render())

    @classmethod
    def of(cls, code: Code, **params: Any) -> "QualitywinError":
        return cls(Issue(code, params=params))

    def render(self, lang: str | None = None) -> str:
        lines = []
        for issue in self.issues:
            where = issue.where
            lines.append(f"{where}: {issue.message(lang)}" if where else issue.message(lang))
        return "\n".join(lines)


class InvalidWorkbook(QualitywinError):
    """A month's workbook has errors, so it cannot be scored. `issues` holds every error (each
    with its sheet and cell), `warnings` the warnings found beside them."""

    def __init__(self, records: Any):
        self.path = str(records.path)
        self.records = records
        self.warnings = list(records.warnings)
        super().__init__(list(records.errors))


class UsageProblem(Exception):
    """A problem with how the command was called (exit code 2), e.g. no month."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # a traceback (--debug) ends with the message, not the key
        return self.render()

    def render(self, lang: str | None = None) -> str:
        from qualitywin.messages import text

        return text(self.key, lang, **self.params)


def sheet_in_file(sheet: str, file: str | None) -> str:
    """A sheet named as Excel names one in another workbook: [2020-02.xlsx]扣分记录."""
    return f"[{file}]{sheet}" if file else sheet


def os_error_name(exc: OSError) -> str:
    """An OS error as data: its errno name (ENOSPC), which the catalog puts in words."""
    import errno

    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
