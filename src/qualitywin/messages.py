"""Every user-facing sentence, in Chinese and English.

`CATALOG[lang][key]` is a `str.format` template. Issue codes are keys (`code.value`), with the
hint under `code.value + ".hint"`; console strings have dotted names (`summary.counted`).
The language comes from `set_language`, else QUALITYWIN_LANG, else the locale (zh* → zh, else en).
"""

from __future__ import annotations

import locale
import os
from typing import TYPE_CHECKING, Any

from qualitywin.vocabulary import AuditState, Reason, ReasonCode, WindowStatus

if TYPE_CHECKING:
    from qualitywin.issues import Issue

LANGUAGES = ("zh", "en")
_current: str | None = None


def set_language(lang: str | None) -> None:
    global _current
    _current = lang if lang in LANGUAGES else None


def current_language() -> str:
    if _current:
        return _current
    env = os.environ.get("QUALITYWIN_LANG", "").strip().lower()
    if env[:2] in LANGUAGES:
        return env[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    template = CATALOG[lang or current_language()].get(key)
    if template is None:
        template = CATALOG["en"].get(key, key)
    return template.format(**params) if params else template


def issue_text(issue: "Issue", lang: str | None = None) -> str:
    return text(issue.code.value, lang, **_issue_params(issue, lang))


def issue_hint(issue: "Issue", lang: str | None = None) -> str:
    key = issue.code.value + ".hint"
    lang = lang or current_language()
    if key not in CATALOG[lang]:
        return ""
    return text(key, lang, **_issue_params(issue, lang))


def _issue_params(issue: "Issue", lang: str | None = None) -> dict[str, Any]:
    params = {key: _show(value, limit=None) for key, value in issue.params.items()}
    what = f"what.{issue.params.get('what')}"
    if what in CATALOG["en"]:  # a file's kind, as filecheck names it: translated here
        params["what"] = text(what, lang)
    params.setdefault("value", _show(issue.value))
    params.setdefault("sheet", issue.sheet or "")
    params.setdefault("cell", issue.cell or "")
    suggestions = issue.params.get("suggestions")
    params["did_you_mean"] = _did_you_mean(suggestions, lang) if suggestions else ""
    return params


def _show(value: Any, limit: int | None = 60) -> str:
    """A value as the message shows it: lists joined, long cell text shortened."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):  # as Excel shows it
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():  # a number cell 3 reads as 3.0
        return str(int(value))
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


# -- the vocabulary in words -------------------------------------------------------------------


def status_text(status: str, lang: str | None = None) -> str:
    """A window status (入选, 一票否决, …) as the reader's language says it; blank stays blank."""
    status = WindowStatus(status)
    return "" if status is WindowStatus.NONE else text(f"status.{status.value}", lang)


def state_text(state: str, lang: str | None = None, by: str = "") -> str:
    """An audit state; a replaced line names the rule that replaced it."""
    return text(f"state.{AuditState(state).value}", lang, by=by)


def criterion_text(name: str, lang: str | None = None) -> str:
    """A tie-break criterion's name (fewer_lost:工作纪律) as a phrase."""
    if name.startswith("fewer_lost:"):
        return text("criterion.fewer_lost", lang, category=name.partition(":")[2])
    return text(f"criterion.{name}", lang)


def criteria_text(names: Any, lang: str | None = None) -> str:
    """Several criteria, in the order they were used."""
    items = [text("criteria.item", lang, label=criterion_text(n, lang)) for n in names]
    return text("criteria.separator", lang).join(items)


def reason_text(reason: Reason | None, lang: str | None = None) -> str:
    """Why a window has its status, or why a row is passed on, as a sentence."""
    if reason is None:
        return ""
    params = dict(reason.params)
    if reason.code is ReasonCode.VETO:
        params["named"] = " ".join(filter(None, (str(params["rule"]), params.get("label", ""))))
    elif reason.code is ReasonCode.REFERRAL:
        person = params.get("person", "")
        params["who"] = text("reason.who", lang, person=person) if person else ""
    elif "criteria" in params:
        params["criteria"] = criteria_text(params["criteria"], lang)
    return text(f"reason.{reason.code.value}", lang, **params)


def _did_you_mean(suggestions: Any, lang: str | None = None) -> str:
    return text("did_you_mean", lang, names=_show(suggestions))


ZH: dict[str, str] = {
    "issues.more": "……另有 {count} 个未显示(只显示前 {shown} 个;qualitywin validate --all 显示全部)",
    "opt.all": "显示全部问题(默认每类最多显示 200 个)。",
    "opt.validate_json": "在标准输出以 JSON 打印全部问题(代码、位置、值、说明、建议)。",
    "opt.full": "显示每条条款的原文全文(默认显示简称)。",
    "column.label": "简称",
    "help.annual": "把一年(或一个季度)的月度结果汇总成一张表:写出年度工作簿并打印。",
    "opt.annual_results": "score 写出的结果工作簿,或存放它们的文件夹。",
    "opt.annual_year": "年份(默认取结果中的年份;其他年份的结果会被跳过)。",
    "opt.annual_output": "年度工作簿(默认:第一个参数旁的 <年份>-年度汇总.xlsx)。",
    "opt.annual_json": "在标准输出上以 JSON 打印年度结果(工作簿照常写出)。",
    "did_you_mean": "(是不是:{names}?)",
    # the file
    "file-missing": "找不到文件 {path}",
    "file-missing.hint": "检查路径和文件名。",
    "not-a-file": "{path} 不是文件(是{what})",
    "not-a-file.hint": "请给出一个 .xlsx 工作簿文件。",
    "file-empty": "{path} 是空文件(0 字节)",
    "file-empty.hint": "文件可能没有保存完整,请重新保存或重新拷贝。",
    "file-unreadable": "无法读取 {path}:{reason}",
    "not-a-workbook": "{path} 不是 Excel 工作簿(它是{what})",
    "not-a-workbook.hint": "在 Excel 或 WPS 中打开后“另存为” .xlsx 工作簿。",
    "encrypted": "{path} 设有打开密码(已加密)",
    "encrypted.hint": "在 Excel 或 WPS 中输入密码打开,取消密码(文件→信息→保护工作簿→用密码进行加密,清空)后保存,再运行。",
    "unsafe-xml": "工作簿的 {part} 含有 DTD/实体声明(可能是恶意构造的文件),已拒绝,未展开任何实体",
    "unsafe-xml.hint": "正常的 Excel/WPS 文件不含实体声明;请向文件来源核实,或重新从 Excel 另存为 .xlsx。",
    "zip-bomb": "工作簿解压后会超过上限 {limit} 字节(已知至少 {size} 字节),已拒绝,没有解压",
    "zip-bomb.hint": "如确属超大工作簿,用 --max-unzipped 提高上限(字节数)。",
    "too-many-rows": "工作表 {sheet} 有 {rows} 行,超过 Excel 的上限 {limit} 行",
    "too-many-rows.hint": "把记录拆分到多个工作簿。",
    "too-many-cells": "工作表 {sheet} 的使用范围达 {rows} 行 × {columns} 列({cells} 个单元格),超过上限 {limit},已拒绝(可能是恶意构造的文件)",
    "too-many-cells.hint": "在 Excel 或 WPS 中按 Ctrl+End 找到最远的单元格,删除多余的行和列后另存为 .xlsx。",
    "insecure-setup": "{library} 没有使用 {needs} 解析 XML,拒绝读取",
    "insecure-setup.hint": "重新安装 qualitywin(pip install qualitywin 会一并安装 {needs})。",
    "what.directory": "文件夹",
    "what.special-file": "特殊文件(管道或设备)",
    "what.text": "文本文件",
    "what.csv": "CSV 文本文件",
    "what.html": "网页(HTML)文件,常见于系统导出的“.xls”",
    "what.xml": "XML 文件",
    "what.pdf": "PDF 文件",
    "what.binary": "无法识别的二进制文件",
    "what.damaged-zip": "损坏或不完整的压缩包",
    "what.empty-zip": "空的压缩包",
    "what.zip-without-workbook": "不含工作簿的压缩包",
    "what.xlsb": "Excel 二进制工作簿(.xlsb)",
    "what.other-document": "其他类型的办公文档(Word、PowerPoint 等)",
    "what.damaged-ole": "损坏的旧版 Office 文件",
    "what.damaged-workbook": "损坏的工作簿",
    # output
    "output-exists": "结果文件 {path} 已存在,未覆盖",
    "output-exists.hint": "加 --force 覆盖,或用 --output 指定另一个文件。",
    "output-is-input": "结果文件 {path} 就是输入文件,拒绝写入",
    "output-is-input.hint": "用 --output 指定另一个文件名。",
    "output-dir-missing": "结果文件所在的文件夹 {path} 不存在",
    "output-dir-missing.hint": "先建好文件夹,或用 --output 指定已有文件夹中的文件。",
    "output-not-writable": "无法写入 {path}:{reason}",
    # rules file
    "rules-file": "无法读取规则文件 {file}:{reason}",
    "rules-syntax": "规则文件语法错误:{reason}",
    "rules-not-data": "规则文件只能包含“名称 = 字面量表格”的赋值,不能有代码",
    "rules-missing-table": "规则文件缺少表 {table}",
    "rules-bad-value": "{key} 的值不正确,应为:{expected}",
    "rules-unknown-key": "{where} 中有未知的键 {key}{did_you_mean}(可用的键:{known})",
    "rules-duplicate-id": "条款编号 {id} 重复(第一次出现在第 {first} 行)",
    "rules-unknown-category": "条款 {id} 的类别 {category} 未在 CATEGORIES 中定义(已定义:{known})",
    "rules-unknown-mode": "条款 {id} 的计分方式 {mode} 未知(可用:{known})",
    "rules-bad-points": "{what} 的分值 {value} 应为正数",
    "rules-empty-roster": "ROSTER(参评窗口名单)为空",
    "rules-unknown-rule": "{key} 引用了未定义的条款 {id}{did_you_mean}",
    "rules-unknown-criterion": "并列处理规则 {criterion} 不存在(可用:{known})",
    "rules-no-floor": "条款 {id} 一次就计 {rule_points} 分,超过类别 {category} 的 {points} 分;该类别最多计 {points} 分(扣完为止/加分封顶)",
    "rules-category-unused": "类别 {category} 没有任何条款:每个窗口在此类别都得 {score} 分",
    # workbook structure
    "sheet-missing": "找不到工作表 {wanted};工作簿中的工作表有:{found}",
    "sheet-missing.hint": "把记录所在的工作表改名为 {wanted}。",
    "header-missing": "工作表 {sheet} 是空的,没有表头行",
    "header-missing.hint": "第一行非空行应是表头:{columns}。",
    "column-missing": "工作表 {sheet} 缺少必填列 {column}{did_you_mean}",
    "column-missing.hint": "表头应包含:{columns}。",
    "column-duplicate": "列 {column} 出现了两次(另一次在 {other})",
    "column-duplicate.hint": "删除或改名其中一列。",
    "column-unknown": "未知的列 {value},将被忽略{did_you_mean}",
    "sheet-hidden": "工作表 {sheet} 是隐藏的,仍按其内容计分",
    "month-mismatch": "--month {month} 与文件名中的月份 {file_month} 不同,按 {month} 计",
    # data cells
    "required-blank": "{column} 为空(必填)",
    "cell-error": "单元格是错误值 {value}",
    "cell-error.hint": "修正产生错误的公式,或直接填入数值。",
    "formula-no-value": "单元格是公式 {value},但没有计算结果",
    "formula-no-value.hint": "在 Excel/WPS 中打开并保存一次以计算公式,或直接填入数值。",
    "text-too-long": "文字过长({length} 个字符,上限 {limit})",
    "date-invalid": "日期 {value} 无法识别",
    "date-invalid.hint": "请填日期,如 2020-02-03、2020/2/3、2020.2.3 或 2020年2月3日。",
    "date-number": "日期列是数字 {value},不是日期",
    "date-number.hint": "把单元格格式设为“日期”,或填写 2020-02-03 这样的文字。",
    "date-outside-month": "日期 {value} 不在 {month} 月内",
    "window-unknown": "窗口 {value} 不在参评名单中{did_you_mean}",
    "window-unknown.hint": "名单见 qualitywin rules。",
    "rule-unknown": "条款 {value} 不存在{did_you_mean}",
    "rule-unknown.hint": "条款编号见 qualitywin rules。",
    "rule-computed": "条款 {value} 不能在此登记,它由工作表 {from_sheet} 计算",
    "count-invalid": "人次 {value} 应为不小于 1 的整数",
    "status-invalid": "状态 {value} 无法识别,应为空、有效 或 撤销",
    "number-invalid": "{column} 的值 {value} 应为不小于 0 的数",
    "name-blank": "{column} 为空(按人计算时必填)",
    "rule-replaced": "{window} 同时登记了 {replaced} 和 {by},按 {by} 计,{replaced} 不再扣分",
    # the evaluation group's picks (score --pick)
    "pick-no-tie": "本月没有并列待定的窗口,--pick 无从选择(给出的:{picks})",
    "pick-no-tie.hint": "入选窗口已经确定;去掉 --pick 再运行。",
    "pick-unknown-window": "--pick {value}:窗口不在参评名单中{did_you_mean}",
    "pick-unknown-window.hint": "名单见 qualitywin rules。",
    "pick-not-tied": "--pick {value}:{window} 不是并列待定窗口(名次 {rank},状态 {status});并列待定的是:{tied}",
    "pick-not-tied.hint": "考评小组只能在并列待定的窗口中选择。",
    "pick-duplicate": "--pick {value}:{window} 重复选择",
    "pick-too-many": "选了 {count} 个窗口,但只剩 {free} 个入选名额(并列待定:{tied})",
    "pick-too-many.hint": "--pick 最多给 {free} 个窗口。",
    # the year view (annual)
    "not-a-result": "{path} 不是 qualitywin 的评选结果工作簿(缺少 {missing})",
    "not-a-result.hint": "annual 读取 qualitywin score 写出的结果工作簿(如 2020-01-结果.xlsx),不读取每月的扣分记录。",
    "result-damaged": "{path}:{column} 应为数字,实为 {value}",
    "result-damaged.hint": "结果工作簿被改坏了;用 qualitywin score 重新生成该月的结果。",
    "no-results": "在 {place} 中没有找到评选结果(年份:{year})",
    "no-results.hint": "先用 qualitywin score 为每个月生成结果工作簿。",
    "month-twice": "{month} 有不止一个结果:{files}",
    "month-twice.hint": "每个月只给一个结果工作簿;移走或删去多余的。",
    "years-mixed": "结果属于不同的年份:{years}",
    "years-mixed.hint": "用 --year 指定要汇总的年份。",
    "result-inconsistent": "{file}({month})排名中 {window} 的分数对不上:类别合计 {sum},总分 {total},扣分 {deducted},满分 {max}(可能被手工改过);年度汇总按所写的总分 {total} 计",
    "result-other-year": "{path} 是 {month} 的结果,不属于 {year} 年,已跳过",
    "months-missing": "{year} 年缺少 {count} 个月的结果:{months}",
    "schemes-differ": "各月结果所用的评选办法不同:{schemes}",
    "tie-undecided": "{file}({month})还有并列待定的窗口未决定:{windows};年度汇总不计入其入选次数",
    # help texts (shown by --help)
    "help.app": "qualitywin — 优质服务窗口评选:检查、计分、排名一个月的扣分记录。",
    "help.rules": "显示或检查规则文件(评选办法)。",
    "help.validate": "检查一个月的工作簿:一次列出所有问题,每个问题注明工作表和单元格。",
    "help.score": "计分:写出排名结果工作簿并显示摘要。",
    "help.top": "显示本月入选名单(先入选,后并列待定),不写文件。",
    "help.template": "写出某月的空白录入工作簿:窗口、条款、状态有下拉列表,日期、人次有校验。",
    "help.rules_show": "以表格显示规则文件的评选办法。",
    "help.rules_check": "检查规则文件,列出每个问题及其行号。",
    "opt.help": "显示本帮助并退出。",
    "opt.debug": "出错时显示 Python 调用栈。",
    "opt.lang": "界面语言 zh 或 en(默认取 QUALITYWIN_LANG,其次取系统区域设置)。",
    "opt.version": "显示版本并退出。",
    "opt.file": "本月的扣分记录工作簿(.xlsx),例如 2020-02.xlsx。",
    "opt.month": "月份 YYYY-MM(默认从文件名中读取)。",
    "opt.rules": "规则文件(默认:上街区 2020 评选办法)。",
    "opt.max_unzipped": "工作簿解压后超过这么多字节即拒绝(默认 4 GiB)。",
    "opt.force": "覆盖已存在的输出文件。",
    "opt.quiet": "只显示错误。",
    "opt.score_output": "结果工作簿(默认:输入文件旁的 <输入>-结果.xlsx)。",
    "opt.json": "在标准输出打印 JSON 结果(仍写出工作簿)。",
    "opt.pick": "考评小组从并列窗口中选定的窗口(可重复给出)。",
    "opt.n": "显示的名额(默认取评选办法的,5 个)。",
    "opt.rules_file": "规则文件。",
    "opt.template_month": "月份,例如 2020-03。",
    "opt.template_output": "模板文件(默认:当前文件夹中的 <月份>.xlsx)。",
    "template.written": "模板已写入 {path}(可录入 {rows} 行)",
    "usage.lang": "不支持的语言 {value},可选:{languages}",
    # console: statuses, the rules table
    "status.入选": "入选",
    "status.并列待定": "并列待定",
    "status.decided": "*考评小组决定",
    "column.rule": "条款",
    "column.category": "类别",
    "column.points": "分值",
    "column.mode": "方式",
    "column.text": "内容",
    "mode.once": "每月一次",
    "mode.per_count": "每{unit}",
    "mode.computed": "按{sheet}计算",
    "mode.replaces": ",替代{rule}",
    "mode.referral": ",移交",
    "mode.cap": ",每月最多 {cap} 分",
    "mode.veto": ",一票否决",
    "mode.evidence": ",需依据",
    "unit.次": "次",
    "unit.人次": "人次",
    "unit.项": "项",
    "summary.categories_hidden": "(终端较窄,未显示各类别得分;结果工作簿中有。)",
    "evidence-blank": "条款 {rule} 需要依据:当事人或说明不能都为空",
    "evidence-blank.hint": "在“说明”中写明依据(如锦旗、表扬信的来源和日期)。",
    "measure-duplicate": "{who} 在工作表 {sheet} 中出现了两次(另一次在第 {other} 行),每个只能填一行",
    "measure-duplicate.hint": "删除重复的行,或合并为一行。",
    # -- a month of several workbooks (issue 12) --
    "file-other-month": "文件 {file} 名中的月份是 {file_month},而本次评的是 {month}",
    "file-other-month.hint": "检查是否给错了月份的文件;确需使用,请把文件改名。",
    "file-twice": "文件 {file} 给了两次",
    "file-twice.hint": "每个文件只给一次。",
    "sheet-in-two-files": "工作表 {sheet} 在两个文件中都有:{first} 和 {second}",
    "sheet-in-two-files.hint": "同一张表只能放在一个文件中,否则会重复计算;删掉其中一张,或只给其中一个文件。",
    "double-entry": "{date} {window} {rule} {person} 在两个文件中都有记录(另一条在 {other}),可能重复录入",
    "double-entry.hint": "如确是同一件事,请在其中一个文件中把状态改为“撤销”。",
    # -- 好差评 ratings (issue 12) --
    "rating-level-unknown": "评价等级 {value} 无法识别,应为:{levels},或 5–1",
    "rating-level-unknown.hint": "好差评的评价等级分五级;星级请写 5(非常满意)到 1(非常不满意)。",
    "ratings-too-few": "条款 {rule}:{count} 个窗口的评价少于 {minimum} 条,满意率不适用,不扣分:{windows}",
    "ratings-too-few.hint": "评价太少时满意率不能说明问题;门槛见规则文件中的 min_ratings。",
    "note.ratings_rate": "{rated} 条评价中好评 {good} 条(另有 {excluded} 条不计),满意率 {amount}%,低于 {threshold} 共 {beyond},每 {step} 扣 {points} 分",
    "opt.files": "本月的工作簿(.xlsx),例如 2020-02.xlsx;一个月可以是几个文件,如 2020-02.xlsx 2020-02-考勤扣分.xlsx 好差评-2020-02.xlsx。",
    # -- attendance: staff roster, clock exports, qualitywin attendance --
    "attendance-missing": "规则文件 {rules} 没有 ATTENDANCE 表(上下班时间和考勤扣分条款)",
    "attendance-missing.hint": "在规则文件中加 ATTENDANCE 表,写法见 docs/rules.md 第 13 节。",
    "calendar-unknown": "chinese-calendar {version} 没有 {year} 年的节假日数据,无法判断 {day} 是否上班",
    "calendar-unknown.hint": "升级 chinese-calendar(pip install -U chinese-calendar),或在规则文件 ATTENDANCE 的 holidays / workdays 中列出该月的每一个节假日和上班日。",
    "export-unreadable": "{path} 不是考勤机导出的表格(它是{what})",
    "export-unreadable.hint": "请给出考勤系统导出的 .xlsx、.xls、CSV 或网页表格文件。",
    "what.large-text": "超过 256 MB 的文本文件",
    "export-unrecognised": "{path} 中没有认得的考勤表头(第一行是:{headers});可识别的格式:{formats}",
    "export-unrecognised.hint": "打卡记录要有 登记号码/工号 或 姓名,以及 日期时间(或 日期 + 时间);用 --format 指定格式时会列出缺少的列。",
    "time-invalid": "打卡时间 {value} 无法识别",
    "time-invalid.hint": "应为 08:25、08:25:33 或 2020-01-02 08:25 这样的时间;没有打卡请留空。",
    "person-blank": "这一行既没有工号也没有姓名",
    "name-ambiguous": "姓名 {value} 对应人员名单中的多个人:{people},无法确定是谁",
    "name-ambiguous.hint": "在人员名单的“工号”列填写考勤机的登记号码/工号,并让导出带上工号列。",
    "staff-empty": "工作表 {sheet} 中没有任何人员",
    "staff-empty.hint": "每行填写一个人的 姓名、窗口(和工号)。",
    "staff-name-twice": "{value} 在窗口 {window} 中出现了两次(另一次在第 {other} 行)",
    "staff-name-twice.hint": "删除重复的行;同名的两个人请填写各自的工号。",
    "staff-id-twice": "工号 {value} 出现了两次(另一次在第 {other} 行)",
    "staff-id-twice.hint": "每个工号只属于一个人,请核对考勤机的登记号码。",
    "staff-unknown": "{value} 不在人员名单中{did_you_mean}",
    "session-unknown": "时段 {value} 不存在{did_you_mean},应为:{sessions}",
    "punches-not-on-roster": "{count} 个打卡人不在人员名单中,其打卡不计:{people}",
    "punches-not-on-roster.hint": "如是本中心人员,请补入人员名单(工作表 人员)后重新运行。",
    "staff-without-punches": "人员名单中有 {count} 人整月没有任何打卡记录,未为其生成扣分:{people}",
    "staff-without-punches.hint": "核对是否漏给了某台考勤机的导出,或这些人是否本月不在岗。",
    "punches-other-month": "导出中没有 {month} 的打卡(导出的打卡日期为 {first} 至 {last})",
    "punches-other-month.hint": "检查 --month,或是否给错了月份的导出。",
    "attendance.note.late": "{session}迟到 {minutes} 分钟:签到 {time}(应 {start}),{source}",
    "attendance.note.late.absent": "{session}迟到 {minutes} 分钟,超过 {after} 分钟按旷工半天:签到 {time}(应 {start}),{source}",
    "attendance.note.early": "{session}早退 {minutes} 分钟:签退 {time}(应 {end}),{source}",
    "attendance.note.early.absent": "{session}早退 {minutes} 分钟,超过 {after} 分钟按旷工半天:签退 {time}(应 {end}),{source}",
    "attendance.note.absent": "{session}旷工:{start}–{end} 没有打卡记录(已读:{files})",
    "attendance.note.missing_out": "{session}缺卡:只有签到 {time},没有签退(应 {end}),{source}",
    "attendance.note.missing_in": "{session}缺卡:只有签退 {time},没有签到(应 {start}),{source}",
    "attendance.result.ok": "正常",
    "attendance.result.exempt": "例外",
    "attendance.result.late": "迟到",
    "attendance.result.early": "早退",
    "attendance.result.absent": "旷工",
    "attendance.result.missing_in": "缺签到",
    "attendance.result.missing_out": "缺签退",
    "attendance.summary": "{month}:{people} 人 × {workdays} 个工作日,{sessions} 个时段;生成扣分 {rows} 条(迟到/早退 {late},旷工 {absent},缺卡 {missing}),例外 {exempt} 个时段",
    "attendance.by_rule": "  条款 {rule}:{rows} 人次",
    "help.attendance": "读取考勤机/钉钉/企业微信的导出,按评选办法生成 <月份>-考勤扣分.xlsx(扣分记录 + 考勤明细)。",
    "opt.attendance_exports": "考勤导出文件(.xlsx、.xls、CSV 或网页“.xls”),可给多个。",
    "opt.staff": "人员名单工作簿(工作表 人员,可附 考勤例外)。",
    "opt.attendance_format": "强制按某种格式读取:punches(原始打卡记录)、daily(考勤记录,签到/签退)或 report(钉钉/企业微信日报)。",
    "opt.attendance_output": "结果文件(默认:当前文件夹中的 <月份>-考勤扣分.xlsx)。",
    "opt.attendance_month": "月份 YYYY-MM(默认从第一个导出文件名中读取)。",
    "usage.format": "不支持的格式 {value},可选:{formats}",
    # console
    "validate.ok": "{file}:没有错误({rows} 行记录)",
    "validate.errors": "{file}:{errors} 个错误",
    "validate.warnings": "{warnings} 个警告",
    "heading.errors": "错误",
    "heading.warnings": "警告",
    "column.where": "位置",
    "column.problem": "问题",
    "column.rank": "名次",
    "column.window": "窗口",
    "column.total": "总分",
    "column.deducted": "扣分",
    "column.status": "状态",
    "summary.title": "{month} 月 {scheme}",
    "summary.selected": "入选:{windows}",
    "summary.tied": "并列待定:{windows}(由考评小组决定)",
    "summary.referral": "移交:{window} {person}({rule},{where})",
    "summary.rows": "计入 {counted} 行,撤销 {withdrawn} 行,共 {total} 行",
    "summary.written": "结果已写入 {path}",
    "top.title": "{month} 月优质服务窗口(最多 {winners} 个)",
    "top.none": "无",
    "top.tied_note": "以上并列待定窗口由考评小组决定入选。",
    "rules.title": "{name}(满分 {max_score},每月最多 {winners} 个)",
    "rules.roster": "参评窗口({count}):{windows}",
    "rules.aliases": "别名:{aliases}",
    "rules.ok": "{file}:规则文件无误({rules} 条条款,{categories} 个类别)",
    "rules.errors": "{file}:{errors} 个错误",
    "rules.features": "选用功能:{features}",
    "rules.min_total": "入选最低分:{min_total}",
    "rules.tie_break": "并列处理顺序:{criteria}",
    "summary.reason": "{window}:{reason}",
    "error.prefix": "错误",
    "usage.month_missing": "无法确定月份:文件名 {file} 中没有 YYYY-MM,请用 --month YYYY-MM 指定",
    "usage.month_invalid": "月份 {value} 不正确,应为 YYYY-MM(月份 01–12)",
    "progress.reading": "读取",
    "progress.writing": "写入",
    "annual.title": "{year} 年度汇总({count} 个月:{months})",
    "annual.most_selected": "入选次数最多:{windows}",
    "annual.times": "{window} {times} 次",
    "annual.none_selected": "全年没有窗口入选",
    "annual.skipped": "跳过 {count} 个不是评选结果的工作簿(如每月的扣分记录)",
    "column.months": "月数",
    "column.times_selected": "入选",
    "column.average": "平均分",
    "column.lowest": "最低",
    "annual.lost_caption": "各类别列为全年扣分之和;名次按平均总分。",
    # -- vocabulary: statuses, audit states, reasons, tie-break criteria (issue 10) --
    "status.一票否决": "一票否决",
    "status.未达最低分": "未达最低分",
    "state.计入": "计入",
    "state.已撤销": "已撤销",
    "state.被替代": "被替代({by})",
    "state.本月已扣(按月一次)": "本月已扣(按月一次)",
    "state.部分计入(扣完为止)": "部分计入(扣完为止)",
    "state.超出扣完(不再扣分)": "超出扣完(不再扣分)",
    "state.计入加分": "计入加分",
    "state.部分计入(封顶)": "部分计入(封顶)",
    "state.超出封顶(不再计分)": "超出封顶(不再计分)",
    "reason.veto": "一票否决:{named}({sheet}第{row}行)",
    "reason.below_minimum": "总分 {total} 低于最低分 {min_total}",
    "reason.tie_selected": "总分并列,按{criteria}入选",
    "reason.tie_left_out": "总分并列,按{criteria}未入选",
    "reason.tie_unresolved": "总分并列,按{criteria}仍无法区分,由考评小组决定",
    "reason.referral": "移交:{rule}{who}({sheet}第{row}行)",
    "reason.who": " {person}",
    "criterion.fewer_counted_rows": "计入扣分行数少",
    "criterion.fewer_deducted": "扣分少",
    "criterion.more_bonus": "加分多",
    "criterion.fewer_lost": "{category}失分少",
    "criteria.item": "“{label}”",
    "criteria.separator": "",
    "note.decided": "考评小组决定",
    "note.separator": ";",
    "note.computed_above": "合计 {amount},超出 {threshold} 共 {beyond},每 {step} 扣 {points} 分",
    "note.computed_below": "合计 {amount},低于 {threshold} 共 {beyond},每 {step} 扣 {points} 分",
    # -- result data (issue 10) --
    "result-edited": "{file} 在评分后被改过:{window} 的{field}写着 {shown},结果数据为 {data}",
    "result-edited.hint": "不要手工修改结果;从输入重新评分(qualitywin score <输入> --force)。",
    "result-no-data": "{file} 没有结果数据(由较早版本的 qualitywin 写出),无法读回",
    "result-no-data.hint": "用当前版本重新评分该月:qualitywin score <输入> --force",
    "result-data-differs": "{file}:{window} 的{field}写着 {shown},结果数据为 {data}(评分后被手工改过?)",
    "result-data-differs.hint": "不要手工修改结果;从输入重新评分该月,再汇总。",
    "result-data-damaged": "{file} 的结果数据已损坏(工作表 {sheet})",
    "result-data-damaged.hint": "从输入重新评分该月:qualitywin score <输入> --force",
}

EN: dict[str, str] = {
    "issues.more": "… and {count} more not shown (the first {shown} are; qualitywin validate --all shows them all)",
    "opt.all": "Show every problem (by default at most 200 of each kind).",
    "opt.validate_json": "Print every problem as JSON on stdout (code, place, value, message, hint).",
    "opt.full": "Show each rule's full wording from the source (default: its short label).",
    "column.label": "Label",
    "help.annual": "Gather a year's (or a quarter's) monthly results into one table: write the year workbook and print it.",
    "opt.annual_results": "Result workbooks written by `score`, or folders holding them.",
    "opt.annual_year": "The year (default: the results'; results of other years are skipped).",
    "opt.annual_output": "The year workbook (default: <year>-年度汇总.xlsx beside the first RESULTS).",
    "opt.annual_json": "Print the year as JSON on stdout (the workbook is still written).",
    "did_you_mean": " (did you mean: {names}?)",
    "file-missing": "file not found: {path}",
    "file-missing.hint": "Check the path and the file name.",
    "not-a-file": "{path} is not a file (it is {what})",
    "not-a-file.hint": "Give an .xlsx workbook file.",
    "file-empty": "{path} is empty (0 bytes)",
    "file-empty.hint": "The file may not have been saved completely; save or copy it again.",
    "file-unreadable": "cannot read {path}: {reason}",
    "not-a-workbook": "{path} is not an Excel workbook (it is {what})",
    "not-a-workbook.hint": "Open it in Excel or WPS and save it as an .xlsx workbook.",
    "encrypted": "{path} is password-protected (encrypted)",
    "encrypted.hint": "Open it in Excel or WPS with the password, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save, and run again.",
    "unsafe-xml": "the workbook's {part} declares a DTD or entities (a crafted file?); refused without expanding anything",
    "unsafe-xml.hint": "Files saved by Excel or WPS never declare entities; check where the file came from, or save it again as .xlsx from Excel.",
    "zip-bomb": "the workbook would inflate past the limit of {limit} bytes (at least {size}); refused without inflating it",
    "zip-bomb.hint": "If the workbook really is that large, raise the limit with --max-unzipped BYTES.",
    "too-many-rows": "sheet {sheet} has {rows} rows, more than Excel's limit of {limit}",
    "too-many-rows.hint": "Split the records over several workbooks.",
    "too-many-cells": "sheet {sheet} spans {rows} rows × {columns} columns ({cells} cells), more than the limit of {limit}; refused (a crafted file?)",
    "too-many-cells.hint": "In Excel or WPS press Ctrl+End to find the farthest cell, delete the extra rows and columns, and save as .xlsx again.",
    "insecure-setup": "{library} does not parse XML through {needs}; refusing to read",
    "insecure-setup.hint": "Reinstall qualitywin (pip install qualitywin installs {needs} with it).",
    "what.directory": "a folder",
    "what.special-file": "a special file (a pipe or a device)",
    "what.text": "a text file",
    "what.csv": "a CSV text file",
    "what.html": "a web page (HTML), as some systems export as “.xls”",
    "what.xml": "an XML file",
    "what.pdf": "a PDF file",
    "what.binary": "an unknown binary file",
    "what.damaged-zip": "a damaged or incomplete zip archive",
    "what.empty-zip": "an empty zip archive",
    "what.zip-without-workbook": "a zip archive with no workbook in it",
    "what.xlsb": "an Excel binary workbook (.xlsb)",
    "what.other-document": "another kind of office document (Word, PowerPoint …)",
    "what.damaged-ole": "a damaged legacy Office file",
    "what.damaged-workbook": "a damaged workbook",
    "output-exists": "the result file {path} exists; not overwritten",
    "output-exists.hint": "Add --force to overwrite it, or choose another file with --output.",
    "output-is-input": "the result file {path} is the input file; refused",
    "output-is-input.hint": "Choose another file name with --output.",
    "output-dir-missing": "the folder of the result file, {path}, does not exist",
    "output-dir-missing.hint": "Create the folder first, or give --output a file in an existing folder.",
    "output-not-writable": "cannot write {path}: {reason}",
    "rules-file": "cannot read the rules file {file}: {reason}",
    "rules-syntax": "syntax error in the rules file: {reason}",
    "rules-not-data": "a rules file may only hold `NAME = literal table` assignments, no code",
    "rules-missing-table": "the rules file has no {table} table",
    "rules-bad-value": "the value of {key} is wrong; expected: {expected}",
    "rules-unknown-key": "unknown key {key} in {where}{did_you_mean} (known keys: {known})",
    "rules-duplicate-id": "rule id {id} is defined twice (first on line {first})",
    "rules-unknown-category": "rule {id} names category {category}, which CATEGORIES does not define (defined: {known})",
    "rules-unknown-mode": "rule {id} has unknown mode {mode} (known: {known})",
    "rules-bad-points": "the points of {what} must be positive, not {value}",
    "rules-empty-roster": "ROSTER (the windows scored) is empty",
    "rules-unknown-rule": "{key} names rule {id}, which is not defined{did_you_mean}",
    "rules-unknown-criterion": "tie-break criterion {criterion} does not exist (known: {known})",
    "rules-no-floor": "rule {id} counts {rule_points} points for a single row, more than category {category} holds ({points}); the category stops at {points}",
    "rules-category-unused": "category {category} has no rules: every window scores {score} in it",
    "sheet-missing": "sheet {wanted} not found; the workbook has: {found}",
    "sheet-missing.hint": "Rename the sheet holding the records to {wanted}.",
    "header-missing": "sheet {sheet} is empty: no header row",
    "header-missing.hint": "The first non-empty row must be the header: {columns}.",
    "column-missing": "sheet {sheet} has no column {column} (required){did_you_mean}",
    "column-missing.hint": "The header must contain: {columns}.",
    "column-duplicate": "column {column} appears twice (also at {other})",
    "column-duplicate.hint": "Delete or rename one of them.",
    "column-unknown": "unknown column {value}, ignored{did_you_mean}",
    "sheet-hidden": "sheet {sheet} is hidden; it is scored all the same",
    "month-mismatch": "--month {month} differs from the month in the file name, {file_month}; using {month}",
    "required-blank": "{column} is blank (required)",
    "cell-error": "the cell holds the error value {value}",
    "cell-error.hint": "Fix the formula that gives the error, or type the value.",
    "formula-no-value": "the cell holds the formula {value} with no computed value",
    "formula-no-value.hint": "Open and save the file once in Excel or WPS so formulas are computed, or type the value.",
    "text-too-long": "text too long ({length} characters, limit {limit})",
    "date-invalid": "date {value} not understood",
    "date-invalid.hint": "Give a date such as 2020-02-03, 2020/2/3, 2020.2.3 or 2020年2月3日.",
    "date-number": "the date column holds the number {value}, not a date",
    "date-number.hint": "Format the cell as a date, or type text like 2020-02-03.",
    "date-outside-month": "date {value} is not in {month}",
    "window-unknown": "window {value} is not on the roster{did_you_mean}",
    "window-unknown.hint": "See the roster with `qualitywin rules`.",
    "rule-unknown": "rule {value} does not exist{did_you_mean}",
    "rule-unknown.hint": "See the rule ids with `qualitywin rules`.",
    "rule-computed": "rule {value} cannot be recorded here; it is computed from sheet {from_sheet}",
    "count-invalid": "count {value} must be a whole number of at least 1",
    "status-invalid": "status {value} not understood; expected blank, 有效/valid or 撤销/withdrawn",
    "number-invalid": "{column}: {value} must be a number of at least 0",
    "name-blank": "{column} is blank (required when scored per person)",
    "rule-replaced": "{window} has both {replaced} and {by}; {by} counts and {replaced} deducts nothing",
    "pick-no-tie": "no window is tied at the cut this month, so there is nothing to pick (given: {picks})",
    "pick-no-tie.hint": "The 入选 windows are settled; run again without --pick.",
    "pick-unknown-window": "--pick {value}: not a window on the roster{did_you_mean}",
    "pick-unknown-window.hint": "See the roster with `qualitywin rules`.",
    "pick-not-tied": "--pick {value}: {window} is not tied at the cut (rank {rank}, status {status}); the tied windows are: {tied}",
    "pick-not-tied.hint": "The evaluation group picks only among the 并列待定 windows.",
    "pick-duplicate": "--pick {value}: {window} is picked twice",
    "pick-too-many": "{count} windows picked, but only {free} places are left (tied: {tied})",
    "pick-too-many.hint": "Give --pick at most {free} times.",
    "not-a-result": "{path} is not a qualitywin result workbook (no {missing})",
    "not-a-result.hint": "annual reads the result workbooks qualitywin score writes (such as 2020-01-结果.xlsx), not the monthly incident workbooks.",
    "result-damaged": "{path}: {column} should be a number, not {value}",
    "result-damaged.hint": "The result workbook was damaged; write the month's result again with qualitywin score.",
    "no-results": "no result workbooks found in {place} (year: {year})",
    "no-results.hint": "Score each month with qualitywin score first.",
    "month-twice": "{month} has more than one result: {files}",
    "month-twice.hint": "Give one result workbook per month; move or delete the others.",
    "years-mixed": "the results belong to different years: {years}",
    "years-mixed.hint": "Choose the year with --year.",
    "result-inconsistent": "{file} ({month}), 排名: the figures of {window} do not add up: categories sum to {sum}, total {total}, lost {deducted}, maximum {max} (edited by hand?); the year table uses the total as written, {total}",
    "result-other-year": "{path} is the result of {month}, not of {year}; skipped",
    "months-missing": "{year}: {count} months have no result: {months}",
    "schemes-differ": "the months were scored under different schemes: {schemes}",
    "tie-undecided": "{file} ({month}) still has windows tied at the cut: {windows}; they count as not selected",
    "help.app": "qualitywin — 优质服务窗口评选: validate, score and rank a month of incident records.",
    "help.rules": "Show or check a rules file (the scheme).",
    "help.validate": "Check a month's workbook: every problem at once, each with its sheet and cell.",
    "help.score": "Score a month: write the ranked result workbook and print a summary.",
    "help.top": "Print the month's top list (入选, then 并列待定). Writes nothing.",
    "help.template": "Write an empty input workbook for a month, with dropdowns for window, rule and status and checks on date and count.",
    "help.rules_show": "Print a rules file's scheme as a table.",
    "help.rules_check": "Check a rules file and report every problem with its line.",
    "opt.help": "Show this message and exit.",
    "opt.debug": "Show the traceback of an error.",
    "opt.lang": "Language, zh or en (default: QUALITYWIN_LANG, then the locale).",
    "opt.version": "Print the version and exit.",
    "opt.file": "The month's incident workbook (.xlsx), e.g. 2020-02.xlsx.",
    "opt.month": "The month, YYYY-MM (default: from the file name).",
    "opt.rules": "A rules file (default: the Shangjie 2020 scheme).",
    "opt.max_unzipped": "Refuse workbooks that inflate past this many bytes (default 4 GiB).",
    "opt.force": "Overwrite an existing output file.",
    "opt.quiet": "Print only errors.",
    "opt.score_output": "The result workbook (default: <input>-结果.xlsx beside the input).",
    "opt.json": "Print the result as JSON on stdout (the workbook is still written).",
    "opt.pick": "A tied window the evaluation group chose (repeat for several).",
    "opt.n": "How many places (default: the scheme's, 5).",
    "opt.rules_file": "A rules file.",
    "opt.template_month": "The month, e.g. 2020-03.",
    "opt.template_output": "The template file (default: <month>.xlsx in the current folder).",
    "template.written": "template written to {path} (room for {rows} rows)",
    "usage.lang": "unsupported language {value}; choose one of: {languages}",
    "status.入选": "selected",
    "status.并列待定": "tied",
    "status.decided": "*chosen by the evaluation group",
    "column.rule": "Rule",
    "column.category": "Category",
    "column.points": "Points",
    "column.mode": "Deducted",
    "column.text": "Text",
    "mode.once": "once a month",
    "mode.per_count": "per {unit}",
    "mode.computed": "from sheet {sheet}",
    "mode.replaces": ", replaces {rule}",
    "mode.referral": ", referral",
    "mode.cap": ", at most {cap} points a month",
    "mode.veto": ", veto (一票否决)",
    "mode.evidence": ", needs evidence",
    "unit.次": "time",
    "unit.人次": "person-time",
    "unit.项": "item",
    "summary.categories_hidden": "(narrow terminal: category scores not shown; they are in the result workbook)",
    "evidence-blank": "rule {rule} needs evidence: 当事人 (person) and 说明 (note) are both blank",
    "evidence-blank.hint": "Write the evidence in 说明 (e.g. who sent the banner or letter, and when).",
    "measure-duplicate": "{who} appears twice in sheet {sheet} (also on row {other}); one row each",
    "measure-duplicate.hint": "Delete the duplicate row, or merge the two into one.",
    # -- a month of several workbooks (issue 12) --
    "file-other-month": "file {file} is named for {file_month}, but the month scored is {month}",
    "file-other-month.hint": "Check that this is the right month's file; if it is, rename it.",
    "file-twice": "file {file} is given twice",
    "file-twice.hint": "Give each file once.",
    "sheet-in-two-files": "sheet {sheet} is in two files: {first} and {second}",
    "sheet-in-two-files.hint": "A sheet may be in one file only, or it would count twice; delete one of them, or leave one file out.",
    "double-entry": "{date} {window} {rule} {person} is recorded in two files (also at {other}): possibly entered twice",
    "double-entry.hint": "If it is the same event, set 状态 to 撤销 in one of the files.",
    # -- 好差评 ratings (issue 12) --
    "rating-level-unknown": "rating level {value} not understood; expected: {levels}, or 5–1",
    "rating-level-unknown.hint": "好差评 has five levels; for stars write 5 (非常满意) to 1 (非常不满意).",
    "ratings-too-few": "rule {rule}: {count} windows have fewer than {minimum} ratings, so the rate does not apply and costs nothing: {windows}",
    "ratings-too-few.hint": "A rate of a few ratings says little; the minimum is the rules file's min_ratings.",
    "note.ratings_rate": "{good} good of {rated} ratings ({excluded} more not counted): rate {amount}%, {beyond} under {threshold}: {points} points per {step}",
    "opt.files": "The month's workbook (.xlsx), e.g. 2020-02.xlsx; a month may be several files, e.g. 2020-02.xlsx 2020-02-考勤扣分.xlsx 好差评-2020-02.xlsx.",
    # -- attendance: staff roster, clock exports, qualitywin attendance --
    "attendance-missing": "the rules file {rules} has no ATTENDANCE table (working hours and the rules clock findings cost)",
    "attendance-missing.hint": "Add an ATTENDANCE table to the rules file; docs/rules.md, section 13, shows how.",
    "calendar-unknown": "chinese-calendar {version} has no holiday data for {year}: cannot tell whether {day} is a workday",
    "calendar-unknown.hint": "Upgrade chinese-calendar (pip install -U chinese-calendar), or list every holiday and workday of the month in the rules file's ATTENDANCE holidays / workdays.",
    "export-unreadable": "{path} is not a table exported by a clock (it is {what})",
    "export-unreadable.hint": "Give the .xlsx, .xls, CSV or web-page table the attendance system exported.",
    "what.large-text": "a text file of more than 256 MB",
    "export-unrecognised": "{path} has no attendance header we know (its first row: {headers}); formats recognised: {formats}",
    "export-unrecognised.hint": "Punch records need 登记号码/工号 or 姓名, and 日期时间 (or 日期 + 时间); with --format the missing columns are listed.",
    "time-invalid": "clock time {value} not understood",
    "time-invalid.hint": "Expected a time like 08:25, 08:25:33 or 2020-01-02 08:25; leave the cell blank for no punch.",
    "person-blank": "this row has neither an id nor a name",
    "name-ambiguous": "the name {value} fits several people on the roster: {people}; cannot tell who",
    "name-ambiguous.hint": "Fill in the roster's 工号 column with the clock's id (登记号码/工号), and export the id column too.",
    "staff-empty": "sheet {sheet} lists nobody",
    "staff-empty.hint": "One person a row: 姓名, 窗口 (and 工号).",
    "staff-name-twice": "{value} is listed twice for window {window} (also on row {other})",
    "staff-name-twice.hint": "Delete the duplicate row; for two people of the same name give each their id.",
    "staff-id-twice": "id {value} is listed twice (also on row {other})",
    "staff-id-twice.hint": "An id belongs to one person; check the clock's 登记号码.",
    "staff-unknown": "{value} is not on the staff roster{did_you_mean}",
    "session-unknown": "session {value} does not exist{did_you_mean}; expected: {sessions}",
    "punches-not-on-roster": "not on the staff roster, so their punches do not count ({count}): {people}",
    "punches-not-on-roster.hint": "If they work at the center, add them to the roster (sheet 人员) and run again.",
    "staff-without-punches": "on the roster but without a single punch all month, so nothing was derived for them ({count}): {people}",
    "staff-without-punches.hint": "Check that no clock's export is missing, or whether they were away all month.",
    "punches-other-month": "the exports have no punch in {month} (their punches run from {first} to {last})",
    "punches-other-month.hint": "Check --month, or whether the exports are of another month.",
    "attendance.note.late": "{session}: {minutes} minutes late: signed in {time} (due {start}), {source}",
    "attendance.note.late.absent": "{session}: {minutes} minutes late, more than {after}, counts as half a day absent: signed in {time} (due {start}), {source}",
    "attendance.note.early": "{session}: left {minutes} minutes early: signed out {time} (due {end}), {source}",
    "attendance.note.early.absent": "{session}: left {minutes} minutes early, more than {after}, counts as half a day absent: signed out {time} (due {end}), {source}",
    "attendance.note.absent": "{session}: absent: no punch {start}–{end} (read: {files})",
    "attendance.note.missing_out": "{session}: missing punch: signed in {time}, never out (due {end}), {source}",
    "attendance.note.missing_in": "{session}: missing punch: signed out {time}, never in (due {start}), {source}",
    "attendance.result.ok": "ok",
    "attendance.result.exempt": "exempt",
    "attendance.result.late": "late",
    "attendance.result.early": "early",
    "attendance.result.absent": "absent",
    "attendance.result.missing_in": "no sign-in",
    "attendance.result.missing_out": "no sign-out",
    "attendance.summary": "{month}: {people} people × {workdays} workdays, {sessions} sessions; {rows} rows derived (late/early {late}, absent {absent}, missing punch {missing}), {exempt} sessions exempt",
    "attendance.by_rule": "  rule {rule}: {rows} person-times",
    "help.attendance": "Read clock / DingTalk / WeCom exports and derive <month>-考勤扣分.xlsx (扣分记录 + 考勤明细) by the scheme.",
    "opt.attendance_exports": "Clock export files (.xlsx, .xls, CSV or web-page \".xls\"); several may be given.",
    "opt.staff": "The staff roster workbook (sheet 人员, optionally 考勤例外).",
    "opt.attendance_format": "Read every export as this format: punches (raw punch records), daily (考勤记录 with sign-in/sign-out) or report (DingTalk/WeCom daily report).",
    "opt.attendance_output": "The result file (default: <month>-考勤扣分.xlsx in the current folder).",
    "opt.attendance_month": "The month, YYYY-MM (default: from the first export's file name).",
    "usage.format": "unknown format {value}; choose one of: {formats}",
    "validate.ok": "{file}: no errors ({rows} record rows)",
    "validate.errors": "{file}: {errors} errors",
    "validate.warnings": "{warnings} warnings",
    "heading.errors": "Errors",
    "heading.warnings": "Warnings",
    "column.where": "Where",
    "column.problem": "Problem",
    "column.rank": "Rank",
    "column.window": "Window",
    "column.total": "Total",
    "column.deducted": "Lost",
    "column.status": "Status",
    "summary.title": "{month} · {scheme}",
    "summary.selected": "Selected (入选): {windows}",
    "summary.tied": "Tied at the cut (并列待定): {windows} — the evaluation group decides",
    "summary.referral": "Referral (移交): {window} {person} ({rule}, {where})",
    "summary.rows": "{counted} rows counted, {withdrawn} withdrawn, {total} in all",
    "summary.written": "result written to {path}",
    "top.title": "Quality service windows of {month} (at most {winners})",
    "top.none": "none",
    "top.tied_note": "The evaluation group decides among the tied windows.",
    "rules.title": "{name} (maximum {max_score}, at most {winners} a month)",
    "rules.roster": "Windows ({count}): {windows}",
    "rules.aliases": "Aliases: {aliases}",
    "rules.ok": "{file}: rules file is valid ({rules} rules, {categories} categories)",
    "rules.errors": "{file}: {errors} errors",
    "rules.features": "Features used: {features}",
    "rules.min_total": "Minimum total to be selected: {min_total}",
    "rules.tie_break": "Tie-break order: {criteria}",
    "summary.reason": "{window}: {reason}",
    "error.prefix": "Error",
    "usage.month_missing": "cannot tell the month: the file name {file} holds no YYYY-MM; give --month YYYY-MM",
    "usage.month_invalid": "month {value} is not valid; expected YYYY-MM (month 01–12)",
    "progress.reading": "reading",
    "progress.writing": "writing",
    "annual.title": "{year} · the year ({count} months: {months})",
    "annual.most_selected": "Most often selected (入选): {windows}",
    "annual.times": "{window} ×{times}",
    "annual.none_selected": "no window was selected this year",
    "annual.skipped": "skipped {count} workbooks that are not results (the monthly incident workbooks?)",
    "column.months": "Months",
    "column.times_selected": "入选",
    "column.average": "Avg",
    "column.lowest": "Low",
    "annual.lost_caption": "Category columns: points lost in the year; ranked by average total.",
    # -- vocabulary: statuses, audit states, reasons, tie-break criteria (issue 10) --
    "status.一票否决": "vetoed",
    "status.未达最低分": "below minimum",
    "state.计入": "counted",
    "state.已撤销": "withdrawn",
    "state.被替代": "replaced ({by})",
    "state.本月已扣(按月一次)": "already deducted this month (once a month)",
    "state.部分计入(扣完为止)": "partly counted (category floor reached)",
    "state.超出扣完(不再扣分)": "beyond the category floor (not deducted)",
    "state.计入加分": "bonus counted",
    "state.部分计入(封顶)": "partly counted (cap reached)",
    "state.超出封顶(不再计分)": "beyond the cap (not counted)",
    "reason.veto": "vetoed: {named} ({sheet} row {row})",
    "reason.below_minimum": "total {total} is below the minimum {min_total}",
    "reason.tie_selected": "tied on total; selected by {criteria}",
    "reason.tie_left_out": "tied on total; not selected by {criteria}",
    "reason.tie_unresolved": "tied on total; {criteria} cannot separate them: the evaluation group decides",
    "reason.referral": "referred: {rule}{who} ({sheet} row {row})",
    "reason.who": " {person}",
    "criterion.fewer_counted_rows": "fewer counted rows",
    "criterion.fewer_deducted": "fewer points deducted",
    "criterion.more_bonus": "more bonus points",
    "criterion.fewer_lost": "fewer points lost in {category}",
    "criteria.item": "{label}",
    "criteria.separator": ", then ",
    "note.decided": "chosen by the evaluation group",
    "note.separator": "; ",
    "note.computed_above": "{amount} in all, {beyond} over {threshold}: {points} points per {step}",
    "note.computed_below": "{amount} in all, {beyond} under {threshold}: {points} points per {step}",
    # -- result data (issue 10) --
    "result-edited": "{file} was edited after scoring: it says {shown} for the {field} of {window}, its data says {data}",
    "result-edited.hint": "Do not edit a result by hand; score the month again from its input (qualitywin score <input> --force).",
    "result-no-data": "{file} has no result data (written by an older qualitywin), so it cannot be read back",
    "result-no-data.hint": "Score the month again with this version: qualitywin score <input> --force",
    "result-data-differs": "{file}: it says {shown} for the {field} of {window}, its data says {data} (edited by hand after scoring?)",
    "result-data-differs.hint": "Do not edit a result by hand; score the month again from its input, then gather the year again.",
    "result-data-damaged": "the result data of {file} is damaged (sheet {sheet})",
    "result-data-damaged.hint": "Score the month again from its input: qualitywin score <input> --force",
}

CATALOG = {"zh": ZH, "en": EN}
