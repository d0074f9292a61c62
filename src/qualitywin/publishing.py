"""What the published documents share: the month's facts in words, the ranking table, a window's
deductions, dates written the official way.

The 通报 (notice_docx.py), the 扣分通知单 (deduction_notices.py) and the 公示 page
(public_page.py) each take one result (which carries its scheme) and draw from here, so the three
say the same thing as the result workbook. The documents are Chinese, as the workbook is: they go
out under the center's name, whatever language the console speaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qualitywin.decimals import plain_text
from qualitywin.messages import state_text
from qualitywin.model import AuditLine, MonthResult, WindowScore
from qualitywin.publish_rules import Heading, Publish
from qualitywin.scheme import Scheme
from qualitywin.vocabulary import AuditState, WindowStatus

SELECTED = WindowStatus.SELECTED
TIED = WindowStatus.TIED
DECIDED_NOTE = "考评小组决定"
LIST_JOIN = "、"
# What each status means, for the page's legend and the notice's attachment.
STATUS_MEANINGS = {
    WindowStatus.SELECTED: "总分排名在前 {winners} 名以内,入选本月优质服务窗口",
    WindowStatus.TIED: "与第 {winners} 名同分而名额不足,由考评小组决定",
    WindowStatus.VETOED: "有一票否决条款的记录,不得入选",
    WindowStatus.BELOW_MINIMUM: "总分低于入选最低分,不得入选",
}


def scheme_of(result: MonthResult) -> Scheme:
    """The scheme a result was scored by (the result carries it)."""
    return result.scheme


def official_date(day: dt.date) -> str:
    """2020年3月2日: no leading zeros, as an official document writes it."""
    return f"{day.year}年{day.month}月{day.day}日"


def official_month(month: str) -> str:
    """ "2020-02" → 2020年2月."""
    year, number = month.split("-")
    return f"{int(year)}年{int(number)}月"


def issuer(result: MonthResult) -> str:
    scheme = scheme_of(result)
    return scheme.publish.issuer or scheme.center


def status_label(score: WindowScore) -> str:
    """The status as the documents show it: a decided 入选 says who decided."""
    status = str(score.status)
    return f"{status}({DECIDED_NOTE})" if score.decided else status


def reason_of(score: WindowScore) -> str:
    """Why the window has its status (a veto, the minimum total, a tie-break), in Chinese."""
    return getattr(score, "reason", "") or ""


# -- the month's facts, for the templates of the rules file's PUBLISH -----------------------------


def placeholders(result: MonthResult) -> dict[str, Any]:
    """Every {name} a PUBLISH template may use, filled from the result."""
    scheme = scheme_of(result)
    publish = scheme.publish
    selected = [w.window for w in result.windows if w.status == SELECTED]
    tied = [w.window for w in result.windows if w.status == TIED]
    decided = [w.window for w in result.windows if w.decided]
    facts: dict[str, Any] = {
        "center": scheme.center,
        "scheme": scheme.name,
        "issuer": issuer(result),
        "month": official_month(result.month),
        "winners": result.winners,
        "selected": LIST_JOIN.join(selected),
        "selected_count": len(selected),
        "tied": LIST_JOIN.join(tied),
        "decided": LIST_JOIN.join(decided),
        "referrals": LIST_JOIN.join(referral_names(result)),
        "appeal_days": publish.appeal_days,
        "appeal_office": publish.appeal_office,
    }
    facts.update(_sentences(publish, facts, selected, tied, decided))
    return facts


def _sentences(
    publish: Publish,
    facts: dict[str, Any],
    selected: list[str],
    tied: list[str],
    decided: list[str],
) -> dict[str, str]:
    """The sentences that apply this month, each filled; the others empty."""
    chosen = publish.selected_text if selected else publish.none_selected_text
    if decided:
        chosen += publish.decided_text
    return {
        "selected_text": chosen.format(**facts),
        "tied_text": publish.tied_text.format(**facts) if tied else "",
        "referral_text": publish.referral_text.format(**facts) if facts["referrals"] else "",
    }


def referral_names(result: MonthResult) -> list[str]:
    """Each window and rule referred (移交), once: 民政局(2.8 吃、拿、卡、要等违纪行为)."""
    scheme = scheme_of(result)
    names: list[str] = []
    for referral in result.referrals:
        name = f"{referral.window}({referral.rule_id} {scheme.rule(referral.rule_id).short})"
        if name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False


def body_paragraphs(result: MonthResult) -> list[Paragraph]:
    """The notice's body: the template filled, headings numbered 一、二、…, empty ones left out."""
    facts = placeholders(result)
    paragraphs: list[Paragraph] = []
    headings = 0
    for item in scheme_of(result).publish.body:
        if isinstance(item, Heading):
            text = chinese_punctuation(item.text.format(**facts))
            paragraphs.append(Paragraph(f"{chinese_number(headings + 1)}、{text}", heading=True))
            headings += 1
        else:
            filled = chinese_punctuation(item.format(**facts).strip())
            if filled:
                paragraphs.append(Paragraph(filled))
    return paragraphs


