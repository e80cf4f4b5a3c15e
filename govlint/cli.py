"""Command line: which command runs, in which language, and what an unexpected end becomes.

    govlint [options] PATH...        lint files and folders (govlint.commands.lint)
    govlint check [options] PATH...  the same, spelled out
    govlint inspect PATH... [--json] what govlint understood of reports
    govlint parse FILE               the token stream and the parse tree
    govlint rules | rule CODE        the rules, one rule's explanation
    govlint config --show            the effective configuration
    govlint export PATH...           every table cell read, as CSV or JSON
    govlint cache clean|dir          the result cache
    govlint plugins | serve          plugins found; a local web page

Exit codes: 0 no findings; 1 findings; 2 a usage or configuration error,
the report could not be written, or the results are incomplete (GL900: a
plugin or rule failed; GL901: govlint failed on a file); 130 interrupted
(Ctrl-C); 141 standard output was closed before the report was complete.
"""

from __future__ import annotations

import os
import sys
from typing import Optional, Sequence

from . import failures
from .checks.internal import REPORT_BUGS
from .console import EXIT_ERROR, Console, early_lang, say
from .i18n import t
from .output import OutputClosed, OutputError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program stopped by Ctrl-C
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader left, so the run cannot say it is clean


# Each command's module, imported only when that command runs (a lint does not load the web server).
_COMMANDS = {
    "check": ("lint", "run"), "inspect": ("inspect", "run"), "parse": ("inspect", "parse_command"),
    "rules": ("info", "rules_command"), "rule": ("info", "rule_command"), "config": ("info", "config_command"),
    "plugins": ("info", "plugins_command"), "serve": ("serve", "run"), "cache": ("cache", "run"),
    "export": ("export", "run"),
}
SUBCOMMANDS = tuple(_COMMANDS)


def _command(name: str):
    from importlib import import_module

    module, function = _COMMANDS[name]
    return getattr(import_module(f".commands.{module}", __package__), function)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _command_first(list(sys.argv[1:] if argv is None else argv))
    lang = early_lang(args)
    console = Console(lang)
    try:
        if args and args[0] in SUBCOMMANDS:
            return _command(args[0])(args[1:], lang, console)
        return _command("check")(args, lang, console)
    except OutputError as e:
        say(f"govlint: {e.text(lang)}")
        return EXIT_ERROR
    except (BrokenPipeError, OutputClosed):  # `govlint … | head`: the reader left early
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        say(f"govlint: {t('error.interrupted', lang)}")
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for users; --debug shows it
        if "--debug" in args:
            say(failures.describe(exc).rstrip())
        say(f"govlint: {t('error.internal_crash', lang, error=f'{type(exc).__name__}: {exc}', url=REPORT_BUGS)}")
        return EXIT_ERROR
    finally:
        console.finish()


def _command_first(args: list[str]) -> list[str]:
    """``govlint --lang en rules`` as ``govlint rules --lang en``: --lang may come before the command."""
    lead: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "--lang" and i + 1 < len(args):
            lead += args[i : i + 2]
            i += 2
        elif args[i].startswith("--lang="):
            lead.append(args[i])
            i += 1
        else:
            break
    if lead and i < len(args) and args[i] in SUBCOMMANDS:
        return [args[i], *lead, *args[i + 1 :]]
    return args


def _silence_stdout() -> None:
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass
