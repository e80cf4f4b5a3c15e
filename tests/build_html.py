"""Report pages built from the project's sample report, with the quirks real saved pages have.

``build_html(blocks())`` is the sample as a tidy page: ``<h1>`` title,
``<h2>`` sections, ``<h3>`` sub-headings, ``<table>``s with the template's
``rowspan``/``colspan``. The options reproduce what shared/spec/inputs.md
describes:

- ``soup``: Word's "Save as Web Page": every paragraph split over
  ``<span style=…>`` runs (digits in ``lang=EN-US`` spans, some in
  ``<font>``), ``<o:p></o:p>``, ``&nbsp;`` and full-width indents, tags
  broken over source lines, ``<p>`` paragraphs inside ``<td>`` (a long
  label as two lines of one cell), an empty ``<o:p>&nbsp;</o:p>`` paragraph
  after some cell texts, ``<![if !supportLists]>`` list numbering, the
  zero-height row Word adds to fix column widths, and conditional comments.
- ``chrome``: the site around the article: navigation, a search form,
  ``当前位置：首页 > 政务公开``, the title in an ``<h1>`` above the article with
  publication metadata, share buttons, ``打印 关闭`` inside the article's
  container, related links, a footer with 主办单位 and an ICP number,
  scripts (one holding report-like markup in a string) and styles.
- ``encoding``/``declare_charset``: the bytes' encoding (``gbk`` is what
  offices use) and whether a ``<meta>`` declares it.
- ``layout_table``: the page laid out with nested tables (a navigation
  column beside the article's cell).
- ``crawler_header``: ``True``/``"text"``: a crawler's own lines (标题,
  原文链接, 抓取时间) above the saved page; ``"html"``: the same as a ``<div>``
  at the top of the body.

The title is ``blocks``' ``("title", …)``; with ``chrome`` it is outside the
article (as on most sites), otherwise the article's first line.
"""

from __future__ import annotations

import re
from html import escape
from typing import Union

from tests.sample import C

TITLE_SITE = "_政府信息公开年报_云溪县人民政府"
CRAWLER_LINES = [
    "标题: {title}",
    "发布时间: 2023-03-10 09:00",
    "原文链接: https://yunxi.example.gov.cn/zwgk/zfxxgknb/202303/t20230310_1234.html",
    "抓取时间: 2023-03-12 10:00:00",
    "==================== 正文 ====================",
]

_SCRIPT = """<script type="text/javascript">
var tpl = "<p>一、总体情况</p><table><tr><td>本年新收政府信息公开申请数量</td><td>999</td></tr></table>";
if (a < b && b > c) { document.write("<div>当前位置：首页</div>"); }
</script>"""
_STYLE = """<style type="text/css">
.nav li { float: left; } .content p { text-indent: 2em; } /* <p> in a comment */
</style>"""
_WORD_STYLE = """<style>
<!--
 /* Font Definitions */
 @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt; font-family:"Times New Roman";}
.WordSection1 {page:WordSection1;}
-->
</style>"""


def _esc(s: str) -> str:
    return escape(s, quote=False)


# --- Word's span soup ---------------------------------------------------------------

