#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# samples/README.md's table lists every transcript in samples/transcripts/ with the word count
# attune-cli reports after import.
#   readme_counts_test.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0
ATTUNE_CLI=$CLI "$SRC/samples/build-demo" "$T/demo.attune" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; echo "FAIL: build-demo failed" >&2; exit 1; }
"$CLI" transcripts "$T/demo.attune" >"$T/t.tsv"
for file in "$SRC"/samples/transcripts/P[0-9][0-9]-*; do
    [ -f "$file" ] || continue
    name=$(basename "$file")
    stem=${name%.*}
    got=$(awk -F '\t' -v t="${stem#*-}" '$2 == t { print $4 }' "$T/t.tsv")
    # Row: | stem | format | state of mind | words |
    want=$(awk -F '|' -v s="$stem" '{ gsub(/ /, "", $2) } $2 == s { gsub(/ /, "", $5); print $5 }' \
        "$SRC/samples/README.md")
    if [ -z "$want" ]; then
        echo "FAIL: $stem has no row in samples/README.md" >&2
        status=1
    elif [ "$want" != "$got" ]; then
        echo "FAIL: $stem: README says $want words, attune-cli transcripts says $got" >&2
        status=1
    fi
done
exit $status
