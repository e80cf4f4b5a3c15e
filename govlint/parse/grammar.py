"""The Lark grammar (``grammars/report.lark``) over the reader's token stream."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Optional

import lark
from lark import Lark, Tree
from lark import Token as LarkToken
from lark.grammar import Rule
from lark.lexer import Lexer as LarkLexer
from lark.lexer import TerminalDef

from .. import compiled
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
    """The LALR parser: its tables built once and kept on disk (govlint.compiled), else built here."""
    text = grammar_text()
    try:
        tables = compiled.data("grammar", text, lambda: _tables(_build(text)), versions=f"lark {lark.__version__}")
        return _from_tables(tables)
    except Exception:  # noqa: BLE001 - Lark's serialised form is not its public API: build as Lark documents
        return _build(text)


def _build(text: str) -> Lark:
    return Lark(text, parser="lalr", lexer=_StreamLexer, propagate_positions=False, maybe_placeholders=False)


# Lark serialises its LALR tables as plain data except for the lexer class; ours is put back on loading.
_LEXER_SLOTS = (("data", "options", "lexer"), ("data", "parser", "lexer_conf", "lexer_type"))


def _tables(p: Lark) -> dict:
    data, memo = p.memo_serialize([TerminalDef, Rule])
    out = {"data": data, "memo": memo}
    for slots in _LEXER_SLOTS:
        _put(out, slots, None)
    return out


def _from_tables(tables: dict) -> Lark:
    for slots in _LEXER_SLOTS:
        _put(tables, slots, _StreamLexer)
    return Lark._load_from_dict(tables["data"], tables["memo"])


def _put(tree: dict, slots: tuple[str, ...], value: object) -> None:
    """Set tree[a][b]…[z] = value, copying each dict on the way (the built parser keeps its own)."""
    for name in slots[:-1]:
        tree[name] = dict(tree[name])
        tree = tree[name]
    tree[slots[-1]] = value


def parse_tokens(tokens: list[Token]) -> Tree:
    """Parse the token stream (CHROME tokens are not part of the grammar)."""
    return parser().parse([t for t in tokens if t.kind != "CHROME"])


def shape(tokens: list[Token]) -> Iterator[tuple[int, str, Optional[Token]]]:
    """The parse tree of ``tokens``, node by node in order, for showing it (``govlint parse``): (depth,
    rule name, None) for a rule, (depth, "TABLE (N tokens)", None) before a table run's N tokens, (depth, kind, token)
    for a token. The caller need not know Lark's tree."""
    stack: list[tuple[object, int]] = [(parse_tokens(tokens), 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Tree):
            yield depth, str(node.data), None
            stack.extend((c, depth + 1) for c in reversed(node.children))
        elif node.type == "TABLE":
            yield depth, f"TABLE ({len(node.value)} tokens)", None
            for tok in node.value:
                yield depth + 1, tok.kind, tok
        else:
            yield depth, node.value.kind, node.value
