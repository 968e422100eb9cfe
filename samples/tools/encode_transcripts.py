#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dev-time helper: writes the legacy-encoded sample transcripts from their UTF-8 sources.

samples/transcripts/source/P02-*.utf8.txt -> samples/transcripts/P02-*.txt (UTF-16LE with BOM)
samples/transcripts/source/P03-*.utf8.txt -> samples/transcripts/P03-*.txt (windows-1252)
The committed .txt files are the data; run this after editing a source.
"""
import codecs
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "samples" / "transcripts"
TARGETS = {
    "P02-dismissing-idealizing": "utf-16-le-bom",
    "P03-dismissing-derogating": "windows-1252",
}


def main() -> int:
    for stem, enc in TARGETS.items():
        text = (ROOT / "source" / f"{stem}.utf8.txt").read_text(encoding="utf-8")
        if enc == "utf-16-le-bom":
            data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        else:
            data = text.encode(enc)  # raises on a character windows-1252 cannot hold
        (ROOT / f"{stem}.txt").write_bytes(data)
        print(f"{stem}.txt: {enc}, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
