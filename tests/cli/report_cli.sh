#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli report` end to end: a project built with the CLI (coders a, b, master m, one
# consensus decision), the HTML written whole with the filters shown, the same selection errors
# as `agree PROJECT` (exit 1, the file left as it was), usage errors (exit 2) and --help.
# Usage: report_cli.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() {
    want=$1; shift
    "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "attune-cli $* exited $got, expected $want: $(cat "$WORK/err")"
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
lacks() { if grep -q -- "$2" "$1"; then fail "$1 has '$2'"; fi; }

P="$WORK/r.attune"
printf '[Q1]\nI: Tell me about your childhood.\nR: I dont remember anything.\n[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n' >"$WORK/t.txt"
expect 0 new "$P"
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
for c in a b m; do expect 0 coder add "$P" $c; done
expect 0 import "$P" "$WORK/t.txt" --participant 'T<1>'
expect 0 import "$P" "$WORK/t.txt" --participant T2 --allow-duplicate
expect 0 classify "$P" 'T<1>' --coder a --category F3
expect 0 classify "$P" 'T<1>' --coder b --category F3
expect 0 classify "$P" 'T<1>' --coder m --category F1
expect 0 classify "$P" T2 --coder a --category E
expect 0 classify "$P" T2 --coder b --category F
expect 0 classify "$P" T2 --coder m --category E
expect 0 rate "$P" 'T<1>' --coder a --scale metacognition --value 5
expect 0 rate "$P" 'T<1>' --coder b --scale metacognition --value 7
expect 0 rate "$P" T2 --coder a --scale metacognition --value 3
expect 0 rate "$P" T2 --coder b --scale metacognition --value 3.5
expect 0 code "$P" 'T<1>' --coder a --code lack-of-recall --lines 3-3
expect 0 code "$P" 'T<1>' --coder b --code lack-of-recall --start 41 --end 66
expect 0 code "$P" T2 --coder a --code lack-of-recall --lines 3-3
expect 0 code "$P" T2 --coder b --code lack-of-recall --lines 3-3
expect 0 disagreements "$P" --coders a,b
RATING=$(grep '	rating	T2	' "$WORK/out" | cut -f 1)
[ -n "$RATING" ] || fail "no rating disagreement listed"
expect 0 resolve "$P" "$RATING" --take B --reason 'closer to the text'

expect 0 report "$P" --master m --out "$WORK/report.html"
[ -s "$WORK/out" ] && fail "report printed to stdout: $(cat "$WORK/out")"
R="$WORK/report.html"
contains "$R" '^<!DOCTYPE html>'
contains "$R" "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
contains "$R" '<h2>Methods paragraph</h2>'
contains "$R" '<b>Master:</b> m<'
contains "$R" 'T&lt;1&gt;'
lacks "$R" 'T<1>'
lacks "$R" 'attune://'
lacks "$R" 'http:'
contains "$R" 'b agrees with the master (m) on 1 of 2 three-way classifications, 50.0%'
contains "$R" 'a agrees with the master (m) on 2 of 2 three-way classifications, 100.0%'
contains "$R" 'closer to the text'
# Filters as agree PROJECT takes them, shown in the header.
expect 0 report "$P" --master m --transcripts T2 --section q2 --out "$WORK/t2.html"
contains "$WORK/t2.html" '<b>Transcripts:</b> T2<'
contains "$WORK/t2.html" '<b>Section:</b> Q2<'
contains "$WORK/t2.html" 'within section Q2 only'

# The page is kept in the project with the records' revision and written as it is while no record
# changes. Its stored bytes are replaced by a marker to prove the next report takes them and
# computes nothing; a change through the CLI, or straight in SQL by another program, makes the
# page again.
expect 0 report "$P" --out "$WORK/k1.html"
[ "$(sqlite3 "$P" "SELECT count(*) FROM derived")" -ge 1 ] || fail "the page was not kept"
expect 0 report "$P" --out "$WORK/k2.html"
cmp -s "$WORK/k1.html" "$WORK/k2.html" || fail "the page written from the project differs"
sqlite3 "$P" "UPDATE derived SET value = CAST('<p>kept page</p>' AS BLOB)"
expect 0 report "$P" --out "$WORK/k3.html"
contains "$WORK/k3.html" '<p>kept page</p>'
expect 0 rate "$P" T2 --coder b --scale metacognition --value 4
expect 0 report "$P" --out "$WORK/k4.html"
lacks "$WORK/k4.html" 'kept page'
contains "$WORK/k4.html" 'methods'
sqlite3 "$P" "UPDATE derived SET value = CAST('<p>kept page</p>' AS BLOB)"
sqlite3 "$P" "UPDATE ratings SET value = 3.5 WHERE value = 4"
expect 0 report "$P" --out "$WORK/k5.html"
lacks "$WORK/k5.html" 'kept page'
cmp -s "$WORK/k1.html" "$WORK/k5.html" || fail "the records as before did not give the page as before"

# Errors of the selection: exit 1, and the file already there stays as it was.
cp "$R" "$WORK/before.html"
expect 1 report "$P" --coders a,zz --out "$R"
contains "$WORK/err" "no coder 'zz'"
expect 1 report "$P" --section Q9 --out "$R"
contains "$WORK/err" "Q9"
cmp -s "$R" "$WORK/before.html" || fail "a failed report changed the file"
expect 1 report "$WORK/none.attune" --out "$WORK/x.html"
[ -e "$WORK/x.html" ] && fail "a report of a missing project wrote a file"
expect 1 report "$P" --out "$WORK/no/such/dir/r.html"
contains "$WORK/err" "no/such/dir/r.html"
ls -A "$WORK" | grep -q '^\.report' && fail "a temporary file was left behind"

# Usage: --out is required; options of agree's other modes are not taken.
expect 2 report "$P"
contains "$WORK/err" "--out"
expect 2 report "$P" --out "$R" --metric icc
expect 0 report --help
contains "$WORK/out" '--coders'
contains "$WORK/out" '--section'
contains "$WORK/out" 'methods'
expect 0 --help
contains "$WORK/out" 'report'

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "report_cli: all checks passed"
