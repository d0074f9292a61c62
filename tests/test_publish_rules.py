"""The rules file's PUBLISH table: the wording of the notice, the deduction notices and the page.
Optional, with a default; checked like every table, each problem on its line."""

from qualitywin.publish_rules import DEFAULT_PUBLISH, Heading, publish_of
from qualitywin.scheme import check_rules, load_scheme

from publish_helpers import run
from rules_helpers import DEFAULT_TEXT


def rules_with(tmp_path, table: str):
    path = tmp_path / "rules.py"
    path.write_text(DEFAULT_TEXT + "\n" + table, encoding="utf-8")
    return path


def line_of(path, needle: str) -> int:
    return next(
        n for n, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in l
    )


def test_a_scheme_without_publish_gets_the_default_wording():
    scheme = load_scheme()
    assert scheme.publish == publish_of(DEFAULT_PUBLISH)
    assert scheme.publish.appeal_days == 3 and scheme.publish.appeal_office == "督察科"
    assert scheme.publish.public_days is None
    assert Heading("评选结果") in scheme.publish.body
    assert "publish" not in scheme.features()


def test_publish_values_replace_the_defaults_and_keep_the_rest(tmp_path):
    path = rules_with(
        tmp_path,
        'PUBLISH = {\n    "appeal_days": 5,\n    "public_days": 7,\n'
        '    "body": ["{selected_text}", {"heading": "要求"}, "其余"],\n}\n',
    )
    publish = load_scheme(path).publish
    assert (publish.appeal_days, publish.public_days) == (5, 7)
    assert publish.body == ("{selected_text}", Heading("要求"), "其余")
    assert publish.title == DEFAULT_PUBLISH["title"]
    assert "publish" in load_scheme(path).features()


def test_every_problem_of_publish_is_reported_on_its_line(tmp_path):
    path = rules_with(
        tmp_path,
        "PUBLISH = {\n"
        '    "apeal_days": 5,\n'
        '    "title": "关于{mnth}的通报",\n'
        '    "attachment": "排名表{",\n'
        '    "public_days": 0,\n'
        '    "body": [\n'
        '        "正文",\n'
        '        {"heading": 3},\n'
        "    ],\n"
        '    "tied_text": "{tied_text}",\n'
        "}\n",
    )
    report = check_rules(path)
    found = {(issue.code.value, issue.row) for issue in report.errors}
    assert found == {
        ("rules-unknown-key", line_of(path, '"apeal_days"')),
        ("rules-unknown-placeholder", line_of(path, "{mnth}")),
        ("rules-bad-template", line_of(path, "排名表{")),
        ("rules-bad-value", line_of(path, '"public_days"')),
        ("rules-bad-value", line_of(path, '{"heading": 3}')),
        ("rules-unknown-placeholder", line_of(path, '"tied_text"')),
    }
    typo = next(
        i
        for i in report.errors
        if i.code.value == "rules-unknown-placeholder" and i.params["name"] == "mnth"
    )
    assert "month" in typo.message("en") and "{mnth}" in typo.message("zh")


def test_rules_check_refuses_a_bad_publish_table_with_its_line(tmp_path, monkeypatch):
    path = rules_with(tmp_path, 'PUBLISH = {"title": "{month"}\n')
    monkeypatch.chdir(tmp_path)
    outcome = run("rules", "check", "rules.py")
    assert outcome.exit_code == 1
    assert f"rules.py:{line_of(path, 'PUBLISH')}" in outcome.stdout
    assert "unmatched brace" in outcome.stdout


def test_a_publish_that_is_not_a_dict_is_an_error(tmp_path):
    report = check_rules(rules_with(tmp_path, 'PUBLISH = ["通报"]\n'))
    assert [i.code.value for i in report.errors] == ["rules-bad-value"]
