#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli agree --table` end to end (docs/agreement.md "## Table mode"): one JSON object per
# run with the published values, text and csv output, usage errors (exit 2) and bad input
# (exit 1 with FILE:LINE:COL). Uses /usr/bin/python3 only to parse the JSON when present.
# Usage: agree_table_cli.sh ATTUNE_CLI
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

# Krippendorff (2011) reliability data: 12 units x 4 observers, empty = missing.
cat >"$WORK/k.csv" <<'CSV'
unit,A,B,C,D
1,1,1,,1
2,2,2,3,2
3,3,3,3,3
4,3,3,3,3
5,2,2,2,2
6,1,2,3,4
7,4,4,4,4
8,1,1,2,1
9,2,2,2,2
10,,5,5,5
11,,,1,1
12,,3,,
CSV

expect 0 agree --table "$WORK/k.csv" --metric krippendorff-alpha --format json
lines "$WORK/out" 1
contains "$WORK/out" '"metric":"krippendorff-alpha"'
contains "$WORK/out" '"value":0.7434'
contains "$WORK/out" '"n_units":11'
contains "$WORK/out" '"n_coders":4'
expect 0 agree --table "$WORK/k.csv" --metric krippendorff-alpha --level interval --format json
contains "$WORK/out" '"value":0.849'
expect 0 agree --table "$WORK/k.csv" --metric krippendorff-alpha --level ordinal --format text
contains "$WORK/out" 'krippendorff-alpha (ordinal) = 0.815'

# Bootstrap: CI present, same seed same interval.
expect 0 agree --table "$WORK/k.csv" --metric krippendorff-alpha --bootstrap 500 --seed 9 --format json
cp "$WORK/out" "$WORK/boot1"
contains "$WORK/out" '"ci_low":'
contains "$WORK/out" '"ci_high":'
expect 0 agree --table "$WORK/k.csv" --metric krippendorff-alpha --bootstrap 500 --seed 9 --format json
cmp -s "$WORK/out" "$WORK/boot1" || fail "bootstrap with the same seed differs"

if [ -x /usr/bin/python3 ]; then
    expect 0 agree --table "$WORK/k.csv" --metric fleiss-kappa --format json
    /usr/bin/python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert abs(o["value"] - 0.76117) < 5e-6, o
assert abs(o["se"] - 0.15302) < 5e-6, o
assert o["ci_high"] == 1.0 and o["n_units"] == 11 and o["n_coders"] == 4, o
' "$WORK/out" || fail "fleiss-kappa json: $(cat "$WORK/out")"
fi

# Shrout & Fleiss (1979) Table 2, ICC(3,1) = .71; csv output has a header and one row.
cat >"$WORK/sf.csv" <<'CSV'
unit,j1,j2,j3,j4
1,9,2,5,8
2,6,1,3,2
3,8,4,6,8
4,7,1,2,6
5,10,5,6,9
6,6,2,4,7
CSV
expect 0 agree --table "$WORK/sf.csv" --metric icc --form 3,1 --format csv
lines "$WORK/out" 2
contains "$WORK/out" '^icc,0.714'
expect 0 agree --table "$WORK/sf.csv" --metric icc --form 2,k --format json
contains "$WORK/out" '"form":"2,k"'
contains "$WORK/out" '"value":0.620'

# An ICC of exactly 0 whose double is -1.1e-16 (MSR = MSE): the text and CSV outputs print 0, not
# the floating-point residue.
printf 'unit,a,b,c\n1,2,1.5,2\n2,2,2.5,2\n' >"$WORK/icc0.csv"
expect 0 agree --table "$WORK/icc0.csv" --metric icc --format text
contains "$WORK/out" '^icc (2,1) = 0  95% CI'
expect 0 agree --table "$WORK/icc0.csv" --metric icc --format csv
contains "$WORK/out" '^icc,0,'

