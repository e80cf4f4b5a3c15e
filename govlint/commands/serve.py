"""``govlint serve``: a local web page to drop reports on (docs/serve.md)."""

from __future__ import annotations

from ..console import EXIT_ERROR, Console, Parser, say
from ..i18n import choose_lang, t
from .common import add_config_arguments, settings_or_say


def run(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint serve", lang=lang, description=t("help.serve", lang))
    x = p.text
    p.add_argument("--host", default="127.0.0.1", help=x(
        "address to listen on (default 127.0.0.1: this computer only)", "监听地址（默认 127.0.0.1：仅本机）"))
    p.add_argument("--port", type=int, default=8000, help=x("port (default 8000; 0: any free port)", "端口（默认 8000；0：任一空闲端口）"))
    p.add_argument("--max-upload", type=int, metavar=x("BYTES", "字节"), default=32 * 1024 * 1024, help=x(
        "largest upload, all files together (default 32 MB)", "一次上传的总大小上限（默认 32 MB）"))
    add_config_arguments(p)
    ns = p.parse_args(argv)
    try:
        import waitress  # noqa: F401
        import werkzeug  # noqa: F401
    except ImportError:
        say(f"govlint: {t('error.serve_extra', lang)}")
        return EXIT_ERROR
    if not 0 <= ns.port <= 65535 or ns.max_upload <= 0:
        say(f"govlint: {t('error.serve_args', lang)}")
        return EXIT_ERROR
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    from ..serve.run import serve

    try:
        return serve(ns.host, ns.port, settings, ns.max_upload, choose_lang(ns.lang, settings["lang"]))
    except OSError as e:
        say(f"govlint: {t('error.listen', lang, host=ns.host, port=ns.port, reason=e.strerror or e)}")
        return EXIT_ERROR
