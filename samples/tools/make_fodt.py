#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dev-time tool: turns a labelled plain-text transcript (I:/R: turns, [Qn: title] markers)
into a flat ODF text document (.fodt) that LibreOffice converts to .docx/.odt.

One paragraph per non-blank source line. With --bold-interviewer the I:/R: labels are dropped
and every interviewer paragraph is set in bold (the AAI transcription convention that Attune's
importer turns back into I:/R: turns); header and marker lines stay regular.

usage: make_fodt.py SOURCE.txt OUT.fodt [--bold-interviewer]
"""
import sys
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="PBold" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"
    style:font-weight-complex="bold"/>
  </style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
"""
TAIL = """  </office:text>
 </office:body>
</office:document>
"""


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    bold = "--bold-interviewer" in argv[3:]
    paras = []
    with open(src, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.strip():
                continue
            style = "Standard"
            if bold and line.startswith("I: "):
                line, style = line[3:], "PBold"
            elif bold and line.startswith("R: "):
                line = line[3:]
            paras.append('   <text:p text:style-name="%s">%s</text:p>\n' % (style, escape(line)))
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEAD + "".join(paras) + TAIL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