# Labels, declared categories (incl. an unused one) and a custom weight matrix.
cat >"$WORK/labels.csv" <<'CSV'
unit,ann,bob
u1,secure,secure
u2,"dismissing",preoccupied
u3,preoccupied,preoccupied
u4,secure,dismissing
u5,,secure
CSV
printf '1,0.5,0,0\n0.5,1,0.5,0\n0,0.5,1,0.5\n0,0,0.5,1\n' >"$WORK/w.csv"
expect 0 agree --table "$WORK/labels.csv" --metric cohen-kappa --categories secure,dismissing,preoccupied,unresolved --weights custom --weight-matrix "$WORK/w.csv" --format json
contains "$WORK/out" '"n_units":4'
contains "$WORK/out" '"weights":"custom"'
contains "$WORK/out" '"categories":\["secure","dismissing","preoccupied","unresolved"\]'

# RFC 4180 details: BOM, CRLF, quoted labels with a comma, a doubled quote and a line break.
printf '\357\273\277unit,ann,bob\r\n1,"a, b","a, b"\r\n2,"say ""hi""","say ""hi"""\r\n3,"two\r\nlines",x\r\n4,x,x\r\n' >"$WORK/rfc.csv"
expect 0 agree --table "$WORK/rfc.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.75'
contains "$WORK/out" '"categories":\["a, b","say \\"hi\\"","two\\nlines","x"\]'

# Records the fast path reads and records it hands back to the general one, mixed: a new label,
# cells to trim, a quoted cell, a lone CR, an empty cell, each after plain records.
printf 'unit,a,b\n1,x,x\n2,x,y\n3, y ,y\n4,"x",x\r5,,y\n6,z,z\n' >"$WORK/mixed.csv"
expect 0 agree --table "$WORK/mixed.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.8'
contains "$WORK/out" '"n_units":5'
contains "$WORK/out" '"categories":\["x","y","z"\]'
# After plain records: a repeated id (the ids stop being in order), a long row, a bad number.
printf 'unit,a,b\n1,1,1\n2,1,2\n2,2,2\n' >"$WORK/dup.csv"
expect 1 agree --table "$WORK/dup.csv" --metric icc
contains "$WORK/err" "dup.csv:4:1: error: unit '2' appears twice"
printf 'unit,a,b\n1,1,1\n2,1,2\n3,1,2,3\n' >"$WORK/long.csv"
expect 1 agree --table "$WORK/long.csv" --metric icc
contains "$WORK/err" 'long.csv:4:7: error: ragged row: 4 fields, the header has 3'
printf 'unit,a,b\r\n1,1,1\r\n2,1,2\r\n3,1,2x\r\n' >"$WORK/num.csv"
expect 1 agree --table "$WORK/num.csv" --metric icc
contains "$WORK/err" "num.csv:4:5: error: '2x' is not a number; icc needs numeric ratings"

# Undefined is a value: null with a reason, exit 0.
printf 'unit,a,b\n1,x,x\n2,x,x\n' >"$WORK/flat.csv"
expect 0 agree --table "$WORK/flat.csv" --metric cohen-kappa --format json
contains "$WORK/out" '"value":null'
contains "$WORK/out" '"reason":"no variation'

