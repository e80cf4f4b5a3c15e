"""Facts about a report gathered from its text: title, issuer, year, date.

Each fact keeps its evidence (which source said it, and where), so that
``govlint inspect`` can show why govlint believes it and year rules can
point at the odd one out.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Evidence, Report, Span, Title
from ..normalize import squeezed
from ..read.title import QUOTED, read_quoted, read_title
from ..read.tokens import Token

# The issuer inside 《…》 neither starts nor ends with white space (the \s* around it take that),
# and the white space after 《 is taken whole: otherwise a long run of white space is split every
# way between \s*, the issuer and \s* (cubic from one 《). The first match is the same.
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,24}$")
_PERIOD = re.compile(
    r"统计(?:期限|时限|期间|时间)[^。；;]{0,24}?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日"
    r"|(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|－|~)\s*(?:\d{4}\s*年\s*)?12\s*月\s*31\s*日"
)
# "2022年，我县…" says which year the body reports on; "2021年以来…" (since 2021) names where a span
# begins, not the reporting year.
_OPENING = re.compile(r"^\s*(\d{4})\s*年(?:度)?\s*(?:[，,]|我|全|本)")
# The year follows a sentence end or white space; inside a run of white space only its first
# character may be the one before the year (every later start would rescan the rest of the run,
# and the first start finds the same match).
_BODY_YEAR = re.compile(r"(?:^|[。；]|(?<!\s)\s)\s*(\d{4})\s*年\s*[，,]\s*(?:我|全|本)[^。]{0,40}?(?:取得|开展|坚持|工作)")
_DATE_ISO = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_SIGNATURE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_FUTURE = re.compile(r"将|计划|下一步|打算|力争")


def find_title(front: list[Token], text: str) -> Optional[Title]:
    """The report title: a title line, page metadata, or a quoted title in the opening."""
    for i, t in enumerate(front):
        if t.kind != "TITLE":
            continue
        words = read_title(squeezed(t.text))
        if words is None:
            continue
        issuer = words.issuer
        span = Span(t.start, t.end)
        if not issuer and i > 0 and front[i - 1].kind in ("TEXT", "TITLE"):
            prev = squeezed(front[i - 1].text)
            if _ISSUER_LINE.match(prev):
                issuer = prev
                span = Span(front[i - 1].start, t.end)
        full = text[span.start : span.end]
        return Title(" ".join(full.split()), span, issuer, words.year)
    for t in front:
        if t.kind == "META" and t.info.get("key") == "标题":
            words = read_title(squeezed(t.info.get("value", "")))
            if words is not None:
                return Title(t.info["value"], Span(t.start, t.end), words.issuer, words.year)
    for t in front:
        if t.kind in ("TEXT", "CHROME", "META"):
            m = QUOTED.search(t.text)
            if m:
                a, b = t.start + m.start(), t.start + m.end()
                words = read_quoted(m)
                return Title(m.group(0), Span(a, b), words.issuer, words.year, quoted=True)
    return None


def _written(span: Span, text: str, year: int) -> Optional[Span]:
    """Where ``year`` is written in digits inside ``text`` (which starts at ``span.start``)."""
    i = text.find(str(year))
    return Span(span.start + i, span.start + i + 4) if i >= 0 else None


def year_evidence(report: Report, texts: list[Token], overview: list[Token], body: list[Token]) -> list[Evidence]:
    ev: list[Evidence] = []
    if report.title and report.title.year:
        ev.append(Evidence("title", report.title.year, report.title.span, report.title.text, _written(report.title.span, report.text(report.title.span), report.title.year)))
    for t in texts:
        m = _PERIOD.search(t.text)
        if m:
            y = int(m.group(1) or m.group(2))
            g = 1 if m.group(1) else 2
            ev.append(Evidence("statistics-period", y, Span(t.start + m.start(), t.start + m.end()), m.group(0), Span(t.start + m.start(g), t.start + m.end(g))))
            break
    for t in overview:
        m = _OPENING.match(t.text)
        if m:
            at = Span(t.start + m.start(1), t.start + m.end(1))
            ev.append(Evidence("overview-opening", int(m.group(1)), at, t.text[:30], at))
            break
    if not ev:
        for t in body:
            for m in _BODY_YEAR.finditer(t.text):
                sentence = t.text[m.start(1) : m.end()]
                if _FUTURE.search(sentence):
                    continue
                at = Span(t.start + m.start(1), t.start + m.end(1))
                ev.append(Evidence("body-statement", int(m.group(1)), at, sentence, at))
                break
            if len(ev):
                break
    return ev


_VOTERS = ("title", "statistics-period", "overview-opening")


def resolve_year(evidence: list[Evidence], date: Optional[Evidence], table_editions: list[str], editions) -> Optional[int]:
    """The reporting year: the year most of title, statistics period and overview opening give.

    Ties go to the title. Without any of them: a past-tense "YYYY年，我…" statement
    in the body, then the year before the publication or signature date.
    """
    votes = [e for e in evidence if e.source in _VOTERS]
    if votes:
        counts: dict[int, int] = {}
        for e in votes:
            counts[e.value] = counts.get(e.value, 0) + 1
        best = max(counts.values())
        leaders = [y for y, n in counts.items() if n == best]
        if len(leaders) == 1:
            return leaders[0]
        # A tie: the edition of the tables may tell which year is right.
        fitting = [y for y in leaders if any(editions[ed].covers(y) for ed in table_editions if ed in editions)]
        if len(fitting) == 1:
            return fitting[0]
        return votes[0].value
    for e in evidence:
        if e.source == "body-statement":
            return e.value
    if date is not None:
        return int(str(date.value)[:4]) - 1
    return None


def date_evidence(meta: list[Token], tail: list[Token]) -> list[Evidence]:
    ev: list[Evidence] = []
    for t in meta:
        if t.info.get("key") in ("发布时间", "发文日期", "成文日期", "发布日期", "印发日期", "时间"):
            m = _DATE_ISO.search(t.info.get("value", ""))
            if m:
                ev.append(Evidence(f"metadata:{t.info['key']}", _iso(m), Span(t.start, t.end), t.text))
    for t in reversed(tail[-6:]):
        m = _SIGNATURE_DATE.match(t.text)
        if m:
            ev.append(Evidence("signature", _iso(m), Span(t.start, t.end), t.text.strip()))
            break
    return ev


def _iso(m: re.Match) -> str:
    y, mo, d = (int(g) for g in m.groups()[:3])
    return f"{y:04d}-{mo:02d}-{d:02d}"


# Issuer kinds. A people's government publishes its own report by 31 March; its
# departments (and townships and sub-districts, which report to the county
# like departments) by 31 January (条例 第四十九条).
_DEPARTMENT = re.compile(
    r"(?:局|委员会|委|办公室|办|中心|厅|署|所|站|队|院|街道办事处|街道|管委会|管理委员会|乡人民政府|镇人民政府|"
    r"乡政府|镇政府|[乡镇]|开发区|园区)$"
)
_GOVERNMENT = re.compile(r"(?:人民政府|政府|[省市区县旗州盟])$")


def issuer_kind(issuer: Optional[str]) -> Optional[str]:
    """"government", "department" or None (unknown) from the issuer's name."""
    if not issuer:
        return None
    name = re.sub(r"\s+", "", issuer)
    if _DEPARTMENT.search(name):
        return "department"
    if _GOVERNMENT.search(name):
        return "government"
    return None
