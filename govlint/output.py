"""Where the report goes: standard output or a file, whole and in an encoding that holds.

* A file named with ``--output`` is written beside itself under a temporary
  name and renamed into place at the end, so a run that fails or is
  interrupted leaves the previous file as it was, never half a report.
  (Special files such as ``/dev/stdout`` or a named pipe are written to
  directly.)
* JSON and SARIF are UTF-8 whatever the locale, as their specifications
  require; text goes in the console's encoding, with characters it cannot
  show written as ``\\uXXXX`` instead of failing.
* A write that fails is ``OutputError`` with the system's reason; a reader
  that went away (``govlint … | head``) is ``OutputClosed``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from typing import IO, Any, Iterator, Optional

from .i18n import LocalisedError

_QUIET_ERRNOS = {errno.EPIPE, getattr(errno, "ECONNRESET", -1)}


class OutputError(LocalisedError):
    """The report could not be written (the message is for the user, in both languages)."""


class OutputClosed(Exception):
    """The reader of standard output went away before the report was complete."""


def encoded(text: str, encoding: str) -> tuple[bytes, bool]:
    """``text`` in ``encoding``, what it cannot hold as ``\\uXXXX``; and whether anything had to be replaced."""
    try:
        return text.encode(encoding), False
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace"), True
    except LookupError:  # an encoding Python does not know: UTF-8 is the best guess
        return text.encode("utf-8", "backslashreplace"), False


class Sink:
    """A place to write the report to, opened at once so that a bad target fails before linting."""

    def __init__(self, target: Optional[str], stdout: Optional[IO[Any]], utf8: bool) -> None:
        self.target = target
        self._tmp: Optional[str] = None
        self._stdout = stdout
        self.replaced_in: Optional[str] = None  # the console encoding that could not hold every character
        if target:
            self.name = target
            self._fh, self._tmp = _open_file(target)
            self._encoding = "utf-8"
        else:
            self.name = "standard output"
            if stdout is None:
                raise OutputError("cannot write to standard output: it is closed", "无法写入标准输出：标准输出已关闭")
            self._fh = getattr(stdout, "buffer", None)
            self._encoding = "utf-8" if utf8 else (getattr(stdout, "encoding", None) or "utf-8")
            if self._fh is None:  # a text-only stream (an embedding host's): let it encode
                self._fh = stdout
                self._encoding = ""

    def write(self, text: str) -> None:
        data: Any = text
        if self._encoding:
            data, replaced = encoded(text, self._encoding)
            if replaced and self.replaced_in is None:
                self.replaced_in = self._encoding
        try:
            self._fh.write(data)
        except OSError as e:
            self._failed(e)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Sink]:
        """Write inside the block: committed when it ends, left as it was if it raises (OutputError included)."""
        try:
            yield self
            self.commit()
        except BaseException:
            self.abandon()
            raise

    def commit(self) -> None:
        """Everything is written: flush, and put a file in place."""
        try:
            self._fh.flush()
            if self.target:
                self._fh.close()
                if self._tmp:
                    os.replace(self._tmp, self.target)
                    self._tmp = None
        except OSError as e:
            self._failed(e)

    def abandon(self) -> None:
        """The report is incomplete: leave the target as it was."""
        if self.target:
            with contextlib.suppress(OSError):
                self._fh.close()
            if self._tmp:
                with contextlib.suppress(OSError):
                    os.unlink(self._tmp)
                self._tmp = None

    def _failed(self, e: OSError) -> None:
        if not self.target and e.errno in _QUIET_ERRNOS:
            _silence(self._stdout)
            raise OutputClosed() from None
        self.abandon()
        reason = e.strerror or e
        where_zh = self.target or "标准输出"
        raise OutputError(f"cannot write {'to ' if not self.target else ''}{self.name}: {reason}", f"无法写入{where_zh}：{reason}") from None


def _open_file(target: str) -> tuple[IO[bytes], Optional[str]]:
    try:
        st = os.stat(target)
        special = not stat.S_ISREG(st.st_mode)
    except OSError:
        special = False
    try:
        if special:
            return open(target, "wb"), None  # noqa: SIM115 - closed by commit/abandon
        folder, name = os.path.split(os.path.abspath(target))
        for n in range(100):
            tmp = os.path.join(folder, f".{name}.govlint-{os.getpid()}-{n}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                continue
            return os.fdopen(fd, "wb"), tmp
        raise OSError(errno.EEXIST, "too many temporary files beside it")
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror or e}", f"无法写入 {target}：{e.strerror or e}") from None


def _silence(stdout: Optional[IO[Any]]) -> None:
    """Point standard output at the null device, so that Python's own flush at exit says nothing."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, stdout.fileno())  # type: ignore[union-attr]
        os.close(fd)