# Bad input: exit 1 with FILE:LINE:COL.
printf 'unit,a,b\n1,x,y\n2,x\n' >"$WORK/ragged.csv"
expect 1 agree --table "$WORK/ragged.csv" --metric cohen-kappa
contains "$WORK/err" 'ragged.csv:3:3: error: ragged row: 2 fields, the header has 3'
expect 1 agree --table "$WORK/labels.csv" --metric cohen-kappa --categories secure,preoccupied
contains "$WORK/err" "labels.csv:3:4: error: 'dismissing' is not a declared category"
expect 1 agree --table "$WORK/labels.csv" --metric icc
contains "$WORK/err" "labels.csv:2:4: error: 'secure' is not a number; icc needs numeric ratings"
expect 1 agree --table "$WORK/labels.csv" --metric krippendorff-alpha --level interval
contains "$WORK/err" "labels.csv:2:4: error: 'secure' is not a number"
printf 'unit,a\n1,x\n' >"$WORK/one.csv"
expect 1 agree --table "$WORK/one.csv" --metric fleiss-kappa
contains "$WORK/err" 'one.csv:1:1: error: fewer than 2 coders'
printf 'unit,a,b\n1,"x,y\n2,x,y\n' >"$WORK/quote.csv"
expect 1 agree --table "$WORK/quote.csv" --metric cohen-kappa
contains "$WORK/err" "quote.csv:2:3: error: unterminated quoted field"
printf 'unit,a,b\n1,x"y,z\n' >"$WORK/quote2.csv"
expect 1 agree --table "$WORK/quote2.csv" --metric cohen-kappa
contains "$WORK/err" "quote2.csv:2:4: error: a '\"' inside an unquoted field"
printf '1,0.5\n0.5,1,0\n' >"$WORK/wbad.csv"
expect 1 agree --table "$WORK/k.csv" --metric cohen-kappa --weights custom --weight-matrix "$WORK/wbad.csv"
contains "$WORK/err" 'wbad.csv:1:3: error: row has 2 weights, expected 5'
expect 1 agree --table "$WORK/nonexistent.csv" --metric icc
contains "$WORK/err" 'nonexistent.csv: error: cannot open the file'
# Hostile files: a windows-1252 label, a NUL byte, random bytes, a directory: exit 1 where the
# first bad byte is, never odd category names.
printf 'unit,a,b\n1,caf\351,x\n' >"$WORK/latin1.csv"
expect 1 agree --table "$WORK/latin1.csv" --metric cohen-kappa
contains "$WORK/err" 'latin1.csv:2:6: error: the file is not valid UTF-8'
printf 'unit,a,b\n1,x\000,y\n' >"$WORK/nul.csv"
expect 1 agree --table "$WORK/nul.csv" --metric cohen-kappa
contains "$WORK/err" 'nul.csv:2:4: error: a control character (byte 0)'
head -c 100000 /dev/urandom >"$WORK/junk.csv"
expect 1 agree --table "$WORK/junk.csv" --metric cohen-kappa
contains "$WORK/err" 'junk.csv:[0-9]*:[0-9]*: error: '
mkdir "$WORK/dir.csv"
expect 1 agree --table "$WORK/dir.csv" --metric cohen-kappa
contains "$WORK/err" 'dir.csv: error: is a directory'

# The one-pass reader (issue 16): what the old reader, which parsed the whole file before looking
# at it, decided is decided the same way.
# Numbers are one category per value, in numeric order, named by their first text ("9", "9.0").
printf 'unit,a,b\n1,10,10\n2,9,9.0\n3,2,10\n4,9,2\n' >"$WORK/num.csv"
expect 0 agree --table "$WORK/num.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.5'
contains "$WORK/out" '"categories":\["2","9","10"\]'
# More than 16 distinct labels (past the reader's linear lookup), in order of first appearance.
{ echo 'unit,a,b'; for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
    if [ "$i" = 20 ]; then echo "u$i,l$i,l01"; else echo "u$i,l$i,l$i"; fi; done; } >"$WORK/many.csv"
expect 0 agree --table "$WORK/many.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.95'
contains "$WORK/out" '"n_units":20'
contains "$WORK/out" '"categories":\["l01","l02","l03",'
contains "$WORK/out" '"l19","l20"\]'
# Labels of more than 7 bytes are looked up by their text, shorter ones packed: both mix.
printf 'unit,a,b\n1,secure-autonomous,secure-autonomous\n2,Ds,Ds\n3,secure-autonomous,Ds\n4,"Ds",E\n' >"$WORK/long.csv"
expect 0 agree --table "$WORK/long.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.5'
contains "$WORK/out" '"categories":\["secure-autonomous","Ds","E"\]'
# More than 16 one-byte labels: the 17th and later are found in the map.
{ echo "unit,a,b"; for l in a b c d e f g h i j k l m n o p q r s t; do echo "u$l,$l,$l"; done
  echo "uz,t,a"; } >"$WORK/bytes.csv"
