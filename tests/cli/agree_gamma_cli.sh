#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli agree --spans --metric gamma` end to end (docs/agreement.md "### Gamma"):
# pygamma-agreement's AlexPaulSuzan continuum (tests/data/AlexPaulSuzan.csv, best disorder 0.96
# with alpha 3, beta 1; gamma 0.44 to 0.47 with the shuffle sampler), JSON/text/csv, both samplers, a seed repeats its result, --domains and
# --domain, usage errors (exit 2), bad input (exit 1) and the size refusal (exit 1).
# Usage: agree_gamma_cli.sh ATTUNE_CLI
set -u
CLI=$1
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
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
lines() { n=$(wc -l <"$1"); [ "$n" -eq "$2" ] || fail "$1 has $n lines, expected $2"; }

cat >"$WORK/aps.csv" <<'CSV'
coder,start,end,code
Alex,2,9,1
Alex,11,17,2
Alex,24,30,5
Alex,32,36,6
Alex,36,44,6
Alex,44,60,7
Paul,2,9,1
Paul,11,17,3
Paul,19,25,5
Paul,32,44,6
Suzan,2,9,1
Suzan,11,17,4
Suzan,21,27,5
Suzan,32,36,6
Suzan,36,40,6
Suzan,40,44,6
CSV

expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --gamma-alpha 3 \
    --gamma-beta 1 --sampler shuffle --samples 40 --seed 4772 --format json
lines "$WORK/out" 1
contains "$WORK/out" '"metric":"gamma"'
contains "$WORK/out" '"n_coders":3'
contains "$WORK/out" '"samples":40'
contains "$WORK/out" '"sampler":"shuffle"'
# pygamma reports 6: its extra pairing costs exactly what the two units cost alone (a tie).
contains "$WORK/out" '"unitary_alignments":7'
contains "$WORK/out" '"observed_disorder":0.960625,'
cp "$WORK/out" "$WORK/first.json"
if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert abs(d["observed_disorder"] - 0.96) <= 0.0096, d
assert abs(d["value"] - (1 - d["observed_disorder"] / d["expected_disorder"])) < 1e-12, d
assert d["ci_low"] < d["value"] < d["ci_high"], d
assert 0.3 < d["value"] < 0.6, d
' "$WORK/out" || fail "gamma JSON does not match pygamma-agreement's AlexPaulSuzan"
fi
# The same seed gives the same answer, byte for byte.
expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --gamma-alpha 3 \
    --gamma-beta 1 --sampler shuffle --samples 40 --seed 4772 --format json
cmp -s "$WORK/out" "$WORK/first.json" || fail "the same seed gave another result"

expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 10
contains "$WORK/out" '^gamma = '
contains "$WORK/out" 'observed disorder '
contains "$WORK/out" 'units: 16; coders: 3; continuum \[0,60)'
contains "$WORK/out" 'dissimilarity: alpha 1, beta 1, empty unit 1'
contains "$WORK/out" '10 statistical samples, seed 1'
expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 10 --format csv
contains "$WORK/out" '^domain,value,observed_disorder,expected_disorder,ci_low,ci_high,samples,n_units,reason$'
contains "$WORK/out" '^(all),0\.[0-9]*,'
lines "$WORK/out" 2

# Identical coders: observed disorder 0, gamma 1.
grep -v '^Paul\|^Suzan' "$WORK/aps.csv" >"$WORK/same.csv"
grep '^Alex' "$WORK/aps.csv" | sed 's/^Alex/Bea/' >>"$WORK/same.csv"
expect 0 agree --spans "$WORK/same.csv" --metric gamma --continuum 0,60 --samples 5 --format json
contains "$WORK/out" '"value":1.0'
contains "$WORK/out" '"observed_disorder":0.0'

# Domains: codes 1-4 in "early", 5-7 in "late"; --domain restricts to one of them.
printf 'code,domain\n1,early\n2,early\n3,early\n4,early\n5,late\n6,late\n7,late\n' >"$WORK/dom.csv"
expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 5 \
    --domains "$WORK/dom.csv" --format json
contains "$WORK/out" '"per_domain":{"early":{'
contains "$WORK/out" '"late":{'
expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 5 \
    --domains "$WORK/dom.csv" --domain late --format json
contains "$WORK/out" '"n_units":10'
contains "$WORK/out" '"per_domain":{"late":{'
printf 'code,domain\n1,early\n' >"$WORK/one.csv"
expect 0 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 5 \
    --domains "$WORK/one.csv" --format json
contains "$WORK/out" '"n_units":3'
contains "$WORK/out" 'codes in no domain left out: 2, 3, 4, 5, 6, 7'

# Usage errors (exit 2).
expect 2 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --sampler random
contains "$WORK/err" 'statistical'
expect 2 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --samples 0
expect 2 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --gamma-empty 0
contains "$WORK/err" 'empty-unit cost'
expect 2 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,60 --gamma-alpha -1
expect 2 agree --spans "$WORK/aps.csv" --metric alpha-u --continuum 0,60 --sampler shuffle

# Bad input (exit 1): a span outside the continuum, and a continuum too dense to align.
expect 1 agree --spans "$WORK/aps.csv" --metric gamma --continuum 0,50
contains "$WORK/err" 'aps.csv:7:'
{
    echo coder,start,end,code
    for c in a b c d e f g h; do
        i=0
        while [ $i -lt 20 ]; do echo "$c,0,10,x"; i=$((i + 1)); done
    done
} >"$WORK/dense.csv"
expect 1 agree --spans "$WORK/dense.csv" --metric gamma --continuum 0,10 --gamma-alpha 0
contains "$WORK/err" 'candidate unitary alignments'

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "agree gamma: all checks passed"
