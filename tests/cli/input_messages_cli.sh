#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What attune-cli says about bad input (issue 17 D4 and the message items): a long search query,
# numbers that are not decimal or out of range, a rating off the grid printed as given, an empty
# project file, an empty transcript, a shortcut used in two schemes, an overlong memo.
# Usage: input_messages_cli.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# expect CODE CMD...: runs the CLI (at most 10 s each), checks the exit code.
expect() {
    want=$1; shift
    timeout 10 "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] ||
        fail "attune-cli $(echo "$*" | head -c 120) exited $got, expected $want: $(head -c 300 "$WORK/err")"
    if grep -q "internal error" "$WORK/err"; then fail "attune-cli $*: $(cat "$WORK/err")"; fi
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 300 "$1")"; }
words() { awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? " " : ""), "a"; }'; }

P="$WORK/p.attune"
expect 0 new "$P"
expect 0 coder add "$P" alice
awk 'BEGIN { for (i = 1; i <= 300; i++) print "R: a cat and a dog and a bird and a fish, a cow and a hen." }' >"$WORK/t.txt"
expect 0 import "$P" "$WORK/t.txt" --participant P1
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"

# --- D4: a long query is refused at once (it took minutes in FTS5's snippet()); 64 words run.
expect 1 search "$P" "$(words 4000)"
contains "$WORK/err" "p.attune: error: the search query has 4000 words: too many terms (max 64)"
expect 0 search "$P" "$(words 64)"
[ "$(wc -l <"$WORK/out")" -eq 300 ] || fail "64-word search printed $(wc -l <"$WORK/out") hits"
contains "$WORK/out" "R: \[a\] cat and \[a\] dog"

# --- numbers: decimal digits only, range checked, said as given.
expect 2 code "$P" P1 --coder alice --code lack-of-recall --start -1 --end 5
contains "$WORK/err" "start: must be >= 0, not -1"
expect 2 code "$P" P1 --coder alice --code lack-of-recall --start 99999999999999999999 --end 5
contains "$WORK/err" "'99999999999999999999' is out of range (0 to 9223372036854775807)"
expect 2 code "$P" P1 --coder alice --code lack-of-recall --start 0x10 --end 20
contains "$WORK/err" "'0x10' is not a whole number in decimal digits"
expect 2 code "$P" P1 --coder alice --code lack-of-recall --start 0 --end 1e3
expect 2 agree --table "$WORK/none.csv" --metric krippendorff-alpha --bootstrap 0x10
expect 2 agree --table "$WORK/none.csv" --metric krippendorff-alpha --bootstrap 10 --seed -1
expect 2 import "$P" "$WORK/t.txt" --supersedes 0x1
# A leading zero is decimal, not octal: 010 is ten.
expect 0 code "$P" P1 --coder alice --code lack-of-recall --start 010 --end 12
expect 0 annotations "$P" P1
contains "$WORK/out" ",10,12,"
expect 1 rate "$P" P1 --coder alice --scale idealization --target mother --value 5.000001
contains "$WORK/err" "rating 5.000001 is not on scale 'idealization'"

# --- an empty project file is said to be empty, and stays empty.
: >"$WORK/empty.attune"
expect 1 transcripts "$WORK/empty.attune"
contains "$WORK/err" "empty.attune: error: the file is empty (0 bytes): not an Attune project"
[ ! -s "$WORK/empty.attune" ] || fail "the empty project was written to"
[ ! -e "$WORK/empty.attune-wal" ] || fail "the empty project got a -wal file"

# --- a transcript without text is refused (it imported with exit 0 and no note).
: >"$WORK/empty.txt"
printf ' \r\n\t\n' >"$WORK/blank.txt"
expect 1 import "$P" "$WORK/empty.txt"
contains "$WORK/err" "empty.txt: error: the file has no text"
expect 1 import "$P" "$WORK/blank.txt"
contains "$WORK/err" "blank.txt: error: the file has no text"
expect 0 transcripts "$P"
[ "$(wc -l <"$WORK/out")" -eq 2 ] || fail "an empty transcript was stored: $(cat "$WORK/out")"

# --- a shortcut two schemes share is told when the second is added (stored all the same).
sed -e 's/id="aai-state-of-mind"/id="copy-of-state-of-mind"/' \
    "$SRC/schemes/aai-state-of-mind.xml" >"$WORK/copy.xml"
expect 0 scheme add "$P" "$WORK/copy.xml"
contains "$WORK/out" "of scheme 'copy-of-state-of-mind' and code '.*' of scheme 'aai-state-of-mind'"

# --- memos and notes: at most 100,000 characters.
long=$(awk 'BEGIN { s = "x"; while (length(s) < 100001) s = s s; print substr(s, 1, 100001) }')
expect 1 code "$P" P1 --coder alice --code lack-of-recall --scheme aai-state-of-mind --start 0 --end 2 --memo "$long"
contains "$WORK/err" "the memo is 100001 characters long; the limit is 100000"
expect 1 rate "$P" P1 --coder alice --scale idealization --target mother --value 5 --note "$long" --scheme aai-state-of-mind
contains "$WORK/err" "the note is 100001 characters long; the limit is 100000"
expect 0 code "$P" P1 --coder alice --code lack-of-recall --scheme aai-state-of-mind --start 0 --end 2 --memo "${long#x}"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "input messages: all passed"
