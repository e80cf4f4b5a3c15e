"""Run govlint's command line from a test: in this process (fast), or as a real ``python -m govlint``.

    from .runner import govlint

    p = govlint("--lang", "en", "r.txt", cwd=tmp_path)
    assert p.returncode == 1 and "GL104" in p.stdout

``govlint(*args, cwd=None, env=None, stdin=None, text=True, timeout=None)``
returns a ``Run`` (a ``subprocess.CompletedProcess``: ``args``,
``returncode``, ``stdout``, ``stderr``; str when ``text``, else bytes) with
subprocess semantics for every argument, so a test reads the same whichever
way the command ran. In this process it calls ``govlint.cli.main(args)`` as a
child started with ``capture_output=True`` would see the world:

* standard output and error are pipes: ``io.TextIOWrapper`` over
  ``io.BytesIO`` (``isatty()`` is false, ``.buffer`` exists), in the
  encoding a child gets from ``PYTHONIOENCODING`` (the part before ``:``),
  else UTF-8; the error handler is the one CPython picks (the part after
  ``:``; ``strict`` when only an encoding is given; else
  ``surrogateescape`` under a C / POSIX / C.UTF-8 locale or UTF-8 mode,
  ``strict`` otherwise); standard error always ``backslashreplace``.
  Standard input holds ``stdin`` (empty when None). ``sys.__stdout__`` and
  friends are swapped as well, so nothing (``shutil.get_terminal_size``,
  govlint's ``dup2`` of the null device onto a closed pipe) reaches the
  terminal or pytest's capture of this process;
* ``env`` (the whole environment, as for subprocess: callers build
  ``{**os.environ, ...}``) replaces ``os.environ`` for the call and
  ``cwd`` is the current folder; both are restored exactly afterwards;
* ``SystemExit`` (argparse's ``--help``, usage errors) is the exit status:
  None is 0, an int is itself (modulo 256, as the system reports it),
  anything else is 1 with its text on standard error; an exception that
  escapes ``main`` is a traceback on standard error and status 1, as the
  interpreter does; warnings go to standard error under the interpreter's
  default filters, as they would in the child, not into pytest's summary;
* the plugin manager (``govlint.plugins.default``, an ``lru_cache``) is
  built from installed entry points and ``sys.path`` only: no environment
  variable changes which plugins load (govlint/plugins.py, settings.py,
  ruleset.py). It is still cleared before and after a call whose ``env``
  differs from ``os.environ`` (costs about 6 ms), so a discovery that comes
  to depend on the environment is honoured; a call with this process's
  environment reuses it, so state that leaks between runs through it shows
  up in tests instead of being hidden;
* what ``govlint.batch.quiet_gc`` does to the garbage collector (freeze,
  thresholds) is undone afterwards, as the end of a process would;
* ``timeout``: a run still going after that many seconds is interrupted
  (SIGALRM, when this is the main thread and no other timer runs; govlint's
  own watchdog puts such a timer back after its steps) and, like any run
  that took longer, raises ``subprocess.TimeoutExpired``.

An environment that changes the interpreter itself (``PYTHONPATH``,
``PYTHONHOME``, ``PYTHONUTF8``, ``PYTHONHASHSEED``, ``PYTHONWARNINGS`` …:
see ``_INTERPRETER``) cannot be had in this process: such a call starts a
real process. So does every call when the environment variable
``GOVLINT_TEST_SUBPROCESS=1`` is set, to check that in-process and real runs
agree::

    GOVLINT_TEST_SUBPROCESS=1 python -m pytest -q -m "not slow" tests/test_cli.py

What a real process has and this one does not, and so what stays in tests
that start one themselves: ``python -m govlint`` as an entry point, signals
(Ctrl-C), standard output that is closed, full or a pipe whose reader left
(``| head``), the real interpreter's setup of its streams for a console
encoding, worker processes killed from outside, wheels, venvs and
pre-commit. Worker processes (``-j``) forked from this process write their
own standard error into a copy of the capture that is lost.
"""

from __future__ import annotations

import contextlib
import gc
import io
import locale
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
import warnings
from typing import Any, Mapping, Optional, Sequence, Union

SUBPROCESS_VAR = "GOVLINT_TEST_SUBPROCESS"

