"""Rules files for tests: the default one with a few edits, the way office staff would make them."""

from __future__ import annotations

from pathlib import Path

from qualitywin.scheme import default_rules_path

DEFAULT_TEXT = default_rules_path().read_text(encoding="utf-8")

BONUS_CATEGORY = (
    '    {"name": "办件规范", "points": 15},\n]',
    '    {"name": "办件规范", "points": 15},\n'
    '    {"name": "加分", "points": 5, "kind": "bonus"},\n]',
)
BONUS_RULES = (
    '     "text": "属联办件的,未执行首问负责制的,每次扣5分"},\n]',
    '     "text": "属联办件的,未执行首问负责制的,每次扣5分"},\n'
    '    {"id": "5.1", "label": "锦旗", "category": "加分", "points": 2, "mode": "per_count",\n'
    '     "evidence": True, "text": "收到锦旗每面加2分"},\n'
    '    {"id": "5.2", "label": "表扬信", "category": "加分", "points": 1, "mode": "per_count",\n'
    '     "cap": 2, "text": "收到表扬信每封加1分,每月最多2分"},\n'
    '    {"id": "5.3", "label": "媒体表扬", "category": "加分", "points": 3, "mode": "once",\n'
    '     "text": "媒体表扬当月加3分"},\n]',
)
VETO_2_8 = ('"referral": True,', '"referral": True, "veto": True,')


def scheme_key(key: str, value: str) -> tuple[str, str]:
    """An edit adding `"key": value,` to SCHEME (after "winners")."""
    return ('    "winners": 5,\n', f'    "winners": 5,\n    "{key}": {value},\n')


def rules_file(folder: Path, *edits: tuple[str, str], name: str = "rules.py") -> Path:
    text = DEFAULT_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)
