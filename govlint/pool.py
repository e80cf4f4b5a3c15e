"""Worker processes that lint files, where a stuck or dead worker costs one step of one file.

``multiprocessing.Pool`` waits for ever when a worker dies in the middle of a
task (a plugin's C extension that crashes, the kernel's out-of-memory
killer) and cannot stop a worker stuck where its own watchdog cannot reach
(a C call that never returns, a rule that swallows every interruption).
This pool keeps each worker on its own pipe and knows which file, and which
step of it, each worker is on:

* a worker that dies, or whose current step has not finished within
  ``hard_limit`` (its own watchdog should have stopped it long before), is
  ended and replaced; the files queued behind it go to the new worker;
* when the step was a rule, that rule gets GL900 naming it and the file is
  linted again without it, so the file's other findings are still reported;
  when the step was govlint's own (reading, parsing), the file gets GL901;
* Ctrl-C ends every worker at once; workers ignore SIGINT themselves, so
  nothing but the parent's one line is printed.

Workers tell the parent when each step starts through shared memory (a
time and a step number per worker), which costs no message.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator, Optional, Sequence

from .checks.internal import gl900, internal_error
from .guard import Watchdog
from .model import Diagnostic
from .result import FileResult

Lint = Callable[[str, Watchdog, frozenset], FileResult]
_GOVLINT_STEP = -1  # reading and parsing: govlint's own


def hard_limit(step_limit: float) -> float:
    """How long a step may run before its worker is ended: its own limit, which the worker's
    watchdog enforces, with as much again and two seconds more for a machine under load."""
    return 2 * step_limit + 2


@dataclass
class _Task:
    index: int
    path: str
    skip: frozenset = frozenset()  # rule codes not to run (they ended a worker before)


@dataclass
class _Worker:
    slot: int
    process: Any
    conn: Any
    inflight: deque = field(default_factory=deque)  # tasks in the order sent


def _serve(
    conn: Any, beats: Any, steps: Any, limits: Any, slot: int, lint: Lint, codes: Sequence[str], setup: Optional[Callable[[], None]]
) -> None:
    """A worker's life: lint the files it is sent, one result per message, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    sys.stdout = sys.stderr  # a plugin's print() must not land in the report on standard output
    if setup is not None:
        setup()
    number = {c: i for i, c in enumerate(codes)}
    between = limits[slot]  # between steps (the disk, the cache): the run's own limit

    def beat(t: float, step: str, seconds: float) -> None:
        steps[slot] = number.get(step, _GOVLINT_STEP)
        limits[slot] = seconds or between
        beats[slot] = t

    with Watchdog(heartbeat=beat) as dog:
        while True:
            try:
                batch = conn.recv()
            except (EOFError, OSError):
                return
            if batch is None:
                return
            for task in batch:
                beat(time.monotonic(), "", 0.0)
                try:
                    res = lint(task.path, dog, task.skip)
                except BaseException as exc:  # noqa: B036 - whatever happens, the parent gets a result
                    res = FileResult(task.path, [internal_error(task.path, exc)], internal_errors=[repr(exc)])
                try:
                    conn.send((task.index, res))
                except Exception as exc:  # a result that cannot be pickled
                    conn.send((task.index, FileResult(task.path, [internal_error(task.path, exc)], internal_errors=[repr(exc)])))
            beats[slot] = 0.0


