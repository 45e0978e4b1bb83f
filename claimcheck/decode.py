"""Bytes of an article file to text: UTF-8 first, then what the file says, then a guess.

Newsroom archives hold Windows-1252 and Latin-1 exports, UTF-16 from
Windows tools and pages that declare their charset; refusing them, or
decoding them as UTF-8 full of U+FFFD, loses good articles. The order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32): certain;
2. strict UTF-8: the common case, certain in practice;
3. for HTML, the charset the page declares (``<meta charset>``, the
   ``http-equiv`` form or an XML declaration), read as browsers do
   (``iso-8859-1`` means Windows-1252);
4. UTF-8 with a few damaged bytes (a truncated or overlong sequence) when
   the file is mostly valid UTF-8: kept as UTF-8, the bad bytes as U+FFFD;
5. otherwise charset-normalizer's guess (UTF-16 without a BOM included).

Only steps 4 and 5 are guesses; ``Decoded.note`` then says what was done, for
a warning that names the file.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SNIFF = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""", re.I)
# Labels browsers read as another encoding (WHATWG Encoding Standard): pages that say Latin-1 mean Windows-1252.
_WEB_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252", "ascii": "cp1252",
               "us-ascii": "cp1252", "iso8859-1": "cp1252", "cp819": "cp1252", "iso-8859-9": "cp1254",
               "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874"}
# When several encodings give the same text, the one most files in Western newsrooms are really in.
_PREFERRED = ("cp1252", "utf_8", "cp1250", "cp1251")


@dataclass
class Decoded:
    text: str
    encoding: str  # a Python codec name
    note: str | None = None  # set when the encoding was guessed or bytes were replaced: the warning to give


class NotText(ValueError):
    """The bytes are not text in any encoding claimcheck can read."""


def decode(data: bytes, html: bool = False) -> Decoded:
    """Decode a whole file; raises ``NotText`` for binary data."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _with_replacement(data[len(bom):], codec, f"{name} with a byte-order mark")
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        return _utf16_or_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        not_utf8 = err
    if html:
        declared = declared_charset(data)
        if declared and declared != "utf-8":
            return _with_replacement(data, declared, f"{declared}, as the page declares")
    mostly_utf8 = _mostly_utf8(data, not_utf8)
    if mostly_utf8 is not None:
        return mostly_utf8
    return _guess(data)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset an HTML page declares in its head, if it names a known one."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii").strip().lower()
    label = _WEB_LABELS.get(label, label)
    try:
        codec = codecs.lookup(label).name.replace("_", "-")
    except LookupError:
        return None
    return None if codec.startswith(("utf-16", "utf-32")) else codec  # browsers read a page "in UTF-16" as UTF-8


def _with_replacement(data: bytes, codec: str, how: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as err:
        text = data.decode(codec, errors="replace")
        return Decoded(text, codec, f"decoded as {how}; invalid from byte {err.start}, "
                                    f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced with U+FFFD")


def _mostly_utf8(data: bytes, err: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 with a few damaged sequences, or cut off inside its last character.

    A legacy single-byte file almost never holds a valid UTF-8 multi-byte
    sequence, so a file with at least as many correctly encoded non-ASCII
    characters as damaged places is UTF-8 that was damaged, not another
    encoding. ``err`` is the strict UTF-8 decode's error, where the damage starts.
    """
    first, truncated = err.start, err.reason == "unexpected end of data"
    text = data.decode("utf-8", errors="replace")
    real = data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file is not damage
    replaced = text.count("\ufffd") - real
    damaged = len(_DAMAGE.findall(text)) - real
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced - real  # non-ASCII characters decoded
    if not truncated and good < max(1, damaged):
        return None
    return Decoded(text, "utf-8", f"invalid UTF-8 from byte {first}; {replaced} undecodable byte(s) replaced with U+FFFD")


_DAMAGE = re.compile("\ufffd+")


def _guess(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8",
                       "not UTF-8 and no other encoding fits; undecodable bytes replaced with U+FFFD")
    codec = next((c for c in _PREFERRED if c in best.could_be_from_charset), best.encoding)
    text = data.decode(codec, errors="replace")
    return Decoded(text, codec, f"not UTF-8; decoded as {_label(codec)} (guessed)")


def _utf16_or_binary(data: bytes) -> Decoded:
    """NUL bytes: UTF-16 or UTF-32 text without a byte-order mark, or binary data.

    Text in the Latin alphabet as UTF-16 has a zero in every other byte, on
    one side only; that pattern is checked first (charset-normalizer does not
    see it in short or repetitive text), then charset-normalizer is asked.
    """
    from charset_normalizer import from_bytes

    sample = data[:_SNIFF]
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / max(1, len(even)), odd.count(0) / max(1, len(odd))
    codecs_to_try = []
    if len(data) % 2 == 0 and len(sample) >= 4:
        if zero_odd >= 0.4 and zero_even <= 0.05:
            codecs_to_try.append(("utf-16-le", "strict"))
        elif zero_even >= 0.4 and zero_odd <= 0.05:
            codecs_to_try.append(("utf-16-be", "strict"))
    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        codecs_to_try.append((best.encoding, "replace"))
    for codec, errors in codecs_to_try:
        try:
            text = data.decode(codec, errors=errors)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text[:_SNIFF] if ch.isprintable() or ch in "\n\r\t")
        if printable >= 0.95 * min(len(text), _SNIFF):
            return Decoded(text, codec, f"no byte-order mark; decoded as {_label(codec)} (guessed)")
    raise NotText("binary file, not text")


def _label(codec: str) -> str:
    """A codec as people name it: cp1252 -> windows-1252, utf_16_le -> UTF-16-LE."""
    if codec.startswith("cp12"):
        return "windows-" + codec[2:]
    if codec.startswith("utf"):
        return codec.upper().replace("_", "-")
    return codec.replace("_", "-")