expect 0 agree --table "$WORK/bytes.csv" --metric percent-agreement --format json
contains "$WORK/out" '"n_units":21'
contains "$WORK/out" '"value":0.952380952380952'
# A lone CR ends a record too, and does not start a new line for the column count.
printf 'unit,a,b\r1,x,x\r2,x,y\r' >"$WORK/cr.csv"
expect 0 agree --table "$WORK/cr.csv" --metric percent-agreement --format json
contains "$WORK/out" '"value":0.5'
printf 'unit,a,b\r1,x\r' >"$WORK/cr2.csv"
expect 1 agree --table "$WORK/cr2.csv" --metric percent-agreement
contains "$WORK/err" 'cr2.csv:1:12: error: ragged row: 2 fields, the header has 3'
# A row's shape outranks an earlier bad cell; a syntax error outranks both; a bad --categories
# outranks the cells.
printf 'unit,a,b\n1,x,y\n2,1,2\n3,1\n' >"$WORK/order1.csv"
expect 1 agree --table "$WORK/order1.csv" --metric icc
contains "$WORK/err" 'order1.csv:4:3: error: ragged row: 2 fields, the header has 3'
printf 'unit,a,b\n1,x\n2,"y,z\n' >"$WORK/order2.csv"
expect 1 agree --table "$WORK/order2.csv" --metric cohen-kappa
contains "$WORK/err" 'order2.csv:3:3: error: unterminated quoted field'
printf 'unit,a,b\n1,1,2\n2,1,x\n' >"$WORK/order3.csv"
expect 1 agree --table "$WORK/order3.csv" --metric cohen-kappa --categories 1,1
contains "$WORK/err" "repeated label '1'"
# Unit ids are compared trimmed, and a repeat is found however far apart (30,000 rows).
printf 'unit,a,b\nu1,1,1\n u1 ,2,2\n' >"$WORK/dup.csv"
expect 1 agree --table "$WORK/dup.csv" --metric cohen-kappa
contains "$WORK/err" "dup.csv:3:1: error: unit 'u1' appears twice"
awk 'BEGIN { print "unit,a,b"; for (i = 0; i < 30000; i++) print "u" i "," (i % 3) "," (i % 4);
             print "u7,1,1" }' >"$WORK/dupbig.csv"
expect 1 agree --table "$WORK/dupbig.csv" --metric cohen-kappa
contains "$WORK/err" "dupbig.csv:30002:1: error: unit 'u7' appears twice"
# Ids in increasing order (byte order, or shorter first) are checked against the one before;
# the first id out of order hands over to a hash of all so far. Each way a repeat is found at
# its line, and distinct ids in any order are all accepted.
printf 'unit,a,b\nu1,1,1\nu2,1,2\nu2,2,2\n' >"$WORK/dupnext.csv"
expect 1 agree --table "$WORK/dupnext.csv" --metric cohen-kappa
contains "$WORK/err" "dupnext.csv:4:1: error: unit 'u2' appears twice"
printf 'unit,a,b\na,1,1\nab,1,2\nb,2,2\nab,2,1\n' >"$WORK/dupbytes.csv"
expect 1 agree --table "$WORK/dupbytes.csv" --metric cohen-kappa
contains "$WORK/err" "dupbytes.csv:5:1: error: unit 'ab' appears twice"
printf 'unit,a,b\nb,1,1\nab,1,2\nabc,2,2\nc,2,1\nab,1,1\n' >"$WORK/duplength.csv"
expect 1 agree --table "$WORK/duplength.csv" --metric cohen-kappa
contains "$WORK/err" "duplength.csv:6:1: error: unit 'ab' appears twice"
awk 'BEGIN { print "unit,a,b";
             for (i = 0; i < 30000; i++) print "u" ((i * 7919) % 30000) "," (i % 3) "," (i % 4);
             print "u29999,1,1" }' >"$WORK/dupshuffled.csv"
