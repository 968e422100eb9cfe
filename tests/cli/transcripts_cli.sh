#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Transcripts as things a project holds (docs/cli.md): the same text imported twice is refused
# unless --allow-duplicate, `transcript rename` and `transcript remove`, which never removes a
# transcript holding anybody's work. Checked through `transcripts`, `show` and exit codes.
# Usage: transcripts_cli.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P="$WORK/p.attune"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() {
    want=$1; shift
    "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "attune-cli $* exited $got, expected $want: $(cat "$WORK/err")"
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
lacks() { ! grep -q -- "$2" "$1" || fail "$1 has '$2': $(cat "$1")"; }
rows() { "$CLI" transcripts "$P" | tail -n +2 | wc -l; }

printf 'I: Tell me about your mother.\nR: She was warm.\n' >"$WORK/P01_interview.txt"
printf 'I: And your father?\nR: He worked a lot.\n' >"$WORK/P02.txt"
expect 0 new "$P"
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
expect 0 coder add "$P" anna
expect 0 coder add "$P" ben

# --- the same text twice
expect 0 import "$P" "$WORK/P01_interview.txt" --participant P01
T1=$(cut -f1 "$WORK/out")
cp "$WORK/P01_interview.txt" "$WORK/copy.txt"
# CRLF line ends normalise to the same stored text: still the same transcript.
printf 'I: Tell me about your mother.\r\nR: She was warm.\r\n' >"$WORK/crlf.txt"
for f in "$WORK/P01_interview.txt" "$WORK/copy.txt" "$WORK/crlf.txt"; do
    expect 1 import "$P" "$f"
    contains "$WORK/err" "error: this text is already in the project as transcript $T1 (P01)"
    contains "$WORK/err" "import it anyway with --allow-duplicate"
    [ -s "$WORK/out" ] && fail "a refused import printed $(cat "$WORK/out")"
done
[ "$(rows)" -eq 1 ] || fail "a refused duplicate was stored: $(rows) transcripts"
expect 0 import "$P" "$WORK/copy.txt" --participant P01b --allow-duplicate
T2=$(cut -f1 "$WORK/out")
[ "$(rows)" -eq 2 ] || fail "--allow-duplicate did not import: $(rows) transcripts"

# --- rename
expect 0 transcript rename "$P" "$T2" --title "Second copy" --participant P09
[ "$(cat "$WORK/out")" = "$(printf '%s\tSecond copy\tP09' "$T2")" ] ||
    fail "rename printed '$(cat "$WORK/out")'"
expect 0 transcripts "$P"
contains "$WORK/out" "$(printf '%s\tSecond copy\tP09\t' "$T2")"
expect 0 transcript rename "$P" P09 --clear-participant
contains "$WORK/out" "$(printf '%s\tSecond copy\t$' "$T2")"
expect 2 transcript rename "$P" "$T2"                               # nothing to rename
expect 2 transcript rename "$P" "$T2" --participant X --clear-participant
expect 1 transcript rename "$P" "$T2" --title "   "
contains "$WORK/err" "title"
expect 1 transcript rename "$P" 99 --title x
contains "$WORK/err" "no transcript"

# --- remove: work held by anybody refuses and is named
expect 0 code "$P" P01 --coder anna --code idealization-mother --start 0 --end 5
expect 0 classify "$P" P01 --coder ben --category F3
expect 1 transcript remove "$P" P01
contains "$WORK/err" "error: transcript $T1 (P01) holds coded work and is not removed (anna: 1 annotation; ben: 1 classification)"
[ "$(rows)" -eq 2 ] || fail "a refused remove removed something"
expect 0 show "$P" P01 --coder anna
contains "$WORK/out" "> "
# An uncoded transcript goes; its id stays taken.
expect 0 transcript remove "$P" "$T2"
[ "$(cat "$WORK/out")" = "removed $T2" ] || fail "remove printed '$(cat "$WORK/out")'"
[ "$(rows)" -eq 1 ] || fail "remove left $(rows) transcripts"
expect 1 transcript remove "$P" "$T2"
contains "$WORK/err" "no transcript"
expect 0 import "$P" "$WORK/P02.txt"
[ "$(cut -f1 "$WORK/out")" -gt "$T2" ] || fail "a removed id was reused: $(cat "$WORK/out")"
expect 0 check "$P"
contains "$WORK/out" "integrity: ok"
expect 2 transcript
expect 2 transcript remove "$P"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "PASS: transcripts_cli"
