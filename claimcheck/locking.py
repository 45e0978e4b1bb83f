"""One writer at a time per folder: an advisory lock shared by the reports and the review ledger.

Two editors recording verdicts at once, or two ``check`` runs on one story,
each read-modify-write or write a set of files. Holding an exclusive
``fcntl.flock`` on the folder for that short step makes their writes one
after the other, so no verdict is lost and no report set is mixed from two
runs. The lock is taken on the folder itself, so nothing is added to it;
where a file system cannot lock a folder (some network file systems), an
empty hidden ``.claimcheck.lock`` file in it is locked instead and left in
place. The lock is released when the process ends, however it ends, so a
killed writer never blocks the next one.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".claimcheck.lock"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's write lock, waiting while another process holds it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        fd = os.open(Path(folder) / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
