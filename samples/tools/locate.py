#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dev-time helper: reads a sample transcript the way `attune-cli text` prints it, and turns
quoted passages into code-point offsets.

    python3 samples/tools/locate.py samples/transcripts/P01-secure.txt "a quoted passage"

prints START<TAB>END (half-open, Unicode code points). The committed CSVs are the data; this
module only helps to write them (samples/tools/make_coding.py uses it).
"""
import codecs
import pathlib
import sys
import unicodedata

# The legacy-encoded samples; everything else is UTF-8 (with or without a BOM).
ENCODINGS = {
    "P02-dismissing-idealizing.txt": "utf-16",
    "P03-dismissing-derogating.txt": "windows-1252",
}


def stored_text(path: pathlib.Path) -> str:
    """The transcript as Attune stores it: decoded, BOM dropped, NFC, `\\n` line ends."""
    data = path.read_bytes()
    enc = ENCODINGS.get(path.name, "utf-8")
    if enc == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    text = data.decode(enc)  # "utf-16" consumes the BOM
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def locate(text: str, quote, where: str = "") -> tuple[int, int]:
    """Offsets of a quote that occurs exactly once, or of (first, last): from the start of
    `first` to the end of the first `last` after it."""
    if isinstance(quote, tuple):
        first, last = quote
        start, _ = locate(text, first, where)
        end_at = text.find(last, start)
        if end_at < 0:
            raise ValueError(f"{where}: end quote not found after start: {last!r}")
        return start, end_at + len(last)
    count = text.count(quote)
    if count != 1:
        raise ValueError(f"{where}: quote occurs {count} times: {quote!r}")
    start = text.index(quote)
    return start, start + len(quote)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    s, e = locate(stored_text(pathlib.Path(sys.argv[1])), sys.argv[2], sys.argv[1])
    print(f"{s}\t{e}")
