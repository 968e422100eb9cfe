#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A table shortened by another program while `agree --table` reads it (the file is mapped, not
# copied, so the kernel raises SIGBUS on the lost pages): attune-cli must say so and exit 1, not
# die from the signal. strace holds the reader for a moment just after it mapped the file
# (delay_exit on its first madvise, the mapping's MADV_SEQUENTIAL), the test truncates the file
# in that moment, and the reader then touches pages that are gone.
# Usage: truncated_table_cli.sh ATTUNE_CLI
set -u
CLI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v strace >/dev/null || { echo "FAIL: strace is missing (scripts/install-deps)" >&2; exit 1; }

# 200,000 units x 5 coders: ~3.6 MB, many pages past the first.
awk 'BEGIN { print "unit,A,B,C,D,E"; for (i = 1; i <= 200000; i++)
             printf "%d,%d,%d,%d,%d,%d\n", i, i % 3, (i + 1) % 3, i % 3, i % 4, i % 3 }' \
    >"$WORK/t.csv"

# Without interference the same run succeeds (so a failure below is the truncation's).
"$CLI" agree --table "$WORK/t.csv" --metric krippendorff-alpha >/dev/null 2>"$WORK/err" ||
    { echo "FAIL: the untouched table failed: $(cat "$WORK/err")" >&2; exit 1; }

strace -f -qq -o /dev/null -e trace=madvise -e inject=madvise:delay_exit=2000000:when=1 \
    "$CLI" agree --table "$WORK/t.csv" --metric krippendorff-alpha >"$WORK/out" 2>"$WORK/err" &
reader=$!
sleep 1
truncate -s 4096 "$WORK/t.csv"
wait "$reader"
got=$?
if [ "$got" -ne 1 ]; then
    echo "FAIL: exited $got (129+ = killed by a signal), expected 1: $(cat "$WORK/err")" >&2
    exit 1
fi
grep -q "t.csv: error: the file was shortened by another program while it was read" "$WORK/err" ||
    { echo "FAIL: unexpected message: $(cat "$WORK/err")" >&2; exit 1; }
[ ! -s "$WORK/out" ] || { echo "FAIL: printed a result: $(cat "$WORK/out")" >&2; exit 1; }
echo "truncated table: reported, exit 1"
