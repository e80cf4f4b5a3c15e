"""What several commands share: settings from their arguments, and the arguments that give them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional

from ..config import ConfigError
from ..console import Parser, say
from ..discovery import STDIN
from ..i18n import t
from ..select import parse_codes
from ..settings import Settings
from ..settings import load as load_settings


def start(ns: argparse.Namespace) -> Path:
    """Where configuration discovery begins: the first path named (or --stdin-filename), else here."""
    first = ns.paths[0] if getattr(ns, "paths", None) else None
    if first == STDIN:
        first = getattr(ns, "stdin_filename", None)
    begin = Path(first) if first else Path.cwd()
    if not begin.exists():
        begin = begin.parent if begin.parent.exists() else Path.cwd()
    return begin if begin.is_dir() else begin.parent


def add_config_arguments(p: Parser) -> None:
    p.add_argument("--config", metavar=p.text("FILE", "文件"), help=p.text(
        "use this configuration file instead of discovering one", "使用此配置文件，不再自动查找"))
    p.add_argument("--isolated", action="store_true", help=p.text("ignore all configuration files", "不读取任何配置文件"))


def add_selection_arguments(p: Parser) -> None:
    """The arguments that change which rules run and how: shared by linting, ``config --show`` and ``--show-files``."""
    codes = p.text("CODES", "代码")
    p.add_argument("--select", action="append", metavar=codes, help=p.text(
        "rule codes or prefixes to run, comma-separated (GL1,GL203)", "要运行的规则代码或前缀，逗号分隔（GL1,GL203）"))
    p.add_argument("--extend-select", action="append", metavar=codes, help=p.text(
        "codes or prefixes added to the selection", "在已选规则之外再加上的代码或前缀"))
    p.add_argument("--ignore", action="append", metavar=codes, help=p.text(
        "rule codes or prefixes to skip, comma-separated", "要跳过的规则代码或前缀，逗号分隔"))
    p.add_argument("--fail-level", choices=("error", "warning", "note"), help=p.text(
        "lowest severity that makes the exit code 1", "达到哪一级别的问题时退出码为 1"))
    p.add_argument("--max-size", type=int, metavar=p.text("BYTES", "字节"), help=p.text(
        "largest file read as a report (default 16 MiB)", "作为报告读取的最大文件（默认 16 MiB）"))
    p.add_argument("--timeout", type=float, metavar=p.text("SECONDS", "秒"), help=p.text(
        "time limit for reading one file, and for each rule on it (default 10; 0: no limit)",
        "读取一个文件、以及每条规则检查它的时限（默认 10；0 表示不限）"))
    p.add_argument("--include", action="append", metavar="GLOB", help=p.text(
        "files to lint inside directories (default: .txt .md .html .htm .shtml .docx .pdf, and .doc/.wps to say how to convert them)",
        "文件夹中要检查的文件（默认 .txt .md .html .htm .shtml .docx .pdf，以及 .doc/.wps，后者会提示如何转换）"))
    p.add_argument("--exclude", action="append", metavar="GLOB", help=p.text(
        "files or folders to skip inside directories", "文件夹中要跳过的文件或子文件夹"))
    add_config_arguments(p)


def settings_of(ns: argparse.Namespace) -> Settings:
    """Configuration file + command line, and every rule that exists with it (plugins, packs)."""
    cli = {
        "select": parse_codes(getattr(ns, "select", None)),
        "extend-select": parse_codes(getattr(ns, "extend_select", None)),
        "ignore": parse_codes(getattr(ns, "ignore", None)),
        "fail-level": getattr(ns, "fail_level", None),
        "lang": getattr(ns, "lang", None),
        "max-size": getattr(ns, "max_size", None),
        "timeout": getattr(ns, "timeout", None),
        "include": getattr(ns, "include", None),
        "exclude": getattr(ns, "exclude", None),
    }
    return load_settings(start(ns), Path(ns.config) if ns.config else None, ns.isolated, cli)


def settings_or_say(ns: argparse.Namespace, lang: str) -> Optional[Settings]:
    """The settings, or None after saying what is wrong with the configuration."""
    if not hasattr(ns, "paths"):
        ns.paths = []
    try:
        return settings_of(ns)
    except ConfigError as e:
        say(f"govlint: {t('error.config', lang, reason=e.text(lang))}")
        return None
