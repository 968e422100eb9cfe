#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli agree --spans` end to end (docs/agreement.md "## Spans mode"): Krippendorff's
# (2004, p. 254) unitizing example as one JSON object, text and csv output, span-f1, a declared
# coder who marked nothing, usage errors (exit 2) and bad input (exit 1 with FILE:LINE:COL); the
# 2016 unitizing family (u-alpha-2016, binary-u-alpha, cu-alpha, Cu-alpha) with --domains,
# --domain and a seeded --bootstrap.
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

# Names with commas and quotes stay one CSV field each (RFC 4180), in both metrics' csv.
cat >"$WORK/names.csv" <<'CSV'
coder,start,end,code
"Smith, J.",0,5,"anger, involving"
"Lee ""K""",0,5,"anger, involving"
CSV
expect 0 agree --spans "$WORK/names.csv" --metric span-f1 --continuum 0,10 --format csv
contains "$WORK/out" '^"Smith, J.","Lee ""K""",1,1,1,1,1,1$'
expect 0 agree --spans "$WORK/names.csv" --metric alpha-u --continuum 0,10 --format csv
contains "$WORK/out" '^"anger, involving",1,'

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

# ---- The 2016 unitizing family (docs/agreement.md "The 2016 unitizing family").
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section B: observers A and
# B on 12 units, nominal alpha = 0.692. As spans one code point long, uα 2016 is that alpha.
{
    echo coder,start,end,code
    i=0; for v in a a b b d c c c e d d a; do echo "A,$i,$((i + 1)),$v"; i=$((i + 1)); done
    i=0; for v in b a b b b c c c e d d d; do echo "B,$i,$((i + 1)),$v"; i=$((i + 1)); done
} >"$WORK/k2011.csv"
expect 0 agree --spans "$WORK/k2011.csv" --metric u-alpha-2016 --continuum 0,12 --format json
lines "$WORK/out" 1
python3 - "$WORK/out" <<'PY' || fail "u-alpha-2016 of Krippendorff (2011) B"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["metric"] == "u-alpha-2016" and d["n_coders"] == 2, d
# The source's coincidence matrix: n = 24 values, 6 off-diagonal coincidences (units 1, 5, 12),
# sum of n_c n_k over c != k = 24^2 - (4^2 + 6^2 + 6^2 + 6^2 + 2^2) = 448.
assert abs(d["value"] - (1 - 23 * 6 / 448)) < 1e-12, d["value"]
assert "per_code" not in d and "per_domain" not in d and "ci_low" not in d, d
PY

# Two domains, three coders (the core test's data); coder c marked neg inside the topic "home".
cat >"$WORK/dom.csv" <<'CSV'
coder,start,end,code
a,0,10,pos
a,12,20,neg
a,5,25,work
a,30,50,home
b,1,10,pos
b,12,22,neg
b,5,28,work
b,31,45,home
c,0,8,pos
c,12,20,pos
c,0,25,work
c,30,40,work
c,40,44,neg
CSV
printf 'code,domain\npos,tone\nneg,tone\nwork,topic\nhome,topic\n' >"$WORK/codes.csv"
for m in u-alpha-2016 binary-u-alpha cu-alpha Cu-alpha; do
    expect 0 agree --spans "$WORK/dom.csv" --metric $m --continuum 0,60 --domains "$WORK/codes.csv" --format json
    cp "$WORK/out" "$WORK/$m.json"
    expect 0 agree --spans "$WORK/dom.csv" --metric $m --continuum 0,60 --domains "$WORK/codes.csv" --domain tone --format json
    cp "$WORK/out" "$WORK/$m-tone.json"
done
python3 - "$WORK" <<'PY' || fail "2016 family with domains"
import json, sys
w = sys.argv[1]
j = {m: json.load(open(f"{w}/{m}.json")) for m in ["u-alpha-2016", "binary-u-alpha", "cu-alpha", "Cu-alpha"]}
tone = {m: json.load(open(f"{w}/{m}-tone.json")) for m in j}
for m, d in j.items():
    assert d["metric"] == m and d["n_coders"] == 3, d
    assert set(d["per_domain"]) == {"tone", "topic"}, d
    # --domain tone alone gives the tone row of the full run.
    assert abs(tone[m]["value"] - d["per_domain"]["tone"]["value"]) < 1e-12, (m, tone[m])
    assert list(tone[m]["per_domain"]) == ["tone"], tone[m]
    assert "unassigned" not in tone[m], tone[m]  # --domain leaves the others out on purpose
    assert -1 <= d["value"] <= 1, d
# Per code: binary-u-alpha and cu-alpha only.
assert set(j["binary-u-alpha"]["per_code"]) == {"pos", "neg", "work", "home"}
assert set(j["cu-alpha"]["per_code"]) == {"pos", "neg", "work", "home"}
assert j["cu-alpha"]["per_code"]["pos"]["domain"] == "tone"
assert 0 < j["cu-alpha"]["per_code"]["pos"]["coverage"] <= 1
assert "per_code" not in j["u-alpha-2016"] and "per_code" not in j["Cu-alpha"]
# Cu-alpha pools the domains' cu-alpha; cu-alpha over both domains is the same number.
assert j["Cu-alpha"]["value"] == j["cu-alpha"]["value"]
assert "pooled over 2 domains" in j["cu-alpha"]["note"], j["cu-alpha"]
lo = min(v["value"] for v in j["Cu-alpha"]["per_domain"].values())
hi = max(v["value"] for v in j["Cu-alpha"]["per_domain"].values())
assert lo <= j["Cu-alpha"]["value"] <= hi, j["Cu-alpha"]
PY

