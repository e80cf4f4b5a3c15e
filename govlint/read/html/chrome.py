"""Site chrome: what navigation, breadcrumbs, share and print buttons, footers and crawler headers say, and leaving them out.

Chrome is recognised by its words, not by a site's class names. What is
left out of the article is listed, with its kind, for ``Document.dropped``.
"""

from __future__ import annotations

import re
from typing import Optional

from ..document import Place
from .limits import MAX_DROPPED
from .units import Line, Table, Unit
from .walk import Walker

_CHROME_STRONG = re.compile(
    r"当前位置|您的位置|你的位置|您现在的位置|分享到|分享至|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|返回顶部|"
    r"扫一扫|在手机上查看|^\s*(?:打印|关闭|收藏|返回|纠错)(?:\s*(?:[|｜/]\s*)?(?:打印|关闭|收藏|返回|纠错|本页|窗口))+\s*$"
)
_CHROME = re.compile(
    r"首页\s*[>＞»›/]|^\s*(?:打印|关闭|收藏|返回|纠错|分享)\s*$|相关链接|相关文章|相关阅读|相关文件|上一篇|下一篇|"
    r"主办单位|承办单位|主办[：:]|承办[：:]|维护单位|技术支持|ICP\s*备|网站标识码|版权所有|公网安备|网站地图|联系我们|"
    r"字号[：:]?\s*[大中小]|【\s*字体|浏览次数|阅读次数|访问次数|点击数|访问量|附件下载|文件下载|全真版|文字版|"
    r"^\s*(?:来源|信息来源|发布时间|发布日期|发布机构|作者|时间|日期|索引号|文号)\s*[：:]|"
    r"^\s*(?:微信|微博|QQ空间|QQ好友)(?:\s+(?:微信|微博|QQ空间|QQ好友))*\s*$"
)
_CRAWLER = re.compile(
    r"^\s*(?:标题|原文链接|原文地址|来源网址|网址|URL|url|链接|抓取时间|采集时间|爬取时间|保存时间|本地目录|页面链接|栏目)\s*[:：]"
    r"|^\s*[=\-]{5,}"
)
_KINDS = (
    (_CRAWLER, "crawler-header"),
    (re.compile(r"当前位置|您的位置|你的位置|您现在的位置|首页\s*[>＞»›/]"), "breadcrumb"),
    (re.compile(r"分享|微信|微博|QQ空间|扫一扫|手机上查看"), "share"),
    (re.compile(r"打印|关闭|返回顶部|收藏"), "print"),
    (re.compile(r"相关|上一篇|下一篇"), "related"),
    (re.compile(r"主办|承办|ICP|版权|标识码|公网安备|联系我们|网站地图|技术支持|维护"), "footer"),
    (re.compile(r"来源|发布|浏览|阅读次数|字号|字体|索引号|文号|作者|时间"), "metadata"),
)


def is_chrome(u: Unit, strong_only: bool = False) -> bool:
    """A line of site chrome; ``strong_only``: only the kind no report sentence says (当前位置, 分享到, 打印本页)."""
    if not isinstance(u, Line):
        return False
    if len(u.text) > 60:
        # A crawler's metadata line can hold a long address; nothing else that long is chrome.
        return not strong_only and len(u.text) <= 300 and bool(_CRAWLER.search(u.text))
    if _CHROME_STRONG.search(u.text):
        return True
    return not strong_only and bool(_CHROME.search(u.text) or _CRAWLER.search(u.text))


def chrome_chars(u: Unit) -> int:
    """Characters of chrome or links in a unit."""
    if isinstance(u, Line) and (u.link >= 0.5 or is_chrome(u)):
        return len(u.text)
    return 0


def _kind(u: Unit) -> str:
    if isinstance(u, Table):
        return "table"
    for pat, kind in _KINDS:
        if pat.search(u.text):
            return kind
    return "navigation" if u.link >= 0.5 else "page"


def select(w: Walker, article: Optional[int]) -> tuple[list[Unit], list[tuple[str, str, Place]]]:
    """The article's units in reading order, and everything else as (kind, text, place).

    ``article`` is the element holding the article (a preorder number), or None where none was found.
    """
    units = w.units
    if article is None:
        # No article: whatever the page says that is neither chrome nor a list of links.
        idx = [i for i, u in enumerate(units) if not is_chrome(u) and not (isinstance(u, Line) and u.link >= 0.5)]
    else:
        idx = [i for i, u in enumerate(units) if w.holds(article, u)]
    # Chrome the article's container also holds: at its ends, and the unmistakable kind anywhere.
    lo, hi = 0, len(idx)
    while lo < hi and is_chrome(units[idx[lo]]):
        lo += 1
    while hi > lo and is_chrome(units[idx[hi - 1]]):
        hi -= 1
    keep = [i for k, i in enumerate(idx) if lo <= k < hi and not is_chrome(units[i], strong_only=True)]
    kept = set(keep)
    dropped: list[tuple[int, str, str, Place]] = list(w.dropped)
    for i, u in enumerate(units):
        if i in kept or len(dropped) >= MAX_DROPPED:
            continue
        if isinstance(u, Table):
            text = f"{u.rows}×{u.cols} table: " + " ".join(c.text for c in u.cells[:6])
        else:
            text = u.text
        dropped.append((u.pre, _kind(u), text[:80], w.src.place(u.off, u.line_hint)))
    dropped.sort(key=lambda d: (d[3].line or 0, d[3].col or 0))
    return [units[i] for i in keep], [(k, t, p) for _, k, t, p in dropped]
