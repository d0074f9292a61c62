"""Every export format, in every file kind, reduced to the same punches (to the minute, with the
file!cell each came from)."""

from __future__ import annotations

import datetime as dt

import pytest

from qualitywin.clock_exports import parse_export_date, parse_export_time, read_export
from qualitywin.issues import Code, QualitywinError

from attendance_helpers import (
    RAW_HEADER,
    write_csv,
    write_html_xls,
    write_spreadsheet_ml,
    write_xlsx,
)

DAY = dt.date(2020, 1, 2)
RAW = [
    RAW_HEADER,
    ["综合窗口", "张伟", "00001", dt.datetime(2020, 1, 2, 8, 25, 59), 1],
    ["综合窗口", "张伟", "00001", dt.datetime(2020, 1, 2, 17, 3, 0), 1],
    ["综合窗口", "王芳", "2", dt.datetime(2020, 1, 2, 8, 31, 0), 2],
]
EXPECTED = [
    ("1", "张伟", dt.datetime(2020, 1, 2, 8, 25)),
    ("1", "张伟", dt.datetime(2020, 1, 2, 17, 3)),
    ("2", "王芳", dt.datetime(2020, 1, 2, 8, 31)),
]


def punches(path, **options):
    export = read_export(path, **options)
    assert export.issues == []
    return [(p.person_id, p.name, p.at) for p in export.punches]


WRITERS = {
    "xlsx": lambda p: write_xlsx(p.with_suffix(".xlsx"), RAW),
    "gbk-csv": lambda p: write_csv(p.with_suffix(".csv"), RAW, "gbk"),
    "gb18030-csv-named-xls": lambda p: write_csv(p.with_suffix(".xls"), RAW, "gb18030"),
    "utf8-bom-csv": lambda p: write_csv(p.with_suffix(".csv"), RAW, "utf-8-sig"),
    "utf16-tab-txt": lambda p: write_csv(p.with_suffix(".txt"), RAW, "utf-16", "\t"),
    "html-xls": lambda p: write_html_xls(p.with_suffix(".xls"), RAW),
    "gbk-html-xls": lambda p: write_html_xls(p.with_suffix(".xls"), RAW, "gbk"),
    "spreadsheetml-xls": lambda p: write_spreadsheet_ml(p.with_suffix(".xls"), RAW),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_raw_punches_read_the_same_from_every_file_kind(tmp_path, kind):
    assert punches(WRITERS[kind](tmp_path / "原始记录")) == EXPECTED


def test_a_gbk_csv_and_an_html_xls_give_what_the_xlsx_gives(tmp_path):
    xlsx = punches(WRITERS["xlsx"](tmp_path / "a"))
    assert punches(WRITERS["gbk-csv"](tmp_path / "b")) == xlsx
    assert punches(WRITERS["html-xls"](tmp_path / "c")) == xlsx


def test_each_punch_cites_its_file_and_cell(tmp_path):
    export = read_export(WRITERS["gbk-csv"](tmp_path / "原始记录"))
    assert [p.source for p in export.punches] == [
        "原始记录.csv!D2",
        "原始记录.csv!D3",
        "原始记录.csv!D4",
    ]
    assert export.formats == ["punches"]


def test_date_and_time_in_two_columns_and_text_times(tmp_path):
    rows = [
        ["工号", "姓名", "打卡日期", "打卡时间"],
        ["1", "张伟", "2020/1/2", "8:25:33"],
        ["1", "张伟", "2020-01-02", "17:03"],
    ]
    got = punches(write_csv(tmp_path / "p.csv", rows))
    assert got == EXPECTED[:2]


def test_zkteco_daily_records_give_sign_in_and_sign_out_punches(tmp_path):
    rows = [
        [
            "登记号码",
            "姓名",
            "日期",
            "对应时段",
            "上班时间",
            "下班时间",
            "签到时间",
            "签退时间",
            "应到",
            "实到",
        ],
        ["1", "张伟", "2020-01-02", "上午", "08:30", "12:00", "08:25", "12:01", 1, 1],
        ["1", "张伟", "2020-01-02", "下午", "14:00", "17:00", "", "17:03", 1, 1],
    ]
    export = read_export(write_xlsx(tmp_path / "考勤记录.xlsx", rows))
    assert export.formats == ["daily"] and export.issues == []
    assert [(p.at.strftime("%H:%M"), p.source) for p in export.punches] == [
        ("08:25", "考勤记录.xlsx!G2"),
        ("12:01", "考勤记录.xlsx!H2"),
        ("17:03", "考勤记录.xlsx!H3"),
    ]


DINGTALK_TOP = [
    "姓名",
    "考勤组",
    "部门",
    "工号",
    "UserId",
    "日期",
    "班次",
    "上班1",
    "上班1",
    "下班1",
    "下班1",
    "上班2",
    "上班2",
    "下班2",
    "下班2",
]
DINGTALK_BOTTOM = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "打卡时间",
    "打卡结果",
    "打卡时间",
    "打卡结果",
    "打卡时间",
    "打卡结果",
    "打卡时间",
    "打卡结果",
]
DINGTALK_ROW = [
    "张伟",
    "窗口组",
    "公安局",
    "1",
    "0123",
    "20-01-02 星期四",
    "上午 08:30-12:00",
    "08:25",
    "正常",
    "12:01",
    "正常",
    "--",
    "缺卡",
    "17:03",
    "正常",
]


