#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli audit` (docs/cli.md): the audit log oldest first as TSV and JSON, --action keeps
# one action, an unknown project exits 1 and a bad --format 2.
# Usage: audit_cli.sh ATTUNE_CLI
set -u
CLI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
P="$WORK/a.attune"
"$CLI" new "$P" >/dev/null || fail "new"
"$CLI" coder add "$P" anna >/dev/null || fail "coder add anna"
"$CLI" coder add "$P" ben >/dev/null || fail "coder add ben"
"$CLI" audit "$P" >"$WORK/all" || fail "audit exited $?"
[ "$(head -n 1 "$WORK/all")" = "$(printf 'id\tat\twho\taction\tentity\tafter')" ] ||
    fail "header: $(head -n 1 "$WORK/all")"
[ "$(tail -n +2 "$WORK/all" | cut -f 4 | sort -u)" = "add coder" ] ||
    fail "actions: $(cat "$WORK/all")"
[ "$(tail -n +2 "$WORK/all" | wc -l)" -eq 2 ] || fail "two entries expected: $(cat "$WORK/all")"
grep -q '"name":"ben"' "$WORK/all" || fail "ben's entry lacks its after state: $(cat "$WORK/all")"
"$CLI" audit "$P" --action unblind >"$WORK/none" || fail "audit --action exited $?"
[ "$(wc -l <"$WORK/none")" -eq 1 ] || fail "--action unblind listed: $(cat "$WORK/none")"
"$CLI" audit "$P" --format json >"$WORK/json" || fail "audit --format json exited $?"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [e["after"]["name"] for e in d]==["anna","ben"], d; assert d[0]["before"] is None' "$WORK/json" ||
    fail "json: $(cat "$WORK/json")"
"$CLI" audit "$WORK/missing.attune" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a missing project must exit 1"
"$CLI" audit "$P" --format xml >/dev/null 2>&1
[ $? -eq 2 ] || fail "a bad --format must exit 2"
[ "$failures" -eq 0 ] && echo "PASS: audit" || exit 1
