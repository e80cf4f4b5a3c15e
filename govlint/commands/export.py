"""``govlint export --format csv|json PATH...``: every table cell read, for a spreadsheet."""

from __future__ import annotations

import sys

from .. import api
from ..console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Console, Parser, say
from ..discovery import walk
from ..i18n import choose_lang, t
from ..output import OutputError, Sink
from ..report import export
from ..report.safe import display_path
from .common import add_config_arguments, settings_or_say


def run(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint export", lang=lang, description=t("help.export", lang))
    x = p.text
    p.add_argument("paths", nargs="+", metavar=x("PATH", "路径"), help=x("report files or folders", "报告文件或文件夹"))
    p.add_argument("--format", choices=("csv", "json"), default="csv", help=x(
        "csv (UTF-8 with BOM, opens in Excel/WPS; default) or json", "csv（带 BOM 的 UTF-8，Excel/WPS 可直接打开；默认）或 json"))
    p.add_argument("--output", "-o", metavar=x("FILE", "文件"), help=x(
        "write to FILE instead of standard output", "写入文件，而不是标准输出"))
    p.add_argument("--include", action="append", metavar="GLOB", help=x("files to read inside folders", "文件夹中要读取的文件"))
    p.add_argument("--exclude", action="append", metavar="GLOB", help=x("files or folders to skip", "要跳过的文件或子文件夹"))
    add_config_arguments(p)
    ns = p.parse_args(argv)
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    try:
        sink = Sink(ns.output, sys.stdout, utf8=True)
    except OutputError as e:
        say(f"govlint: {e.text(lang)}")
        return EXIT_ERROR
    unread = files = count = 0
    first = True
    with sink.writing():
        sink.write(export.csv_header() if ns.format == "csv" else "[")
        for found in walk(ns.paths, settings["include"], settings["exclude"], settings.config.base):
            files += 1
            try:
                if found.failure is not None:
                    raise api.ReportReadError(found.failure.reason_en, found.failure.reason_zh)
                report = api.parse_path(found.path, settings["max-size"])
            except api.ReportReadError as e:
                unread += 1
                say(f"govlint: {t('error.cannot_read', lang, path=display_path(found.path), reason=e.reason_zh if lang == 'zh' else e.reason_en)}")
                continue
            records = list(export.cells(report, found.path, lang))
            count += len(records)
            if ns.format == "csv":
                sink.write("".join(export.csv_rows(records)))
            else:
                for rec in records:
                    sink.write(("\n" if first else ",\n") + export.json_record(rec))
                    first = False
        if ns.format == "json":
            sink.write("\n]\n" if not first else "]\n")
    say(f"govlint: {t('export.done', lang, n=count, files=files - unread, unread=unread)}")
    return EXIT_FINDINGS if unread else EXIT_OK
