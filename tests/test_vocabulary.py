"""One vocabulary: every status, audit state, reason and criterion has zh and en text."""

import pytest

from qualitywin.messages import CATALOG, criterion_text, reason_text, state_text, status_text
from qualitywin.vocabulary import CRITERIA, AuditState, Reason, ReasonCode, WindowStatus

PARAMS = {
    ReasonCode.VETO: {"rule": "2.8", "label": "吃拿卡要", "sheet": "扣分记录", "row": 5},
    ReasonCode.BELOW_MINIMUM: {"total": "55", "min_total": "60"},
    ReasonCode.TIE_SELECTED: {"criteria": ["fewer_counted_rows"]},
    ReasonCode.TIE_LEFT_OUT: {"criteria": ["fewer_counted_rows", "fewer_lost:工作纪律"]},
    ReasonCode.TIE_UNRESOLVED: {"criteria": ["more_bonus"]},
    ReasonCode.REFERRAL: {"rule": "2.8", "person": "王五", "sheet": "扣分记录", "row": 3},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_status_has_text_in_both_languages(lang):
    for status in WindowStatus:
        if status is WindowStatus.NONE:
            assert status_text(status, lang) == ""
            continue
        assert f"status.{status.value}" in CATALOG[lang]
        shown = status_text(status, lang)
        assert shown and not shown.startswith("status.")


def test_the_statuses_read_in_english_under_en():
    assert [status_text(s, "en") for s in WindowStatus if s] == [
        "selected",
        "tied",
        "vetoed",
        "below minimum",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_audit_state_has_text_in_both_languages(lang):
    for state in AuditState:
        assert f"state.{state.value}" in CATALOG[lang]
        assert not state_text(state, lang, by="1.1b").startswith("state.")


def test_the_replacing_rule_is_a_parameter_of_the_replaced_state():
    assert state_text(AuditState.REPLACED, "zh", by="1.1b") == "被替代(1.1b)"
    assert state_text(AuditState.REPLACED, "en", by="1.1b") == "replaced (1.1b)"
    assert state_text(AuditState.COUNTED, "zh") == AuditState.COUNTED.value  # the workbook's word


def test_every_reason_code_has_text_in_both_languages_and_an_example_here():
    assert set(PARAMS) == set(ReasonCode)
    for code, params in PARAMS.items():
        assert f"reason.{code.value}" in CATALOG["zh"] and f"reason.{code.value}" in CATALOG["en"]
        zh, en = (reason_text(Reason(code, params), lang) for lang in ("zh", "en"))
        assert zh != en and not zh.startswith("reason.") and not en.startswith("reason.")


def test_english_reasons_carry_no_chinese_of_their_own():
    # only the scheme's own words (a rule's label, a sheet, a person) may be Chinese
    en = reason_text(Reason(ReasonCode.BELOW_MINIMUM, PARAMS[ReasonCode.BELOW_MINIMUM]), "en")
    assert en == "total 55 is below the minimum 60"
    tie = reason_text(Reason(ReasonCode.TIE_LEFT_OUT, PARAMS[ReasonCode.TIE_LEFT_OUT]), "en")
    assert (
        tie
        == "tied on total; not selected by fewer counted rows, then fewer points lost in 工作纪律"
    )


def test_the_chinese_reasons_are_the_workbooks_wording():
    assert (
        reason_text(Reason(ReasonCode.TIE_LEFT_OUT, PARAMS[ReasonCode.TIE_LEFT_OUT]), "zh")
        == "总分并列,按“计入扣分行数少”“工作纪律失分少”未入选"
    )
    assert (
        reason_text(Reason(ReasonCode.VETO, PARAMS[ReasonCode.VETO]), "zh")
        == "一票否决:2.8 吃拿卡要(扣分记录第5行)"
    )
    assert (
        reason_text(Reason(ReasonCode.REFERRAL, PARAMS[ReasonCode.REFERRAL]), "zh")
        == "移交:2.8 王五(扣分记录第3行)"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tie_break_criterion_has_text(lang):
    for name in CRITERIA:
        full = name + "工作纪律" if name.endswith(":") else name
        shown = criterion_text(full, lang)
        assert shown and not shown.startswith("criterion.")


def test_a_reason_travels_as_data():
    reason = Reason(ReasonCode.VETO, PARAMS[ReasonCode.VETO])
    assert Reason.from_dict(reason.to_dict()) == reason


def test_the_vocabulary_is_a_leaf_module():
    import ast
    from pathlib import Path

    import qualitywin.vocabulary as vocabulary

    tree = ast.parse(Path(vocabulary.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.startswith("qualitywin")]
