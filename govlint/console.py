"""The console: standard error and output that never fail on encoding, and argument parsing in the user's language.

* ``say`` writes one line to standard error; a closed or broken standard
  error, or one whose encoding cannot hold Chinese, is never a reason to fail.
* ``Console.out`` writes to standard output; characters the console's
  encoding (GBK, cp1252 …) cannot show are written as ``\\uXXXX`` and the
  command says so once at the end (``Console.finish``).
* ``Parser`` is argparse with its usage, section titles, help and error
  messages in Chinese or English, the language chosen as for findings.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import IO, Any, Optional, Sequence

from .i18n import choose_lang, t
from .output import OutputError, encoded
from .report.safe import escape

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def say(line: str) -> None:
    """One line on standard error; a closed or broken standard error is not a reason to fail."""
    err = sys.stderr
    if err is None:
        return
    text = "".join(escape(part) + "\n" for part in line.split("\n"))
    try:
        try:
            err.write(text)
        except UnicodeEncodeError:
            enc = getattr(err, "encoding", None) or "ascii"
            err.write(text.encode(enc, "backslashreplace").decode(enc, "replace"))
        err.flush()
    except (OSError, ValueError, UnicodeError):
        pass


class Console:
    """Standard output of one command, and what it had to replace."""

    def __init__(self, lang: str, stdout: Optional[IO[Any]] = None) -> None:
        self.lang = lang
        self.stdout = stdout if stdout is not None else sys.stdout
        self.replaced_in: Optional[str] = None  # the encoding that could not hold everything

    def out(self, text: str) -> None:
        stdout = self.stdout
        if stdout is None:
            raise OutputError(t("error.stdout_closed", self.lang))
        buffer = getattr(stdout, "buffer", None)
        try:
            if buffer is None:  # a text-only stream (an embedding host's, a test's): let it encode
                stdout.write(text)
                return
            stdout.flush()
            data, replaced = encoded(text, getattr(stdout, "encoding", None) or "utf-8")
            if replaced:
                self.replaced(stdout.encoding)
            buffer.write(data)
            buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(t("error.stdout", self.lang, reason=e.strerror or e)) from None

    def replaced(self, encoding: str) -> None:
        if self.replaced_in is None:
            self.replaced_in = encoding

    def finish(self) -> None:
        """Say once that characters were replaced, and how to avoid it."""
        if self.replaced_in is not None:
            say("govlint: " + t("note.encoding", self.lang, encoding=self.replaced_in))


# ------------------------------------------------------------------ arguments

_ERRORS_ZH = [
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 无效（可选：{2}）"),
    (r"argument (\S+): expected one argument", "参数 {0} 需要一个值"),
    (r"argument (\S+): expected at least one argument", "参数 {0} 至少需要一个值"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "参数 {0} 的值 {2} 无效（应为{1}）"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"argument (\S+): ignored explicit argument (.*)", "参数 {0} 不接受值 {1}"),
    (r"ambiguous option: (\S+) could match (.*)", "选项 {0} 有歧义，可能是：{1}"),
]
_TYPES_ZH = {"int": "整数", "float": "数字"}


def localised_error(message: str, lang: str) -> str:
    if lang != "zh":
        return message
    for pattern, zh in _ERRORS_ZH:
        m = re.fullmatch(pattern, message)
        if m:
            return zh.format(*(_TYPES_ZH.get(g, g) for g in m.groups()))
    return message


class Parser(argparse.ArgumentParser):
    """argparse in one language: help, usage and errors; an error is one line and exit 2."""

    def __init__(self, *args: Any, lang: str = "zh", **kw: Any) -> None:
        kw.setdefault("add_help", False)
        kw.setdefault("allow_abbrev", False)  # an abbreviation that is unique today is ambiguous tomorrow
        super().__init__(*args, **kw)
        self.lang = lang
        self._positionals.title = t("help.positionals", lang)
        self._optionals.title = t("help.options", lang)
        self.add_argument("-h", "--help", action="help", help=t("help.help", lang))
        # Every command takes --lang: its help, its messages and its output follow it.
        self.add_argument("--lang", choices=("zh", "en"), help=t("help.lang", lang))

    def text(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def format_usage(self) -> str:
        f = self._get_formatter()
        f.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("help.usage", self.lang))
        return f.format_help()

    def format_help(self) -> str:
        f = self._get_formatter()
        f.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("help.usage", self.lang))
        f.add_text(self.description)
        for group in self._action_groups:
            f.start_section(group.title)
            f.add_text(group.description)
            f.add_arguments(group._group_actions)
            f.end_section()
        f.add_text(self.epilog)
        return f.format_help()

    def print_help(self, file: Optional[IO[str]] = None) -> None:
        con = Console(self.lang)
        con.out(self.format_help())
        con.finish()

    def error(self, message: str) -> None:  # type: ignore[override]
        say(f"govlint: {localised_error(message, self.lang)} ({t('help.see', self.lang)})")
        raise SystemExit(EXIT_ERROR)


def early_lang(argv: Sequence[str]) -> str:
    """The language of help and usage errors, before the arguments are parsed:
    ``--lang`` among them, then the configuration found from the current folder, then the locale."""
    explicit = None
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif a.startswith("--lang="):
            explicit = a.split("=", 1)[1]
        elif a == "--":
            break
    configured = None
    if explicit not in ("zh", "en"):
        configured = _configured_lang(argv)
    return choose_lang(explicit, configured)


def _configured_lang(argv: Sequence[str]) -> Optional[str]:
    from .config import ConfigError, discover
    from .config import load as load_config

    try:
        if "--isolated" in argv:
            return None
        if "--config" in argv and argv.index("--config") + 1 < len(argv):
            cfg = load_config(Path(argv[argv.index("--config") + 1]))
        else:
            cfg = discover(Path(os.getcwd()))
        return cfg.values.get("lang")
    except (ConfigError, OSError, ValueError):
        return None  # a broken configuration is reported by the command itself, in its place
