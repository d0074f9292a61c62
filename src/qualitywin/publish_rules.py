"""The rules file's optional PUBLISH table: the wording of what the office publishes.

The 通报 (notice_docx.py), the 扣分通知单 (deduction_notices.py) and the 公示 page
(public_page.py) take their words from here: templates with `{placeholders}` filled from the
month's result (publishing.py names them). A scheme without PUBLISH gets `DEFAULT_PUBLISH`,
which names the scheme, the month, the 入选 windows, the 并列待定 ones and any referral.
Like every table, PUBLISH is a literal read with `ast`; every problem is reported on its line.
"""

from __future__ import annotations

import difflib
import string
from dataclasses import dataclass
from typing import Any, Callable

from qualitywin.issues import Code

# What a template may name. {month} is written the official way (2020年2月); the *_text
# placeholders are the sentences below, filled in first (empty when they do not apply).
PLACEHOLDERS = (
    "center",
    "scheme",
    "issuer",
    "month",
    "winners",
    "selected",
    "selected_count",
    "tied",
    "decided",
    "referrals",
    "appeal_days",
    "appeal_office",
    "selected_text",
    "tied_text",
    "referral_text",
)
SENTENCE_KEYS = (
    "selected_text",
    "none_selected_text",
    "tied_text",
    "decided_text",
    "referral_text",
)
# The sentences cannot name themselves or each other (they are filled in before the body).
SENTENCE_PLACEHOLDERS = tuple(p for p in PLACEHOLDERS if not p.endswith("_text"))


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the notice's body; numbered 一、二、… in order."""

    text: str


@dataclass(frozen=True, slots=True)
class Publish:
    issuer: str  # 发文机关; "" = the scheme's center
    addressee: str  # 主送机关
    title: str
    body: tuple[str | Heading, ...]
    selected_text: str
    none_selected_text: str
    tied_text: str
    decided_text: str
    referral_text: str
    attachment: str  # the title of the attached ranking table
    appeal_days: int  # 扣分通知单: 如有异议请于 … 个工作日内 …
    appeal_office: str
    public_days: int | None = None  # the 公示 period in days (None: the page names none)


DEFAULT_PUBLISH: dict[str, Any] = {
    "issuer": "",
    "addressee": "各进驻窗口单位",
    "title": "关于{month}“优质服务窗口”评选结果的通报",
    "body": [
        "为进一步转变工作作风、提升服务质量,根据《{scheme}》,中心考评小组对{month}各进驻窗口的"
        "服务情况进行了考评。现将考评结果通报如下:",
        {"heading": "评选结果"},
        "{selected_text}{tied_text}",
        "各窗口的名次、各类别得分和总分见附件。",
        "{referral_text}",
        {"heading": "有关要求"},
        "希望受到表彰的窗口再接再厉,发挥示范带头作用;其他窗口要对照评选办法查找不足、认真整改。"
        "各窗口的扣分情况见扣分通知单,如有异议请于{appeal_days}个工作日内向{appeal_office}提出。",
    ],
    "selected_text": "经考评,{selected}共{selected_count}个窗口被评为{month}“优质服务窗口”。",
    "none_selected_text": "经考评,{month}没有窗口被评为“优质服务窗口”。",
    "tied_text": "{tied}总分并列,入选名额不足,由中心考评小组研究决定入选窗口。",
    "decided_text": "其中{decided}与其他窗口总分并列,经中心考评小组研究决定入选。",
    "referral_text": "{referrals}存在违纪行为,已按规定移交有关部门处理。",
    "attachment": "{month}“优质服务窗口”评选排名表",
    "appeal_days": 3,
    "appeal_office": "督察科",
    "public_days": None,
}
TEXT_KEYS = ("issuer", "addressee", "title", "attachment", "appeal_office", *SENTENCE_KEYS)
PUBLISH_KEYS = frozenset(DEFAULT_PUBLISH)

Problem = Callable[..., None]  # problem(code, line, **params), as the scheme builder has it