# Bootstrap: seeded and reproducible; the interval brackets the value.
expect 0 agree --spans "$WORK/dom.csv" --metric Cu-alpha --continuum 0,60 --domains "$WORK/codes.csv" --bootstrap 500 --seed 7 --format json
cp "$WORK/out" "$WORK/boot1.json"
expect 0 agree --spans "$WORK/dom.csv" --metric Cu-alpha --continuum 0,60 --domains "$WORK/codes.csv" --bootstrap 500 --seed 7 --format json
cmp -s "$WORK/out" "$WORK/boot1.json" || fail "the same seed gave a different bootstrap"
python3 - "$WORK/boot1.json" <<'PY' || fail "bootstrap interval"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ci_low"] <= d["value"] <= d["ci_high"] and d["ci_low"] < d["ci_high"], d
assert "seed 7" in d["ci_method"], d
assert all("ci_low" in v for v in d["per_domain"].values()), d
PY

# Text and csv.
expect 0 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/codes.csv"
contains "$WORK/out" '^cu-alpha = '
contains "$WORK/out" '^  domain tone: '
contains "$WORK/out" '^    pos: .*coverage'
expect 0 agree --spans "$WORK/dom.csv" --metric binary-u-alpha --continuum 0,60 --domains "$WORK/codes.csv" --format csv
contains "$WORK/out" '^domain,code,value,observed,expected,ci_low,ci_high,n_units,reason$'
contains "$WORK/out" '^(all),(all),'
contains "$WORK/out" '^tone,(all),'
contains "$WORK/out" '^topic,home,'
lines "$WORK/out" 8

# Without --domains all codes are one domain: tone and topic overlap within coder a.
expect 0 agree --spans "$WORK/dom.csv" --metric u-alpha-2016 --continuum 0,60 --format json
contains "$WORK/out" '"value":null'
contains "$WORK/out" "coder 'a' marked"
contains "$WORK/out" 'the codes of a domain must be mutually exclusive'
# A coder who marked nothing, declared with --coders, is an all-gap coder.
expect 0 agree --spans "$WORK/dom.csv" --metric binary-u-alpha --continuum 0,60 --domains "$WORK/codes.csv" --coders a,b,c,d --format json
contains "$WORK/out" '"n_coders":4'
# A code no domain lists is left out and named.
printf 'code,domain\npos,tone\nneg,tone\n' >"$WORK/tone.csv"
expect 0 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/tone.csv" --format json
contains "$WORK/out" '"unassigned":\["home","work"\]'

# CODES.csv errors: exit 1 with FILE:LINE:COL.
printf 'code,group\npos,tone\n' >"$WORK/bad1.csv"
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/bad1.csv"
contains "$WORK/err" 'bad1.csv:1:6: error: the header must be code,domain'
printf 'code,domain\npos,tone\nneg,tone\npos,topic\n' >"$WORK/bad2.csv"
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/bad2.csv"
contains "$WORK/err" "bad2.csv:4:1: error: code 'pos' is listed twice"
printf 'code,domain\npos,tone\nneg\n' >"$WORK/bad3.csv"
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/bad3.csv"
contains "$WORK/err" 'bad3.csv:3:1: error: ragged row'
printf 'code,domain\npos, \n' >"$WORK/bad4.csv"
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/bad4.csv"
contains "$WORK/err" 'bad4.csv:2:5: error: empty domain'
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/codes.csv" --domain mood
contains "$WORK/err" "domain 'mood' is not a domain of .*(tone, topic)"
expect 1 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domains "$WORK/missing.csv"

# Usage errors of the family: exit 2.
expect 2 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --domain tone
expect 2 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --seed 3
expect 2 agree --spans "$WORK/dom.csv" --metric cu-alpha --continuum 0,60 --gamma-alpha 1
expect 2 agree --spans "$WORK/dom.csv" --metric alpha-u --continuum 0,60 --bootstrap 10
expect 2 agree --spans "$WORK/dom.csv" --metric alpha-u --continuum 0,60 --domains "$WORK/codes.csv"
expect 2 agree --spans "$WORK/dom.csv" --metric u-alpha-2016 --continuum 0,60 --weights linear
# gamma's own options (and the domain options) pass the spans-mode check for --metric gamma.
"$CLI" agree --spans "$WORK/dom.csv" --metric gamma --continuum 0,60 --gamma-alpha 1 --gamma-beta 1 \
    --gamma-empty 1 --sampler shuffle --samples 10 --seed 3 --domains "$WORK/codes.csv" \
    --domain tone >"$WORK/out" 2>"$WORK/err"
if grep -q 'apply to' "$WORK/err"; then fail "gamma options refused: $(cat "$WORK/err")"; fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "agree --spans: all checks passed"
