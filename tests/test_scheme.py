"""The scheme is data: the default rules file loads, and every mistake is reported with its line."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from qualitywin.issues import Code, QualitywinError
from qualitywin.scheme import default_rules_path, load_scheme

DEFAULT = default_rules_path()


def test_default_scheme_has_the_sources_four_categories_and_28_windows():
    scheme = load_scheme()
    assert [(c.name, c.points) for c in scheme.categories] == [
        ("领导重视", 15),
        ("工作纪律", 30),
        ("行为规范", 10),
        ("办件规范", 15),
    ]
    assert scheme.max_score == Decimal(70)
    assert len(scheme.roster) == 28
    assert scheme.roster[0] == "发改委" and scheme.roster[-1] == "燃气公司"
    assert scheme.winners == 5


def test_default_scheme_rule_ids_points_and_modes_follow_the_contract():
    scheme = load_scheme()
    table = {r.id: (r.category, r.points, r.mode) for r in scheme.rules}
    assert len(table) == 28
    assert table["1.1a"] == ("领导重视", 5, "once")
    assert table["1.1b"] == ("领导重视", 15, "once")
    assert scheme.rule("1.1b").replaces == "1.1a"
    assert table["1.4b"] == ("领导重视", 3, "per_count")
    assert table["2.1"] == ("工作纪律", 1, "computed")
    assert table["2.8"] == ("工作纪律", 20, "per_count") and scheme.rule("2.8").referral
    assert table["4.4"] == ("办件规范", 5, "per_count")
    assert "一次性告知" in scheme.rule("4.2").text


def test_rule_texts_are_transcribed_from_the_source_notice():
    # docs/source-notice.txt is the notice as published (a web copy, with its adverts)
    notice = (Path(__file__).resolve().parents[1] / "docs" / "source-notice.txt").read_text(
        encoding="utf-8"
    )
    notice = re.sub(r"\(来源:[^)]*\)", "", notice)  # the web copy's inserted advert
    for rule in load_scheme().rules:
        assert rule.text in notice, rule.id


def test_the_rules_file_is_never_executed(tmp_path):
    marker = tmp_path / "ran"
    rules = tmp_path / "evil.py"
    rules.write_text(
        DEFAULT.read_text(encoding="utf-8") + f"\nopen({str(marker)!r}, 'w').write('x')\n",
        encoding="utf-8",
    )
    with pytest.raises(QualitywinError) as caught:
        load_scheme(rules)
    assert not marker.exists()
    assert caught.value.issues[0].code == Code.RULES_NOT_DATA


def _broken(tmp_path, old: str, new: str) -> list:
    text = DEFAULT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(QualitywinError) as caught:
        load_scheme(path)
    return caught.value.issues


def _line_of(tmp_path, needle: str) -> int:
    lines = (tmp_path / "rules.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_a_duplicate_rule_id_is_reported_with_its_line(tmp_path):
    issues = _broken(tmp_path, '{"id": "1.3"', '{"id": "1.2"')
    assert [i.code for i in issues] == [Code.RULES_DUPLICATE_ID]
    assert issues[0].row == _line_of(tmp_path, "首席代表未按要求") + 2
    assert issues[0].where.endswith(f"rules.py:{issues[0].row}")


def test_an_unknown_category_is_reported_with_its_line(tmp_path):
    issues = _broken(
        tmp_path, '"category": "行为规范", "points": 2', '"category": "行为规矩", "points": 2'
    )
    assert [i.code for i in issues] == [Code.RULES_UNKNOWN_CATEGORY]
    assert issues[0].row == _line_of(tmp_path, "行为规矩")
    assert "行为规矩" in issues[0].message("en")


def test_an_unknown_mode_is_reported(tmp_path):
    issues = _broken(tmp_path, '"mode": "once"', '"mode": "monthly"')
    assert [i.code for i in issues] == [Code.RULES_UNKNOWN_MODE]
    assert issues[0].row == _line_of(tmp_path, '"monthly"')


@pytest.mark.parametrize("points", ["0", "-5", '"five"'])
def test_non_positive_points_are_reported(tmp_path, points):
    issues = _broken(
        tmp_path,
        '"points": 5, "mode": "per_count", "unit": "次",\n     "text": "可作收件',
        f'"points": {points}, "mode": "per_count", "unit": "次",\n     "text": "可作收件',
    )
    assert [i.code for i in issues] == [Code.RULES_BAD_POINTS]


def test_an_empty_roster_is_reported(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    start = text.index("ROSTER = [")
    end = text.index("]", start)
    path = tmp_path / "rules.py"
    path.write_text(text[:start] + "ROSTER = [" + text[end:], encoding="utf-8")
    with pytest.raises(QualitywinError) as caught:
        load_scheme(path)
    assert [i.code for i in caught.value.issues] == [Code.RULES_EMPTY_ROSTER]
    assert caught.value.issues[0].row == path.read_text(encoding="utf-8")[:start].count("\n") + 1


def test_several_problems_are_reported_together_in_line_order(tmp_path):
    _broken(tmp_path, '{"id": "1.3"', '{"id": "1.2"')  # writes rules.py with a duplicate id
    text = (
        (tmp_path / "rules.py")
        .read_text(encoding="utf-8")
        .replace('"mode": "once"', '"mode": "x"', 1)
    )
    (tmp_path / "rules.py").write_text(text, encoding="utf-8")
    with pytest.raises(QualitywinError) as caught:
        load_scheme(tmp_path / "rules.py")
    codes = [i.code for i in caught.value.issues]
    assert set(codes) == {Code.RULES_DUPLICATE_ID, Code.RULES_UNKNOWN_MODE}
    rows = [i.row for i in caught.value.issues]
    assert rows == sorted(rows)


def test_a_syntax_error_names_its_line(tmp_path):
    path = tmp_path / "rules.py"
    path.write_text("SCHEME = {\n  'name': 'x',\n  oops\n}\n", encoding="utf-8")
    with pytest.raises(QualitywinError) as caught:
        load_scheme(path)
    assert caught.value.issues[0].code == Code.RULES_SYNTAX
    assert caught.value.issues[0].row in (2, 3)


def test_a_missing_rules_file_is_a_clear_error(tmp_path):
    with pytest.raises(QualitywinError) as caught:
        load_scheme(tmp_path / "nope.py")
    assert caught.value.issues[0].code == Code.RULES_FILE
