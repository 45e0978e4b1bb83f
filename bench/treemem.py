"""Wall time and peak memory of a command and every process it starts, summed while they run.

``resource.getrusage`` gives the peak of one process at a time; a check that
parses in a process pool uses the memory of all of them at once. This polls
the whole process tree (psutil) and keeps the largest sum of the
processes' proportional set sizes (PSS: a page shared by forked workers is
counted once in all, not once per process, so the sum is the memory the
tree takes from the machine; resident sets would count shared pages once per
process). Where PSS cannot be read, resident sets are summed.

Reading PSS walks every page of every process (``/proc/PID/smaps``): about
30 ms per gigabyte-sized process. Polled every 100 ms regardless, the poller
took a fifth of one core from a 2-core run and so inflated the times it
measured; it now waits ``POLL_PAUSE`` times as long as its last poll took
(at least ``POLL_S``), which keeps it near 2% of one core. The peaks it reads
are stages that last seconds (the index, the worker pool), so a poll every
second or two still sees them.
"""
from __future__ import annotations

import resource
import subprocess
import time

import psutil

POLL_S = 0.1  # the shortest wait between polls (small processes are cheap to read)
POLL_PAUSE = 25  # otherwise wait this many times the last poll's own time


def tree_rss(proc: psutil.Process) -> int:
    """Bytes a process and all its descendants take now (processes that end meanwhile count 0)."""
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_full_info().pss
        except (psutil.AccessDenied, AttributeError):
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def cpu_seconds() -> float:
    """User and system time of every finished descendant of this process."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(cmd: list[str], **popen) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """Run ``cmd``; returns wall seconds, CPU seconds and peak resident bytes of its process tree, and the process.

    CPU time is what a busy machine cannot inflate: on a shared machine wall
    time grows with the other jobs, CPU time much less.
    """
    cpu = cpu_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        began = time.perf_counter()
        peak = max(peak, tree_rss(watched))
        time.sleep(max(POLL_S, POLL_PAUSE * (time.perf_counter() - began)))
    wall = time.perf_counter() - start
    out, err = proc.communicate()
    return wall, cpu_seconds() - cpu, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)
