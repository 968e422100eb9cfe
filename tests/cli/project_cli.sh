#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of the project commands of docs/cli.md: new, coder add, import, transcripts,
# text, show, scheme add, code, rate, classify, annotations, search, check, and their errors.
# Usage: project_cli.sh ATTUNE_CLI TEST_DATA_DIR
set -u
CLI=$1
DATA=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P="$WORK/p.attune"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# expect CODE CMD...: runs the CLI, stdout to $WORK/out, stderr to $WORK/err, checks the exit code.
expect() {
    want=$1; shift
    "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "attune-cli $* exited $got, expected $want: $(cat "$WORK/err")"
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }

# A transcript with a BOM-less UTF-8 accent, CRLF line ends (normalised on import) and NFD text.
printf 'I: Tell me about your mother.\r\nR: She was warm, tre\314\200s chaleureuse.\r\nI: Any memory?\r\nR: The sea.' >"$WORK/p001.txt"
printf 'I: Second interview.\nR: Nothing to say.\n' >"$WORK/p002.txt"

expect 0 new "$P"
expect 1 new "$P"                                   # refuses to overwrite
contains "$WORK/err" "already exists"
expect 1 transcripts "$WORK/missing.attune"
contains "$WORK/err" "missing.attune: error: no such project file"

expect 0 coder add "$P" alice
[ "$(cat "$WORK/out")" = "1" ] || fail "coder add printed $(cat "$WORK/out")"
expect 0 coder add "$P" bob
expect 1 coder add "$P" alice                       # duplicate

expect 0 import "$P" "$WORK/p001.txt" --participant P001
T1=$(cut -f1 "$WORK/out")
[ "$T1" = "1" ] || fail "import printed '$(cat "$WORK/out")'"
expect 0 import "$P" "$WORK/p002.txt"
expect 2 import "$P" "$WORK/p001.txt" "$WORK/p002.txt" --participant X   # usage

# text: exactly the NFC, \n text, nothing else.
expect 0 text "$P" P001
printf 'I: Tell me about your mother.\nR: She was warm, tr\303\250s chaleureuse.\nI: Any memory?\nR: The sea.' >"$WORK/expected"
cmp -s "$WORK/out" "$WORK/expected" || fail "text is not the NFC original"
expect 1 text "$P" P999
contains "$WORK/err" "no transcript with id or participant 'P999'"

expect 0 transcripts "$P"
contains "$WORK/out" "^1	p001.txt	P001	"

expect 0 scheme add "$P" "$DATA/store/cli_scheme_v1.xml"
contains "$WORK/out" "scheme cli-test version 1"

# code: code points (the è is one), lines, unknown coder/code, bad span.
expect 0 code "$P" P001 --coder alice --code IDEAL --start 47 --end 51 --memo "warm word"
UUID=$(cat "$WORK/out")
[ ${#UUID} -eq 36 ] || fail "code printed '$UUID'"
expect 0 code "$P" 1 --coder bob --code LACK --lines 3-4
expect 1 code "$P" P001 --coder carol --code IDEAL --start 0 --end 3
contains "$WORK/err" "no coder 'carol'"
expect 1 code "$P" P001 --coder alice --code NOPE --start 0 --end 3
expect 1 code "$P" P001 --coder alice --code IDEAL --start 5 --end 500
expect 2 code "$P" P001 --coder alice --code IDEAL
expect 1 code "$P" P001 --coder alice --code IDEAL --lines 9-10

expect 0 annotations "$P" P001 --coder alice --format json
contains "$WORK/out" "\"start\": 47"
contains "$WORK/out" "\"start_line\": 2"
expect 0 annotations "$P"
contains "$WORK/out" "^uuid,transcript,coder,scheme,code,start,end,start_line,end_line,memo"
contains "$WORK/out" "^$UUID,1,alice,cli-test,IDEAL,47,51,2,2,warm word,"
contains "$WORK/out" ",1,bob,cli-test,LACK,.*,3,4,"

expect 0 show "$P" P001 --coder alice
contains "$WORK/out" "^2  R: She was warm, très chaleureuse.$"
contains "$WORK/out" "  > cli-test:IDEAL \[47,51) lines 2-2 $UUID memo: warm word"

# rate: grid, targets, not-scorable.
expect 0 rate "$P" P001 --coder alice --scale loving --target mother --value 6.5
expect 1 rate "$P" P001 --coder alice --scale loving --target mother --value 6.3
expect 0 rate "$P" P001 --coder alice --scale loving --target father --value not-scorable
expect 1 rate "$P" P001 --coder alice --scale coherence --value not-scorable
expect 2 rate "$P" P001 --coder alice --scale coherence --value high
expect 0 show "$P" P001 --coder alice
contains "$WORK/out" "rating cli-test:loving/mother = 6.5"
contains "$WORK/out" "rating cli-test:loving/father = not-scorable"
# A rating's note is stored with it and shown after the value.
expect 0 rate "$P" P001 --coder alice --scale coherence --value 4 --note "two lapses"
expect 0 show "$P" P001 --coder alice
contains "$WORK/out" "rating cli-test:coherence = 4 note: two lapses\$"

# classify: organised, U on top, CC with its forced alternative.
expect 0 classify "$P" P001 --coder alice --category F3
expect 0 classify "$P" P001 --coder bob --category CC --alternative Ds1
expect 0 show "$P" P001 --coder bob
contains "$WORK/out" "classification cli-test: CC alternative Ds1\$"
expect 1 classify "$P" P001 --coder bob --category CC
expect 0 classify "$P" 2 --coder bob --category E2 --unresolved U
expect 0 show "$P" 2 --coder bob
contains "$WORK/out" "classification cli-test: E sub E2 unresolved U"

# search: accent- and case-insensitive, with transcript and line.
expect 0 search "$P" TRES
[ "$(cut -f1-3 "$WORK/out")" = "1	P001	2" ] || fail "search printed '$(cat "$WORK/out")'"
expect 1 search "$P" '"unbalanced'

# a new scheme version without LACK: orphan reported and kept.
expect 0 scheme add "$P" "$DATA/store/cli_scheme_v2.xml"
contains "$WORK/out" "orphaned annotation (kept): 'LACK'"
expect 0 check "$P"
contains "$WORK/out" "integrity: ok"
contains "$WORK/out" "orphans: 1"
expect 0 annotations "$P" --coder bob
contains "$WORK/out" ",LACK,"

# Corrected transcript: refused while work exists, unless --remap.
printf 'I: Tell me about your mother.\nR: She was warm, tr\303\250s chaleureuse.\nI: Any memory?\nR: The sea!' >"$WORK/p001b.txt"
expect 1 import "$P" "$WORK/p001b.txt" --supersedes 1
contains "$WORK/err" "refusing to import a new version"

# A newer project file is refused.
cp "$P" "$WORK/new.attune"
sqlite3 "$WORK/new.attune" "PRAGMA user_version = 9" || fail "sqlite3 could not edit the copy"
expect 1 transcripts "$WORK/new.attune"
contains "$WORK/err" "newer Attune"

[ "$failures" -eq 0 ] && echo "all project CLI checks passed"
exit $((failures > 0))
