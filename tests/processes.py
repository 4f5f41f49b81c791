"""Killing a child process without warning, the same way on every OS the suite runs on.

POSIX: SIGKILL. Windows has no SIGKILL: Popen.kill() and os.kill(pid, SIGTERM) both call TerminateProcess,
which is just as abrupt (no cleanup, no atexit, no flush by the program).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

HARD_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


def kill_hard(proc: subprocess.Popen[str]) -> None:
    """Kill ``proc`` at once, mid-whatever-it-was-doing."""
    proc.kill()


def kill_self() -> None:
    """Die at once, from inside the process."""
    os.kill(os.getpid(), HARD_KILL)


def was_killed(returncode: int | None) -> bool:
    """True when a process ended by kill_hard or kill_self, not by exiting."""
    if sys.platform == "win32":
        return returncode in (1, int(signal.SIGTERM))
    return returncode == -HARD_KILL