class WorkerPool:
    """``jobs`` processes running ``lint(path, watchdog, skip)``; results come back in input order.

    ``rules`` are (code, name) of the rules the workers run, to name one that
    ends its worker.
    """

    def __init__(
        self,
        lint: Lint,
        jobs: int,
        step_limit: Optional[float],
        rules: Sequence[tuple[str, str]] = (),
        setup: Optional[Callable[[], None]] = None,
        chunk: int = 8,
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._lint = lint
        self._setup = setup
        self._rules = list(rules)
        self._jobs = max(1, jobs)
        self._between = step_limit or 0.0  # 0: no limits at all
        self._chunk = max(1, chunk)
        self._beats = self._ctx.RawArray("d", self._jobs)
        self._steps = self._ctx.RawArray("i", self._jobs)
        self._limits = self._ctx.RawArray("d", self._jobs)  # the limit of each worker's current step
        self._workers: list[_Worker] = []
        self._notes: dict[int, list[Diagnostic]] = {}  # GL900 of rules that ended a worker, by file

    def _spawn(self, slot: int) -> _Worker:
        parent, child = self._ctx.Pipe()
        self._beats[slot] = 0.0
        self._limits[slot] = self._between
        codes = [c for c, _ in self._rules]
        process = self._ctx.Process(
            target=_serve,
            args=(child, self._beats, self._steps, self._limits, slot, self._lint, codes, self._setup),
            name=f"govlint-worker-{slot}",
            daemon=True,
        )
        with _sigint_blocked():  # until the worker ignores SIGINT itself
            process.start()
        child.close()
        return _Worker(slot, process, parent)

    def map(self, paths: Sequence[str]) -> Iterator[FileResult]:
        """Lint ``paths``; yields one result per path, in order, as soon as it is next."""
        pending: deque = deque(_Task(i, p) for i, p in enumerate(paths))
        done: dict[int, FileResult] = {}
        nxt = 0
        window = self._jobs * self._chunk * 4  # results held while an earlier file is still running
        try:
            self._workers = [self._spawn(i) for i in range(min(self._jobs, len(paths)))]
            while nxt < len(paths):
                while nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
                if nxt >= len(paths):
                    break
                self._feed(pending, nxt + window)
                self._collect(done, pending)
        finally:
            self.close()

    def _feed(self, pending: deque, horizon: int) -> None:
        for w in self._workers:
            if len(w.inflight) >= self._chunk or not pending:
                continue
            batch = []
            while pending and len(batch) < self._chunk and pending[0].index < horizon:
                batch.append(pending.popleft())
            if batch:
                w.conn.send(batch)
                w.inflight.extend(batch)

    def _collect(self, done: dict[int, FileResult], pending: deque) -> None:
        busy = [w for w in self._workers if w.inflight]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5))
        for w in busy:
            if w.conn in ready or w.process.sentinel in ready:
                self._drain(w, done)
            if w.process.sentinel in ready and not w.process.is_alive():
                self._replace(w, done, pending, *_how_it_ended(w.process.exitcode))
        if not self._between:
            return
        now = time.monotonic()
        for w in list(self._workers):
            started, limit = self._beats[w.slot], self._limits[w.slot]
            hard = hard_limit(limit) if limit else 0.0
            if w.inflight and started and hard and now - started > hard:
                w.process.kill()
                w.process.join(5)
                self._drain(w, done)
                self._replace(
                    w, done, pending,
                    f"it did not finish a step within {hard:g} s and was ended",
                    f"它在 {hard:g} 秒内没有完成一个步骤，已被终止",
                )

    def _drain(self, w: _Worker, done: dict[int, FileResult]) -> None:
        with contextlib.suppress(EOFError, OSError):
            while w.conn.poll():
                index, res = w.conn.recv()
                if w.inflight and w.inflight[0].index == index:
                    w.inflight.popleft()
                notes = self._notes.pop(index, None)
                if notes:
                    res.diagnostics = sorted(notes + res.diagnostics, key=lambda d: d.sort_key)
                    res.internal_errors = [f"{d.text('en')}\n" for d in notes] + res.internal_errors
                done[index] = res

    def _replace(self, w: _Worker, done: dict[int, FileResult], pending: deque, how_en: str, how_zh: str) -> None:
        """Blame the step ``w`` was on, requeue the rest of its work, start a new worker."""
        step = self._steps[w.slot]
        if w.inflight:
            task = w.inflight.popleft()
            if 0 <= step < len(self._rules):
                code, name = self._rules[step]
                self._notes.setdefault(task.index, []).append(
                    gl900(
                        task.path,
                        f"规则 {code}（{name}）在此文件上没有结束，检查它的工作进程意外结束：{how_zh}；已在不运行此规则的情况下重新检查此文件",
                        f"rule {code} ({name}) did not finish on this file and the worker process running it ended "
                        f"unexpectedly: {how_en}; the file was linted again without this rule",
                        rule=code,
                        error="WorkerEnded",
                    )
                )
                w.inflight.appendleft(_Task(task.index, task.path, task.skip | {code}))
            else:
                notes = self._notes.pop(task.index, [])
                done[task.index] = FileResult(
                    task.path,
                    sorted(
                        notes + [
                            internal_error(
                                task.path,
                                what_en=f"the worker process linting this file ended unexpectedly: {how_en}",
                                what_zh=f"检查此文件的工作进程意外结束：{how_zh}",
                            )
                        ],
                        key=lambda d: d.sort_key,
                    ),
                    internal_errors=[f"worker {w.slot} on {task.path}: {how_en}\n"],
                )
        pending.extendleft(reversed(w.inflight))
        w.inflight.clear()
        with contextlib.suppress(OSError):
            w.conn.close()
        self._workers[self._workers.index(w)] = self._spawn(w.slot)

    def close(self) -> None:
        """End every worker now (normal end, Ctrl-C, or the consumer went away)."""
        for w in self._workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        deadline = time.monotonic() + 2.0
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(5)
            with contextlib.suppress(OSError):
                w.conn.close()
        self._workers = []


def _how_it_ended(code: Optional[int]) -> tuple[str, str]:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"it was killed by {name}", f"它被信号 {name} 终止"
    return f"it exited with status {code}", f"它以状态 {code} 退出"


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
