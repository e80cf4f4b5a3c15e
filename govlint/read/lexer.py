"""Fragments to tokens: the one token language every layout ends in.

Two modes. In prose mode the lexer looks for headings (at the start of a line
or, in flattened text, inline after a sentence), sub-headings, titles, page
metadata, page chrome, and the start of a statistics table. In table mode it
recognises the template's vocabulary (captions, header cells, row labels),
numbers and blanks, across line breaks and inside run-together text, until a
section heading or prose ends the table.

Template wording comes from ``govlint.template``; nothing here spells out a
row label.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import Optional

from ..normalize import fold, key, marks, squeeze, squeezed
from ..template import NUMERALS, Template, numeral_value
from .fragments import Fragment
from .title import read_title
from .tokens import TABLE_KINDS, Token

_NUM = "一二三四五六七八九十"
# A top-level heading: numeral, list mark. Works on folded text (、 stays 、).
_H1_START = re.compile(rf"([{_NUM}]{{1,3}})\s*([、,.:])\s*")
# A numeral followed by something other than a list mark: 是, a stray full stop or bracket, a space, nothing.
_H1_LOOSE = re.compile(rf"([{_NUM}]{{1,3}})(\s*[是。）)]?\s*)")
_H2_START = re.compile(rf"\(\s*([{_NUM}]{{1,3}})\s*\)\s*")
_BOUNDARY = set("。;!?！？；|>") | set(" \t\u3000")
_SENTENCE_END = re.compile(r"[。;；!?！？]")
_META = re.compile(
    r"^\s*(发布时间|发文日期|成文日期|发布日期|生成日期|印发日期|信息来源|来源|索引号|发文机关|发布机构|"
    r"标题|文号|分类|名称|栏目|原文链接|主题分类|公开方式|有效性|时间)\s*[:：]\s*(.*)$"
)
_CHROME = re.compile(
    r"当前位置\s*[:：]?(?:\s*首页\s*>?)?"
    r"|打印\s*关闭|【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|\[\s*关闭\s*\]"
    r"|浏览次数\s*[:：]?\s*\d*|分享到\s*[:：]?|\[bookmark:[^\]]*\]"
    r"|微信\s*微博(?:\s*QQ空间)?|附件下载|扫一扫在手机打开当前页|字号\s*(?:[:：]\s*)?[大中小]\s*[大中小]\s*[大中小]"
)
_NUMBER = re.compile(r"[+\-]?\d+(?:\.\d+)?(?:亿元|万元|元)?")
# Thousands written with a space inside one bounded cell (8 936): the cell is one number.
_SPACED_NUMBER = re.compile(r"[+\-]?\d{1,3}(?: \d{3})+(?:\.\d+)?(?:亿元|万元|元)?")
_SUBSTITUTE = re.compile(r"^(?:-+|/+|\\|无|空|×|x|X|\*|—+|/)$")
_NUMBERED = re.compile(rf"(?:(\d)\.|([{_NUM}]{{1,2}})\.|\(([{_NUM}]{{1,2}})\))")
# Long lines are scanned in windows (linear time on hostile input); headings
# and labels never need more than the look-ahead past a window's end.
_WINDOW = 256
_CHROME_STARTS = "当打【[浏分微附扫字"
_LOOKAHEAD = 200


@dataclass
class _Vocab:
    pattern: re.Pattern
    entries: dict
    numbered: dict  # numbering prefix ("2.", "(三)") -> list of entries


class Lexer:
    """Turns fragments into tokens. One instance per template (cheap to reuse)."""

    def __init__(self, template: Template) -> None:
        self.template = template
        entries = template.vocabulary
        keys = sorted(entries, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(k) for k in keys))
        numbered: dict[str, list] = {}
        for k, e in entries.items():
            m = _NUMBERED.match(k)
            if m:
                numbered.setdefault(m.group(0), []).append(e)
        self.vocab = _Vocab(pattern, entries, numbered)
        self.section_keys: list[tuple[str, str]] = []  # (key form of a title or variant, section key)
        for s in template.sections:
            for t in (s.title,) + s.variants:
                self.section_keys.append((key(t), s.key))
        self.section_keys.sort(key=lambda p: len(p[0]), reverse=True)
        self.section_keys_by_start: dict[str, list[tuple[str, str]]] = {}
        for k, sec in self.section_keys:
            self.section_keys_by_start.setdefault(k[:1], []).append((k, sec))
        self.section_keywords = [(s.key, tuple(key(k) for k in s.keywords)) for s in template.sections]
        # Words that start a table come from the template: the captions and the markers.
        self.table_markers = tuple(m.key for m in template.table_markers)
        self._markers = template.table_markers
        self._caption = _spaced(fold(c) for c in template.captions)
        firsts = {m.key[0] for m in self._markers if m.key}
        self._table_chars = frozenset(firsts | {"(", *(fold(c)[0] for c in template.captions)})
        # After a character that can start a marker: the characters that can come next.
        self._marker_next: dict[str, set[str]] = {"(": set(firsts)}
        for m in self._markers:
            if len(m.key) > 1:
                self._marker_next.setdefault(m.key[0], set()).add(m.key[1])
        # Characters whose markers start a table only as a whole line (信息内容: 信息 is everywhere in prose).
        self._whole_line_only = frozenset(
            ch for ch in firsts if all(m.whole_line for m in self._markers if m.key.startswith(ch))
        )
        self._candidates = frozenset(_NUM) | self._table_chars | frozenset(_CHROME_STARTS)
        self._candidate = re.compile("[" + re.escape("".join(sorted(self._candidates))) + "]")

    # ------------------------------------------------------------------ driver

    def lex(self, text: str, frags: list[Fragment]) -> list[Token]:
        out: list[Token] = []
        in_table = False
        # Folding keeps the length, so a slice of the folded text is the folded slice: fold once.
        ftext = fold(text)
        for f in frags:
            kind = f.kind
            if kind == "break" or kind == "sep":
                continue
            if kind == "chrome":
                out.append(Token("CHROME", f.text, f.start, f.end, info={"kind": _chrome_kind(f.text)}))
                continue
            if kind == "blank":
                if in_table:
                    out.append(Token("BLANK", "", f.start, f.end))
                continue
            if kind == "cell":
                tok = self._cell(f, in_table)
                if tok is not None and (in_table or self._opens_table(tok)):
                    in_table = True
                    out.append(tok)
                    continue
            in_table = self._line(text, ftext, f.start, f.end, in_table, out)
        return out

    # ------------------------------------------------------- structured input

    def lex_line(self, text: str, ftext: str, start: int, end: int, in_table: bool, out: list[Token]) -> bool:
        """One paragraph of a structured file, read like a line of text; returns whether a table is open."""
        return self._line(text, ftext, start, end, in_table, out)

    def lex_cell(self, text: str, ftext: str, start: int, end: int) -> list[Token]:
        """One table cell the file gives: every token it yields is a table token.

        A cell is never a heading or prose, whatever its words: words the
        template does not know are NOISE, an empty cell is one BLANK.
        """
        s = text[start:end]
        if not s.strip():
            return [Token("BLANK", "", start, end)]
        tok = self._cell(Fragment("cell", start, end, s), True)
        if tok is not None:
            return [tok]
        out: list[Token] = []
        stop, still = self._table_text(text, _Squeezed(ftext, start, end), start, end, out)
        if not still and start <= stop < end:
            # Prose inside a cell (a note, a long explanation): one NOISE token up to the cell's end.
            out.append(Token("NOISE", text[stop:end], stop, end))
        if not out:
            out.append(Token("NOISE", s, start, end))
        for t in out:
            if t.kind not in TABLE_KINDS:
                t.kind = "NOISE"
        return out

    def _opens_table(self, tok: Token) -> bool:
        """Can this bounded cell start a table on its own?"""
        if tok.kind in ("CAPTION", "LABEL", "GROUP"):
            return True
        return tok.kind == "HEAD" and (
            any(tok.norm.lstrip("(").startswith(m) for m in self.table_markers)
        )

    # ------------------------------------------------------------------ cells

    def _cell(self, f: Fragment, in_table: bool) -> Optional[Token]:
        """A bounded cell: the whole text is one thing, or it is not a table cell."""
        s = f.text.strip()
        if s.isascii() and s.isdigit():
            return Token("NUM", s, f.start, f.end, norm=s, info={"bounded": True}) if in_table else None
        fs = fold(s)
        if _NUMBER.fullmatch(fs.replace(",", "")) or _SPACED_NUMBER.fullmatch(fs):
            if not in_table:
                return None
            return Token("NUM", s, f.start, f.end, norm=fs.replace(",", "").replace(" ", ""), info={"bounded": True})
        if in_table and _SUBSTITUTE.match(fs):
            return Token("CELL", s, f.start, f.end, norm=fs)
        k = key(s)
        e = self.vocab.entries.get(k)
        if e is not None:
            return Token(e.kind, s, f.start, f.end, norm=k, info={"refs": e.refs, "entry": e.text})
        if in_table:
            fz = self._fuzzy(k)
            if fz is not None:
                return Token(fz.kind, s, f.start, f.end, norm=k, info={"refs": fz.refs, "entry": fz.text, "fuzzy": True})
            if _is_section_heading(self, squeezed(s)) is None and len(k) <= 16 and not _SENTENCE_END.search(s):
                return Token("CELL", s, f.start, f.end, norm=fs)
        return None

    # ------------------------------------------------------------------ lines

    def _line(self, text: str, ftext: str, start: int, end: int, in_table: bool, out: list[Token]) -> bool:
        pos = start
        buf: Optional[_Squeezed] = None  # one per line: a line that goes in and out of tables squeezes once
        if in_table and _NOTE.match(ftext, _skip_space(ftext, start, end), end):
            in_table = False  # 注：… under a table is prose about it: its numbers are not cells
        while pos < end:
            if in_table:
                if buf is None:
                    buf = _Squeezed(ftext, pos, end)
                pos, in_table = self._table_text(text, buf, pos, end, out)
            else:
                pos, in_table = self._prose(text, ftext, pos, end, out)
        return in_table

    def _prose(self, text: str, ftext: str, start: int, end: int, out: list[Token]) -> tuple[int, bool]:
        """Scan prose from ``start``; return where table mode begins (or where this window ends).

        Long lines are scanned in windows so that work stays linear in the line length.
        """
        stop = min(end, start + _WINDOW)
        seg = text[start : min(end, stop + _LOOKAHEAD)]
        folded = ftext[start : min(end, stop + _LOOKAHEAD)]
        lead = len(seg) - len(seg.lstrip())
        ls = _line_start(text, start)
        at_line_start = ls >= 0 and not text[ls:start].strip()

        if at_line_start:
            m = _META.match(seg)
            if m and len(seg) < 200:
                out.append(
                    Token("META", seg.strip(), start + lead, start + len(seg.rstrip()), info={"key": m.group(1), "value": m.group(2).strip(" |")})
                )
                return end, False
            sq = squeezed(folded, folded=True)
            bare = sq.rstrip("|")
            if len(sq) <= 70 and bare.endswith("报告") and read_title(bare) is not None:
                out.append(Token("TITLE", seg.strip().rstrip("|").strip(), start + lead, start + len(seg.rstrip().rstrip("|").rstrip()), norm=sq))
                return end, False
            # A flattened page: the title, white space, then the opening on the same line.
            m = _TITLE_FIRST.match(seg, lead)
            if m and read_title(squeezed(m.group(1))) is not None:
                out.append(Token("TITLE", m.group(1), start + m.start(1), start + m.end(1), norm=squeezed(m.group(1))))
                return start + m.end(1), False
            whole = marks(sq)
            e = self.vocab.entries.get(whole)
            if e is not None and e.kind in ("CAPTION", "HEAD", "LABEL", "GROUP") and (
                e.kind != "HEAD" or whole in self.table_markers
            ):
                return start, True
            if "|" in sq and self._header_cells(whole):
                return start, True

        # A window that starts mid-sentence (a long line cut for speed) is not a boundary.
        prev = text[start - 1] if start > 0 else "\n"
        start_boundary = prev in _BOUNDARY or prev in "\r\n" or bool(out and out[-1].end == start and out[-1].kind != "TEXT")
        text_start = start + lead
        i = lead
        n = stop - start
        candidates, candidate = self._candidates, self._candidate
        while i < n:
            ch = folded[i]
            if ch not in candidates:
                # Skip ordinary prose in one step: only these characters can start anything.
                nxt = candidate.search(folded, i + 1, n)
                if nxt is None:
                    break
                i = nxt.start()
                continue
            if i == lead:
                boundary_ok = lead > 0 or start_boundary
            else:
                boundary_ok = folded[i - 1] in _BOUNDARY or start + i == text_start
            hit: Optional[tuple[str, int, int]] = None
            if ch in _NUM and boundary_ok:
                h = self._heading(text, ftext, start + i, end, inline=i != lead or not at_line_start)
                if h is not None:
                    hit = ("H1", *h)
            elif ch == "(" and boundary_ok:
                h2 = self._subheading(text, ftext, start + i, end)
                if h2 is not None:
                    hit = ("H2", *h2)
            if hit is None and ch in self._table_chars:
                t = self._table_start(folded, i, at_line_start and i == lead)
                if t:
                    self._flush_text(text, text_start, start + i, out)
                    return start + i, True
            if hit is None and seg[i] in _CHROME_STARTS:
                m = _CHROME.match(seg, i)
                if m and m.end() > i:
                    self._flush_text(text, text_start, start + i, out)
                    out.append(Token("CHROME", m.group(), start + i, start + m.end(), info={"kind": _chrome_kind(m.group())}))
                    i = m.end()
                    text_start = start + i
                    continue
            if hit is not None:
                kind, tok, after = hit
                self._flush_text(text, text_start, tok.start, out)
                out.append(tok)
                i = after - start
                text_start = after
                # A heading that is exactly table wording starts the table.
                if kind == "H1" and tok.info.get("table_label"):
                    out.pop()
                    return tok.start, True
                continue
            i += 1
        self._flush_text(text, text_start, max(stop, text_start), out)
        return max(stop, start + i), False

    def _flush_text(self, text: str, a: int, b: int, out: list[Token]) -> None:
        s = text[a:b]
        if not s.strip(" \t\f|\u3000"):
            return
        lead = len(s) - len(s.lstrip(" \t\f|\u3000"))
        body = s.strip(" \t\f|\u3000")
        out.append(Token("TEXT", body, a + lead, a + lead + len(body)))

    def _header_cells(self, whole: str) -> bool:
        """A row written on one line whose every cell is the template's table wording (行政复议 | 行政诉讼).

        Two cells at least: one word alone may be prose; bars between table words are not.
        """
        cells = [c for c in whole.split("|") if c]
        if len(cells) < 2:
            return False
        return all((e := self.vocab.entries.get(c)) is not None and e.kind in ("CAPTION", "HEAD", "LABEL", "GROUP") for c in cells)

    def _table_start(self, folded: str, i: int, whole_line: bool) -> bool:
        ch = folded[i]
        rest = folded[i : i + 60]
        if self._caption.match(rest):
            return True
        # Most of these characters are ordinary prose: look at the next one before squeezing.
        if (ch in self._whole_line_only and not whole_line) or _next_char(rest) not in self._marker_next.get(ch, ()):
            return False
        # The cell bars of a row written on one line (行政复议 | 行政诉讼) are not words.
        sq = squeezed(rest, folded=True).replace("|", "")
        body = sq[1:] if sq.startswith("(") else sq
        for m in self._markers:
            if not body.startswith(m.key) or (m.whole_line and not whole_line):
                continue
            after = body[len(m.key) :]
            if m.followed_by and not any(after.startswith(f) for f in m.followed_by):
                continue
            return True
        # A row of header cells running on after a heading (行政复议 | 行政诉讼 |, the page's bars cut
        # the line there): every cell to the end of this piece is the template's table wording.
        if "|" in rest:
            return self._header_cells(marks(squeezed(folded[i:], folded=True)))
        return False

    # ------------------------------------------------------------------ headings

    def _heading(self, text: str, ftext: str, pos: int, end: int, inline: bool) -> Optional[tuple[Token, int]]:
        seg = text[pos : min(end, pos + _LOOKAHEAD)]
        fseg = ftext[pos : min(end, pos + _LOOKAHEAD)]
        m = _H1_START.match(fseg[:8])
        if not m:
            return None if inline else self._misnumbered(text, ftext, pos, end)
        number, mark = m.group(1), seg[m.start(2)]
        ordinal = numeral_value(number)
        if ordinal == 0:
            return None
        body_off = m.end()
        body = seg[body_off:]
        folded = fseg[body_off:]
        kbody = marks(squeezed(folded, folded=True))
        # Table wording first: 一、本年新收… and 四、结转下年度继续办理 are row labels.
        whole = key(number + "、") + kbody
        vm = self.vocab.pattern.match(whole)
        if vm is not None and self.vocab.entries[vm.group()].kind in ("LABEL", "GROUP"):
            tok = Token("H1", seg[: body_off].strip(), pos, pos + body_off, info={"table_label": True})
            return tok, pos + body_off
        # A known section title or variant: take exactly its extent.
        for k, sec in self.section_keys_by_start.get(kbody[:1], ()):
            if kbody.startswith(k):
                stop = _origin_end(folded, pos + body_off, len(k))
                head = text[pos:stop]
                return self._h1(number, mark, text, pos, stop, head[body_off:], sec, inline), stop
        # A generic heading: short, ended by the end of the line, white space or a sub-heading.
        limit = 30
        j = 0
        while j < len(body) and j <= limit:
            c = folded[j]
            if c in "\r\n":
                break
            if c in " \t\u3000|" and inline:
                break
            if c == "(" and _H2_START.match(folded, j):
                break
            if c in "。;!?":
                break
            if c in ",:" or c == "、" and j < 2:
                return None
            j += 1
        if j > limit or j == 0:
            return None
        words = body[:j].strip()
        if len(words) < 2 or not _has_cjk(words):
            return None
        after = folded[j : j + 1]
        if not inline and after and after not in "。\r\n(" and not _line_rest_blank(body[j:]):
            # At a line start with more text after: a heading only if a sentence end follows.
            if after != "。":
                return None
        if inline and after and after not in " \t\u3000|(":
            return None
        stop = pos + body_off + len(body[:j].rstrip())
        sec = self._section_by_keyword(words)
        return self._h1(number, mark, text, pos, stop, words, sec, inline), stop

    def _misnumbered(self, text: str, ftext: str, pos: int, end: int) -> Optional[tuple[Token, int]]:
        """A section heading whose numeral is followed by the wrong thing (``三是…``, ``二主动公开…``, ``六 其他…``).

        Only a whole line that is a section's own wording after the numeral:
        the same section, numbered wrongly (GL103), not a missing one. Prose
        enumerations (``三是加强队伍建设``) are not section wording.
        """
        fseg = ftext[pos : min(end, pos + _LOOKAHEAD)]
        m = _H1_LOOSE.match(fseg[:8])
        if not m or numeral_value(m.group(1)) == 0:
            return None
        body_off = m.end()
        kbody = marks(squeezed(fseg[body_off:], folded=True))
        for k, sec in self.section_keys_by_start.get(kbody[:1], ()):
            if kbody.startswith(k):
                stop = _origin_end(fseg[body_off:], pos + body_off, len(k))
                if not _line_rest_blank(text[stop:end]):
                    return None
                mark = text[pos + m.start(2) : pos + m.end(2)].strip()
                return self._h1(m.group(1), mark, text, pos, stop, text[pos + body_off : stop], sec, False), stop
        return None

    def _h1(self, number: str, mark: str, text: str, pos: int, stop: int, words: str, sec: Optional[str], inline: bool) -> Token:
        return Token(
            "H1",
            text[pos:stop],
            pos,
            stop,
            info={
                "number": number,
                "ordinal": numeral_value(number),
                "mark": mark,
                "words": words.strip(),
                "section": sec,
                "inline": inline,
            },
        )

    def _section_by_keyword(self, words: str) -> Optional[str]:
        k = key(words)
        for sec, kws in self.section_keywords:
            if any(kw in k for kw in kws):
                return sec
        return None

    def _subheading(self, text: str, ftext: str, pos: int, end: int) -> Optional[tuple[Token, int]]:
        seg = text[pos : min(end, pos + _LOOKAHEAD)]
        folded = ftext[pos : min(end, pos + 60)]
        m = _H2_START.match(folded)
        if not m:
            return None
        j = m.end()
        while j < len(folded) and j < m.end() + 30 and folded[j] not in "。:;\r\n":
            j += 1
        words = seg[m.end() : j].strip()
        if not words or not _has_cjk(words):
            return None
        stop = pos + len(seg[:j].rstrip())
        tok = Token("H2", text[pos:stop], pos, stop, info={"number": m.group(1), "words": words})
        return tok, stop

    # ------------------------------------------------------------------ tables

    def _table_text(self, text: str, buf: _Squeezed, start: int, end: int, out: list[Token]) -> tuple[int, bool]:
        """Recognise table wording and numbers in running text; stop at prose or a section."""
        p0 = p = buf.seek(start)
        noise_from = -1

        def flush_noise(upto: int) -> bool:
            """Emit pending unrecognised text; False when it is prose (the table is over)."""
            nonlocal noise_from
            if noise_from < 0:
                return True
            a, b = buf.origin(noise_from), buf.origin_end(upto)
            raw = text[a:b]
            if len(raw.strip()) > 40 or "。" in raw:
                return False
            noise_from = -1
            if _SUBSTITUTE.match(fold(raw.strip())):
                out.append(Token("CELL", raw, a, b, norm=fold(raw)))
            else:
                out.append(Token("NOISE", raw, a, b))
            return True

        def emit(kind: str, p0: int, p1: int, **fields) -> bool:
            if not flush_noise(p0):
                return False
            a, b = buf.origin(p0), buf.origin_end(p1)
            out.append(Token(kind, text[a:b], a, b, **fields))
            return True

        while buf.ensure(p):
            s, k, n = buf.s, buf.k, len(buf.s)
            c = s[p]
            m = self.vocab.pattern.match(k, p)
            # A section heading (not table wording) ends the table.
            if m is None and c in _NUM and p + 1 < n:
                head = s[p : p + 60]
                found = _is_section_heading(self, head) if k[p + 1] == "." else _is_misnumbered_section(self, head)
                if found is not None:
                    flush_noise(p)
                    return buf.origin(noise_from if noise_from >= 0 else p), False
            if m is not None:
                e = self.vocab.entries[m.group()]
                if not emit(e.kind, p, m.end(), norm=m.group(), info={"refs": e.refs, "entry": e.text}):
                    break
                p = m.end()
                continue
            nm = _NUMBERED.match(k, p)
            if nm is not None:
                stop = p + len(nm.group())
                while stop < n and not s[stop].isdigit() and stop - p < 45 and not _NUMBERED.match(k, stop):
                    stop += 1
                fz = self._fuzzy(k[p:stop])
                if fz is not None:
                    fields = {"norm": k[p:stop], "info": {"refs": fz.refs, "entry": fz.text, "fuzzy": True}}
                    if not emit(fz.kind, p, stop, **fields):
                        break
                    p = stop
                    continue
            if c.isdigit() or (c in "+-" and p + 1 < n and s[p + 1].isdigit() and (p == p0 or not s[p - 1].isdigit())):
                q = _number_end(s, p, buf.idx)
                if q >= 0:
                    # 0000002.其他… : the last digit is the next label's number.
                    if q < n and s[q] == "." and q - p >= 2 and "." not in s[p:q] and not s[q + 1 : q + 2].isdigit():
                        q -= 1
                    if q > p:
                        if not emit("NUM", p, q, norm=s[p:q], info={"bounded": False}):
                            break
                        p = q
                        continue
            if noise_from < 0:
                noise_from = p
            elif p - noise_from > 40 or c == "。":
                break  # prose: the table is over
            p += 1
        else:
            if flush_noise(len(buf.s)):
                return end, True
        return buf.origin(noise_from), False

    def _fuzzy(self, k: str):
        """A numbered row label written slightly differently (typos, a line break inside)."""
        m = _NUMBERED.match(k)
        if not m:
            return None
        cands = self.vocab.numbered.get(m.group(0), [])
        body = k[len(m.group(0)) :]
        if len(body) < 2:
            return None
        best = None
        best_score = 0.0
        second = 0.0
        for e in cands:
            ebody = e.key[len(m.group(0)) :]
            if len(body) >= 5 and ebody.startswith(body):
                score = 0.95
            else:
                score = difflib.SequenceMatcher(None, body, ebody, autojunk=False).ratio()
            if score > best_score:
                second = best_score
                best, best_score = e, score
            elif score > second:
                second = score
        if best is not None and best_score >= 0.72 and best_score - second >= 0.15:
            return best
        return None


class _Squeezed:
    """The squeezed form of ``text[start:end]``, built in growing chunks as the scan advances.

    Keeps the work of table scans proportional to what they consume, not to the
    length of the line they sit in: every scan of one line shares one buffer.
    """

    def __init__(self, ftext: str, start: int, end: int) -> None:
        self.ftext = ftext  # the folded text
        self.end = end
        self.limit = start
        self.chunk = 128
        self.s = ""
        self.k = ""
        self.idx: list[int] = []
        self.start = start
        self._grow()

    def _grow(self) -> None:
        new = min(self.end, self.limit + self.chunk)
        self.chunk *= 2
        f = squeeze(self.ftext[self.limit : new], self.limit, folded=True)
        self.s += f.text
        self.idx.extend(f.index)
        self.k = marks(self.s)
        self.limit = new

    def seek(self, offset: int) -> int:
        """The squeezed index of the first character at or after original ``offset``."""
        while self.limit < self.end and (not self.idx or self.idx[-1] < offset):
            self._grow()
        return bisect.bisect_left(self.idx, offset)

    def ensure(self, p: int) -> bool:
        while self.limit < self.end and p + _LOOKAHEAD > len(self.s):
            self._grow()
        return p < len(self.s)

    def origin(self, i: int) -> int:
        if i < len(self.idx):
            return self.idx[i]
        return self.idx[-1] + 1 if self.idx else self.start

    def origin_end(self, j: int) -> int:
        return self.idx[j - 1] + 1 if j > 0 and self.idx else self.start


def _number_end(s: str, p: int, idx: list[int]) -> int:
    """End of the ``_NUMBER`` match at ``s[p]``, cut at white space the original had inside it; -1: none.

    White space in the original separates two cells even in run-together text, so ``1 2 3`` is
    three numbers though its squeezed form is one digit run. Matching that whole run at each of
    its digits would be quadratic; the match is tried in a window that doubles until the answer
    is certain, so the work is proportional to what the number consumes.
    """
    n = len(s)
    width = 16
    checked = p + 1  # idx is contiguous over s[p:checked]
    while True:
        stop = min(n, p + width)
        m = _NUMBER.match(s, p, stop)
        if m is None:
            return -1  # the window always holds the sign and first digit the pattern needs
        end = m.end()
        for r in range(checked, end):
            if idx[r] != idx[r - 1] + 1:
                return r  # the match on all of s reaches at least as far as this one, so past r
        checked = max(checked, end)
        # The pattern looks at most two characters past its end: a match that ends two before
        # the window's edge is the match on all of s.
        if stop == n or end + 2 <= stop:
            return end
        width *= 2


def _is_section_heading(lexer: Lexer, s: str) -> Optional[str]:
    """Does squeezed text start with a numbered section heading (not table wording)?"""
    m = re.match(rf"([{_NUM}]{{1,2}})[、,.:]", s)
    if not m:
        return None
    rest = key(s[m.end() : m.end() + 40])
    for k, sec in lexer.section_keys:
        if rest.startswith(k) or (len(k) >= 6 and rest.startswith(k[:6])):
            return sec
    return None


def _is_misnumbered_section(lexer: Lexer, s: str) -> Optional[str]:
    """Does squeezed text start with a section's exact wording after a numeral and a wrong mark (三是收到和处理…)?"""
    m = _H1_LOOSE.match(s)
    if not m:
        return None
    rest = key(s[m.end() : m.end() + 40])
    for k, sec in lexer.section_keys:
        if rest.startswith(k):
            return sec
    return None