# Variables read when an interpreter starts (its path, its modes): they cannot be changed in this one.
_INTERPRETER = frozenset({
    "PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTHONUSERBASE", "PYTHONPLATLIBDIR",
    "PYTHONEXECUTABLE", "PYTHONUTF8", "PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONOPTIMIZE",
    "PYTHONMALLOC", "PYTHONFAULTHANDLER", "PYTHONINTMAXSTRDIGITS", "PYTHONNODEBUGRANGES", "PYTHONLEGACYWINDOWSSTDIO",
    "PYTHONCOERCECLOCALE",
})
_C_LOCALES = frozenset({"", "C", "POSIX", "C.UTF-8", "C.utf8"})


class Run(subprocess.CompletedProcess):
    """What a run of the command line gave: ``returncode``, ``stdout``, ``stderr``; ``in_process``: how it ran."""

    def __init__(self, args: Sequence[str], returncode: int, stdout: Any, stderr: Any, in_process: bool) -> None:
        super().__init__(list(args), returncode, stdout, stderr)
        self.in_process = in_process


def govlint(
    *args: str,
    cwd: Union[str, os.PathLike, None] = None,
    env: Optional[Mapping[str, str]] = None,
    stdin: Optional[bytes] = None,
    text: bool = True,
    timeout: Optional[float] = None,
) -> Run:
    """``python -m govlint *args`` with subprocess semantics; in this process unless it cannot be (see the module)."""
    args = tuple(os.fspath(a) for a in args)
    if os.environ.get(SUBPROCESS_VAR) == "1" or _changes_interpreter(env):
        return real_process(*args, cwd=cwd, env=env, stdin=stdin, text=text, timeout=timeout)
    return _in_process(args, cwd, env, stdin, text, timeout)


def real_process(
    *args: str,
    cwd: Union[str, os.PathLike, None] = None,
    env: Optional[Mapping[str, str]] = None,
    stdin: Optional[bytes] = None,
    text: bool = True,
    timeout: Optional[float] = None,
) -> Run:
    """``sys.executable -m govlint *args`` in a process of its own (standard input: ``stdin``, else empty)."""
    p = subprocess.run(
        [sys.executable, "-m", "govlint", *args],
        cwd=cwd,
        env=None if env is None else dict(env),
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        timeout=timeout,
    )
    stdout, stderr = (_decode(p.stdout), _decode(p.stderr)) if text else (p.stdout, p.stderr)
    return Run(args, p.returncode, stdout, stderr, in_process=False)


# ------------------------------------------------------------------ in this process

def _changes_interpreter(env: Optional[Mapping[str, str]]) -> bool:
    return env is not None and any(env.get(k) != os.environ.get(k) for k in _INTERPRETER)


def _stdio(env: Mapping[str, str]) -> tuple[str, str]:
    """The encoding and error handler of a child's standard input and output (CPython 3.9-3.13's choice)."""
    encoding, _, errors = env.get("PYTHONIOENCODING", "").partition(":")
    if errors:
        return encoding or "utf-8", errors
    if encoding:
        return encoding, "strict"
    ctype = next((env[k] for k in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(k)), "")
    utf8_mode = env.get("PYTHONUTF8") == "1"
    return "utf-8", "surrogateescape" if utf8_mode or ctype in _C_LOCALES else "strict"


class _TimedOut(BaseException):
    """Raised in the run by the alarm of ``timeout`` (a BaseException: nothing in govlint swallows it as an error)."""


class _Alarm:
    """``timeout`` seconds of SIGALRM around a run, where this process can have it (one shot)."""

    def __init__(self, timeout: Optional[float]) -> None:
        self.timeout = timeout
        self.fired = False
        self._previous: Any = None
        self._armed = False
        self._stopping = False

    def arm(self) -> None:
        usable = (
            self.timeout is not None and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )
        if usable and signal.getitimer(signal.ITIMER_REAL)[0] == 0:  # never over a timer of someone else's
            self._previous = signal.signal(signal.SIGALRM, self._fire)
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, max(self.timeout, 1e-3))

    def disarm(self) -> None:
        """Idempotent; once it has begun, an alarm still on its way only records that it fired."""
        if not self._armed:
            return
        self._stopping = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        self._armed = False

    def _fire(self, signum: int, frame: Any) -> None:
        self.fired = True
        if not self._stopping:
            raise _TimedOut()