def test_a_dingtalk_daily_report_with_title_rows_and_a_header_over_two_merged_rows(tmp_path):
    rows = [
        ["每日统计 统计日期:2020-01-01 至 2020-01-31"],
        ["报表生成时间:2020-02-01 10:00"],
        DINGTALK_TOP,
        DINGTALK_BOTTOM,
        DINGTALK_ROW,
    ]
    merges = [(2, c, 3, c) for c in range(7)] + [(2, c, 2, c + 1) for c in (7, 9, 11, 13)]
    for merge_row in merges:
        rows[merge_row[0]][merge_row[1]] = DINGTALK_TOP[merge_row[1]]
    export = read_export(write_xlsx(tmp_path / "每日统计.xlsx", rows, merges))
    assert export.formats == ["report"] and export.issues == []
    assert [(p.person_id, p.at.strftime("%m-%d %H:%M"), p.source) for p in export.punches] == [
        ("1", "01-02 08:25", "每日统计.xlsx!H5"),
        ("1", "01-02 12:01", "每日统计.xlsx!J5"),
        ("1", "01-02 17:03", "每日统计.xlsx!N5"),
    ]


def test_the_same_report_as_a_csv_leaves_the_merged_cells_blank(tmp_path):
    top = [c if i < 7 or (i - 7) % 2 == 0 else "" for i, c in enumerate(DINGTALK_TOP)]
    rows = [["每日统计"], top, DINGTALK_BOTTOM, DINGTALK_ROW]
    got = [(p.person_id, p.at) for p in read_export(write_csv(tmp_path / "r.csv", rows)).punches]
    assert [at.strftime("%H:%M") for _, at in got] == ["08:25", "12:01", "17:03"]


def test_a_wecom_daily_report(tmp_path):
    rows = [
        ["上下班打卡_日报"],
        ["时间", "名字", "账号", "部门", "上班1 打卡时间", "下班1 打卡时间", "打卡状态"],
        ["2020/01/02 星期四", "张伟", "zhangwei", "公安局", "08:25", "未打卡", "缺卡"],
    ]
    export = read_export(write_html_xls(tmp_path / "日报.xls", rows))
    assert export.formats == ["report"] and export.issues == []
    assert [(p.person_id, p.name, p.at) for p in export.punches] == [
        ("zhangwei", "张伟", dt.datetime(2020, 1, 2, 8, 25))
    ]


def test_an_html_header_with_colspan_and_rowspan_reads_like_the_merged_workbook(tmp_path):
    spans = {(0, c): (2, 1) for c in range(7)}
    spans.update({(0, c): (1, 2) for c in (7, 9, 11, 13)})
    export = read_export(
        write_html_xls(
            tmp_path / "每日统计.xls", [DINGTALK_TOP, DINGTALK_BOTTOM, DINGTALK_ROW], spans=spans
        )
    )
    assert [p.at.strftime("%H:%M") for p in export.punches] == ["08:25", "12:01", "17:03"]


