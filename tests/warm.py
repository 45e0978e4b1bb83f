"""Imported once by the forkserver of ``tests.forked``: claimcheck, its HTML reader and its models, ready to fork."""
from __future__ import annotations

import trafilatura  # noqa: F401  (imported here so children do not each import it)

from claimcheck import cli  # noqa: F401
from claimcheck.model import Article
from claimcheck.pipeline import process_article

process_article(Article("warm", "warm.txt", '"We will keep the port open," Mayor Ana Ruiz said on Tuesday.\n'))
