#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli agree --spans` end to end (docs/agreement.md "## Spans mode"): Krippendorff's
# (2004, p. 254) unitizing example as one JSON object, text and csv output, span-f1, a declared
# coder who marked nothing, usage errors (exit 2) and bad input (exit 1 with FILE:LINE:COL).
# Usage: agree_spans_cli.sh ATTUNE_CLI
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

cat >"$WORK/k.csv" <<'CSV'
coder,start,end,code
i,225,295,c
i,370,400,c
j,220,300,c
j,355,375,c
j,400,420,c
i,180,240,k
i,300,350,k
j,180,240,k
j,300,350,k
CSV

expect 0 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450 --format json
lines "$WORK/out" 1
contains "$WORK/out" '"metric":"alpha-u"'
contains "$WORK/out" '"value":0.8586654'
contains "$WORK/out" '"n_units":9'
contains "$WORK/out" '"n_coders":2'
contains "$WORK/out" '"c":{"expected":0.0532217'
contains "$WORK/out" '"value":0.728598'
contains "$WORK/out" '"k":{"expected":0.0489785'
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert abs(d["per_code"]["c"]["value"]-0.7286)<5e-5 and d["per_code"]["k"]["value"]==1.0' "$WORK/out" \
        || fail "json per_code does not match Krippendorff (2004)"
fi

expect 0 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450
contains "$WORK/out" 'alpha-u = 0.858665'
contains "$WORK/out" 'c: 0.728599'
expect 0 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450 --format csv
contains "$WORK/out" '^code,value,observed,expected,n_units,reason$'
contains "$WORK/out" '^k,1,0,'

# A declared coder who marked nothing lowers agreement but is allowed.
expect 0 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450 --coders i,j,z --format json
contains "$WORK/out" '"n_coders":3'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["value"] < 0.8586' "$WORK/out" 2>/dev/null \
    || fail "a silent coder did not lower alpha-u"

# span-f1: exact, then with overlap 0.5 ([225,295) vs [220,300) overlap 70/80).
expect 0 agree --spans "$WORK/k.csv" --metric span-f1 --continuum 150,450 --format json
contains "$WORK/out" '"matched":2'
expect 0 agree --spans "$WORK/k.csv" --metric span-f1 --continuum 150,450 --overlap 0.5 --format json
contains "$WORK/out" '"matched":3'
contains "$WORK/out" '"precision":0.6'
contains "$WORK/out" '"recall":0.75'

# Only one coder: undefined data, exit 1 at the header.
printf 'coder,start,end,code\ni,1,5,c\n' >"$WORK/one.csv"
expect 1 agree --spans "$WORK/one.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'one.csv:1:1: error: fewer than 2 coders'
# Nobody marked anything: value null with a reason.
printf 'coder,start,end,code\n' >"$WORK/empty.csv"
expect 0 agree --spans "$WORK/empty.csv" --metric alpha-u --continuum 0,10 --coders a,b --format json
contains "$WORK/out" '"value":null'
contains "$WORK/out" '"reason":"no coder marked any span"'

# Bad input: exit 1 with FILE:LINE:COL.
printf 'coder,start,end,code\ni,1,5,c\nj,2,x,c\n' >"$WORK/nan.csv"
expect 1 agree --spans "$WORK/nan.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'nan.csv:3:5: error: end'
printf 'coder,start,end,code\ni,1,5,c\nj,2,4\n' >"$WORK/ragged.csv"
expect 1 agree --spans "$WORK/ragged.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'ragged.csv:3:5: error: ragged row'
printf 'coder,start,end,code\ni,1,5,c\nj,4,4,c\n' >"$WORK/rev.csv"
expect 1 agree --spans "$WORK/rev.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'rev.csv:3:3: error: empty or reversed span'
printf 'coder,start,end,code\ni,1,5,c\nj,4,12,c\n' >"$WORK/out.csv"
expect 1 agree --spans "$WORK/out.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'out.csv:3:5: error: span \[4,12) lies outside the continuum'
printf 'coder,begin,end,code\n' >"$WORK/hdr.csv"
expect 1 agree --spans "$WORK/hdr.csv" --metric alpha-u --continuum 0,10
contains "$WORK/err" 'hdr.csv:1:7: error: the header must be'
expect 1 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450 --coders i,x
contains "$WORK/err" 'k.csv:4:1: error: coder .j. is not in --coders'

# Usage errors: exit 2.
expect 2 agree --spans "$WORK/k.csv" --metric alpha-u
expect 2 agree --spans "$WORK/k.csv" --metric kappa --continuum 0,10
expect 2 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 10,0
expect 2 agree --spans "$WORK/k.csv" --metric alpha-u --continuum 150,450 --overlap 0.5
expect 2 agree --spans "$WORK/k.csv" --metric span-f1 --continuum 150,450 --overlap 1.5

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "agree --spans: all checks passed"
