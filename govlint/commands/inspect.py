"""``govlint inspect`` and ``govlint parse``: what govlint understood of reports, and how it read them."""

from __future__ import annotations

import json
import os

from .. import api
from ..console import EXIT_ERROR, EXIT_OK, Console, Parser, say
from ..discovery import SUPPORTED, Found, walk
from ..i18n import t
from ..read.files import ReadFailure, read_path
from ..report.safe import display_path, escape


def _read_one(path: str, lang: str):
    try:
        return api.read(read_path(path, api.DEFAULT_MAX_BYTES), path)
    except (api.ReportReadError, ReadFailure) as e:
        say(f"govlint: {t('error.cannot_read', lang, path=display_path(path), reason=e.reason_zh if lang == 'zh' else e.reason_en)}")
        return None


def _files(paths: list[str], lang: str) -> tuple[list[str], bool]:
    """The files named and the files in the folders named; whether every one could be listed."""
    files, ok = [], True
    for f in walk(paths, SUPPORTED, (), None):
        if f.failure is not None:
            reason = f.failure.reason_zh if lang == "zh" else f.failure.reason_en
            say(f"govlint: {t('error.cannot_read', lang, path=display_path(f.path), reason=reason)}")
            ok = False
        else:
            files.append(f.path)
    return files, ok


def run(argv: list[str], lang: str, console: Console) -> int:
    if "--pairs" in argv:
        return _pairs(argv, lang, console)
    p = Parser(prog="govlint inspect", lang=lang, description=t("help.inspect", lang))
    p.add_argument("paths", nargs="+", metavar=p.text("PATH", "路径"), help=p.text(
        "report files, or folders whose reports are inspected one by one", "报告文件，或逐个检视其中报告的文件夹"))
    p.add_argument("--json", action="store_true", help=p.text("machine-readable output", "输出 JSON"))
    p.add_argument("--pairs", action="store_true", help=p.text(
        "show how reports pair up with last year's instead (GL601-GL603)", "改为显示各报告与上年报告的配对（GL601–GL603）"))
    ns = p.parse_args(argv)
    from ..report.inspect import render_json, render_text, to_dict

    lang = out_lang = ns.lang or lang
    files, ok = _files(ns.paths, lang)
    several = len(files) > 1 or any(not _is_file(x) for x in ns.paths)
    docs = []
    for i, path in enumerate(files):
        result = _read_one(path, lang)
        if result is None:
            ok = False
            continue
        report = api.parse(result)
        if ns.json:
            if several:
                docs.append({"path": path, **to_dict(report)})
            else:
                console.out(render_json(report))
            continue
        if several:
            console.out(("\n" if i else "") + f"== {display_path(path)} ==\n")
        console.out("\n".join(escape(line) for line in render_text(report, out_lang).split("\n")))
    if ns.json and several:
        console.out(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
    if not files and ok:
        say(f"govlint: {t('error.no_files', lang, paths=' '.join(ns.paths))}")
        return EXIT_ERROR
    return EXIT_OK if ok else EXIT_ERROR


def _is_file(path: str) -> bool:
    return not os.path.isdir(path)


def _pairs(argv: list[str], lang: str, console: Console) -> int:
    """``govlint inspect --pairs PATH…``: which report is each one's last year's, and why none is."""
    p = Parser(prog="govlint inspect --pairs", lang=lang, description=t("help.pairs", lang))
    p.add_argument("paths", nargs="+", metavar=p.text("PATH", "路径"))
    p.add_argument("--pairs", action="store_true", required=True)
    p.add_argument("--previous", metavar=p.text("FILE", "文件"), help=p.text("last year's report of the one PATH", "该报告的上年报告"))
    p.add_argument("--json", action="store_true", help=p.text("machine-readable output", "输出 JSON"))
    ns = p.parse_args(argv)
    from ..cross.pairing import pair
    from ..cross.summary import summarise

    found = [f for f in walk(ns.paths, SUPPORTED, (), None) if f.failure is None]
    named = {}
    if ns.previous:
        if len(found) != 1:
            say(f"govlint: {t('error.previous_one', lang, n=len(found))}")
            return EXIT_ERROR
        named = {found[0].path: ns.previous}
        found.append(Found(ns.previous))
    summaries = []
    for f in found:
        try:
            summaries.append(summarise(api.parse_path(f.path), (), lambda *a: None))
        except api.ReportReadError as e:
            say(f"govlint: {t('error.cannot_read', lang, path=display_path(f.path), reason=e.reason_zh if lang == 'zh' else e.reason_en)}")
    pairs, why = pair(summaries, named)
    last = {p.this.path: p for p in pairs}
    rows = []
    for s in summaries:
        if ns.previous and s.path == ns.previous:
            continue
        p_ = last.get(s.path)
        rows.append({
            "path": s.path, "issuer": s.issuer, "issuer_key": s.issuer_key, "year": s.year,
            "previous": p_.previous.path if p_ else None, "how": p_.how if p_ else None, "why_none": why.get(s.path),
        })
    if ns.json:
        console.out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in rows:
        who = f"{r['issuer'] or '(issuer unknown)'} {r['year'] or '(year unknown)'}"
        then = f"<- {display_path(r['previous'])} ({r['how']})" if r["previous"] else f"no pair: {r['why_none']}"
        console.out(f"{display_path(r['path'])}: {escape(who)} {escape(then)}\n")
    return EXIT_OK


def parse_command(argv: list[str], lang: str, console: Console) -> int:
    """``govlint parse FILE``: the token stream and the parse tree."""
    p = Parser(prog="govlint parse", lang=lang, description=t("help.parse", lang))
    p.add_argument("file", metavar=p.text("FILE", "文件"))
    p.add_argument("--tokens", action="store_true", help=p.text("only the token stream", "只显示记号流"))
    ns = p.parse_args(argv)
    result = _read_one(ns.file, lang)
    if result is None:
        return EXIT_ERROR
    src = result.source
    console.out(f"# format: {src.format}; layout: {src.layout} ({result.layout_evidence}); encoding: {src.encoding}\n")
    lines = []
    for tok in result.tokens:
        if src.origin is not None:  # a structured file: where the token is in the original
            place = src.origin.at(tok.start)
            at = place.describe("en") if place is not None else "-"
        else:
            line, col = src.position(tok.start)
            at = f"{line}:{col}"
        shown = escape(" ".join(tok.text.split()))
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        lines.append(f"{at}\t{tok.kind}\t{shown}\n")
    console.out("".join(lines))
    if not ns.tokens:
        console.out("\n" + _tree(result.tokens))
    return EXIT_OK


def _tree(tokens) -> str:
    from ..parse.grammar import shape

    lines: list[str] = []
    for depth, label, tok in shape(tokens):
        lines.append("  " * depth + (_shown(tok) if tok is not None else label))
    return "\n".join(lines) + "\n"


def _shown(tok) -> str:
    shown = escape(" ".join(tok.text.split()))
    cell = tok.info.get("cell")
    if cell is not None and cell[2] >= 0:
        # The cell's grid position (1-based, as places count), and its merge when it has one.
        span = f" {cell[3]}x{cell[4]}" if (cell[3], cell[4]) != (1, 1) else ""
        return f"{tok.kind} {shown[:40]}  [row {cell[1] + 1}, column {cell[2] + 1}{span}]"
    return f"{tok.kind} {shown[:40]}".rstrip()

