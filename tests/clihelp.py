"""Run the real CLI in a subprocess, as a user would."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*args: str, cwd=None) -> Run:
    p = subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True,
                       cwd=cwd, timeout=300)
    return Run(p.returncode, p.stdout, p.stderr)
