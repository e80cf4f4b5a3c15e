"""``govlint cache clean`` and ``govlint cache dir``: the result cache."""

from __future__ import annotations

import os

from .. import cache
from ..console import EXIT_ERROR, EXIT_OK, Console, Parser, say
from ..i18n import t
from ..report.safe import display_path


def run(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint cache", lang=lang, description=t("help.cache", lang))
    p.add_argument("action", choices=("clean", "dir"), help=p.text(
        "clean: remove every cached result; dir: print where the cache is", "clean：删除全部缓存结果；dir：显示缓存位置"))
    p.add_argument("--cache-dir", metavar=p.text("DIR", "文件夹"), help=p.text(
        "the cache folder (default: GOVLINT_CACHE_DIR, else the user cache folder)", "缓存文件夹（默认 GOVLINT_CACHE_DIR，否则用户缓存目录）"))
    ns = p.parse_args(argv)
    folder = str(ns.cache_dir or cache.default_cache_dir())
    if ns.action == "dir":
        console.out(display_path(folder) + "\n")
        return EXIT_OK
    if not os.path.exists(folder):
        say(f"govlint: {t('cache.none', lang, path=display_path(folder))}")
        return EXIT_OK
    try:
        files, size = cache.clean(folder)
    except OSError as e:
        say(f"govlint: {t('cache.failed', lang, path=display_path(folder), reason=e.strerror or e)}")
        return EXIT_ERROR
    say(f"govlint: {t('cache.cleaned', lang, path=display_path(folder), n=files, s='' if files == 1 else 's', mb=size / 1048576)}")
    return EXIT_OK
