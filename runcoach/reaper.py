"""The supervisor's last will: stops what ``make run`` started if the supervisor dies first.

``runcoach.run`` starts ``python -m runcoach.reaper`` before anything else, in a
session of its own, with a pipe on its stdin whose write end only the
supervisor holds. The supervisor registers each process group it starts, one
line each, ``<pid> <signal>``: a process that leads its own group (a child
started with ``start_new_session``, with whatever it forks; the embedded
PostgreSQL's postmaster, which ``pg_ctl`` detaches into a session of its own),
and the signal that asks it to stop (0 when its death signal, ``PR_SET_PDEATHSIG``,
already does). ``done`` means the supervisor stopped everything itself.

End of file without ``done`` means the supervisor is gone (SIGKILL, a crash):
each group's leader gets its signal, and whatever is left of the groups after
``GRACE_S`` (the dramatiq master's worker processes, sanic's workers, a
postmaster's backends) gets SIGKILL. Then the reaper exits. It imports nothing
of RunCoach, so nothing it could fail on stands between the supervisor's death
and the clean-up.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time

GRACE_S = 10.0
POLL_S = 0.1


def group_alive(pgid: int) -> bool:
    """Whether any process is left in the group (zombies count as gone)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # killpg(0) also succeeds on a group of zombies waiting for init: look closer.
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def reap(groups: dict[int, int], *, grace_s: float = GRACE_S) -> list[int]:
    """Stop ``groups`` (leader pid -> signal); the groups that had to be SIGKILLed."""
    for pid, sig in groups.items():
        if sig:
            _signal(pid, sig)
    deadline = time.monotonic() + grace_s
    left = [pgid for pgid in groups if group_alive(pgid)]
    while left and time.monotonic() < deadline:
        time.sleep(POLL_S)
        left = [pgid for pgid in left if group_alive(pgid)]
    for pgid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
    return left


def main(argv: list[str] | None = None) -> int:
    """``python -m runcoach.reaper [GRACE_S]``: watch stdin until ``done`` or its end."""
    args = sys.argv[1:] if argv is None else argv
    grace_s = float(args[0]) if args else GRACE_S
    # Only the end of the pipe ends the reaper: not a Ctrl-C meant for the supervisor.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    groups: dict[int, int] = {}
    for line in sys.stdin:
        words = line.split()
        if words == ["done"]:
            return 0
        if len(words) == 2 and all(w.isdigit() for w in words):
            groups[int(words[0])] = int(words[1])
    reap(groups, grace_s=grace_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
