"""Time limits on the steps of linting one file.

A rule, a plugin or a rule pack that runs away (a loop that never ends, a
regular expression that backtracks for ever) must not hang the run. Each
step (reading and parsing a file, each rule on it) runs under a limit; when
the limit passes, ``TimeLimitExceeded`` is raised inside the step, and the
caller turns it into a finding and goes on with the next step.

How the step is interrupted:

* In the main thread of a POSIX process (the command line, its worker
  processes): ``SIGALRM`` from ``setitimer``. Python runs the handler between
  bytecodes and also inside the regular-expression engine, which checks for
  signals while it backtracks, so a catastrophic pattern is stopped too.
* Elsewhere (other threads, Windows): a monitor thread raises the exception
  asynchronously in the linting thread. That stops Python code; a single
  call into C that never returns (a regular expression included) is not
  stopped this way. The process pool's own watchdog covers that case for
  ``--jobs`` 2 and more by ending the worker.

The exception derives from ``BaseException`` so that a rule's own
``except Exception`` cannot swallow it; if a step swallows it anyway, it is
raised again every quarter of a second until the step ends.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

_AGAIN = 0.25  # seconds between repeated interruptions of a step that swallowed one


class TimeLimitExceeded(BaseException):
    """A step ran past its time limit (see ``Watchdog.expired`` for which)."""


@dataclass(eq=False)
class Limit:
    step: str
    seconds: float
    deadline: float


class Watchdog:
    """Time limits for the steps run in one thread, within ``with watchdog:``.

    ``heartbeat(t, step, seconds)`` is called with ``time.monotonic()``, the
    step's name and its limit when a step starts (and with "" and 0 when it
    ends), so that another process can tell a stuck step from a slow file,
    and name it.
    """

    def __init__(self, heartbeat: Optional[Callable[[float, str, float], None]] = None) -> None:
        self.heartbeat = heartbeat
        self.expired: Optional[Limit] = None
        self._stack: list[Limit] = []
        self._alarm: Optional[_Alarm] = None
        self._depth = 0

    def __enter__(self) -> Watchdog:
        if self._depth == 0:
            self._alarm = _SignalAlarm(self) if _SignalAlarm.usable() else _ThreadAlarm(self)
            self._alarm.start()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._alarm is not None:
            self._alarm.stop()
            self._alarm = None

    @contextlib.contextmanager
    def limit(self, seconds: Optional[float], step: str) -> Iterator[Optional[Limit]]:
        """Run the body under a limit of ``seconds`` (None or 0: none, but still a heartbeat)."""
        beat = self.heartbeat
        if beat is not None:
            beat(time.monotonic(), step, seconds or 0.0)
        try:
            if not seconds or seconds <= 0 or self._alarm is None:
                yield None
                return
            entry = Limit(step, seconds, time.monotonic() + seconds)
            self._stack.append(entry)
            self._alarm.arm(self._next())
            try:
                yield entry
            except TimeLimitExceeded:
                self._alarm.delivered()
                raise
            finally:
                self._alarm.settle(lambda: self._pop(entry))
        finally:
            if beat is not None:
                beat(time.monotonic(), "", 0.0)

    def _pop(self, entry: Limit) -> None:
        if entry in self._stack:
            self._stack.remove(entry)
        if self._alarm is not None:
            nxt = self._next()
            if nxt is None:
                self._alarm.disarm()
            else:
                self._alarm.arm(nxt)

    def _next(self) -> Optional[float]:
        return min((e.deadline for e in self._stack), default=None)

    def due(self) -> Optional[Limit]:
        """The outermost limit that has passed, if any (called by the alarm)."""
        now = time.monotonic()
        for e in self._stack:
            if e.deadline <= now + 1e-3:
                return e
        return None

    def owns(self, exc: BaseException, entry: Optional[Limit]) -> bool:
        """Whether ``exc`` is the interruption of the step under ``entry``."""
        return entry is not None and isinstance(exc, TimeLimitExceeded) and self.expired is entry


class _Alarm:
    def __init__(self, dog: Watchdog) -> None:
        self.dog = dog

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def arm(self, deadline: Optional[float]) -> None: ...

    def disarm(self) -> None: ...

    def delivered(self) -> None: ...

    def settle(self, pop: Callable[[], None]) -> None:
        pop()


class _SignalAlarm(_Alarm):
    """SIGALRM in the main thread; the host's own timer and handler are put back afterwards."""

    @staticmethod
    def usable() -> bool:
        return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def start(self) -> None:
        self._previous_timer = signal.getitimer(signal.ITIMER_REAL)
        self._started = time.monotonic()
        self._previous = signal.signal(signal.SIGALRM, self._fire)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        remaining, interval = self._previous_timer
        if remaining > 0:  # the host had a timer running: it goes on, less the time spent here
            left = max(remaining - (time.monotonic() - self._started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, interval)

    def arm(self, deadline: Optional[float]) -> None:
        if deadline is None:
            self.disarm()
            return
        signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-3), _AGAIN)

    def disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def _fire(self, signum: int, frame: object) -> None:
        entry = self.dog.due()
        if entry is None:
            nxt = self.dog._next()
            if nxt is not None:
                self.arm(nxt)  # early (timer granularity): wait for the real deadline
            return
        self.dog.expired = entry
        raise TimeLimitExceeded(entry.step)


class _ThreadAlarm(_Alarm):
    """A monitor thread that raises the exception in the linting thread (no signals here).

    An interruption sent as the step was ending may still be on its way; it is
    waited for and absorbed at the end of the step rather than cancelled:
    cancelling (``PyThreadState_SetAsyncExc`` with NULL) leaves CPython's
    "something pending" flag raised for every thread, for ever.
    """

    def start(self) -> None:
        import ctypes

        self._ctypes = ctypes
        self._target = threading.get_ident()
        self._lock = threading.Condition()
        self._deadline: Optional[float] = None
        self._running = True
        self._sent = False  # an interruption was sent and not seen arriving
        self._thread = threading.Thread(target=self._watch, name="govlint-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._running = False
            self._lock.notify()
        self._thread.join()

    def arm(self, deadline: Optional[float]) -> None:
        with self._lock:
            self._deadline = deadline
            self._lock.notify()

    def disarm(self) -> None:
        self.arm(None)

    def delivered(self) -> None:
        with self._lock:
            self._sent = False

    def settle(self, pop: Callable[[], None]) -> None:
        with self._lock:
            pop()  # from here on nothing more is sent for this step
            sent = self._sent
        if not sent:
            return
        # Let a late interruption arrive here (it does at the next jump in the loop).
        # The step may also have swallowed it already: then nothing comes.
        end = time.monotonic() + 0.01
        try:
            while time.monotonic() < end:
                pass
        except TimeLimitExceeded:
            pass
        with self._lock:
            self._sent = False

    def _watch(self) -> None:
        send = self._ctypes.pythonapi.PyThreadState_SetAsyncExc
        target = self._ctypes.c_ulong(self._target)
        with self._lock:
            while self._running:
                if self._deadline is None:
                    self._lock.wait()
                    continue
                wait = self._deadline - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                entry = self.dog.due()
                if entry is not None:
                    self.dog.expired = entry
                    send(target, self._ctypes.py_object(TimeLimitExceeded))
                    self._sent = True
                    self._deadline = time.monotonic() + _AGAIN
                else:
                    self._deadline = self.dog._next()
