"""docs/rules.md documents every key the rules-file loader accepts, and every tie-break criterion."""

from pathlib import Path

import pytest

from qualitywin import publish_rules, scheme

DOC = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
KEYS = sorted(
    set(scheme.TABLES)
    | scheme.SCHEME_KEYS
    | scheme.CATEGORY_KEYS
    | scheme.RULE_KEYS
    | scheme.COMPUTED_KEYS
    | scheme.COLUMN_KEYS
    | publish_rules.PUBLISH_KEYS
    | scheme.ATTENDANCE_KEYS
    | scheme.SESSION_KEYS
    | scheme.RATINGS_KEYS
)


@pytest.mark.parametrize("key", KEYS)
def test_every_key_the_loader_accepts_is_documented(key):
    assert f"`{key}`" in DOC or f'"{key}"' in DOC, key


@pytest.mark.parametrize(
    "word",
    [
        *scheme.MODES,
        *scheme.KINDS,
        *scheme.AGGREGATES,
        *(c.rstrip(":") for c in scheme.CRITERIA),
        *scheme.RATING_MEASURES,
    ],
)
def test_every_value_word_is_documented(word):
    assert f'"{word}' in DOC, word


def test_the_statuses_are_documented():
    from qualitywin import ranking

    for status in (ranking.SELECTED, ranking.TIED, ranking.VETOED, ranking.BELOW_MINIMUM):
        assert f"`{status}`" in DOC or f'"{status}"' in DOC, status


@pytest.mark.parametrize("name", publish_rules.PLACEHOLDERS)
def test_every_placeholder_of_publish_is_documented(name):
    assert f"`{{{name}}}`" in DOC, name


def test_the_documented_publish_example_checks_clean(tmp_path):
    from rules_helpers import DEFAULT_TEXT

    example = DOC.split("默认的 `body`")[1].split("```python")[1].split("```")[0]
    path = tmp_path / "rules.py"
    path.write_text(DEFAULT_TEXT + example, encoding="utf-8")
    report = scheme.check_rules(path)
    assert report.errors == []
    assert report.scheme.publish.public_days == 7
    assert report.scheme.publish.body == scheme.publish_of(publish_rules.DEFAULT_PUBLISH).body
