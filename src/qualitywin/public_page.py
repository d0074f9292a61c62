"""The 公示: the month's result as one self-contained HTML page for the center's website or hall
screen.

Everything is inside the file: the style, the chart (inline SVG); no font, script or image is
fetched. The ranking is a real table (`<caption>`, `<th scope>`); on a phone its rows become
cards, so nothing scrolls sideways at 375 px; it prints on A4. Every text from the input (window
names, the scheme, the rules file's wording) is escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import escape

from qualitywin import __version__
from qualitywin.decimals import plain_text
from qualitywin.model import MonthResult
from qualitywin.vocabulary import WindowStatus
from qualitywin.publishing import (
    STATUS_MEANINGS,
    chinese_punctuation,
    fill,
    issuer,
    official_date,
    official_month,
    ranking_header,
    ranking_rows,
    reason_of,
    scheme_of,
)

STATUS_CLASSES: dict[str, str] = {
    WindowStatus.SELECTED: "selected",
    WindowStatus.TIED: "tied",
    WindowStatus.VETOED: "vetoed",
    WindowStatus.BELOW_MINIMUM: "below",
}


def month_page(result: MonthResult, date: dt.date | None = None) -> str:
    """The page of a month's result, as HTML text."""
    scheme = scheme_of(result)
    month = official_month(result.month)
    title = f"{month}“优质服务窗口”评选结果公示"
    facts = [
        scheme.name,
        f"满分 {plain_text(result.max_score)} 分",
        f"每月最多入选 {result.winners} 个",
    ]
    selected = [w.window for w in result.windows if w.status == WindowStatus.SELECTED]
    parts = [
        f'<p class="issuer">{escape(issuer(result))}</p>',
        f"<h1>{keep_quotes_whole(escape(title))}</h1>",
        '<p class="facts">'
        + " · ".join(f'<span class="keep">{escape(chinese_punctuation(f))}</span>' for f in facts)
        + "</p>",
        _selected_list(selected, month),
        _ranking_table(result, month),
        _legend(result),
        _chart(result, f"{month}各窗口总分(满分 {plain_text(result.max_score)} 分)"),
        _footer(result, date or dt.date.today()),
    ]
    return page(title, "\n".join(parts))


def keep_quotes_whole(text: str) -> str:
    """“优质服务窗口” is never broken over two lines (a narrow screen breaks the title around it)."""
    return re.sub(r"“[^”<]*”", lambda m: f'<span class="keep">{m.group(0)}</span>', text)


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="qualitywin {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _selected_list(selected: list[str], month: str) -> str:
    if not selected:
        return f'<p class="winners">{escape(month)}没有窗口入选。</p>'
    items = "".join(f"<li>{escape(name)}</li>" for name in selected)
    return (
        f'<section class="winners" aria-label="入选窗口"><h2>入选窗口</h2>'
        f"<ol>{items}</ol></section>"
    )


