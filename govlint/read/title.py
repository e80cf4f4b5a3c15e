"""What a report's title says: the issuer and the reporting year, in either order.

``云溪县2022年政府信息公开工作年度报告`` and ``2022年上海市政府信息公开工作年度报告``
are both titles; in ``2022年度云溪县人民政府信息公开工作年度报告`` the issuer's 政府
is also the first word of 政府信息公开. The lexer uses this to know a title
line, the model to read the issuer and year from it: one place for both.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

_TAIL = r"政府信息公开工作(?:年度)?报告"
# A year in digits or in Chinese numerals (二〇二二).
_Y = r"(\d{4}|[〇○零一二三四五六七八九]{4})"
_YEAR_AFTER = re.compile(rf"^(.{{0,40}}?){_Y}年度?{_TAIL}$")
# The year first, perhaps after the publisher and 关于: 某县人民政府办公室关于2022年度某县人民政府信息公开….
_YEAR_FIRST = re.compile(rf"^(?:(.{{0,30}}?)关于)?{_Y}年度?(.{{1,40}}?){_TAIL}$")
# The same inside a sentence, between 《》: 《云溪县2022年政府信息公开工作年度报告》.
QUOTED = re.compile(
    r"《\s*(?!\s)((?:[^《》]{0,39}?[^《》\s])??)\s*(\d{4})\s*年度?\s*" + _TAIL + r"\s*》"
    r"|《\s*(\d{4})\s*年度?\s*((?:[^《》\d]{1,40}?))\s*" + _TAIL + r"\s*》"
)


class TitleWords(NamedTuple):
    issuer: Optional[str]
    year: int


def _issuer(words: str) -> Optional[str]:
    words = words.strip()
    # 关于 joins a publisher to the report it publishes: 某县人民政府办公室关于某县2022年…报告 is
    # 某县's report, 某县人民政府关于2022年度…报告 the government's own, 关于2022年度…报告 no one's.
    before, about, after = words.rpartition("关于")
    if about:
        words = after.strip() or before.strip()
    if words.endswith("人民"):
        words += "政府"  # 云溪县人民 + 政府信息公开: the issuer keeps its 政府
    return words or None


_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _year(written: str) -> int:
    return int(written.translate(_DIGITS))


def read_title(squeezed: str) -> Optional[TitleWords]:
    """Issuer and year of a whole title line (white space already removed), or None if it is not one."""
    m = _YEAR_AFTER.match(squeezed)
    if m:
        return TitleWords(_issuer(m.group(1)), _year(m.group(2)))
    m = _YEAR_FIRST.match(squeezed)
    if m:
        return TitleWords(_issuer(m.group(3)) or _issuer(m.group(1) or ""), _year(m.group(2)))
    return None


def read_quoted(m: re.Match) -> TitleWords:
    """Issuer and year of a ``QUOTED`` match."""
    if m.group(2) is not None:
        return TitleWords(_issuer(re.sub(r"\s+", "", m.group(1) or "")), int(m.group(2)))
    return TitleWords(_issuer(re.sub(r"\s+", "", m.group(4) or "")), int(m.group(3)))
