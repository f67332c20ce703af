"""The supervisor's last will (``runcoach.reaper``), on its own: real processes, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from runcoach.reaper import group_alive


@pytest.fixture
def stubborn_group() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A process group whose leader and child both ignore SIGTERM: (leader, child pid)."""
    leader = subprocess.Popen(
        ["sh", "-c", "trap '' TERM; sleep 120 & echo $!; wait"],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    assert leader.stdout is not None
    try:
        yield leader, int(leader.stdout.readline())
    finally:
        if group_alive(leader.pid):
            os.killpg(leader.pid, signal.SIGKILL)
        leader.wait()
        leader.stdout.close()


def run_reaper(lines: str, grace_s: float) -> int:
    """Start a reaper, write ``lines`` on its pipe, close it (the supervisor's death)."""
    reaper = subprocess.Popen(
        [sys.executable, "-m", "runcoach.reaper", str(grace_s)], stdin=subprocess.PIPE
    )
    assert reaper.stdin is not None
    reaper.stdin.write(lines.encode())
    reaper.stdin.close()
    return reaper.wait(timeout=20)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rpartition(b")")[2].split()[0] != b"Z"
    except OSError:
        return False


def test_the_end_of_the_pipe_stops_every_registered_group(
    stubborn_group: tuple[subprocess.Popen[bytes], int],
) -> None:
    leader, child = stubborn_group
    assert run_reaper(f"{leader.pid} {int(signal.SIGTERM)}\n", grace_s=0.5) == 0
    assert leader.wait(timeout=10) == -signal.SIGKILL  # SIGTERM ignored: killed after grace
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child) and not group_alive(leader.pid)


def test_done_leaves_everything_alone(
    stubborn_group: tuple[subprocess.Popen[bytes], int],
) -> None:
    leader, child = stubborn_group
    assert run_reaper(f"{leader.pid} {int(signal.SIGTERM)}\ndone\n", grace_s=0.1) == 0
    assert leader.poll() is None and alive(child)
