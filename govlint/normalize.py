"""Matching forms of text.

Real reports mix full- and half-width digits and brackets, several list
punctuation marks, quote variants, stray spaces inside words and, now and
then, traditional characters. Matching happens on a normalised copy; every
character of that copy remembers the index of the original character it
came from, so positions always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# One original character maps to exactly one normalised character (or is
# dropped), so an index map of the same length is enough.
_FOLD: dict[int, str] = {}


def _init_fold() -> None:
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        _FOLD[code] = chr(code - 0xFEE0)
    _FOLD.update(
        {
            ord("\u3000"): " ",
            ord("（"): "(",
            ord("）"): ")",
            ord("【"): "(",
            ord("】"): ")",
            ord("〔"): "(",
            ord("〕"): ")",
            ord("［"): "(",
            ord("］"): ")",
            ord("“"): '"',
            ord("”"): '"',
            ord("„"): '"',
            ord("「"): '"',
            ord("」"): '"',
            ord("‘"): "'",
            ord("’"): "'",
            ord("，"): ",",
            ord("．"): ".",
            ord("﹒"): ".",
            ord("：" ): ":",
            ord("；"): ";",
            ord("—"): "-",
            ord("–"): "-",
            ord("－"): "-",
            ord("﹣"): "-",
            ord("\u2212"): "-",  # the minus sign
            ord("\u00a0"): " ",
            ord("\u2002"): " ",
            ord("\u2003"): " ",
            ord("\u2009"): " ",
            ord("\t"): " ",
            ord("\u200b"): " ",
            ord("\ufeff"): " ",
        }
    )
    # Traditional characters that appear in mirror copies of the template
    # wording and would otherwise block a match.
    for trad, simp in zip(
        "報總體況開動訊處應務請資結轉辦規範劃審議訴訟檢舉復結構業機關與條項數",
        "报总体况开动讯处应务请资结转办规范划审议诉讼检举复结构业机关与条项数",
    ):
        _FOLD[ord(trad)] = simp


_init_fold()

# List punctuation after a numeral: 、 ， , ． . are all the same for matching.
LIST_MARKS = "、,.:"

WHITESPACE = frozenset(" \t\r\n\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")
# After folding, every white-space character above is matched by \s except the
# zero-width ones, which fold to a space.
_NON_SPACE = re.compile(r"\S+")


def fold_char(ch: str) -> str:
    """The matching form of one character (same length: one character)."""
    return _FOLD.get(ord(ch), ch)


# Runs of characters that fold: a report's text is mostly characters that do not, and str.translate
# looks every character up (a dictionary lookup each); a long text is folded run by run instead.
_FOLDS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]+")


def _fold_run(m: re.Match) -> str:
    return m.group().translate(_FOLD)


def fold(text: str) -> str:
    """Fold a whole string, keeping its length."""
    if len(text) < 64:
        return text.translate(_FOLD)
    return _FOLDS.sub(_fold_run, text)


@dataclass(frozen=True)
class Folded:
    """A normalised string plus, for each of its characters, the original index."""

    text: str
    index: tuple[int, ...]

    def origin(self, i: int) -> int:
        """Original index of normalised position ``i`` (``len`` maps past the end)."""
        if i >= len(self.index):
            return self.index[-1] + 1 if self.index else 0
        return self.index[i]

    def origin_end(self, j: int) -> int:
        """Original end offset for a normalised slice ending at ``j`` (exclusive)."""
        if j <= 0:
            return self.index[0] if self.index else 0
        return self.index[j - 1] + 1


def squeeze(text: str, base: int = 0, folded: bool = False) -> Folded:
    """Fold ``text`` and drop all white space, remembering original offsets.

    ``base`` is added to every index, so a slice of a larger text maps back
    into that larger text. ``folded``: the text is already folded (a slice of
    a text folded once; folding is the costly part).
    """
    if not folded:
        text = fold(text)
    parts: list[str] = []
    idx: list[int] = []
    for m in _NON_SPACE.finditer(text):
        a, b = m.span()
        parts.append(m.group())
        idx.extend(range(base + a, base + b))
    return Folded("".join(parts), tuple(idx))


def squeezed(text: str, folded: bool = False) -> str:
    """Just the text of ``squeeze(text)`` (no offsets: much cheaper)."""
    # str.split() and the regex \s agree on what white space is (str.isspace).
    return "".join((text if folded else fold(text)).split())


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The comparison key of a label: folded, no white space, list marks unified."""
    return marks(squeezed(text))


def marks(squeezed: str) -> str:
    """Unify list punctuation in squeezed text (the last step of ``key``)."""
    return squeezed.replace("、", ".").replace(",", ".").replace(":", ".")
