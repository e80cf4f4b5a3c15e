"""Is it the same issuer? Names as reports write them, compared as the body they name.

淮安市洪泽区人民政府 and 洪泽区人民政府 are one body (a full name and a short
one: the place is given with or without the places above it); 洪泽区政府 is
洪泽区人民政府 too. 洪泽区人民政府 and 洪泽区人民政府办公室 are not: a
government and its office report separately. A bare place (白银市) is the
people's government of that place, as a title "白银市2022年…报告" means.
"""

from __future__ import annotations

import re
from typing import Optional

# One administrative place: a name of one to eight characters and its level, the shortest name
# that ends in a level (永州市, 宁夏回族自治区). 州 alone is not a level: it ends names (永州, 福州).
_PLACE = re.compile(r".{1,8}?(?:省|自治区|市|自治州|盟|地区|自治县|县|区|旗|乡|镇|街道)")
# Ways of writing the same body, in their long form.
_SAME = (
    (re.compile(r"人民政府办公室$|人民政府办$|政府办公室$|政府办$"), "人民政府办公室"),
    (re.compile(r"(?<!人民)政府$"), "人民政府"),
    (re.compile(r"委$"), "委员会"),
)


def _places(name: str) -> tuple[list[str], str]:
    """The leading run of places of ``name`` and what follows it (the body)."""
    places: list[str] = []
    pos = 0
    while True:
        m = _PLACE.match(name, pos)
        if m is None:
            break
        places.append(m.group())
        pos = m.end()
    return places, name[pos:]


def issuer_key(name: Optional[str]) -> Optional[tuple[tuple[str, ...], str]]:
    """The places and the body an issuer's name names, or None when there is no name."""
    if not name:
        return None
    n = re.sub(r"\s+", "", name)
    for pattern, long in _SAME:
        n = pattern.sub(long, n)
    places, body = _places(n)
    if not places:
        return ((), n) if n else None
    return tuple(places), body or "人民政府"


def same_issuer(a: Optional[str], b: Optional[str]) -> bool:
    """One body under both names: the same body after the same innermost places (one list a tail of the other)."""
    return same_key(issuer_key(a), issuer_key(b))


def same_key(ka: Optional[tuple[tuple[str, ...], str]], kb: Optional[tuple[tuple[str, ...], str]]) -> bool:
    """``same_issuer`` on the names' ``issuer_key``s, for a caller that compares each name many times."""
    if ka is None or kb is None or ka[1] != kb[1]:
        return False
    pa, pb = ka[0], kb[0]
    if not pa or not pb:
        return pa == pb
    short, long = sorted((pa, pb), key=len)
    return long[len(long) - len(short) :] == short


def key_text(name: Optional[str]) -> str:
    """The issuer as one comparable string: its innermost place and its body (洪泽区/人民政府)."""
    k = issuer_key(name)
    if k is None:
        return ""
    return f"{k[0][-1] if k[0] else ''}/{k[1]}"