# The second character of each way a table can start (after 第, which the caption pattern covers).


# A title at the start of a line that runs on after white space (a flattened page).
_TITLE_FIRST = re.compile(r"(\S{8,60}?报告)(?=[ \t\u3000]+\S)")
# A note under a table (注：本表数据统计期限为…, 说明：…, 备注1:): prose, whatever numbers it holds.
_NOTE = re.compile(r"(?:注|说明|备注|附注|数据说明)[ \t\u3000]?\d{0,2}[ \t\u3000]?[:：]")


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t\u3000":
        i += 1
    return i


def _next_char(s: str) -> str:
    """The first non-space character after the first one."""
    for ch in s[1:]:
        if not ch.isspace():
            return ch
    return ""


def _spaced(texts) -> re.Pattern:
    """Match any of ``texts`` with white space allowed between its characters (exports scatter it)."""
    # Longest first, so a caption is not cut short by one it begins with; ties in text order, so the
    # pattern is the same in every process (a set's order changes with the hash seed).
    alts = sorted(
        {"".join(ch if ch.isspace() else re.escape(ch) + r"\s*" for ch in t.replace(" ", "")) for t in texts},
        key=lambda a: (-len(a), a),
    )
    return re.compile("|".join(alts) if alts else r"(?!)")


def _origin_end(folded: str, base: int, j: int) -> int:
    """The original offset just after the ``j``-th non-space character of ``folded``."""
    head = folded[:j]
    if len(head) == j and "".join(head.split()) == head:
        return base + j  # no white space inside (the usual case)
    return squeeze(folded, base, folded=True).origin_end(j)


def _has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos``, or -1 when it is more than 200 characters back."""
    lo = max(0, pos - 200)
    i = max(text.rfind("\n", lo, pos), text.rfind("\r", lo, pos))
    if i >= 0:
        return i + 1
    return 0 if lo == 0 else -1


def _line_rest_blank(s: str) -> bool:
    for ch in s:
        if ch in "\r\n":
            return True
        if not ch.isspace() and ch != "|":
            return False
    return True


def _chrome_kind(s: str) -> str:
    if "|" in s and set(s.strip()) <= {"|", " "}:
        return "pipe-run"
    if "bookmark" in s:
        return "bookmark"
    if re.search(r"\d", s) and re.fullmatch(r"[\s\f\-—－–第页共,，/\d]+", s):
        return "page-number"
    return "page-chrome"


__all__ = ["Lexer", "NUMERALS"]
