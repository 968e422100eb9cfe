#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli agree PROJECT` end to end (docs/agreement.md "## Project mode"): a project built
# with the CLI (coders a, b, master m; two transcripts), hand-checked master lines, JSON,
# disagreements with line numbers, --section, exit 1 (unknown coder) and exit 2 (table options);
# the 2016 unitizing family next to αu, per code, per transcript, pooled and per domain (the
# scheme's groups).
# Usage: agree_project_cli.sh ATTUNE_CLI SOURCE_DIR
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
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
lacks() { if grep -q -- "$2" "$1"; then fail "$1 has '$2': $(cat "$1")"; fi; }

P="$WORK/d.attune"
printf '[Q1]\nI: Tell me about your childhood.\nR: I dont remember anything.\n[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n' >"$WORK/t.txt"
expect 0 new "$P"
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
for c in a b m; do expect 0 coder add "$P" $c; done
expect 0 import "$P" "$WORK/t.txt" --participant T1
expect 0 import "$P" "$WORK/t.txt" --participant T2 --allow-duplicate   # one text, two cases
# Three-way: T1 F F F (F3, F3, F1); T2 E F E.
expect 0 classify "$P" T1 --coder a --category F3
expect 0 classify "$P" T1 --coder b --category F3
expect 0 classify "$P" T1 --coder m --category F1
expect 0 classify "$P" T2 --coder a --category E
expect 0 classify "$P" T2 --coder b --category F
expect 0 classify "$P" T2 --coder m --category E
expect 0 rate "$P" T1 --coder a --scale metacognition --value 5
expect 0 rate "$P" T1 --coder b --scale metacognition --value 6
expect 0 rate "$P" T2 --coder a --scale metacognition --value 3
expect 0 rate "$P" T2 --coder b --scale metacognition --value not-scorable
expect 0 code "$P" T1 --coder a --code lack-of-recall --lines 3-3
expect 0 code "$P" T1 --coder b --code lack-of-recall --lines 3-3
expect 0 code "$P" T1 --coder m --code idealization-mother --lines 6-6

expect 0 agree "$P" --master m
contains "$WORK/out" 'a agrees with m on 2 of 2 three-way classifications, 100.0%'
contains "$WORK/out" 'b agrees with m on 1 of 2 three-way classifications, 50.0%'
contains "$WORK/out" 'metacognition: 2 transcript(s), 1 not scorable'
# The master is compared with, never pooled: a and b agree on every passage.
lacks "$WORK/out" 'marked by m'
# The a-vs-b three-way confusion matrix, its columns under their labels (T2: a E, b F).
contains "$WORK/out" '^             F  Ds   E$'
contains "$WORK/out" '^         E   1   0   0$'

