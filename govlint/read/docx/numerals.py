"""Numerals: a list level's value as Word prints it in each ``w:numFmt`` (一、 (一) ① 壹 …)."""

from __future__ import annotations

_ZH = "〇一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _zh_group(g: int, digits: str, units: tuple[str, ...], zero: str) -> str:
    """1..9999 in Chinese numerals: ``一千〇二十``."""
    s, pending = "", False
    for pos in (3, 2, 1, 0):
        d = g // 10**pos % 10
        if d == 0:
            pending = bool(s)
            continue
        if pending:
            s += zero
            pending = False
        s += digits[d] + units[pos]
    return s


def chinese_number(n: int, zero: str = "〇", digits: str = _ZH, units: tuple[str, ...] = ("", "十", "百", "千"),
                   short_ten: bool = True) -> str:
    """``11`` → ``十一``, ``101`` → ``一百〇一``: Word's Chinese counting formats."""
    if n <= 0:
        return zero if n == 0 else str(n)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    big = ("", "万", "亿", "万亿")
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += zero
        out += _zh_group(g, digits, units, zero) + big[min(i, 3)]
        gap = False
    if short_ten and out.startswith(digits[1] + units[1]):  # 十一, not 一十一
        out = out[1:]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One level's value as Word prints it in format ``fmt`` (``w:numFmt``); unknown formats print decimal."""
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting", "koreanCounting"):
        return chinese_number(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "koreanCountingThousand"):
        return chinese_number(n, zero="零")
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, zero="零", digits=_ZH_LEGAL, units=("", "拾", "佰", "仟"), short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 0x2473)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 0x3229)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        if not 0 < n <= 780:  # Word repeats the letter (AA, AAA …); past 30 repeats it is no list anyone wrote
            return str(n)
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: A…Z, AA…ZZ
        return s if fmt == "upperLetter" else s.lower()
    if fmt == "none":
        return ""
    return str(n)


def custom_format(spec: str) -> str:
    """Word 2010's ``w:numFmt w:val="custom" w:format="一, 二, 三, ..."`` as the nearest standard format."""
    first = spec.split(",")[0].strip()
    if first.startswith("0") and first[-1:].isdigit():
        return "decimalZero" if len(first) == 2 else "decimal"
    table = {"一": "chineseCountingThousand", "壹": "chineseLegalSimplified", "①": "decimalEnclosedCircle",
             "甲": "ideographTraditional", "子": "ideographZodiac", "㈠": "ideographEnclosedCircle",
             "１": "decimalFullWidth", "⑴": "decimalEnclosedParen", "⒈": "decimalEnclosedFullstop"}
    return table.get(first[:1], "decimal")
