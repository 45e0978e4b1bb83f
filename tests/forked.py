"""Run claimcheck's command line, or a function, in child processes forked from a warm server.

Each run is its own process: a crash, a hang or a leak in one cannot touch
the next, it can be killed at its time limit or at any moment, and its exit
code and stderr are what a user would see. The children are forked from a
multiprocessing forkserver that has already imported claimcheck and loaded
its models (``tests.warm``), so a run costs what its work costs rather than
Python's and the models' start-up (2-3 s each, which would make a corpus of
fifty files take minutes).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

_CTX = None


def context():
    """The forkserver context, preloading ``tests.warm`` once per test session."""
    global _CTX
    if _CTX is None:
        _CTX = mp.get_context("forkserver")
        _CTX.set_forkserver_preload(["tests.warm"])
    return _CTX


@dataclass
class Run:
    args: tuple
    code: int | None  # None: killed at its time limit
    out: str
    err: str
    seconds: float


def _redirect(out_path: str, err_path: str) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, path in ((1, out_path), (2, err_path)):
        f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(f, fd)
        os.close(f)


def _cli_child(args: Sequence[str], out_path: str, err_path: str) -> None:
    _redirect(out_path, err_path)
    from claimcheck import cli
    try:
        cli.app(args=list(args), prog_name="claimcheck")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run_cli_many(arg_lists: Sequence[Sequence[str]], timeout: float = 30.0, jobs: int = 2) -> list[Run]:
    """Run ``claimcheck ARGS`` for each argument list, ``jobs`` at a time, each killed after ``timeout`` s."""
    ctx = context()
    results: list[Run | None] = [None] * len(arg_lists)
    with tempfile.TemporaryDirectory() as tmp:
        pending = list(enumerate(arg_lists))
        running: list[tuple[int, mp.Process, float]] = []
        while pending or running:
            while pending and len(running) < jobs:
                i, args = pending.pop(0)
                p = ctx.Process(target=_cli_child, args=([str(a) for a in args], f"{tmp}/{i}.out", f"{tmp}/{i}.err"))
                p.start()
                running.append((i, p, time.monotonic()))
            time.sleep(0.02)
            for entry in list(running):
                i, p, started = entry
                elapsed = time.monotonic() - started
                if p.exitcode is None and elapsed < timeout:
                    continue
                if p.exitcode is None:
                    p.kill()
                p.join()
                code = None if elapsed >= timeout and p.exitcode in (-9, None) else p.exitcode
                read = lambda name: Path(name).read_text(encoding="utf-8", errors="replace") if Path(name).exists() else ""
                results[i] = Run(tuple(arg_lists[i]), code, read(f"{tmp}/{i}.out"), read(f"{tmp}/{i}.err"), elapsed)
                running.remove(entry)
    return results  # type: ignore[return-value]


def start(target: Callable, *args) -> mp.Process:
    """Start ``target(*args)`` in a forked child (``target`` must be importable, e.g. a module function)."""
    p = context().Process(target=target, args=args)
    p.start()
    return p
