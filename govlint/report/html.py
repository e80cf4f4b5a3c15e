"""``--format html``: one self-contained page a clerk opens in a browser, sends by e-mail or prints.

Styles and the one script are inline; nothing is fetched (no fonts, images
or scripts from elsewhere), so the page works from a ``file://`` URL. For a
batch an overview table comes first (sortable, a row per file linking to
its section). Each file shows what was read, its findings (the rule's
explanation one click away) and its statistics tables redrawn as read: a
cell that takes part in a finding is marked, carries the codes in
``data-codes``, and shows the detail on hover and on keyboard focus; a cell
that could not be read with certainty looks uncertain. Every piece of
report text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

from ..hookspecs import hookimpl
from ..rule import FAMILIES
from ..version import __version__
from .safe import display_path
from .tables_view import snapshot

_WORDS = {
    "title": {"zh": "政府信息公开工作年度报告检查结果", "en": "Annual report check results"},
    "made": {"zh": "govlint {v} 生成", "en": "made by govlint {v}"},
    "overview": {"zh": "总览", "en": "Overview"},
    "file": {"zh": "文件", "en": "File"},
    "issuer": {"zh": "发布机关", "en": "Issuer"},
    "year": {"zh": "年度", "en": "Year"},
    "edition": {"zh": "模板版本", "en": "Template"},
    "read_as": {"zh": "读取方式", "en": "Read as"},
    "errors": {"zh": "错误", "en": "Errors"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "notes": {"zh": "提示", "en": "Notes"},
    "worst": {"zh": "最严重的问题", "en": "Worst finding"},
    "findings": {"zh": "发现的问题", "en": "Findings"},
    "none": {"zh": "未发现问题", "en": "No problems found"},
    "tables": {"zh": "统计表（按读取结果重绘）", "en": "Statistics tables (as read)"},
    "uncertain": {"zh": "无法确定读取", "en": "not read with certainty"},
    "explain": {"zh": "规则说明", "en": "About this rule"},
    "unknown": {"zh": "未知", "en": "unknown"},
    "by_family": {"zh": "按类别", "en": "By family"},
    "other_report": {"zh": "另一份报告", "en": "the other report"},
    "sort": {"zh": "点击排序", "en": "click to sort"},
}
_SEVERITY = {"error": ("错误", "error"), "warning": ("警告", "warning"), "note": ("提示", "note")}
_RANK = {"error": 3, "warning": 2, "note": 1}

_STYLE = """
:root{--err:#b3261e;--warn:#8a5a00;--note:#35618f;--line:#c9ced6;--soft:#f4f6f8}
*{box-sizing:border-box}body{font:15px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1d232b;background:#fff}
header,main{max-width:1200px;margin:0 auto;padding:0 20px}header{padding-top:18px}h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-top:2px solid var(--line);padding-top:14px}h3{font-size:16px;margin:18px 0 6px}
.meta{color:#5b6470;font-size:13px}table{border-collapse:collapse;margin:6px 0 14px}th,td{border:1px solid var(--line);padding:3px 7px;vertical-align:top}
thead th{background:var(--soft)}#overview th[data-sort]{cursor:pointer;white-space:nowrap}#overview th[data-sort]:after{content:" \\2195";color:#8a939e}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}.facts dt{color:#5b6470}.facts dd{margin:0}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-note{color:var(--note)}
ol.findings{padding-left:22px}ol.findings li{margin:4px 0}.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}
.place{color:#5b6470;font-size:13px}details{margin:2px 0 6px}summary{cursor:pointer;color:#35618f;font-size:13px}
table.stat td{text-align:right;position:relative;min-width:2.4em}table.stat th[scope=row]{text-align:left;font-weight:normal;max-width:28em}
td.marked{background:#fde8e6;outline:2px solid var(--err);outline-offset:-2px;font-weight:700;cursor:help}
td.marked.level-warning{background:#fff3da;outline-color:var(--warn)}td.marked.level-note{background:#e6eef8;outline-color:var(--note)}
td.uncertain{color:#6b7480;font-style:italic;background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f1f1f1 4px,#f1f1f1 8px)}
td.uncertain:after{content:"?";color:#98a0aa;font-size:11px;vertical-align:super}
.tip{display:none;position:absolute;z-index:5;left:0;top:100%;width:max-content;max-width:32em;text-align:left;font-weight:normal;
background:#1d232b;color:#fff;padding:6px 9px;border-radius:4px;font-size:13px;white-space:normal}
td.marked:hover .tip,td.marked:focus .tip,td.marked:focus-within .tip{display:block}td.marked:focus{outline-width:3px}
.missing th{color:#98a0aa}.note{color:#5b6470;font-size:13px}
@media print{@page{size:A4;margin:14mm}body{font-size:11pt}h2{break-before:page}h2:first-of-type{break-before:auto}
details{display:block}details>*{display:block}.tip{display:block;position:static;background:none;color:#000;padding:0;font-size:9pt}
#overview th[data-sort]:after{content:""}a{color:inherit;text-decoration:none}}
"""

# Sorting the overview: numbers as numbers, text as text; the second click reverses.
_SCRIPT = """
(function(){var t=document.getElementById("overview");if(!t)return;var hs=t.querySelectorAll("th[data-sort]");
function sort(i,num){var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),th=hs[i],dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
rows.sort(function(x,y){var a=x.cells[i].getAttribute("data-value")||x.cells[i].textContent,c=y.cells[i].getAttribute("data-value")||y.cells[i].textContent;
if(num){return dir*((parseFloat(a)||0)-(parseFloat(c)||0));}return dir*a.localeCompare(c);});
rows.forEach(function(r){b.appendChild(r);});for(var k=0;k<hs.length;k++){hs[k].removeAttribute("aria-sort");}
th.setAttribute("aria-sort",dir===1?"ascending":"descending");}
Array.prototype.forEach.call(hs,function(th,i){var num=th.getAttribute("data-sort")==="num";th.tabIndex=0;
th.addEventListener("click",function(){sort(i,num);});th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();sort(i,num);}});});})();
"""


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _w(key: str, lang: str, **kw: Any) -> str:
    return _WORDS[key][lang].format(**kw)


class HtmlFormatter:
    name = "html"
    description = "one self-contained web page: the findings, and the statistics tables with the cells marked"

    def render(self, results: Iterable, options: dict) -> str:
        lang = "en" if options.get("lang") == "en" else "zh"
        rules = {r.code: r for r in options.get("rules") or ()}
        results = list(results)
        files = [r for r in results if r.path not in ("<plugins>", "<reports>")]
        extra = [r for r in results if r.path in ("<plugins>", "<reports>")]
        ids = {res.path: f"f{i + 1}" for i, res in enumerate(files)}
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(_w('title', lang))}</title><style>{_STYLE}</style></head><body>",
            f"<header><h1>{_e(_w('title', lang))}</h1><p class=\"meta\">{_e(_w('made', lang, v=__version__))}</p></header><main>",
        ]
        if len(files) > 1:
            out.append(_overview(files, ids, lang))
        for res in [*files, *extra]:
            out.append(_file(res, ids, rules, lang))
        out.append(f"</main><script>{_SCRIPT}</script></body></html>\n")
        return "\n".join(out)


def _facts(res) -> tuple[Optional[str], Optional[int], Optional[str], str]:
    r = res.report
    if r is not None:
        return r.issuer, r.year, r.edition, f"{r.source.format} / {r.source.layout}"
    return res.issuer, res.year, res.edition, f"{res.format or '?'} / {res.layout or '?'}"


def _worst(res):
    return max(res.diagnostics, key=lambda d: (_RANK.get(d.severity, 0), -d.sort_key[1]), default=None)


def _overview(files: list, ids: dict, lang: str) -> str:
    rows = []
    for res in files:
        issuer, year, _, _ = _facts(res)
        sev = Counter(d.severity for d in res.diagnostics)
        worst = _worst(res)
        worst_text = f"{worst.code} {worst.text(lang)}" if worst else _w("none", lang)
        rank = _RANK.get(worst.severity, 0) if worst else 0
        rows.append(
            f'<tr><td><a href="#{ids[res.path]}">{_e(display_path(res.path))}</a></td><td>{_e(issuer or "")}</td>'
            f'<td data-value="{year or 0}">{_e(year or "")}</td><td data-value="{sev["error"]}">{sev["error"]}</td>'
            f'<td data-value="{sev["warning"]}">{sev["warning"]}</td>'
            f'<td data-value="{rank}" class="sev-{_e(worst.severity) if worst else "none"}">{_e(worst_text[:160])}</td></tr>'
        )
    heads = [("file", "text"), ("issuer", "text"), ("year", "num"), ("errors", "num"), ("warnings", "num"), ("worst", "num")]
    head = "".join(f'<th data-sort="{kind}" scope="col" title="{_e(_w("sort", lang))}">{_e(_w(k, lang))}</th>' for k, kind in heads)
    return (
        f"<section><h2>{_e(_w('overview', lang))}</h2><table id=\"overview\"><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _file(res, ids: dict, rules: dict, lang: str) -> str:
    issuer, year, edition, read_as = _facts(res)
    unknown = _w("unknown", lang)
    out = [f'<section class="file" id="{ids.get(res.path, "other")}"><h2>{_e(display_path(res.path))}</h2>', '<dl class="facts">']
    for key, value in (("issuer", issuer), ("year", year), ("edition", edition), ("read_as", read_as if res.report or res.format else None)):
        out.append(f"<dt>{_e(_w(key, lang))}</dt><dd>{_e(value if value is not None else unknown)}</dd>")
    out.append("</dl>")
    sev = Counter(d.severity for d in res.diagnostics)
    fam = Counter(FAMILIES.get(d.code[:3], ("plugin", "插件"))[1 if lang == "zh" else 0] for d in res.diagnostics)
    counts = " · ".join(f'<span class="sev-{s}">{_e(_w(s + "s", lang))} {sev[s]}</span>' for s in ("error", "warning", "note"))
    families = "，".join(f"{_e(k)} {n}" for k, n in fam.most_common()) if fam else ""
    out.append(f'<p class="counts">{counts}' + (f' <span class="note">({_e(_w("by_family", lang))}: {families})</span>' if families else "") + "</p>")
    out.append(f"<h3>{_e(_w('findings', lang))}</h3>")
    if not res.diagnostics:
        out.append(f"<p>{_e(_w('none', lang))}</p>")
    else:
        out.append('<ol class="findings">')
        for i, d in enumerate(sorted(res.diagnostics, key=lambda d: d.sort_key)):
            out.append(_finding(res, d, i, ids, rules, lang))
        out.append("</ol>")
    tables = res.tables if getattr(res, "tables", None) is not None else (snapshot(res.report) if res.report is not None else [])
    if tables:
        out.append(f"<h3>{_e(_w('tables', lang))}</h3>")
        marks = _marks(res, lang)
        for t in tables:
            out.append(_table(t, marks, ids.get(res.path, "x"), lang))
    out.append("</section>")
    return "\n".join(out)


def _place(d, lang: str) -> str:
    if d.region is not None and (d.place is None or d.place.textual):
        return f"{d.region.start_line}:{d.region.start_column}"
    return d.place.describe(lang) if d.place is not None else ""


def _finding(res, d, i: int, ids: dict, rules: dict, lang: str) -> str:
    zh, en = _SEVERITY.get(d.severity, (d.severity, d.severity))
    place = _place(d, lang)
    links = []
    for rel in d.related:
        if rel.path and rel.path in ids:
            links.append(f' <a href="#{ids[rel.path]}">→ {_e(_w("other_report", lang))}: {_e(display_path(rel.path))}</a>')
    rule = rules.get(d.code)
    explain = ""
    if rule is not None and getattr(rule, "explanation", None):
        text = rule.explanation.get(lang) or rule.explanation.get("zh", "")
        explain = f"<details><summary>{_e(_w('explain', lang))}</summary><p>{_e(text)}</p></details>"
    return (
        f'<li class="finding" id="{ids.get(res.path, "x")}-d{i + 1}"><span class="code">{_e(d.code)}</span> '
        f'<span class="sev-{_e(d.severity)}">[{_e(zh if lang == "zh" else en)}]</span> {_e(d.text(lang))}'
        + (f' <span class="place">{_e(place)}</span>' if place else "")
        + "".join(links)
        + explain
        + "</li>"
    )


def _marks(res, lang: str) -> dict[tuple[int, int], list]:
    """Cell span -> the findings about it (the cell a finding points at, or a cell it names as related)."""
    out: dict[tuple[int, int], list] = defaultdict(list)
    for d in res.diagnostics:
        spans = [d.span] + [r.span for r in d.related if r.path is None]
        for s in spans:
            if s is not None:
                out[(s.start, s.end)].append(d)
    return out


def _table(t: dict, marks: dict, fid: str, lang: str) -> str:
    title = t["title"].get(lang) or t["title"].get("zh", t["id"])
    out = [f'<table class="stat" data-table="{_e(t["id"])}"><caption>{_e(title)}']
    if not t["readable"]:
        reason = t["reason"].get(lang) or t["reason"].get("zh", "")
        out.append(f' <span class="note">({_e(_w("uncertain", lang))}{": " + _e(reason) if reason else ""})</span>')
    out.append("</caption><thead><tr><th></th>")
    out += [f'<th scope="col">{_e(c[lang] or c["zh"])}</th>' for c in t["columns"]]
    out.append("</tr></thead><tbody>")
    for r in t["rows"]:
        row_class = ' class="missing"' if r["missing"] else ""
        out.append(f'<tr{row_class}><th scope="row">{_e(r[lang] or r["zh"])}</th>')
        for j, c in enumerate(r["cells"]):
            if c is None:
                out.append("<td></td>")
                continue
            found = marks.get(tuple(c["span"])) if c["span"] else None
            classes = []
            attrs = ""
            tip = ""
            if found:
                level = max(found, key=lambda d: _RANK.get(d.severity, 0)).severity
                classes += ["marked", f"level-{level}"]
                codes = " ".join(sorted({d.code for d in found}))
                tip_id = f"{fid}-{_e(t['id'])}-{_e(r['key'])}-{j}"
                detail = "<br>".join(f"{_e(d.code)}: {_e(d.text(lang))}" for d in found)
                attrs = f' tabindex="0" data-codes="{_e(codes)}" aria-describedby="{tip_id}"'
                tip = f'<span class="tip" role="tooltip" id="{tip_id}">{detail}</span>'
            if not c["certain"]:
                classes.append("uncertain")
                attrs += f' title="{_e(_w("uncertain", lang))}"'
            cls = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<td{cls}{attrs}>{_e(c['raw'])}{tip}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


@hookimpl
def govlint_formatters() -> list:
    return [HtmlFormatter()]
