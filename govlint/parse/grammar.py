"""The Lark grammar (``grammars/report.lark``) over the reader's token stream."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from lark import Lark, Tree
from lark import Token as LarkToken
from lark.lexer import Lexer as LarkLexer

from ..read.tokens import TABLE_KINDS, Token


class TableRun(tuple):
    """The tokens of one table run, fed to the parser as a single TABLE token."""

    def __str__(self) -> str:  # Lark makes a string of every token value: keep it cheap
        return "TABLE"


class _StreamLexer(LarkLexer):
    """Feeds tokens already made by a reader to the LALR parser, a table run as one token."""

    def __init__(self, lexer_conf) -> None:  # signature required by Lark
        pass

    def lex(self, data: Iterable[Token]) -> Iterator[LarkToken]:  # type: ignore[override]
        run: list[Token] = []
        for tok in data:
            # Cells of rows the file gives go to the parser one by one; loose table tokens as one run.
            if tok.kind in TABLE_KINDS and "cell" not in tok.info:
                run.append(tok)
                continue
            if run:
                yield _table(run)
                run = []
            yield LarkToken(tok.kind, tok, start_pos=tok.start, end_pos=tok.end)
        if run:
            yield _table(run)


def _table(run: list[Token]) -> LarkToken:
    return LarkToken("TABLE", TableRun(run), start_pos=run[0].start, end_pos=run[-1].end)


def grammar_text() -> str:
    return resources.files("govlint.grammars").joinpath("report.lark").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser, built once per process."""
    return Lark(grammar_text(), parser="lalr", lexer=_StreamLexer, propagate_positions=False, maybe_placeholders=False)


def parse_tokens(tokens: list[Token]) -> Tree:
    """Parse the token stream (CHROME tokens are not part of the grammar)."""
    return parser().parse([t for t in tokens if t.kind != "CHROME"])