def _ranking_table(result: MonthResult, month: str) -> str:
    header = ranking_header(result)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    rows = []
    for score, values in zip(result.windows, ranking_rows(result)):
        status = STATUS_CLASSES.get(str(score.status), "")
        cells = []
        for label, value in zip(header, values):
            if label == "窗口":
                cells.append(f'<th scope="row" data-label="{escape(label)}">{escape(value)}</th>')
            else:
                kind = ' class="status"' if label == "状态" else ""
                cells.append(f'<td data-label="{escape(label)}"{kind}>{escape(value)}</td>')
        reason = reason_of(score)
        if reason:
            cells[-1] = cells[-1].replace(
                "</td>", f"<small>{escape(chinese_punctuation(reason))}</small></td>"
            )
        rows.append(f'<tr class="{status}">{"".join(cells)}</tr>')
    return (
        f'<table class="ranking"><caption>{escape(month)}各窗口得分与名次</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _legend(result: MonthResult) -> str:
    used = {str(w.status) for w in result.windows}
    items = [
        f'<li><span class="swatch {STATUS_CLASSES[s]}"></span><b>{escape(s)}</b>：'
        f"{escape(chinese_punctuation(m.format(winners=result.winners)))}</li>"
        for s, m in STATUS_MEANINGS.items()
        if s in used or s == WindowStatus.SELECTED
    ]
    items.append(f"<li>{chinese_punctuation('同分同名次;各类别扣完为止。')}</li>")
    return f'<section class="legend"><h2>说明</h2><ul>{"".join(items)}</ul></section>'


BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 18, 6, 120, 420


def _chart(result: MonthResult, caption: str) -> str:
    """A bar per window, its total, in rank order, coloured by status; drawn as inline SVG."""
    top = max(result.max_score, Decimal(1))
    plot = CHART_WIDTH - LABEL_WIDTH - 36
    height = len(result.windows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    bars = []
    for index, score in enumerate(result.windows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = float(max(score.total, Decimal(0)) / top) * plot
        status = STATUS_CLASSES.get(str(score.status), "other")
        middle = y + BAR_HEIGHT / 2
        bars.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" class="label">{escape(score.window)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'class="bar {status}"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{middle:.1f}" class="value">'
            f"{escape(plain_text(score.total))}</text>"
        )
    return (
        f'<figure class="chart"><svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(caption)}" xmlns="http://www.w3.org/2000/svg">'
        f"{''.join(bars)}</svg><figcaption>{escape(caption)}</figcaption></figure>"
    )


def _footer(result: MonthResult, date: dt.date) -> str:
    publish = scheme_of(result).publish
    lines = [f"发布单位:{issuer(result)}", f"发布日期:{official_date(date)}"]
    if publish.public_days:
        last = date + dt.timedelta(days=publish.public_days - 1)
        lines.append(
            f"公示期:{official_date(date)}至{official_date(last)}"
            f"(共 {publish.public_days} 天)。公示期内如有异议,请向"
            f"{publish.appeal_office}反映。"
        )
    lines.append(fill("依据:《{scheme}》", result))
    paragraphs = "".join(f"<p>{escape(chinese_punctuation(line))}</p>" for line in lines)
    return f"<footer>{paragraphs}</footer>"


STYLE = """
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --selected: #e2efda;
  --selected-ink: #2f6b1f; --tied: #fff2cc; --vetoed: #fbe3e4; --bar: #5b9bd5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", system-ui, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 16px 40px; }
.issuer { margin: 0; color: #c00000; font-weight: bold; text-align: center; letter-spacing: .1em; }
h1 { margin: .3em 0 .2em; font-size: 1.6rem; text-align: center; line-height: 1.35;
  text-wrap: balance;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
h2 { font-size: 1.1rem; margin: 1.2em 0 .4em; }
.facts { margin: 0 0 1em; color: var(--muted); text-align: center; overflow-wrap: anywhere; }
.keep { display: inline-block; }
.winners ol { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0; }
.winners li { background: var(--selected); color: var(--selected-ink); font-weight: bold;
  border-radius: 4px; padding: 4px 12px; }
table.ranking { width: 100%; border-collapse: collapse; margin: 1.2em 0; font-size: .95rem; }
caption { font-weight: bold; text-align: left; padding: 0 0 .4em; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: center; }
thead th { background: #f6f8fa; }
tbody th { text-align: left; font-weight: normal; }
tr.selected { background: var(--selected); }
tr.selected th, tr.selected .status { font-weight: bold; color: var(--selected-ink); }
tr.tied { background: var(--tied); }
tr.vetoed { background: var(--vetoed); }
td small { display: block; color: var(--muted); font-size: .8em; max-width: 16em; margin: 0 auto; }
thead th, tbody th { white-space: nowrap; }
.legend ul { padding-left: 1.2em; margin: 0; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em;
  vertical-align: -.1em; border: 1px solid var(--line); }
.swatch.selected { background: var(--selected); } .swatch.tied { background: var(--tied); }
.swatch.vetoed { background: var(--vetoed); } .swatch.below { background: #eee; }
figure.chart { margin: 1.5em 0; }
figure.chart svg { width: 100%; max-width: 640px; height: auto; display: block; margin: 0 auto; }
figcaption { color: var(--muted); text-align: center; font-size: .9rem; }
svg text { font-size: 12px; dominant-baseline: central; fill: var(--ink); }
svg .label { text-anchor: end; }
svg .bar { fill: var(--bar); } svg .bar.selected { fill: #70ad47; }
svg .bar.tied { fill: #ffc000; } svg .bar.vetoed { fill: #c00000; } svg .bar.below { fill: #a6a6a6; }
footer { margin-top: 2em; padding-top: 1em; border-top: 1px solid var(--line); color: var(--muted); }
footer p { margin: .2em 0; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 1.3rem; }
  .facts { font-size: .85rem; }
  table.ranking thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table.ranking, table.ranking tbody, table.ranking tr { display: block; width: 100%; }
  table.ranking tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px;
    padding: 6px 10px; }
  table.ranking th, table.ranking td { display: inline-block; border: 0; padding: 0 10px 0 0;
    text-align: left; }
  table.ranking tbody th { display: block; font-size: 1.05rem; white-space: normal; }
  td small { margin: 0; max-width: none; }
  table.ranking td::before { content: attr(data-label) " "; color: var(--muted); }
  table.ranking td:empty { display: none; }
  table.ranking caption { display: block; width: 100%; }
}
@media print {
  @page { size: A4; margin: 12mm 15mm; }
  main { max-width: none; padding: 0; }
  body { font-size: 10pt; line-height: 1.45; }
  h1 { font-size: 16pt; }
  h2 { margin: .6em 0 .3em; }
  table.ranking { margin: .6em 0; }
  th, td { padding: 1px 6px; }
  tr, figure, footer, .legend { break-inside: avoid; }
  figure.chart svg { max-width: 110mm; }  /* the whole chart on one page */
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
