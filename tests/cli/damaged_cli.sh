#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# damaged_cli.sh ATTUNE_CLI SOURCE_DIR
# A damaged project is never opened as if it were fine (issue 10, 17 D5): an index that
# disagrees with its table (what lost locks leave behind) passes quick_check but not
# integrity_check. Every command refuses such a file with exit 1 and its name, and nothing is
# written to it. `backup` writes a consistent copy and refuses to overwrite.
set -eu
cli=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p=$work/study.attune
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" new "$p" >/dev/null
"$cli" scheme add "$p" "$src/tests/gui/data/gui-test-scheme.xml" >/dev/null
"$cli" coder add "$p" anna >/dev/null
"$cli" coder add "$p" ben >/dev/null
printf 'I: Tell me about your mother.\nR: She was warm.\n' > "$work/t.txt"
"$cli" import "$p" "$work/t.txt" --participant P01 >/dev/null
for s in 0 5 10 15 20; do
  "$cli" code "$p" P01 --coder anna --code ideal --start "$s" --end "$((s + 4))" >/dev/null
  "$cli" code "$p" P01 --coder ben --code ideal --start "$s" --end "$((s + 3))" >/dev/null
done

# backup: a copy that opens and holds everything so far; an existing target is refused.
"$cli" backup "$p" "$work/copy.attune" | grep -q "^copied " || fail "backup printed nothing"
[ "$("$cli" annotations "$work/copy.attune" | tail -n +2 | wc -l)" -eq 10 ] ||
  fail "the copy lacks annotations"
set +e
"$cli" backup "$p" "$work/copy.attune" >/dev/null 2>"$work/err"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "backup over an existing file: exit $rc, expected 1"
grep -q "already exists" "$work/err" || fail "backup over an existing file: $(cat "$work/err")"
[ ! -e "$work/copy.attune.partial" ] || fail "a .partial file was left behind"

# Damage: the schema now says the index holds (coder, transcript, start) while its b-tree holds
# (transcript, coder, start); quick_check still says ok, integrity_check does not.
sqlite3 "$p" "PRAGMA writable_schema=1; UPDATE sqlite_schema SET sql='CREATE INDEX annotations_by_transcript_coder ON annotations(coder_id, transcript_id, start_cp)' WHERE name='annotations_by_transcript_coder';"
[ "$(sqlite3 "$p" 'PRAGMA quick_check')" = ok ] || fail "the damage is not the kind quick_check misses"
[ "$(sqlite3 "$p" 'PRAGMA integrity_check' | head -n 1)" != ok ] || fail "the damage is not damage"
before=$(sha256sum "$p" | cut -d' ' -f1)
for cmd in transcripts annotations check "coder add" search; do
  extra=""
  [ "$cmd" = "coder add" ] && extra=carol
  [ "$cmd" = search ] && extra=warm
  set +e
  # shellcheck disable=SC2086
  "$cli" $cmd "$p" $extra >/dev/null 2>"$work/err"; rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "'$cmd' on a damaged file: exit $rc, expected 1 ($(cat "$work/err"))"
  grep -q "^$p: error: .*damaged" "$work/err" ||
    fail "'$cmd': no 'FILE: error: ... damaged': $(cat "$work/err")"
done
# report reads through a session that is not verified while the project is opened (and
# verified) beside it: the damage is still found, and no report is written.
set +e
"$cli" report "$p" --out "$work/report.html" >/dev/null 2>"$work/err"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "'report' on a damaged file: exit $rc, expected 1 ($(cat "$work/err"))"
grep -q "^$p: error: .*damaged" "$work/err" ||
  fail "'report': no 'FILE: error: ... damaged': $(cat "$work/err")"
[ ! -e "$work/report.html" ] || fail "'report' wrote a report of a damaged file"
[ "$(sha256sum "$p" | cut -d' ' -f1)" = "$before" ] || fail "the damaged file was written to"
echo "PASS: damaged projects are refused and never written"