expect 1 agree --table "$WORK/dupshuffled.csv" --metric cohen-kappa
contains "$WORK/err" "dupshuffled.csv:30002:1: error: unit 'u29999' appears twice"
head -n 30001 "$WORK/dupshuffled.csv" >"$WORK/shuffled.csv"
expect 0 agree --table "$WORK/shuffled.csv" --metric cohen-kappa --format json
contains "$WORK/out" '"n_units":30000'
# 100,000 units x 5 coders: the same alpha whatever the order of the rows or of the columns,
# and every unit counted.
awk 'BEGIN { srand(16); print "unit,c1,c2,c3,c4,c5";
             for (i = 0; i < 100000; i++) { t = int(rand() * 5) + 1; line = "unit-number-" i;
               for (c = 0; c < 5; c++) { r = rand(); v = r < 0.1 ? "" : (r < 0.75 ? t : int(rand() * 5) + 1);
                 line = line "," v }
               print line } }' >"$WORK/big.csv"
expect 0 agree --table "$WORK/big.csv" --metric krippendorff-alpha --format json
cp "$WORK/out" "$WORK/big.json"
contains "$WORK/out" '"n_coders":5'
{ head -n 1 "$WORK/big.csv"; tail -n +2 "$WORK/big.csv" | sort -r; } >"$WORK/big_rows.csv"
expect 0 agree --table "$WORK/big_rows.csv" --metric krippendorff-alpha --format json
cp "$WORK/out" "$WORK/big_rows.json"
awk -F, 'BEGIN { OFS = "," } { print $1, $6, $4, $2, $5, $3 }' "$WORK/big.csv" >"$WORK/big_cols.csv"
expect 0 agree --table "$WORK/big_cols.csv" --metric krippendorff-alpha --format json
cp "$WORK/out" "$WORK/big_cols.json"
if [ -x /usr/bin/python3 ]; then
    # Sums in another order may differ in the last bits, so the values are compared to 1e-12.
    for f in big_rows big_cols; do
        /usr/bin/python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert abs(a["value"] - b["value"]) < 1e-12 and a["n_units"] == b["n_units"], (a, b)
' "$WORK/big.json" "$WORK/$f.json" || fail "alpha changes with $f: $(cat "$WORK/$f.json")"
    done
    # n_units + n_dropped is every row; alpha by the textbook formula on the same file.
    /usr/bin/python3 -c '
import csv, json, sys
from collections import Counter
o = json.load(open(sys.argv[2]))
rows = list(csv.reader(open(sys.argv[1])))[1:]
assert o["n_units"] + o["n_dropped"] == len(rows) == 100000, o
n_c, o_ck = Counter(), Counter()
for r in rows:
    vals = [v for v in r[1:] if v]
    m = len(vals)
    if m < 2:
        continue
    for i, a in enumerate(vals):
        n_c[a] += 1
        for j, b in enumerate(vals):
            if i != j and a != b:
                o_ck[a, b] += 1.0 / (m - 1)
n = sum(n_c.values())
d_o = sum(o_ck.values()) / n
d_e = sum(n_c[a] * n_c[b] for a in n_c for b in n_c if a != b) / (n * (n - 1))
assert abs(o["value"] - (1 - d_o / d_e)) < 1e-9, (o["value"], 1 - d_o / d_e)
' "$WORK/big.csv" "$WORK/big.json" || fail "alpha on 100000x5: $(cat "$WORK/big.json")"
fi

# Usage errors: exit 2.
expect 2 agree --table "$WORK/k.csv"
contains "$WORK/err" 'needs --metric'
expect 2 agree --table "$WORK/k.csv" --metric kappa-of-doom
expect 2 agree --table "$WORK/k.csv" --metric icc --form 4,1
expect 2 agree --table "$WORK/k.csv" --metric cohen-kappa --weights custom
contains "$WORK/err" 'needs --weight-matrix'
expect 2 agree --table "$WORK/k.csv" --metric icc --level ordinal
expect 2 agree --table "$WORK/k.csv" --metric krippendorff-alpha --bootstrap 0

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "agree --table: all checks passed"
