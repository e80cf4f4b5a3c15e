"""The reader for text files: every layout described in the format spec."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..model import Source
from ..template import load_template
from .base import ReadResult
from .encoding import decode
from .fragments import fragments
from .layout import sniff
from .lexer import Lexer


class TextReader:
    name = "text"
    priority = 0  # the fallback: binary formats get their own readers

    def __init__(self) -> None:
        self._lexer: Lexer | None = None

    def can_read(self, path: str, head: bytes) -> bool:
        return True

    def read(self, path: str, data: bytes) -> ReadResult:
        decoded = decode(data)
        guess = sniff(decoded.text)
        source = Source(
            path=path,
            text=decoded.text,
            encoding=decoded.encoding,
            layout=guess.layout,
            bom=decoded.bom,
            byte_size=len(data),
        )
        if self._lexer is None:
            self._lexer = Lexer(load_template())
        tokens = self._lexer.lex(decoded.text, fragments(decoded.text, guess.layout))
        return ReadResult(source, tokens, guess.evidence)


@hookimpl
def govlint_readers() -> list:
    return [TextReader()]