def parse_publish(
    value: Any, line: int, key_lines: dict[str, int], item_lines: list[int], problem: Problem
) -> Publish:
    """PUBLISH as data: defaults for what it leaves out; every problem reported via `problem`.

    `key_lines` are the lines of PUBLISH's keys, `item_lines` those of the body's paragraphs."""
    if not isinstance(value, dict):
        problem(Code.RULES_BAD_VALUE, line, key="PUBLISH", expected="dict")
        return publish_of(DEFAULT_PUBLISH)
    for key in value:
        if key not in PUBLISH_KEYS:
            problem(
                Code.RULES_UNKNOWN_KEY,
                key_lines.get(key, line),
                key=key,
                where="PUBLISH",
                known=", ".join(sorted(PUBLISH_KEYS)),
                suggestions=difflib.get_close_matches(str(key), sorted(PUBLISH_KEYS), n=2),
            )
    merged = {**DEFAULT_PUBLISH, **{k: v for k, v in value.items() if k in PUBLISH_KEYS}}
    for key in TEXT_KEYS:
        allowed = SENTENCE_PLACEHOLDERS if key in SENTENCE_KEYS else PLACEHOLDERS
        if _check_text(merged[key], key, key_lines.get(key, line), allowed, problem) is None:
            merged[key] = DEFAULT_PUBLISH[key]
    merged["body"] = _body(merged["body"], key_lines.get("body", line), item_lines, problem)
    for key, least in (("appeal_days", 1), ("public_days", 1)):
        number = merged[key]
        if key == "public_days" and number is None:
            continue
        if isinstance(number, bool) or not isinstance(number, int) or number < least:
            problem(
                Code.RULES_BAD_VALUE,
                key_lines.get(key, line),
                key=f"PUBLISH.{key}",
                expected=f"≥ {least}",
            )
            merged[key] = DEFAULT_PUBLISH[key]
    return publish_of(merged)


def publish_of(table: dict[str, Any]) -> Publish:
    body = tuple(Heading(p["heading"]) if isinstance(p, dict) else p for p in table["body"])
    return Publish(**{**table, "body": body})


def _body(value: Any, line: int, item_lines: list[int], problem: Problem) -> list:
    if not isinstance(value, (list, tuple)) or not value:
        problem(
            Code.RULES_BAD_VALUE,
            line,
            key="PUBLISH.body",
            expected='a list of paragraphs ("…" or {"heading": "…"})',
        )
        return list(DEFAULT_PUBLISH["body"])
    lines = item_lines if len(item_lines) == len(value) else [line] * len(value)
    body = []
    for paragraph, where in zip(value, lines):
        if isinstance(paragraph, dict):
            if set(paragraph) != {"heading"} or not isinstance(paragraph["heading"], str):
                problem(
                    Code.RULES_BAD_VALUE, where, key="PUBLISH.body", expected='{"heading": "…"}'
                )
                continue
            if _check_text(paragraph["heading"], "body", where, PLACEHOLDERS, problem) is None:
                continue
        elif _check_text(paragraph, "body", where, PLACEHOLDERS, problem) is None:
            continue
        body.append(paragraph)
    return body


def _check_text(
    value: Any, key: str, line: int, allowed: tuple[str, ...], problem: Problem
) -> str | None:
    """A template: text whose {names} are all known. None (and a problem) when it is not."""
    if not isinstance(value, str):
        problem(Code.RULES_BAD_VALUE, line, key=f"PUBLISH.{key}", expected="text")
        return None
    try:
        names = [name for _, name, spec, _ in string.Formatter().parse(value) if name is not None]
    except ValueError as exc:
        problem(Code.RULES_BAD_TEMPLATE, line, key=f"PUBLISH.{key}", reason=str(exc))
        return None
    unknown = [name for name in names if name not in allowed]
    for name in unknown:
        problem(
            Code.RULES_UNKNOWN_PLACEHOLDER,
            line,
            key=f"PUBLISH.{key}",
            name=name,
            known=", ".join(allowed),
            suggestions=difflib.get_close_matches(name, allowed, n=2),
        )
    return None if unknown else value
