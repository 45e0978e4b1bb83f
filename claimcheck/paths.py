"""File names as a shell shows them, so every message about a file is one readable line.

A file name on Linux is bytes; Python hands names that are not UTF-8 over
with the odd bytes as lone surrogates ("caf\\udce9.txt"), which cannot be
written to a UTF-8 report or terminal. ``shown`` renders such a name the way
bash's ``printf %q`` does (``$'caf\\351.txt'``), and leaves every ordinary
name exactly as it is.
"""
from __future__ import annotations

import os

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "'": "\\'", "\\": "\\\\"}


def shown(path: str | os.PathLike) -> str:
    """The path as text safe to print and to write as UTF-8; unchanged unless it must be escaped."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, smuggled through by surrogateescape
            out.append(f"\\{code - 0xDC00:03o}")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not ch.isprintable() and ch != " ":
            out.append("".join(f"\\{b:03o}" for b in ch.encode("utf-8", "surrogatepass")))
        else:
            out.append(ch)
    return "$'" + "".join(out) + "'"
