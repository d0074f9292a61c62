"""qualitywin: score a month of service-window incidents by a center's deduction scheme.

The library's front door (docs/python-api.md)::

    import qualitywin
    result = qualitywin.score_file("samples/2020-02.xlsx")
    qualitywin.write_result(result)

The names below are imported on first use, so `import qualitywin` (and the command line's
`--help`) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → the module that holds it
_EXPORTS = {
    "load_scheme": "qualitywin.api",
    "validate_file": "qualitywin.api",
    "score_file": "qualitywin.api",
    "score_month": "qualitywin.api",
    "write_result": "qualitywin.api",
    "load_result": "qualitywin.api",
    "gather_year": "qualitywin.api",
    "write_year": "qualitywin.api",
    "write_template": "qualitywin.api",
    "default_result_path": "qualitywin.api",
    "default_year_path": "qualitywin.api",
    "read_staff": "qualitywin.api",
    "derive_attendance": "qualitywin.api",
    "write_attendance": "qualitywin.api",
    "AttendanceResult": "qualitywin.attendance",
    "Staff": "qualitywin.roster",
    "Person": "qualitywin.roster",
    "Issue": "qualitywin.issues",
    "Code": "qualitywin.issues",
    "QualitywinError": "qualitywin.issues",
    "InvalidWorkbook": "qualitywin.issues",
    "UsageProblem": "qualitywin.issues",
    "Scheme": "qualitywin.scheme",
    "Rule": "qualitywin.scheme",
    "Category": "qualitywin.scheme",
    "MonthRecords": "qualitywin.model",
    "MonthResult": "qualitywin.model",
    "WindowScore": "qualitywin.model",
    "AuditLine": "qualitywin.model",
    "Referral": "qualitywin.model",
    "SourceFile": "qualitywin.model",
    "StaffLine": "qualitywin.model",
    "YearResult": "qualitywin.annual",
    "WindowStatus": "qualitywin.vocabulary",
    "AuditState": "qualitywin.vocabulary",
    "Reason": "qualitywin.vocabulary",
    "ReasonCode": "qualitywin.vocabulary",
    "RuleMode": "qualitywin.vocabulary",
    "CategoryKind": "qualitywin.vocabulary",
    "status_text": "qualitywin.messages",
    "state_text": "qualitywin.messages",
    "reason_text": "qualitywin.messages",
    "set_language": "qualitywin.messages",
    # what the office publishes (issue 11): from a result workbook, or from a result object
    "write_notice_file": "qualitywin.documents",
    "write_deduction_notice_files": "qualitywin.documents",
    "write_page_file": "qualitywin.documents",
    "write_notice": "qualitywin.notice_docx",
    "month_page": "qualitywin.public_page",
}

__all__ = [
    "__version__",
    "load_scheme",
    "validate_file",
    "score_file",
    "score_month",
    "write_result",
    "load_result",
    "gather_year",
    "write_year",
    "write_template",
    "default_result_path",
    "default_year_path",
    "read_staff",
    "derive_attendance",
    "write_attendance",
    "AttendanceResult",
    "Staff",
    "Person",
    "Issue",
    "Code",
    "QualitywinError",
    "InvalidWorkbook",
    "UsageProblem",
    "Scheme",
    "Rule",
    "Category",
    "MonthRecords",
    "MonthResult",
    "WindowScore",
    "AuditLine",
    "Referral",
    "SourceFile",
    "StaffLine",
    "YearResult",
    "WindowStatus",
    "AuditState",
    "Reason",
    "ReasonCode",
    "RuleMode",
    "CategoryKind",
    "status_text",
    "state_text",
    "reason_text",
    "set_language",
    "write_notice_file",
    "write_deduction_notice_files",
    "write_page_file",
    "write_notice",
    "month_page",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qualitywin' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from qualitywin.annual import YearResult
    from qualitywin.documents import (
        write_deduction_notice_files,
        write_notice_file,
        write_page_file,
    )
    from qualitywin.api import (
        default_result_path,
        default_year_path,
        derive_attendance,
        gather_year,
        load_result,
        load_scheme,
        read_staff,
        score_file,
        score_month,
        validate_file,
        write_attendance,
        write_result,
        write_template,
        write_year,
    )
    from qualitywin.attendance import AttendanceResult
    from qualitywin.roster import Person, Staff
    from qualitywin.issues import Code, InvalidWorkbook, Issue, QualitywinError, UsageProblem
    from qualitywin.messages import reason_text, set_language, state_text, status_text
    from qualitywin.model import (
        AuditLine,
        MonthRecords,
        MonthResult,
        Referral,
        SourceFile,
        StaffLine,
        WindowScore,
    )
    from qualitywin.notice_docx import write_notice
    from qualitywin.public_page import month_page
    from qualitywin.scheme import Category, Rule, Scheme
    from qualitywin.vocabulary import (
        AuditState,
        CategoryKind,
        Reason,
        ReasonCode,
        RuleMode,
        WindowStatus,
    )
