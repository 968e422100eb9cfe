#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Identity (schema version 3) seen from the CLI (docs/cli.md): `coder list`, `transcripts` and
# `annotations` in JSON carry uuids, roles, the version chain by uuid and the scheme version;
# their TSV/CSV stay as they were. A committed version-2 project opens (after a backup) with the
# scheme versions its records were made under (tests/data/store/make_project_v2.sh).
# Usage: identity_cli.sh ATTUNE_CLI TEST_DATA_DIR
set -u
CLI=$1
DATA=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
UUID='[0-9a-f]\{8\}-[0-9a-f]\{4\}-4[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}'

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() {
    want=$1; shift
    "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "attune-cli $* exited $got, expected $want: $(cat "$WORK/err")"
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
count() { grep -c -- "$2" "$1"; }

P="$WORK/p.attune"
printf 'I: Tell me about your mother.\nR: She was warm.\n' >"$WORK/a.txt"
printf 'I: Tell me about your mother.\nR: She was warm and kind.\n' >"$WORK/b.txt"
expect 0 new "$P"
expect 0 coder add "$P" alice
expect 0 scheme add "$P" "$DATA/store/cli_scheme_v1.xml"
expect 0 import "$P" "$WORK/a.txt" --participant P1
expect 0 import "$P" "$WORK/b.txt" --supersedes 1
expect 0 code "$P" 2 --coder alice --code IDEAL --lines 2

expect 0 coder list "$P"
[ "$(head -n 1 "$WORK/out")" = "$(printf 'id\tname\ttranscripts\tannotations\tratings\tclassified')" ] ||
    fail "coder list header changed: $(head -n 1 "$WORK/out")"
expect 0 coder list "$P" --format json
contains "$WORK/out" "\"uuid\": \"$UUID\""
contains "$WORK/out" '"role": "coder"'
expect 2 coder list "$P" --format xml

expect 0 transcripts "$P"
[ "$(head -n 1 "$WORK/out")" = "$(printf 'id\ttitle\tparticipant\twords\tturns\tversion\tcoders\tassigned\treliability')" ] ||
    fail "transcripts header changed: $(head -n 1 "$WORK/out")"
expect 0 transcripts "$P" --format json
[ "$(count "$WORK/out" "\"uuid\": \"$UUID\"")" -eq 2 ] || fail "transcripts json: $(cat "$WORK/out")"
first=$(grep -o "\"uuid\": \"$UUID\"" "$WORK/out" | head -n 1 | cut -d'"' -f4)
contains "$WORK/out" "\"supersedes_uuid\": \"$first\""
contains "$WORK/out" '"supersedes": 1'

expect 0 annotations "$P" --format json
contains "$WORK/out" "\"uuid\": \"$UUID\""
contains "$WORK/out" '"scheme_version": "1"'
expect 0 annotations "$P"
contains "$WORK/out" "^uuid,transcript,coder,scheme,code,start,end,start_line,end_line,memo,created,modified$"

# The committed version-2 project: migrated on first use, backed up, scheme versions filled in.
cp "$DATA/store/project_v2.attune" "$WORK/old.attune"
expect 0 annotations "$WORK/old.attune" --format json
[ -f "$WORK/old.attune.v2.bak" ] || fail "no backup old.attune.v2.bak"
[ "$(count "$WORK/out" '"scheme_version": "1"')" -eq 2 ] || fail "v2: $(cat "$WORK/out")"
[ "$(count "$WORK/out" '"scheme_version": "2"')" -eq 1 ] || fail "v2: $(cat "$WORK/out")"
contains "$WORK/out" '"uuid": "f34919a4-08be-4824-8874-5019d69eaf6e"'
expect 0 coder list "$WORK/old.attune" --format json
[ "$(count "$WORK/out" "\"uuid\": \"$UUID\"")" -eq 2 ] || fail "v2 coders: $(cat "$WORK/out")"

[ "$failures" -eq 0 ] || exit 1
echo "identity: all checks passed"
