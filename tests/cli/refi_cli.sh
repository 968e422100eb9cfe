#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli refi` (docs/cli.md, docs/refi-qda.md): export a small project and a codebook,
# import them into a new project (created by the command) with the same annotations, the JSON
# report, a hostile file refused with exit 1 and no project left behind, usage errors exit 2.
# Usage: refi_cli.sh ATTUNE_CLI SOURCE_DIR
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

P="$WORK/p.attune"
printf 'I: Tell me about your mother.\r\nR: She was wonderful \360\237\230\200, always there.\r\n' >"$WORK/a.txt"
expect 0 new "$P"
expect 0 coder add "$P" alice
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
expect 0 import "$P" "$WORK/a.txt" --participant P1
expect 0 code "$P" P1 --coder alice --code idealization-mother --start 41 --end 50 --memo "so \"wonderful\""
expect 0 rate "$P" P1 --coder alice --scale idealization --target mother --value 6.5

expect 0 refi export "$P" --out "$WORK/p.qdpx"
grep -q '^wrote .*p.qdpx: ' "$WORK/out" || fail "export report: $(cat "$WORK/out")"
grep -q '^not exported: .*keyboard shortcut' "$WORK/out" || fail "export names no loss: $(cat "$WORK/out")"
expect 0 refi export "$P" --out "$WORK/alice.qdpx" --coders alice --transcripts P1 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["selections"] == 1 and d["users"] == 1, d' "$WORK/out" || fail "export json"
expect 1 refi export "$P" --out "$WORK/x.qdpx" --coders nobody
[ -e "$WORK/x.qdpx" ] && fail "a failed export left a file"
expect 0 refi export-codebook "$P" --scheme aai-state-of-mind --out "$WORK/som.qdc"
expect 1 refi export-codebook "$P" --scheme no-such --out "$WORK/none.qdc"

Q="$WORK/q.attune"
expect 0 refi import "$Q" "$WORK/p.qdpx" --format json
python3 - "$WORK/out" <<'PY' || fail "import json: $(cat "$WORK/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["transcripts"] == 1 and d["coders"] == 1 and d["annotations"] == 1 and d["memos"] == 1, d
assert d["positions"]["unit"] == "code points" and d["unplaced"] == [], d
PY
"$CLI" annotations "$P" --format json >"$WORK/a1" && "$CLI" annotations "$Q" --format json >"$WORK/a2" || fail "annotations"
cmp -s "$WORK/a1" "$WORK/a2" || fail "annotations differ after the round trip: $(diff "$WORK/a1" "$WORK/a2")"
expect 0 refi import "$Q" "$WORK/p.qdpx"
grep -q '^annotations: 0 new (0 with memos), 1 already in the project' "$WORK/out" || fail "second import: $(cat "$WORK/out")"
expect 0 refi import "$WORK/cb.attune" "$WORK/som.qdc" --positions utf16 --crlf one
grep -q '^scheme: refi-som 1.0, 14 codes (generated from the codebook)' "$WORK/out" || fail "codebook import: $(cat "$WORK/out")"

# Hostile: a DOCTYPE is refused, exit 1, and the project the command would have created is gone.
printf '<!DOCTYPE p [<!ENTITY e "x">]><Project xmlns="urn:QDA-XML:project:1.0" name="&e;"/>' >"$WORK/h.qde"
expect 1 refi import "$WORK/h.attune" "$WORK/h.qde"
grep -q 'DOCTYPE' "$WORK/err" || fail "DOCTYPE message: $(cat "$WORK/err")"
[ -e "$WORK/h.attune" ] && fail "a refused import left a project"
expect 2 refi import "$Q" "$WORK/p.qdpx" --positions bytes
expect 2 refi export "$P"

[ "$failures" -eq 0 ] || exit 1
echo "refi: all checks passed"
