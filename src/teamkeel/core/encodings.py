"""Which encoding a text file exported by a desktop tool is in.

Spreadsheets and address books write text in one of a few ways: UTF-8 with or without a
byte-order mark (Excel's "CSV UTF-8", Google, most tools), UTF-16 with a byte-order mark
(Excel's "Unicode text"), or the Windows "ANSI" code page, Windows-1252 in Western
Europe and the Americas (Outlook's contacts export, Excel's plain "CSV"). A file that
decodes as UTF-8 is UTF-8: text in Windows-1252 with any accented letter almost never
does. Whatever is not UTF-8 and has no mark is read as Windows-1252, and the lead is
told so, since the names would be garbled if the guess were wrong.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as the lead reads it, e.g. "UTF-8" or "Windows-1252 (ANSI)"


UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 with byte-order mark"
UTF16 = "UTF-16 (“Unicode text”)"
ANSI = "Windows-1252 (ANSI)"


def decode_text(raw: bytes, name: str = "file") -> Decoded:
    """``raw`` as text, and the encoding it was read in; one line if it is none of
    the encodings desktop tools write."""
    if raw.startswith(codecs.BOM_UTF8):
        return Decoded(_decode(raw[3:], "utf-8", name), UTF8_BOM)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_decode(raw, "utf-16", name), UTF16)
    try:
        return Decoded(raw.decode("utf-8"), UTF8)
    except UnicodeDecodeError:
        pass
    return Decoded(_decode(raw, "cp1252", name), ANSI)


def _decode(raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise KeelError(
            _(
                "{name} is not text Keel can read (byte {start} fits neither UTF-8, "
                "UTF-16 nor Windows-1252); save it as “CSV UTF-8” and try again."
            ).format(name=name, start=exc.start)
        ) from exc