expect 0 agree "$P" --master m --format json
n=$(wc -l <"$WORK/out"); [ "$n" -eq 1 ] || fail "json is $n lines"
python3 - "$WORK/out" <<'PY' || fail "json figures, master"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["coders"] == ["a", "b"] and d["master"] == "m" and d["consensus"] is None, d
three = [c for c in d["classifications"] if c["collapsing"] == "aai-3way"][0]
# a and b only (the master is not pooled): T1 F/F, T2 E/F.
assert abs(three["percent"]["value"] - 1 / 2) < 1e-12, three["percent"]
assert three["kappa"]["metric"] == "cohen-kappa", three["kappa"]
assert [(p["coder_a"], p["agree"], p["n"]) for p in three["vs_master"]] == [("a", 2, 2), ("b", 1, 2)]
assert len(three["pairs"]) == 1 and three["vs_consensus"] == []
assert three["pairs"][0]["confusion"] == [[1, 0, 0], [0, 0, 0], [1, 0, 0]]
assert d["disagreements"] == []
PY
# Without a master, m is a coder like the others: all three pooled.
expect 0 agree "$P"
contains "$WORK/out" 'T1 lines 6 idealization-mother: marked by m, not by a b'
contains "$WORK/out" 'T1 lines 3 lack-of-recall: marked by a b, not by m'
expect 0 agree "$P" --format json
python3 - "$WORK/out" <<'PY' || fail "json figures"
import json, sys
d = json.load(open(sys.argv[1]))
three = [c for c in d["classifications"] if c["collapsing"] == "aai-3way"][0]
# Fleiss' P-bar: T1 all agree (1), T2 (E, F, E) one agreeing pair of three.
assert abs(three["percent"]["value"] - (1 + 1/3) / 2) < 1e-12, three["percent"]
assert three["vs_master"] == [] and len(three["pairs"]) == 3
assert len(d["disagreements"]) == 2
# The 2016 family: T1 is the one transcript all three coders coded.
rows = {(p["transcript"], p["code"]): p for p in d["passages"]}
t1 = rows[(1, None)]
assert t1["u_alpha_2016"]["metric"] == "u-alpha-2016" and "Cu_alpha" in t1, t1
pooled = rows[(None, None)]
assert pooled["u_alpha_2016"]["value"] == t1["u_alpha_2016"]["value"], pooled
recall = rows[(None, "lack-of-recall")]
assert recall["domain"] == "som-recall", recall
# a and b marked line 3, m did not: below 1, and (k)uα sees the a-b intersection only.
assert recall["binary_u_alpha"]["value"] < 1, recall
assert recall["cu_alpha"]["reason"].startswith("no expected disagreement"), recall
ideal = rows[(None, "idealization-mother")]
assert ideal["domain"] == "som-idealization", ideal
assert ideal["cu_alpha"]["reason"] == "no other coder's unit intersects a unit of this code", ideal
doms = {x["domain"]: x for x in d["domains"]}
assert doms["som-recall"]["codes"] == ["lack-of-recall"], doms
assert doms["som-idealization"]["codes"] == ["idealization-mother"], doms
assert doms["som-recall"]["binary_u_alpha"]["value"] == recall["binary_u_alpha"]["value"]
PY
expect 0 agree "$P" --master m
contains "$WORK/out" 'all transcripts / lack-of-recall: .*; binary-u-alpha .*(domain som-recall)'
contains "$WORK/out" 'all transcripts / all codes: .*; u-alpha-2016 .*; Cu-alpha '
contains "$WORK/out" '^Passage agreement per semantic domain'
contains "$WORK/out" 'aai-state-of-mind: som-recall: u-alpha-2016 '
# a and b alone agree exactly on lack-of-recall.
expect 0 agree "$P" --coders a,b --format json
python3 - "$WORK/out" <<'PY' || fail "2016 family for a, b"
import json, sys
d = json.load(open(sys.argv[1]))
rows = {(p["transcript"], p["code"]): p for p in d["passages"]}
assert rows[(None, "lack-of-recall")]["binary_u_alpha"]["value"] == 1, rows
assert rows[(None, None)]["u_alpha_2016"]["value"] == 1, rows
PY
expect 0 agree "$P" --coders a,b --format csv
contains "$WORK/out" '^passage,aai-state-of-mind,\*/lack-of-recall,a b,binary-u-alpha,1,'
contains "$WORK/out" '^domain,aai-state-of-mind,som-recall,a b,u-alpha-2016,1,'

# Two coders: Cohen's kappa, no master lines; a section limits passages.
expect 0 agree "$P" --coders a,b --section Q2 --format json
contains "$WORK/out" '"metric":"cohen-kappa"'
contains "$WORK/out" '"disagreements":\[\]'
expect 0 agree "$P" --coders a,b --format csv
contains "$WORK/out" '^part,scheme,item,coders,metric,value,n,detail$'

expect 1 agree "$P" --coders a,zz
contains "$WORK/err" "no coder 'zz'"
expect 1 agree "$P" --section Q7
expect 1 agree "$P" --scheme no-such-scheme
expect 0 agree "$P" --scheme aai-state-of-mind --transcripts T2 --master m --format json
contains "$WORK/out" '"transcripts":\[2\]'
expect 1 agree "$WORK/missing.attune"
expect 2 agree "$P" --metric cohen-kappa

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "agree PROJECT: all checks passed"