def _exit_status(code: Any, err: io.TextIOWrapper) -> int:
    """What the system reports for ``SystemExit(code)`` (or ``main`` returning ``code``)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if os.name == "posix" else code
    with contextlib.suppress(Exception):
        err.write(f"{code}\n")
    return 1


def _clear_plugins() -> None:
    from govlint import plugins

    clear = getattr(plugins.default, "cache_clear", None)  # a test may have put a plain function there
    if clear is not None:
        clear()


@contextlib.contextmanager
def _environment(env: Optional[Mapping[str, str]]):
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _folder(cwd: Union[str, os.PathLike, None]):
    if cwd is None:
        yield
        return
    saved = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


class _Pipe(io.BytesIO):
    """A pipe's far end: what was written, kept even if the run closes its end (closing a wrapper closes this)."""

    written = b""

    def close(self) -> None:
        if not self.closed:
            self.written = self.getvalue()
        super().close()

    def everything(self) -> bytes:
        return self.written if self.closed else self.getvalue()


@contextlib.contextmanager
def _streams(stdin: Optional[bytes], encoding: str, errors: str):
    """A child's three pipes as sys.stdin/stdout/stderr and sys.__stdin__ …; yields the wrappers and, after, the bytes."""
    pipes = _Pipe(stdin or b""), _Pipe(), _Pipe()
    wrappers = (
        io.TextIOWrapper(pipes[0], encoding=encoding, errors=errors),
        io.TextIOWrapper(pipes[1], encoding=encoding, errors=errors),
        io.TextIOWrapper(pipes[2], encoding=encoding, errors="backslashreplace", line_buffering=True),
    )
    names = ("stdin", "stdout", "stderr")
    saved = [(n, getattr(sys, n)) for n in names] + [(f"__{n}__", getattr(sys, f"__{n}__")) for n in names]
    for n, w in zip(names, wrappers):
        setattr(sys, n, w)
        setattr(sys, f"__{n}__", w)
    out: dict[str, bytes] = {}
    try:
        yield wrappers, out
    finally:
        for n, old in saved:
            setattr(sys, n, old)
        for n, w, pipe in zip(names, wrappers, pipes):
            with contextlib.suppress(Exception):  # closed by the run, or holding what cannot be encoded
                w.flush()
            out[n] = pipe.everything()
            with contextlib.suppress(Exception):
                w.detach()  # the wrapper, collected, must not close what it wrapped


@contextlib.contextmanager
def _fresh_warnings():
    """Warnings as a new interpreter shows them: its default filters, printed on (our) standard error."""
    with warnings.catch_warnings():
        warnings.resetwarnings()
        warnings.filterwarnings("default", category=DeprecationWarning, module="__main__", append=True)
        for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
            warnings.filterwarnings("ignore", category=category, append=True)
        warnings.showwarning = _show_on_stderr
        yield


def _show_on_stderr(message, category, filename, lineno, file=None, line=None) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@contextlib.contextmanager
def _collector():
    """Put back what the CLI's ``quiet_gc`` changes, as the end of its process would."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if frozen == 0 and gc.get_freeze_count():
            gc.unfreeze()


def _decode(data: bytes) -> str:
    """As subprocess's ``text=True`` decodes a child's output: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def _in_process(
    args: tuple[str, ...], cwd: Any, env: Optional[Mapping[str, str]], stdin: Optional[bytes], text: bool, timeout: Optional[float]
) -> Run:
    from govlint import cli

    encoding, errors = _stdio(os.environ if env is None else env)
    other_env = env is not None and dict(env) != dict(os.environ)
    if other_env:
        _clear_plugins()
    started = time.monotonic()
    alarm = _Alarm(timeout)
    try:
        with _collector(), _folder(cwd), _environment(env), _streams(stdin, encoding, errors) as (streams, out):
            try:
                with _fresh_warnings():
                    try:
                        alarm.arm()
                        code = cli.main(list(args))
                    finally:
                        alarm.disarm()
            except SystemExit as e:
                code = e.code
            except _TimedOut:
                code = None
            except Exception:
                with contextlib.suppress(Exception):
                    streams[2].write(traceback.format_exc())
                code = 1
            finally:
                alarm.disarm()  # again: an alarm that interrupted the first one
            returncode = _exit_status(code, streams[2])
    finally:
        if other_env:
            _clear_plugins()
    stdout, stderr = out["stdout"], out["stderr"]
    if timeout is not None and (alarm.fired or time.monotonic() - started > timeout):
        raise subprocess.TimeoutExpired(["govlint", *args], timeout, output=stdout, stderr=stderr)
    if text:
        stdout, stderr = _decode(stdout), _decode(stderr)
    return Run(args, returncode, stdout, stderr, in_process=True)
