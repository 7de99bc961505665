"""Ctrl+C (and SIGTERM) on the command line: one plain line, never a traceback, never a false problem.

Most of a command (loading, checking, building) can simply stop: the signal ends it at once with
"Stopped." and exit code 1. A part that must clean up after itself (the temporary folder of a publish, a
file written and renamed, the preview's server) runs inside `raising()`: there the signal becomes a
KeyboardInterrupt, the part cleans up, and the command says what it left as it was. A KeyboardInterrupt
is never raised elsewhere, because a library running Python code from native code (pydantic's checks,
say) turns one into a failed check: the command would report a problem the data does not have.
A second signal ends the command at once.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys

STOPPED = "Stopped."
stopped = False
"""Whether a signal came (a part that cleans up may see its work fail because of it, not because of the data)."""
_raising = 0


def _on_signal(signum, frame):
    global stopped
    if _raising and not stopped:
        stopped = True
        raise KeyboardInterrupt
    stopped = True
    os.write(2, (STOPPED + "\n").encode())
    os._exit(1)


def _quiet(unraisable):  # a KeyboardInterrupt that native code could not pass on: not the reader's to see
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def install() -> None:
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    sys.unraisablehook = _quiet


def done() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


@contextlib.contextmanager
def raising():
    """Inside, a signal raises KeyboardInterrupt, so the block can clean up (and say so)."""
    global _raising
    _raising += 1
    try:
        yield
    finally:
        _raising -= 1