def test_a_bad_time_and_a_bad_date_are_named_with_file_and_cell(tmp_path):
    rows = [
        ["工号", "姓名", "日期", "时间"],
        ["1", "张伟", "2020-01-02", "8点25"],
        ["1", "张伟", "二〇二〇年一月", "08:25"],
        ["", "", "2020-01-02", "08:25"],
    ]
    export = read_export(write_csv(tmp_path / "打卡.csv", rows, "gbk"))
    assert [(i.code, i.where, i.value) for i in export.issues] == [
        (Code.TIME_INVALID, "打卡.csv!D2", "8点25"),
        (Code.DATE_INVALID, "打卡.csv!C3", "二〇二〇年一月"),
        (Code.PERSON_BLANK, "打卡.csv!B4", ""),
    ]
    assert export.punches == []


def test_an_export_with_no_known_header_is_refused_listing_what_it_has(tmp_path):
    with pytest.raises(QualitywinError) as raised:
        read_export(
            write_csv(tmp_path / "x.csv", [["序号", "员工", "时刻"], ["1", "张伟", "8:25"]])
        )
    issue = raised.value.issues[0]
    assert issue.code == Code.EXPORT_UNRECOGNISED and "员工" in issue.message("en")


def test_a_forced_format_lists_the_columns_it_misses(tmp_path):
    export = read_export(
        write_csv(tmp_path / "x.csv", [["姓名", "日期", "备注"], ["张伟", "2020-01-02", ""]]),
        format="daily",
    )
    assert [(i.code, i.params["column"]) for i in export.issues] == [
        (Code.COLUMN_MISSING, "签到时间")
    ]


def test_a_pdf_is_not_an_export(tmp_path):
    (tmp_path / "x.xls").write_bytes(b"%PDF-1.4 not a table")
    with pytest.raises(QualitywinError) as raised:
        read_export(tmp_path / "x.xls")
    assert raised.value.issues[0].code in (Code.NOT_A_WORKBOOK, Code.EXPORT_UNREADABLE)


def test_spreadsheet_ml_with_an_entity_declaration_is_refused_unexpanded(tmp_path):
    path = tmp_path / "x.xls"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">&a;</Workbook>',
        encoding="utf-8",
    )
    with pytest.raises(QualitywinError) as raised:
        read_export(path)
    assert raised.value.issues[0].code == Code.UNSAFE_XML


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20-01-02 星期四", DAY),
        ("2020/01/02 星期四", DAY),
        ("2020年1月2日", DAY),
        ("2020.1.2", DAY),
        ("1月2日", None),
        ("", None),
    ],
)
def test_export_dates(text, expected):
    assert parse_export_date(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("08:30:59", "08:30"),
        ("8:05", "08:05"),
        ("2020-01-03 07:59:01", "01-03 07:59"),
        (dt.time(8, 30, 59), "08:30"),
        (0.3548611111, "08:31"),
        ("25:00", None),
        ("八点", None),
    ],
)
def test_export_times_are_cut_to_the_minute(value, expected):
    at = parse_export_time(value, DAY)
    shown = None if at is None else at.strftime("%m-%d %H:%M" if at.date() != DAY else "%H:%M")
    assert shown == expected


def test_a_text_file_too_large_to_be_an_export_is_refused_unread(tmp_path, monkeypatch):
    from qualitywin import export_tables

    monkeypatch.setattr(export_tables, "MAX_TEXT_BYTES", 100)
    path = write_csv(tmp_path / "big.csv", RAW * 10)
    with pytest.raises(QualitywinError) as raised:
        read_export(path)
    assert raised.value.issues[0].code == Code.EXPORT_UNREADABLE
    assert "256 MB" in raised.value.issues[0].message("en")


def test_a_real_legacy_xls_reads_like_the_xlsx(tmp_path):
    import xlwt  # a test dependency: writes real BIFF .xls

    book = xlwt.Workbook()
    sheet = book.add_sheet("原始记录")
    stamp = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    for r, row in enumerate(RAW):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write(r, c, value, stamp)
            else:
                sheet.write(r, c, value)
    book.save(str(tmp_path / "原始记录.xls"))
    assert punches(tmp_path / "原始记录.xls") == EXPECTED