_RUNS = re.compile(r"[0-9A-Za-z.%@:/\-]+|[^0-9A-Za-z.%@:/\-]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _soup_runs(text: str, size: str = "16.0pt", font: str = "仿宋_GB2312") -> str:
    """A paragraph's text as Word writes it: one span per run, Latin and digits apart, long runs cut."""
    pieces: list[str] = []
    for run in _RUNS.findall(text):
        while len(run) > 23 and not run[0].isascii():
            pieces.append(run[:23])
            run = run[23:]
        pieces.append(run)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if piece[0].isascii():
            # Word breaks its lines inside tags, so a tag runs over two source lines.
            out.append(f"<span\nlang=EN-US style='font-size:{size};font-family:\"Times New Roman\"'>{_esc(piece)}</span>")
            continue
        body = _esc(piece)
        if i == 1 and len(piece) > 8 and _CJK.match(piece[4]) and _CJK.match(piece[5]):
            body = _esc(piece[:5]) + "\n" + _esc(piece[5:])  # a source line break between Chinese characters
        if i % 3 == 1:
            out.append(f"<span style='font-size:{size};font-family:{font}'><font face=\"仿宋\">{body}</font></span>")
        else:
            out.append(f"<span style='font-size:{size};font-family:{font}'>{body}</span>")
    return "".join(out)


def _soup_p(text: str, k: int, align: str = "") -> str:
    indent = (
        "<span lang=EN-US style='font-size:16.0pt'>&nbsp;&nbsp;&nbsp; </span>" if k % 2 else "<span style='font-size:16.0pt'>\u3000\u3000</span>"
    )
    style = f" align={align} style='text-align:{align}'" if align else " style='text-indent:32.0pt;line-height:28.0pt'"
    return f"<p class=MsoNormal{style}>{'' if align else indent}{_soup_runs(text)}<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>"


def _soup_heading(number: str, words: str, list_numbering: bool) -> str:
    if list_numbering:
        # Word's list numbering saved as HTML: the number sits in a conditional comment, then a gap.
        return (
            "<p class=MsoListParagraph style='margin-left:0cm;text-indent:32.0pt'><![if !supportLists]><b><span "
            f"style='font-size:16.0pt;font-family:黑体'>{number}、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span>"
            f"</span></b><![endif]><b><span style='font-size:16.0pt;font-family:黑体'>{_esc(words)}</span></b>"
            "<b><span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></b></p>"
        )
    return (
        f"<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-size:16.0pt;font-family:黑体'>{number}、</span></b>"
        f"<b><span\nstyle='font-size:16.0pt;font-family:黑体'>{_esc(words)}</span></b><b><span lang=EN-US style='font-size:16.0pt'>"
        "<o:p></o:p></span></b></p>"
    )


def _soup_cell_body(text: str, k: int) -> str:
    p = "<p class=MsoNormal align=center style='text-align:center'>"
    tail = "<span lang=EN-US style='font-size:10.0pt'><o:p></o:p></span></p>"
    if text.isdigit() or re.fullmatch(r"[\d.]+", text):
        body = f"{p}<span lang=EN-US style='font-size:10.0pt'><font face=\"Times New Roman\">{text}</font></span>{tail}"
    elif len(text) >= 12 and all(_CJK.match(ch) for ch in text[5:7]):
        # A long label wraps in the cell: Word keeps it one paragraph, editors often make it two.
        body = f"{p}<span style='font-size:10.0pt;font-family:宋体'>{_esc(text[:6])}</span>{tail}{p}<span style='font-size:10.0pt;font-family:宋体'>{_esc(text[6:])}</span>{tail}"
    else:
        body = f"{p}{_soup_runs(text, '10.0pt', '宋体')}{tail}"
    if k % 4 == 0:
        body += "<p class=MsoNormal><span lang=EN-US style='font-size:10.0pt'><o:p>&nbsp;</o:p></span></p>"
    return body


def _table(rows: list[list[C]], soup: bool) -> str:
    width = sum(c.colspan for c in rows[0])
    out: list[str] = []
    if soup:
        out.append(
            "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600\n"
            " style='width:450.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>"
        )
    else:
        out.append('<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">')
        out.append("<tbody>")
    k = 0
    for r, row in enumerate(rows):
        out.append(" <tr style='height:20.0pt'>" if soup else "<tr>")
        for cell in row:
            k += 1
            spans = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (f" colspan={cell.colspan}" if cell.colspan > 1 else "")
            if soup:
                out.append(
                    f"  <td width={48 * cell.colspan}{spans} valign=center\n"
                    f"  style='width:{36 * cell.colspan}.0pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n"
                    f"  {_soup_cell_body(cell.text, k)}\n  </td>"
                )
            else:
                tag = "th" if r == 0 else "td"
                spans = re.sub(r"=(\d+)", r'="\1"', spans)
                text = _esc(cell.text)
                if cell.text in ("本年制发件数", "现行有效件数"):
                    text = f"{_esc(cell.text[:4])}<br>{_esc(cell.text[4:])}"  # a line break inside the cell
                elif cell.text == "信息内容":
                    text = "<p>信息</p><p>内容</p>"
                out.append(f"<{tag}{spans}>{text}</{tag}>")
        out.append(" </tr>" if soup else "</tr>")
    if soup:
        # Word's zero-height row that fixes the column widths.
        out.append("<![if !supportMisalignedColumns]>\n <tr height=0>" + "".join("<td width=48 style='border:none'></td>" for _ in range(width)) + "</tr>\n<![endif]>")
        out.append("</table></div>")
    else:
        out.append("</tbody></table>")
    return "\n".join(out)


def _article(blocks: list[tuple], soup: bool, with_title: bool) -> list[str]:
    out: list[str] = []
    k = 0
    for b in blocks:
        kind = b[0]
        k += 1
        if kind == "title":
            if not with_title:
                continue
            if soup:
                out.append(
                    "<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'><b><span\n"
                    f"style='font-size:22.0pt;font-family:方正小标宋简体'>{_soup_runs(b[1], '22.0pt', '方正小标宋简体')}</span></b></p>"
                )
            else:
                out.append(f"<h1>{_esc(b[1])}</h1>")
        elif kind == "h1":
            if soup:
                out.append(_soup_heading(b[1], b[2], list_numbering=b[1] == "三"))
            else:
                out.append(f"<h2>{b[1]}、{_esc(b[2])}</h2>")
        elif kind == "h2":
            out.append(_soup_p(b[1], k) if soup else f"<h3>{_esc(b[1])}</h3>")
        elif kind == "p":
            out.append(_soup_p(b[1], k) if soup else f"<p>{_esc(b[1])}</p>")
        elif kind == "sign":
            out.append(_soup_p(b[1], k, align="right") if soup else f'<p style="text-align: right">{_esc(b[1])}</p>')
        elif kind == "table":
            out.append(_table(b[1], soup))
            if soup:
                out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    return out


def _title_of(blocks: list[tuple]) -> str:
    return next((b[1] for b in blocks if b[0] == "title"), "")


def build_html(
    blocks: list[tuple],
    *,
    soup: bool = False,
    chrome: bool = False,
    encoding: str = "utf-8",
    declare_charset: bool = True,
    layout_table: bool = False,
    crawler_header: Union[bool, str] = False,
) -> bytes:
    """The sample (``tests.sample.blocks()``) as a saved report page, with the quirks asked for."""
    title = _title_of(blocks)
    declared = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") and soup else encoding
    head: list[str] = []
    if soup:
        head.append(
            '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"\n'
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">'
        )
        head.append("<head>")
        if declare_charset:
            head.append(f'<meta http-equiv=Content-Type content="text/html; charset={declared}">')
        head.append('<meta name=Generator content="Microsoft Word 15 (filtered)">')
    else:
        head.append("<!DOCTYPE html>")
        head.append('<html lang="zh-CN">')
        head.append("<head>")
        if declare_charset:
            head.append(f'<meta charset="{declared}">')
    head.append(f"<title>{_esc(title)}{TITLE_SITE if chrome else ''}</title>")
    if chrome:
        head.append(f'<meta name="ArticleTitle" content="{escape(title)}">')
        head.append('<meta name="SiteName" content="云溪县人民政府">')
        head.append(_STYLE)
        head.append(_SCRIPT)
    if soup:
        head.append("<!--[if gte mso 9]><xml>\n <o:DocumentProperties><o:Author>zwgk</o:Author></o:DocumentProperties>\n</xml><![endif]-->")
        head.append(_WORD_STYLE)
    head.append("</head>")
    body: list[str] = ["<body lang=ZH-CN style='text-justify-trim:punctuation'>" if soup else "<body>"]
    if crawler_header == "html":
        body.append(
            '<div style="border:1px solid #ccc;padding:4px;font-size:12px">'
            + "<br>".join(_esc(line.format(title=title)) for line in CRAWLER_LINES[1:4])
            + "</div>"
        )
    article = _article(blocks, soup, with_title=not chrome)
    if soup:
        article = ["<div class=WordSection1 style='layout-grid:15.6pt'>", *article, "</div>"]
    if chrome:
        article = [
            '<div class="article">',
            f'<h1 class="article-title">{_esc(title)}</h1>',
            '<div class="info">发布时间：2023-03-10\u3000来源：云溪县人民政府办公室\u3000浏览次数：<span id="hits">1024</span></div>',
            '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>',
            '<div class="content" id="zoom">',
            *article,
            '<p class="print"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></p>',
            "</div>",
            '<div class="related"><h3>相关链接</h3><ul>'
            '<li><a href="/a/1.html">云溪县2021年政府信息公开工作年度报告</a></li>'
            '<li><a href="/a/2.html">云溪县2020年政府信息公开工作年度报告</a></li></ul></div>',
            "</div>",
        ]
    if layout_table:
        article = [
            '<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center">',
            '<tr><td colspan="2"><img src="/images/banner.jpg" alt=""></td></tr>',
            '<tr><td width="200" valign="top" class="left">',
            '<table width="100%"><tr><td><a href="/zwgk/">政务公开</a></td></tr><tr><td><a href="/nb/">政府信息公开年报</a></td></tr></table>',
            '</td><td valign="top" class="right">',
            '<table width="100%" cellpadding="10"><tr><td>',
            *article,
            "</td></tr></table>",
            "</td></tr></table>",
        ]
    if chrome:
        body.append(
            '<div class="top"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
            '<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>\n'
            '<form action="/search" method="get"><input type="text" name="q" value="请输入关键词"><button type="submit">搜索</button></form></div>'
        )
        body.append('<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/nb/">政府信息公开年报</a></div>')
    body.extend(article)
    if chrome:
        body.append(
            '<div class="footer"><p>主办单位：云溪县人民政府办公室\u3000承办单位：云溪县大数据中心</p>'
            '<p>网站标识码：3300000001\u3000<a href="https://beian.miit.gov.cn/">浙ICP备12345678号</a>\u3000浙公网安备 33000002000001号</p></div>'
        )
        body.append('<script>var _hmt = _hmt || []; (function(){ var s = "<span>访问统计脚本</span>"; })();</script>')
    body.append("</body>")
    page = "\n".join(head + body + ["</html>", ""])
    if crawler_header in (True, "text"):
        page = "\n".join(line.format(title=title) for line in CRAWLER_LINES) + "\n" + page
    return page.encode(encoding)
