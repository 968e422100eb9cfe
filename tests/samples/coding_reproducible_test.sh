#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The committed coding data (samples/coding/*.csv) is exactly what its documented generators
# make from the transcripts: samples/tools/make_coding.py (P01-P04, quotes located in the
# transcript files) and samples/tools/code_p05_p08.py (P05-P08, quotes located in the text
# attune-cli stores, so .docx/.odt are read by Attune itself). A transcript edited without
# rerunning them, or a CSV edited by hand, fails here.
# Usage: coding_reproducible_test.sh ATTUNE_CLI SOURCE_DIR
set -eu
CLI=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/samples"
cp -R "$SRC/samples/tools" "$SRC/samples/transcripts" "$SRC/samples/coding" "$WORK/samples/"
python3 "$WORK/samples/tools/make_coding.py" >/dev/null
ATTUNE_CLI=$CLI sh "$SRC/samples/build-demo" "$WORK/texts.attune" >/dev/null
python3 "$WORK/samples/tools/code_p05_p08.py" "$CLI" "$WORK/texts.attune" >/dev/null
if ! diff -r "$SRC/samples/coding" "$WORK/samples/coding"; then
    echo "FAIL: samples/coding differs from what samples/tools/*.py generate" >&2
    exit 1
fi
echo "samples/coding is what its generators make"
