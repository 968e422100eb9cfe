#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# How project_v2.attune was made: an Attune project of schema version 2 written by the
# attune-cli of the last build before schema version 3 (commit 6779edc), never edited by hand.
# It is committed, not remade by the tests: the point is a file an older Attune really wrote.
#
#   make_project_v2.sh OLD_ATTUNE_CLI OUT.attune
#
# What is in it (test_store_identity.cpp relies on this):
#   coders alice (1), bob (2); scheme cli-test versions 1 and 2 (2 drops code LACK);
#   transcript 1 (P001), transcript 2 (P002) and transcript 3 (P002 corrected, supersedes 2);
#   made while version 1 was the newest: alice's annotations IDEAL on P001 line 2 (memo
#   "warm words") and LACK on transcript 3 line 2, alice's rating loving/mother 6.5 and her
#   classification F3 of P001;
#   made after version 2 was added: bob's annotation IDEAL on P001 line 4, his ratings
#   loving/mother not-scorable and coherence 5, and his classification Ds1 of P001.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: $0 OLD_ATTUNE_CLI OUT.attune" >&2
    exit 2
fi
cli=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf 'I: Tell me about your mother.\nR: She was warm, très chaleureuse, and always there.\nI: Any memory?\nR: When I was five she took me to the sea.\n' >"$tmp/P001.txt"
printf 'I: And your father?\nR: I cannot remember much.\n' >"$tmp/P002.txt"
printf 'I: And your father?\nR: I cannot remember much about him.\n' >"$tmp/P002-corrected.txt"

"$cli" new "$out"
"$cli" coder add "$out" alice
"$cli" coder add "$out" bob
"$cli" scheme add "$out" "$here/cli_scheme_v1.xml"
"$cli" import "$out" "$tmp/P001.txt" --participant P001 --title "P001 interview" --language en
"$cli" import "$out" "$tmp/P002.txt" --participant P002
"$cli" import "$out" "$tmp/P002-corrected.txt" --supersedes 2

"$cli" code "$out" 1 --coder alice --code IDEAL --lines 2 --memo "warm words"
"$cli" code "$out" 3 --coder alice --code LACK --lines 2
"$cli" rate "$out" 1 --coder alice --scale loving --target mother --value 6.5
"$cli" classify "$out" 1 --coder alice --category F3
# Timestamps have millisecond resolution; the fixture's point is which came first.
sleep 1
"$cli" scheme add "$out" "$here/cli_scheme_v2.xml"
sleep 1
"$cli" code "$out" 1 --coder bob --code IDEAL --lines 4
"$cli" rate "$out" 1 --coder bob --scale loving --target mother --value not-scorable
"$cli" rate "$out" 1 --coder bob --scale coherence --value 5
"$cli" classify "$out" 1 --coder bob --category Ds1