def fill(template: str, result: MonthResult) -> str:
    return chinese_punctuation(template.format(**placeholders(result)))


# ASCII punctuation typed in Chinese text (a rules file, a scheme's name) and its full-width form
_FULL_WIDTH = {
    ",": "\uff0c",
    ";": "\uff1b",
    ":": "\uff1a",
    "!": "\uff01",
    "?": "\uff1f",
    "(": "\uff08",
    ")": "\uff09",
}


def chinese_punctuation(text: str) -> str:
    """Punctuation beside Chinese characters becomes full-width, as official text writes it:
    "办法(试行),中心" → "办法（试行），中心"; "2.8" and "(2020)" between digits stay."""
    chars = list(text)
    for index, char in enumerate(chars):
        if char not in _FULL_WIDTH:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if _is_chinese(before) or _is_chinese(after) or (char != "(" and not after):
            chars[index] = _FULL_WIDTH[char]
    return "".join(chars)


def _is_chinese(char: str) -> bool:
    return bool(char) and ord(char) > 0x2E7F


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{digits[tens]}十")
    return head + (digits[ones] if ones or not head else "")


# -- the ranking table --------------------------------------------------------------------------


def ranking_header(result: MonthResult) -> list[str]:
    return ["名次", "窗口", *(c.name for c in scheme_of(result).categories), "总分", "状态"]


def ranking_rows(result: MonthResult) -> list[list[str]]:
    """One row a window, in rank order, every figure as the workbook's 排名 has it."""
    names = [c.name for c in scheme_of(result).categories]
    return [
        [
            str(w.rank),
            w.window,
            *(plain_text(w.categories[n]) for n in names),
            plain_text(w.total),
            status_label(w),
        ]
        for w in result.windows
    ]


# -- a window's deductions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Deduction:
    """One line of a 扣分通知单."""

    date: str
    rule: str  # 2.2a 无故迟到、早退
    rule_text: str
    count: str
    points: str  # what it cost; a line that cost less than its points says why, below
    person: str
    note: str
    where: str  # 扣分记录第5行


def deductions_by_window(result: MonthResult) -> dict[str, list[Deduction]]:
    """Each window's counted lines of deduction rules, in the audit's order (withdrawn rows and
    bonus lines are not deductions). One pass over the audit, however long it is."""
    scheme = scheme_of(result)
    bonus = {c.name for c in scheme.bonus_categories}
    found: dict[str, list[Deduction]] = {}
    for line in result.audit:
        if line.state != AuditState.WITHDRAWN and scheme.rule(line.rule_id).category not in bonus:
            found.setdefault(line.window, []).append(_deduction(line, scheme))
    return found


def _deduction(line: AuditLine, scheme: Scheme) -> Deduction:
    rule = scheme.rule(line.rule_id)
    points = plain_text(line.deducted)
    if line.deducted != line.points and line.state:  # why, as the workbook's 计分情况 says
        points = f"{points}\n{state_text(line.state, 'zh', by=line.replaced_by)}"
    count = plain_text(line.count) if isinstance(line.count, Decimal) else str(line.count)
    return Deduction(
        date=line.date.isoformat() if line.date else "",
        rule=" ".join(filter(None, (rule.id, rule.label))),
        rule_text=rule.text,
        count=count + (rule.unit if rule.unit and isinstance(line.count, int) else ""),
        points=points,
        person=line.person,
        note=line.note,
        where=f"{line.sheet}第{line.row}行",
    )


def lost_points(score: WindowScore) -> bool:
    return score.deducted > 0
